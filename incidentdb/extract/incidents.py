"""From sentences to incidents: which mentions are events, which belong together, and what each
incident's place, date, weapons, casualties and sources are.

Reports follow a few shapes: a lead sentence states the event and later sentences add detail
(quotes, casualties, the time); a ministry tally lists regions with counts; a second event is
introduced with "separate", "another", "meanwhile"; and filler (history, trends, captions,
speculation) names weapons without stating an event. The rules here follow those shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from itertools import combinations
from zoneinfo import ZoneInfo

from ..vocabulary import Kind
from . import dates as D
from . import fastre
from .casualties import Figure, find_casualties
from .model import CasualtyFigure, Incident, Reporter, Span, WeaponFigure
from .places import (
    _CITY_STATES,
    Place,
    city_in_region,
    find_places,
    fold,
    gazetteer_region,
    region_conflicts,
    region_of_city,
    same_name,
    timezone_for,
    town_size,
    well_known,
)
from .reporters import Source, find_sources
from .text import (
    NUMBER,
    Sentence,
    load_patterns,
    load_table,
    parse_number,
    read_pattern_file,
    sentences,
)
from .weapons import Mention, find_weapons, generic_names, head_noun_figures, referring_figures

# --------------------------------------------------------------------------- sentence analysis


@lru_cache(maxsize=1)
def _lex() -> dict:
    lex = load_table("lexicon.json")

    def rx(key: str) -> re.Pattern:
        return fastre.compile(r"(?i)(?:" + "|".join(lex[key]) + r")")

    return {
        "caption": rx("caption_markers"),
        "series": rx("series_markers"),
        "total": rx("total_markers"),
        "reference": rx("reference_markers"),
        "speculation": rx("speculation_markers"),
        "delivery": rx("delivery_markers"),
        "newevent": fastre.compile(
            r"(?i)\b(?:" + "|".join(lex["new_event_markers"]) + r")|\btoo\b"),
        "attack": fastre.compile(r"(?i)\b(?:" + "|".join(lex["attack_words"]) + r")\b"),
        "debris": fastre.compile(r"(?i)\b(?:" + "|".join(lex["debris_words"]) + r")\b"),
        "damage": fastre.compile(r"(?i)\b(?:" + "|".join(lex["damage_words"]) + r")"),
        "nodamage": fastre.compile(r"(?i)\b(?:" + "|".join(lex["no_damage"]) + r")"),
    }


_PAST = fastre.compile(
    r"(?i)\b(?:(?:intercept|destroy|down|repell|repuls|launch|attack|target|damag|injur|wound|"
    r"kill|suppress|jamm|neutraliz|neutralis|eliminat|explod|dropp|land|record|detect|strik|"
    r"fail|shell|bomb|crash|fir|us|caus|forc|spark|trigger|hamper|sustain|slamm|smash|ramm|"
    r"plough|plow)ed|shot\s+down|brought\s+down|struck|hit|came\s+under|"
    r"went\s+out\s+of\s+control|came\s+down|fell|blew\s+up|took\s+place|occurred|"
    r"set\s+(?:fire|ablaze|alight)|found|discovered)\b"
)
_DATELINE = fastre.compile(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?:[ ,]+(?:and\s+)?[A-Z][A-Z.'’-]{2,})*)"
    rf"(?:[,.]\s*(?:{D.MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\.?\s*"
    r"(?:/[A-Za-z-]+/\.?|\([A-Za-z-]{2,}\))?\s*[–—-]?\s*"
)
_DATELINE_DATED = fastre.compile(
    rf"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?(?:,\s*[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)?\s*[–—-]\s*"
    rf"(?:{D.MONTH})\s+\d{{1,2}},\s*\d{{4}}\s*[–—-]\s*"
)
_DATELINE_REST = fastre.compile(
    rf"(?:{D.MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*(?:\([A-Za-z -]{{2,}}\))?\s*[–—-]\s*"
)
_BACKGROUND = fastre.compile(
    r"(?i)\b(?:invaded|full-scale invasion|began (?:its|the) (?:special )?military operation|"
    r"announced the (?:launch|start) of (?:a|the) (?:special )?military operation|"
    r"launch of (?:a|the) (?:special )?military operation|annexed in)\b"
)
_COUNTRYWIDE = fastre.compile(
    r"(?i)\b(?:throughout|across|all over|around)\s+(?:the\s+)?(?:country|Ukraine|Russia)\b"
    r"|\b(?:numerous|many|several|multiple)\s+(?:\w+\s+)?(?:cities|settlements|regions|towns)\b"
)
_LAUNCH_VERB = fastre.compile(
    r"(?i)\b(?:launch\w*|fired|firing|took off|attacked|flew|flying|sent)\b")
_LAUNCH_SITE = fastre.compile(
    r"(?i)\bfrom\s+(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?|territory\s+of\s+(?:the\s+)?|"
    r"(?:temporarily\s+)?occupied\s+|areas?\s+of\s+(?:the\s+)?|"
    r"(?:[a-z]+ern\s+)?(?:coast|shore|waters)\s+of\s+(?:the\s+)?)?$"
    # "fired from Tu-95MS bombers over the Caspian Sea", "from ships in the Black Sea"
    r"|\bfrom\s+(?:the\s+)?(?:(?!(?:were|was|and|\w+ed)\b)[\w-]+\s+){1,3}"
    r"(?:over|in|off)\s+(?:the\s+)?$"
    # 'fired from "Houthi controlled areas in Yemen"', "from rebel-held parts of"
    r"|\bfrom\s+[\"“]?(?:[\w-]+\s+){0,3}(?:areas?|parts?|territor(?:y|ies))\s+(?:of|in)\s+(?:the\s+)?$"
)
_SHELLING = fastre.compile(r"(?i)\b(?:shell(?:ed|ing|s)?|artillery|mortars?|tank fire|MLRS fire)\b")
_LAUNCH_LIST = fastre.compile(
    r"\b(?:launched\s+)?from\s+(?:the\s+)?(?:(?:airspace|direction|territory|area)\s+of\s+(?:the\s+)?)?"
    r"(?:[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*(?:\s+(?:region|oblast|Oblast|Region|krai|Krai))?"
    r"(?:,\s*|\s+and\s+)?)+(?:\s*(?:of|in)\s+(?:[A-Z][\w'’]+))?"
)
_HITS_RECORDED = fastre.compile(
    r"(?i)\b(?:hits?|impacts?|strikes?)\s+(?:were|was|have\s+been|had\s+been)\s+"
    r"(?:recorded|reported|registered)"
)
_METONYM = fastre.compile(r"(?:\bby|\bfrom|\bagainst|\bwith)\s+$")
# "Bucharest declared a pre-alert", "Moscow says": a capital speaking for its government
_GOVERNMENT_VERB = fastre.compile(
    r"\s+(?:has\s+|had\s+)?(?:said|says|declared|announced|responded|replied|insisted|stated|"
    r"rejected|refused|agreed|signed|offered|proposed|demanded)\b")


_TO_A_BEFORE = fastre.compile(r"(?i)\b(?:to|in|at)\s+(?:a|the)\s+$")
_HOSPITAL_AFTER = fastre.compile(r"(?i)\s+(?:hospital|clinic|burns?\s+(?:centre|center|unit))\b")
# "X said" after anything but a preposition or article: X is a person, not a town
_WORD_OF_PLACE_BEFORE = fastre.compile(
    r"(?i)\b(?:of|in|at|on|near|from|over|for|to|by|the|and)\s*$")


@lru_cache(maxsize=1)
def _capital_names() -> frozenset[str]:
    return frozenset([*load_table("regions.json")["capitals"].values(), "Kiev"])
_QUOTE_OPEN = "\"“"
_THE_ATTACK = fastre.compile(r"(?i)(?:the|this|that)\s+(?:\w+\s+)?(?:attack|strike|assault|raid)\b")
_ANAPHORA = fastre.compile(
    r"(?i)\b(?:at|on|in|over|near|into)\s+the\s+(?:city|town|village|settlement)\b"
)
_SUPERLATIVE = fastre.compile(
    r"(?i)\b(?:largest|biggest|deadliest|heaviest|worst|most\s+\w+)\s+[^.;]{0,80}?"
    r"(?:\bsince\b.*$|\bin\s+(?:(?:nearly|almost|more\s+than|over|about)\s+)?"
    r"(?:a|\w+)\s+(?:years?|months?|weeks?)\b)"  # "the biggest attack in nearly a year"
)
_HIT_SAID = fastre.compile(
    r"(?i)\b(?:hit|struck|strikes?|landed|exploded|crashed into|attacked|caused|sparking|sparked|"
    r"set\s+(?:fire|ablaze)|started\s+a\s+fire)\b"
)
_REFERS_BACK = fastre.compile(r"(?i)(?:of\s+(?:these|them|which)|among\s+them|including)\b")
_UTC_ASIDE = fastre.compile(r"\([^()]{0,40}\b(?:GMT|UTC)\b[^()]{0,40}\)")
# "Moscow time", "the Kyiv regime", "Kyiv says": a name used for a clock or a government
_NOT_A_PLACE_AFTER = fastre.compile(
    r"(?i)\s+(?:time|regime|(?:has\s+|had\s+)?(?:\w+ly\s+)?(?:blamed|accused|denied|warned|claimed|insist\w*|"
    r"vowed|threatened|summoned|condemned|demanded|protested)"
    # "Soroka Medical Center in Be'er Sheva": a building named after someone, not a town
    r"|(?-i:Medical\s+Cent(?:er|re)|Hospital|Mosque|Cathedral|Church|University|Stadium|Mall|"
    r"Park|Square|Avenue|Boulevard|Theat(?:er|re))|museums?)\b"
)
# "According to Warsaw, the missile fell in ...": the government, not a place of the event
_ACCORDING_TO = fastre.compile(r"(?i)\baccording\s+to\s+$")
_ACCORDING_END = fastre.compile(r"\s*[,.;]")
# "the Black Sea port of Tuapse", "the Black Sea coast": the sea only describes the place
_SEA_AS_ADJECTIVE = fastre.compile(r"(?i)\s+(?:port|coast|resort|city|town|fleet|region)\b")
# "the coalition led by Riyadh", "the Houthis of Yemen": a name for who acts, not where
_ACTOR = fastre.compile(
    r"(?i)(?:" + "|".join(load_table("lexicon.json")["actor_markers"]) + r")")
_SEAT = fastre.compile(  # "the Defence Ministry in Chisinau said": where the source sits
    r"(?i)\b(?:ministry|ministries|government|authorities|embassy|officials|prosecutors?|"
    r"(?:general\s+)?staff|headquarters|spokes(?:man|woman|person))\s+in\s+$"
)


class Mark(StrEnum):
    """What a sentence is, read before segmentation. The first group are roles that keep a
    sentence out of every incident; the rest say what it contributes."""

    CAPTION = "caption"  # a photo caption's paragraph
    TIMESTAMP = "timestamp"  # a publication or live-blog time stamp
    SERIES = "series"  # a series, trend or cumulative total, not one event
    REFERENCE = "reference"  # "the first such attack since June": a reference point
    SPECULATION = "speculation"  # "could", "may": no event happened
    DELIVERY = "delivery"  # arms deliveries, production
    BACKGROUND = "background"  # history: other years, "previously:"
    SHELLING = "shelling"  # artillery, out of scope
    LAUNCHSITE = "launchsite"  # where weapons were launched from
    ANCHOR = "anchor"  # can open an incident
    NEWEVENT = "newevent"  # "another", "separately", "also": a new event is starting
    REFERS = "refers"  # "Of these, 60 ...": figures about the weapon named before
    DAMAGE = "damage"
    HITS = "hits"  # hits recorded at sites: damage the attack caused
    DEBRIS = "debris"  # falling debris: damage that keeps an interception one
    NODAMAGE = "nodamage"
    QUOTE = "quote"
    SPEECH = "speech"  # a source speaks
    COUNTRYWIDE = "countrywide"  # "across the country"


_REJECTING = frozenset({Mark.CAPTION, Mark.TIMESTAMP, Mark.SERIES, Mark.REFERENCE,
                        Mark.SPECULATION, Mark.DELIVERY, Mark.BACKGROUND, Mark.SHELLING})


@dataclass
class Info:
    sent: Sentence
    masks: list[tuple[int, int]]
    weapons: list[Mention]
    places: list[Place]
    dates: list[D.DatePhrase]
    time: tuple[str, int, int] | None
    casualties: list[Figure]
    sources: list[Source]
    channel: str | None
    flags: set[Mark] = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.sent.text

    def attackers(self) -> list[Mention]:
        return [w for w in self.weapons if w.role == "attacker"]


_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
_SHOUTED_LINE = re.compile(r"[A-Z][A-Z .'’-]{2,}\.")  # "KYIV.": a dateline cut at its stop
_CAPITALS3 = re.compile(r"[A-Z]{3}")
_DELIVERY_OUTCOME = fastre.compile(
    r"(?i)shot down|destroyed|intercepted|\bhit\b|struck|killed|injured")
_LAUNCHED_FROM = fastre.compile(r"(?i)\b(?:launched|fired)\s+from\b")
_BACKGROUND_LEAD = re.compile(
    r"(?i)(?:background|reminder|recall|for reference|context|previously)\s*:")
_QUOTE_WORD = re.compile(r"(?i)quote\b")
_SPEECH = fastre.compile(
    r"(?i)\b(?:said|says|stated|reported|announced|wrote|posted|told|confirmed|"
    r"added|noted|specified|according to|citing|claimed)\b|^Source:")
_IN_YEAR = re.compile(r"(?i)\b(?:in|since|during|of)\s+(?:\w+\s+)?((?:19|20)\d\d)\b")
_DEMONYM_SPACE = fastre.compile(
    r"\b([A-Z][a-z]+)(?:['’]s)?\s+(?:airspace|skies|territory|regions|soil|cities)\b")
_SPACE_OF = fastre.compile(r"\b(?:airspace|skies|territory)\s+of\s+([A-Z][a-z]+)")


_AFTER_CLAUSE = fastre.compile(
    r"^(?:(?:One|A|Two|Three|Four|Five|Several|\d+)\s+(?:days?|hours?|weeks?)|Hours|Days|Weeks|"
    r"Shortly|Just|Soon)\s+after\s+[^,;.]{10,200},")


def _is_timestamp(text: str) -> bool:
    """'10 October 2022, 12:15 PM', 'Updated ... at 3:39 PM CDT': publication stamps, not text."""
    return bool(_DIGIT.search(text)) and not _LOWER_WORD.search(
        text.replace("last updated", "").replace("updated", "").replace("published", "")) \
        and len(text.split()) <= 10


def analyse(doc_body: str, published: date | None) -> list[Info]:
    """Every sentence with its mentions (places, dates, weapons, casualties, sources) and the
    flags that say what kind of sentence it is."""
    infos: list[Info] = []
    lex = _lex()
    sents = sentences(doc_body)
    caption_lines = {s.para for s in sents if lex["caption"].search(s.text)}
    known: dict[str, Place] = {}
    prev_dateline = False
    for s in sents:
        text = s.text
        fastre.prepare(text)  # which rules can match it: one scan, not one test per rule
        masks = _dateline_masks(s, prev_dateline)
        prev_dateline = s.line_start and bool(_SHOUTED_LINE.fullmatch(text))
        sources = find_sources(text)
        masks += [(s.start + src.start, s.start + src.end) for src in sources]
        # "(22:12 GMT on Sunday)": the same moment again
        masks += [(s.start + m.start(), s.start + m.end()) for m in _UTC_ASIDE.finditer(text)]
        # "One day after Russia said drones struck Moscow, a fire at the Afipsky refinery ...":
        # the leading clause is a reference point, not where this event is
        masks += [(s.start + m.start(), s.start + m.end()) for m in _AFTER_CLAUSE.finditer(text)]
        places = _event_places(s, masks, known)
        for p in places:
            if p.kind == "place" and p.lat is None and " " in p.text and p.text not in known:
                known[p.text] = p  # a village named once is the same village later on
        dts = [d for d in D.find_dates(text, published, s.start)
               if not any(a <= d.start < b for a, b in masks)]
        weapons, refers = _sentence_weapons(s, infos)
        info = Info(s, masks, weapons, places, dts, D.find_time(text),
                    find_casualties(text), sources, _channel_of(text, sources))
        if refers:
            info.flags.add(Mark.REFERS)
        if s.para in caption_lines:
            info.flags.add(Mark.CAPTION)
        _scope_flags(info, lex, published)
        _content_flags(info, lex, places)
        infos.append(info)
    return infos


def _dateline_masks(s: Sentence, prev_dateline: bool) -> list[tuple[int, int]]:
    """'KYIV, Aug 5 (Reuters) -': a dateline's city is where the story was filed."""
    if s.line_start:
        dl = _DATELINE.match(s.text)
        if dl and dl.end() > 3 and _CAPITALS3.search(dl.group(0)):
            return [(s.start, s.start + dl.end())]
        dl = _DATELINE_DATED.match(s.text)  # "Bucharest, Romania – September 13, 2025 –"
        if dl:
            return [(s.start, s.start + dl.end())]
    elif prev_dateline:  # "MOSCOW. May 5 (Interfax) -": the splitter cut after the city
        dl = _DATELINE_REST.match(s.text)
        if dl:
            return [(s.start, s.start + dl.end())]
    return []


def _channel_of(text: str, sources: list) -> str | None:
    chan = next((x.channel for x in sources if x.channel), None)
    if chan is None:
        from .reporters import _tables

        cm = _tables()[3].search(text)
        if cm and cm.group(0) in ("Telegram", "social media", "Facebook", "Twitter"):
            chan = _tables()[4][cm.group(0)]
    return chan


def _event_places(s: Sentence, masks: list[tuple[int, int]],
                  known: dict[str, Place]) -> list[Place]:
    """The places a sentence puts events in: not a seat ('the Kremlin said'), not a launch
    site, not a sea used as an adjective, not a capital standing for its government."""
    text = s.text

    def kept(p: Place) -> bool:
        before, after = text[:p.start - s.start], text[p.end - s.start:]
        return not (_names_no_place(p, before, after) or _names_a_speaker(p, before, after))

    places = [p for p in find_places(text, s.start, masks, known) if kept(p)]
    if _LAUNCH_VERB.search(text):
        sites = [m.span() for m in _LAUNCH_LIST.finditer(text)]
        places = [p for p in places if not _LAUNCH_SITE.search(text[:p.start - s.start])
                  and not any(a <= p.start - s.start < b for a, b in sites)]
    return places


def _names_no_place(p: Place, before: str, after: str) -> bool:
    """A seat ('the Kremlin said'), an actor, a source, a sea as an adjective, a hospital."""
    if _SEAT.search(before) or _NOT_A_PLACE_AFTER.match(after) or _ACTOR.search(before):
        return True
    if _ACCORDING_TO.search(before) and _ACCORDING_END.match(after):
        return True
    if p.kind == "sea" and _SEA_AS_ADJECTIVE.match(after):
        return True
    # "died on the way to a Moscow hospital": where the wounded were taken
    return bool(_TO_A_BEFORE.search(before) and _HOSPITAL_AFTER.match(after))


def _names_a_speaker(p: Place, before: str, after: str) -> bool:
    """A governor named like a town ("Alexander Gusev said"), or a capital standing for its
    government ("Bucharest declared", "sent by Moscow")."""
    if p.kind != "place":
        return False
    capital = p.text in _capital_names()
    if not capital:
        return bool(_GOVERNMENT_VERB.match(after)) and not _WORD_OF_PLACE_BEFORE.search(before)
    return p.lat is not None and bool(_GOVERNMENT_VERB.match(after) or (
        _METONYM.search(before) and p.country in ("RU", "UA", "BY", "PL")))


def _sentence_weapons(s: Sentence, infos: list[Info]) -> tuple[list[Mention], bool]:
    """The weapons a sentence names, and the figures that refer back to the weapon named
    before ('Of these, 60 ...', 'Among them, 12 ...'), even across a paragraph break."""
    text = s.text
    weapons = find_weapons(text)
    near = infos and infos[-1].attackers() and (infos[-1].sent.para == s.para or (
        _REFERS_BACK.match(text) and s.para - infos[-1].sent.para <= 2))
    if not near:
        return weapons, False
    named = infos[-1].attackers()
    # "36 Shahed-136/131 drones ... shot down every one of them": the counted name of that weapon
    ref = next((w for w in reversed(named) if w.quantity and w.category == named[-1].category),
               named[-1])
    back = referring_figures(text, ref)
    weapons = back + weapons
    if not weapons:
        weapons = head_noun_figures(text, named[-1])
    return weapons, bool(back)


def _scope_flags(info: Info, lex: dict, published: date | None) -> None:
    """Whether the sentence reports this event at all: a series, a reference point,
    speculation, a delivery, shelling, a launch site, history."""
    f, text = info.flags, info.text
    if _is_timestamp(text):
        f.add(Mark.TIMESTAMP)
    has_figure = any(w.quantity for w in info.weapons) or any(c.count for c in info.casualties)
    # "the largest attack since the start of the invasion" compares; it is no history
    plain = _SUPERLATIVE.sub("", text) if has_figure else text
    dated = any(not d.reporting and d.value is not None for d in info.dates)
    if lex["series"].search(plain) or (lex["total"].search(plain) and not info.casualties
                                       and not dated):  # "a total of 147 ... overnight"
        f.add(Mark.SERIES)  # "in total, 279 people were injured" is one event's total
    if lex["reference"].search(text):
        f.add(Mark.REFERENCE)
    if lex["speculation"].search(text) and not has_figure:
        f.add(Mark.SPECULATION)
    if lex["delivery"].search(text) and not _DELIVERY_OUTCOME.search(text):
        f.add(Mark.DELIVERY)
    if _SHELLING.search(text) and not info.attackers():
        f.add(Mark.SHELLING)  # artillery is out of scope
    _history_flags(info, plain, published)


_SINCE = fastre.compile(r"(?i)\bsince\b")


def _history_flags(info: Info, plain: str, published: date | None) -> None:
    """Where drones were launched from, and events of other years."""
    f, text = info.flags, info.text
    if _LAUNCHED_FROM.search(text) and not info.casualties \
            and not any(w.outcome in ("destroyed", "intercepted", "hit") or w.quantity
                        for w in info.weapons):
        f.add(Mark.LAUNCHSITE)
        info.places = []  # where they were launched from is not where the incident was
    since = _SINCE.search(text) if _THE_ATTACK.match(text) else None
    if since is not None and not info.casualties and not info.weapons:
        # "The strike early Wednesday ranks among the deadliest since Moscow began its
        # full-scale invasion in February 2022": the war is the yardstick, the strike the event
        info.places = [p for p in info.places if p.start - info.sent.start < since.start()]
        return
    if _BACKGROUND.search(plain) or _old_year(info, published) \
            or _BACKGROUND_LEAD.match(text):
        f.add(Mark.BACKGROUND)


def _content_flags(info: Info, lex: dict, places: list[Place]) -> None:
    """What the sentence says: a new event, damage, debris, a quote, speech, and whether it
    can anchor an incident."""
    f, text = info.flags, info.text
    if lex["newevent"].search(text):
        f.add(Mark.NEWEVENT)
    if _HITS_RECORDED.search(text):
        f.update((Mark.DAMAGE, Mark.HITS))
    if lex["debris"].search(text):
        f.add(Mark.DEBRIS)
    if lex["nodamage"].search(text):
        f.add(Mark.NODAMAGE)
    elif lex["damage"].search(text):
        f.add(Mark.DAMAGE)
    if text[:1] in _QUOTE_OPEN or _QUOTE_WORD.match(text):
        f.add(Mark.QUOTE)
    if _SPEECH.search(text):
        f.add(Mark.SPEECH)
    if _COUNTRYWIDE.search(text):
        f.add(Mark.COUNTRYWIDE)
    if _is_anchor(info, lex, places):
        f.add(Mark.ANCHOR)


def _is_anchor(info: Info, lex: dict, places: list[Place]) -> bool:
    """A sentence that can open an incident: weapons with a figure or a past verb, or an
    attack word with a place, a new-event marker, casualties or a day. ``places`` are the
    sentence's places even when a launch site took them off the incident."""
    past = bool(_PAST.search(info.text))
    attack = bool(lex["attack"].search(info.text))
    real_places = [p for p in places if p.kind != "country"]
    if info.attackers() and (past or any(c.count for c in info.casualties)
                             or any(w.quantity for w in info.attackers())):
        return True
    if attack and past and (real_places or Mark.NEWEVENT in info.flags or info.casualties):
        return True
    # "Explosions rocked Melitopol overnight"
    return attack and bool(info.attackers() or real_places) \
        and any(not d.reporting for d in info.dates)


def _old_year(info: Info, published: date | None) -> bool:
    """An explicit date in an earlier year than the report: history."""
    if published is not None:
        for m in _IN_YEAR.finditer(info.text):
            year = int(m.group(1))
            if year < published.year - 1 or (year < published.year and published.month > 2):
                return True  # (a report early in January may still speak of December)
    for d in info.dates:
        if d.year_source == "text" and d.value and published and \
                d.value.year < published.year and (published - d.value).days > 60:
            return True
    return False


def rejected(info: Info) -> bool:
    return bool(info.flags & _REJECTING)


# --------------------------------------------------------------------------- locations


@dataclass
class Loc:
    place: Place | None = None
    admin1: Place | None = None
    country: str | None = None
    multi: bool = False
    countrywide: bool = False

    @property
    def empty(self) -> bool:
        return self.place is None and self.admin1 is None and self.country is None

    @property
    def specific(self) -> bool:
        return self.place is not None or self.admin1 is not None


# "drones made in Iran": where a weapon comes from, not where the event is
_ORIGIN = fastre.compile(r"(?i)\b(?:made|produced|manufactured|built|designed|developed|supplied)"
                     r"\s+(?:\w+\s+)?in\s+$")


def _airspace_country(text: str) -> str | None:
    from .places import _patterns

    p = _patterns()
    m = _DEMONYM_SPACE.search(text)
    if m and m.group(1) in p["demonyms"]:
        return p["demonyms"][m.group(1)]
    m = _SPACE_OF.search(text)
    if m and m.group(1) in p["demonyms"]:
        return p["demonyms"][m.group(1)]
    return None


_IN_COUNTRY = fastre.compile(
    r"(?i)\b(?:in|over|across|throughout|into|on|at|against|above|inside|entered|entering|"
    r"violated|violating|penetrated)\s+"
    r"(?:(?:the|and|central|[a-z]+ern|north\w*|south\w*|east\w*|west\w*|neighbou?ring|"
    r"various|several|many|parts|regions|areas|of)"
    r"[\s,]+)*$"
)


def sentence_loc(info: Info, used: list[Loc] | None = None) -> Loc:
    """The location a sentence states: the most specific place, its region and country."""
    settlements = [p for p in info.places if p.kind in ("place", "sea")]
    districts = [p for p in info.places if p.kind == "district"]
    regions = [p for p in info.places if p.kind == "admin1"]
    several = _several_places(regions, settlements, Mark.COUNTRYWIDE in info.flags)
    if several is not None:
        return several
    settlements = _new_settlements(info, settlements, used)
    place = settlements[0] if settlements else (districts[0] if districts else None)
    admin1 = regions[0] if regions else None
    if place is not None and admin1 is not None and region_conflicts(place, admin1):
        # two places of one sentence ("the Odesa region ... and Kharkiv"): the first named
        place, admin1 = (place, None) if place.start < admin1.start else (None, admin1)
    if place is not None and admin1 is not None and place.lat is not None \
            and place.country != admin1.country:
        # the region the text names beats the gazetteer's namesake abroad ("Gora", Bryansk)
        place = Place(place.kind, place.text, place.start, place.end, admin1.country,
                      stem=place.stem, tz=admin1.tz)
    country = _sentence_country(info, place, admin1)
    return Loc(place, admin1, country, countrywide=Mark.COUNTRYWIDE in info.flags)


def _several_places(regions: list[Place], settlements: list[Place], wide: bool = False
                    ) -> Loc | None:
    """Two regions or three towns (two after "several cities, including"): a tally over
    several places, placed by country only."""
    region_keys = {r.stem.lower() if r.stem else r.text for r in regions}
    if len(region_keys) < 2 and len({s.stem for s in settlements}) < (2 if wide else 3):
        return None
    # regions named in the text outrank the gazetteer's guess for a village name
    cs = {p.country for p in (regions or settlements)}
    return Loc(country=cs.pop() if len(cs) == 1 else None, multi=True)


def _new_settlements(info: Info, settlements: list[Place], used: list[Loc] | None
                     ) -> list[Place]:
    """'Another drone hit Odesa': a new event's place is one not used before."""
    if not used or Mark.NEWEVENT not in info.flags or len(settlements) <= 1:
        return settlements
    fresh = [s for s in settlements if not any(
        u.place is not None and same_name(u.place.stem, s.stem) for u in used)]
    return fresh or settlements


def _sentence_country(info: Info, place: Place | None, admin1: Place | None) -> str | None:
    """The country of the place or region, else one the sentence puts the event in."""
    if place is not None and place.kind == "sea":
        return None
    country = next((p.country for p in (place, admin1) if p is not None and p.country), None)
    if country is not None:
        return country
    countries = _located_countries(info)
    if place is None and admin1 is None:
        return _airspace_country(info.text) or _own_airspace(info) \
            or (countries[0].country if countries else None)
    return countries[0].country if countries else None  # "a village ... in southern Moldova"


_OWN_AIRSPACE = fastre.compile(r"(?i)\b(?:the\s+country['’]s|its|their|national)\s+airspace\b")


def _own_airspace(info: Info) -> str | None:
    """"a drone entered the country's airspace, Romania's defence ministry said": the airspace
    of the country whose source speaks."""
    if not _OWN_AIRSPACE.search(info.text):
        return None
    said = next((s.country for s in info.sources if s.country), None)
    if said is not None:
        return said
    base = info.sent.start  # "..., Romania's ministry of Defense confirmed"
    return next((p.country for p in info.places if p.kind == "country"
                 and info.text.startswith(("'s ", "’s "), p.end - base)), None)


def _located_countries(info: Info) -> list[Place]:
    """Countries named where events happen ('over Poland', 'entered Lithuania'), not where a
    weapon was made ('drones made in Iran')."""
    out = []
    for p in info.places:
        if p.kind != "country":
            continue
        at = p.start - info.sent.start
        if _IN_COUNTRY.search(info.text[max(0, at - 50):at]) \
                and not _ORIGIN.search(info.text[max(0, at - 30):at]):
            out.append(p)
    return out


def _loc_compatible(inc: Draft, loc: Loc) -> bool:
    """Whether a sentence's location can belong to the incident being built."""
    if loc.empty or inc.loc.empty:
        return loc.country is None or inc.loc.country is None or loc.country == inc.loc.country
    if loc.multi:
        return loc.country is None or inc.loc.country in (None, loc.country)
    if loc.place is not None and loc.place.kind == "district" and loc.admin1 is None:
        # a district is of the region or city the story is about, not of another town's
        return not _two_named(loc, inc.loc, "district") and not _another_towns_district(loc, inc)
    a, b = loc, inc.loc
    if _two_named(a, b, "place"):
        return False  # two settlements, even of one region, are two places
    if _same_place_or_region(a, b):
        return True
    if not a.specific and not b.specific:
        return a.country == b.country
    if not a.specific:
        return a.country in (None, b.country) and not inc.country_level
    return False


def _another_towns_district(loc: Loc, inc: Draft) -> bool:
    """"the Izmail district" beside a draft of Vylkove: the district around another town."""
    return inc.loc.place is not None and inc.loc.place.kind == "place" \
        and inc.loc.place.lat is not None and loc.place is not None \
        and _named_after_another_town(loc.place, inc.loc.place)


def _name(p: Place) -> str:
    return p.stem or p.text


def _in_the_current_region(loc: Loc, current: Draft | None) -> Loc:
    """"... communities of the Sumy region": a community named next is in that region too."""
    if current is None or loc.place is None or loc.place.kind != "district" \
            or loc.admin1 is not None or current.loc.admin1 is None \
            or loc.country not in (None, current.loc.country):
        return loc
    return Loc(loc.place, current.loc.admin1, current.loc.country or loc.country)


def _two_named(a: Loc, b: Loc, kind: str) -> bool:
    """Two settlements, or two communities ("the Bilopillia community", then "the Richky
    community"), even of one region, are two places."""
    return a.place is not None and b.place is not None \
        and a.place.kind == b.place.kind == kind \
        and not same_name(_name(a.place), _name(b.place))


def _same_place_or_region(a: Loc, b: Loc) -> bool:
    """A name in common, or a city in the other's region."""
    for x in (a.place, a.admin1):
        for y in (b.place, b.admin1):
            if x is not None and y is not None and same_name(_name(x), _name(y)):
                return True
    if a.place is not None and b.admin1 is not None and city_in_region(a.place, b.admin1):
        return True
    return b.place is not None and a.admin1 is not None and city_in_region(b.place, a.admin1)


# --------------------------------------------------------------------------- drafts


@dataclass
class Draft:
    loc: Loc
    infos: list[Info] = field(default_factory=list)
    weapons: list[tuple[Mention, Info]] = field(default_factory=list)
    casualties: list[tuple[Figure, Info]] = field(default_factory=list)
    sources: list[tuple[Source, Info]] = field(default_factory=list)
    tally: bool = False
    country_level: bool = False
    date_phrase: D.DatePhrase | None = None
    second_look: bool = False  # proposed by _unclaimed_places, left to the confidence model

    def add(self, info: Info, weapons: bool = True) -> None:
        if info not in self.infos:
            self.infos.append(info)
        if weapons:
            self.weapons.extend((w, info) for w in info.weapons)
        self.casualties.extend((c, info) for c in info.casualties)
        if weapons or Mark.SPEECH in info.flags:
            self.sources.extend((s, info) for s in info.sources)
        if info.channel and not info.sources and self.sources:
            last, where = self.sources[-1]
            if last.channel is None:
                self.sources[-1] = (Source(last.name, last.kind, last.country, info.channel,
                                           last.start, last.end), where)

    def absorb(self, other: Draft, weapons: bool = False, casualties: bool = False) -> None:
        """Take another draft's sentences and sources (and figures when asked): it was this
        incident all along."""
        for info in other.infos:
            if info not in self.infos:
                self.infos.append(info)
        if weapons:
            self.weapons.extend(other.weapons)
        if casualties:
            self.casualties.extend(other.casualties)
        self.sources.extend(x for x in other.sources if x not in self.sources)

    def figures(self) -> set[tuple[str, int]]:
        return {(w.category, w.quantity) for w, _ in self.weapons
                if w.quantity is not None and w.role == "attacker"}

    def event_date(self) -> D.DatePhrase | None:
        for info in self.infos:
            d = event_date(info)
            if d is not None:
                return d
        return self.date_phrase


def event_date(info: Info) -> D.DatePhrase | None:
    """The phrase that dates the event in one sentence; a reporting day only anchors
    "the past 24 hours"-style tallies."""
    events = [d for d in info.dates if not d.reporting]
    if not events:
        return None
    d = events[0]
    nxt = events[1] if len(events) > 1 else None
    if d.kind == "relative" and nxt is not None and nxt.kind == "explicit" \
            and nxt.value is not None and 0 <= nxt.start - d.end <= 12:
        return nxt  # "Overnight on May 25": the explicit day dates the night
    if d.kind == "past_day":
        rep = [r for r in info.dates if r.reporting and r.value is not None]
        if rep:
            return rep[0]
    return d


def _dates_conflict(a: D.DatePhrase | None, b: D.DatePhrase | None) -> bool:
    if a is None or b is None or a.kind == "same" or b.kind == "same":
        return False
    if a.value is not None and b.value is not None:
        return a.value != b.value
    for x, y in ((a, b), (b, a)):  # "In March" is not the night of May 5
        if x.kind == "period" and y.kind != "period":
            return True
        if x.kind == "month" and y.value is not None:
            return D.month_of(x) != y.value.month
    return False


# --------------------------------------------------------------------------- tallies

_PREP = (r"(?:over|above|in|across|on|near)\s+(?:each\s+of\s+|both\s+)?(?:the\s+)?"
         r"(?:territory\s+of\s+(?:the\s+)?)?")
_LIST_NUM = fastre.compile(rf"(?i)(?<![\w-])(?P<num>{NUMBER})(?![\w-])")


def _list_item(info: Info) -> tuple[Place, int, str] | None:
    """One line of a listed tally: '7 – above Smolensk region,', '– 19 over the Rostov
    region;', 'Bryansk region: 10'."""
    if not info.sent.line_start or len(info.text) > 90:
        return None
    regions = [p for p in info.places if p.kind in ("admin1", "place", "sea")]
    if not regions:
        return None
    nums = [m for m in _LIST_NUM.finditer(info.text)
            if m.group("num").lower() not in ("a", "an") and parse_number(m.group("num"))]
    if not nums:
        return None
    return regions[0], parse_number(nums[0].group("num")) or 0, nums[0].group("num")


def _inline_tally(info: Info) -> list[tuple[Place, int, str]]:
    """'13 drones over the Volgograd region, plus five apiece over the Rostov region and
    Crimea' -> per-region counts."""
    text = info.text
    regions = _tally_places(info)
    partial = _PARTIAL_COUNT.search(text)
    if not regions or (len(regions) < 2 and not partial):
        return []
    nums = [m for m in _TALLY_NUM.finditer(text)
            if _tally_count(m.group(0)) is not None and m.group(0).lower() not in ("a", "an")
            and (parse_number(m.group(0)) is not None or _counts_a_weapon(info, m))]
    back = _region_then_count(info, regions)
    if len(back) >= 2:
        return back
    items: list[tuple[Place, int, str]] = []
    for i, n in enumerate(nums):
        seg_end = nums[i + 1].start() if i + 1 < len(nums) else len(text)
        items += _count_then_regions(info, n, regions, seg_end)
    keys = {(r.stem or r.text).lower() for r, _c, _t in items}
    if len(keys) == 1 and partial:
        return items  # "337 drones ..., including 91 over the Moscow region": partial
    return items if len(keys) >= 2 else []


# "including 91 over the Moscow region", "54 of them above Saratov": a part of a total
_PARTIAL_COUNT = fastre.compile(
    rf"(?i)\b(?:including\s+(?:{NUMBER})|(?:{NUMBER})\s+of\s+(?:them|which|these))\s+"
    rf"(?:\w+\s+){{0,2}}?{_PREP}")


def _tally_places(info: Info) -> list[Place]:
    """Regions and seas, and towns when the sentence counts weapons and no casualties ("one
    drone in Vehari, another in Pakpattan and four in Okara")."""
    kinds = ("admin1", "sea", "place") if info.attackers() and not info.casualties \
        else ("admin1", "sea")
    return [p for p in info.places if p.kind in kinds]


def _count_then_regions(info: Info, n: re.Match, regions: list[Place],
                        seg_end: int) -> list[tuple[Place, int, str]]:
    """'13 over the Volgograd region', 'five apiece over the Rostov region and Crimea'."""
    text = info.text
    segment_regions = [r for r in regions if n.end() <= r.start - info.sent.start < seg_end]
    if not segment_regions:
        return []
    gap = text[n.end():segment_regions[0].start - info.sent.start]
    if len(gap) > 70 or not re.search(rf"(?i){_PREP}$|[–—:-]\s*$|\($", gap):
        return []
    apiece = re.search(r"(?i)\b(?:apiece|each|both)\b", gap)
    chosen = segment_regions if apiece else segment_regions[:1]
    return [(r, _tally_count(n.group(0)) or 0, n.group(0)) for r in chosen]


# "... 11 over the Kursk region, and another drone was shot down over the Belgorod region"
_TALLY_NUM = fastre.compile(rf"(?i)(?<![\w-])(?:another|one\s+more|a\s+further|a\s+single|{NUMBER})"
                        rf"(?![\w-])"
                        rf"(?!\s+(?:{NUMBER})\b)")


def _counts_a_weapon(info: Info, m: re.Match) -> bool:
    """"another drone", "one more over the Rostov region"; not "another border area"."""
    return bool(re.match(rf"(?i)\s+{_PREP}", info.text[m.end():])) or any(
        0 <= w.start - m.end() <= 20 for w in info.weapons)


def _tally_count(word: str) -> int | None:
    if " ".join(word.lower().split()) in ("another", "one more", "a further", "a single"):
        return 1
    return parse_number(word)


def _region_then_count(info: Info, regions: list[Place]) -> list[tuple[Place, int, str]]:
    """'the Kursk region – 11, the Belgorod region – 9', 'Kursk region (5)', 'the Ryazan region
    accounted for 8': the wordings are patterns/tally.jsonl's region_count lines."""
    items = []
    for r in regions:
        at = r.end - info.sent.start
        m = next((m for rx in _REGION_COUNT if (m := rx.match(info.text, at))), None)
        if m is not None and parse_number(m.group("num")) is not None:
            items.append((r, parse_number(m.group("num")), m.group("num")))
    return items


_REGION_COUNT = [fastre.compile("(?i)" + row["pattern"]) for row in read_pattern_file("tally.jsonl")
                 if row["label"] == "region_count"]


# --------------------------------------------------------------------------- assembly


def assemble(infos: list[Info], published: date | None) -> list[Draft]:
    """Segment the article's sentences into drafts, one per incident (see :class:`Segmenter`)."""
    seg = Segmenter(infos, published)
    i = 0
    while i < len(infos):
        i = seg.step(i)
    return seg.drafts


@dataclass
class Segmenter:
    """A state machine over the sentences. State: the drafts so far, the ``current`` one that
    detail sentences attach to, the locations already used, and source lines met before the
    first event. Transitions: a rejected sentence (a live blog's time stamp closes the current
    draft), a tally list or inline tally (one draft per listed region), an event anchor (joins
    the draft it continues or opens a new one: new-event marker, place change, time or date
    conflict), and a detail sentence (joins the current draft or the one its place names)."""

    infos: list[Info]
    published: date | None
    drafts: list[Draft] = field(default_factory=list)
    current: Draft | None = None
    used: list[Loc] = field(default_factory=list)
    pending: list[Info] = field(default_factory=list)  # "Source: ..." lines before any event

    def step(self, i: int) -> int:
        """Consume the sentence at ``i`` (and a list after it); the index of the next one."""
        info = self.infos[i]
        if rejected(info):
            if Mark.TIMESTAMP in info.flags and info.sent.line_start:
                self.current = None  # a live blog's time stamp starts a new entry
            return i + 1
        parts = tolls_by_place(info)
        if parts:
            self._place_tolls(parts)
            return i + 1
        if Mark.ANCHOR in info.flags:
            after_list = self._tally_list(i)
            if after_list is not None:
                return after_list
            self._anchor(i)
        elif self.current is None and not self.drafts and (
                info.casualties or (info.sources and Mark.SPEECH in info.flags)):
            self.pending.append(info)  # "Update: the toll rose to 21." before the story
        elif self.current is None and self.drafts and info.casualties:
            self._later_entry(info)
        elif self.current is not None \
                and info.sent.para - self.current.infos[-1].sent.para <= 6:
            self._detail(info, self.current)  # further away, it is not about the event
        return i + 1

    def _place_tolls(self, parts: list[Info]) -> None:
        """One sentence, a toll per place: each part joins its place's draft or opens one."""
        for part in parts:
            loc = sentence_loc(part)
            target = next((d for d in self.drafts if not d.country_level and not d.tally
                           and _loc_compatible(d, loc)), None)
            if target is None:
                target = Draft(Loc(loc.place, loc.admin1, loc.country))
                self.drafts.append(target)
                self.used.append(target.loc)
            target.add(part, weapons=bool(part.attackers()))
            self.current = target

    def _tally_list(self, i: int) -> int | None:
        """A header with a figure, then lines "7 – above Smolensk region": the index after the
        list, or None when no list follows."""
        info = self.infos[i]
        if not (any(w.quantity for w in info.attackers()) and i + 1 < len(self.infos)
                and self.infos[i + 1].sent.line_start):
            return None
        items = []
        j = i + 1
        while j < len(self.infos):
            item = _list_item(self.infos[j])
            if item is None:
                break
            items.append((*item, self.infos[j]))
            j += 1
        if len(items) < 2:
            return None
        self.current = _apply_tally(self.drafts, info, items,
                                    self.infos[max(0, i - 1)] if i else None)
        self.used.extend(d.loc for d in self.drafts)
        return j

    def _anchor(self, i: int) -> None:
        info = self.infos[i]
        inline = _inline_tally(info)
        if inline:
            self.current = _apply_tally(self.drafts, info,
                                        [(r, c, t, info) for r, c, t in inline], None,
                                        prior=self.infos[i - 1] if i else None)
            return
        loc = sentence_loc(info, self.used)
        target = _find_target(self.drafts, self.current, info, loc, self.published)
        if loc.countrywide and loc.specific and target is None:
            country = loc.place.country if loc.place else loc.admin1.country
            wide = Draft(Loc(country=country), country_level=True)
            wide.add(info)
            self.drafts.append(wide)
        if target is None:
            target = self._open(i, loc)
        else:
            _refine(target, loc, info)
        target.add(info)
        self.current = target
        self.used.append(target.loc)

    def _open(self, i: int, loc: Loc) -> Draft:
        """A new draft for the anchor at ``i``; a sentence with no place of its own borrows
        the previous sentence's, or the story's when it is a later attempt on the same place."""
        info = self.infos[i]
        if loc.empty and i > 0:
            prev = self.infos[i - 1]  # "The refinery in X ... Last Thursday, drones hit it"
            if prev.sent.para == info.sent.para and not rejected(prev) \
                    and sentence_loc(prev).specific:
                loc = sentence_loc(prev)
        if loc.empty and self._later_attempt(info):
            # "At 03:47 another drone ...": a later attempt on the place of the story
            story = next(d for d in reversed(self.drafts) if d.loc.specific)
            loc = Loc(story.loc.place, story.loc.admin1, story.loc.country)
        loc = _in_the_current_region(loc, self.current)
        target = Draft(loc, country_level=not loc.specific)
        if loc.empty or not loc.specific:
            target.country_level = True
        self.drafts.append(target)
        for p in self.pending:
            if not p.casualties or _loc_compatible(target, sentence_loc(p)):
                target.add(p, weapons=False)
        self.pending = []
        return target

    def _later_attempt(self, info: Info) -> bool:
        current = self.current
        story = next((d for d in reversed(self.drafts) if d.loc.specific), None)
        return current is not None and story is not None \
            and (current is story or current.loc.empty) \
            and story.loc.place is not None and story.loc.place.kind == "place" \
            and _times_conflict(info, current) and not _CAPITAL.search(info.text) \
            and not any(find_places(x.name, 0) for x in info.sources)

    def _later_entry(self, info: Info) -> None:
        """A live blog's later entry: "the death toll in X has risen to 21"."""
        loc = sentence_loc(info)
        other = next((d for d in reversed(self.drafts) if not d.country_level
                      and _same_place(d.loc, loc)), None) if not loc.multi else None
        if other is not None:
            other.add(info, weapons=False)
            self.current = other

    def _detail(self, info: Info, current: Draft) -> None:
        """A sentence without an event of its own joins the draft its place belongs to."""
        loc = sentence_loc(info)
        if _another_spot_hit(info, loc, current):
            self._spot(info, _in_the_current_region(loc, current))
            return
        district = loc.place is not None and loc.place.kind == "district"
        if loc.specific and not current.loc.specific and not loc.multi and not district:
            self._placed_detail(info, loc, current)
        elif _village_in_region(loc, current, info):
            current.loc.place = loc.place  # "Debris fell on the village of X" in its region
            current.add(info, weapons=False)
        elif loc.empty or (district and loc.admin1 is None) or _loc_compatible(current, loc):
            if _informative(info):
                if district and current.loc.place is None and not current.country_level:
                    current.loc.place = loc.place
                current.add(info, weapons=False)
        elif loc.specific:
            # "No one was injured." then goes on about that place
            if not self._to_place_draft(info, loc, lambda d: not d.country_level, follow=True):
                self._toll_elsewhere(info, loc)

    def _placed_detail(self, info: Info, loc: Loc, current: Draft) -> None:
        """A detail naming a place where the current draft has none."""
        if _placed_later(current, loc):
            # "a drone punched a hole in a block of flats in Ukraine's north-east ... the
            # block, which is in the city of Sumy": the single event's place, said later
            _take_the_place(current, loc)
            current.add(info, weapons=False)
        elif not self._to_place_draft(info, loc, lambda d: d.loc.specific, follow=False):
            self._toll_elsewhere(info, loc)  # "One person was hurt in Kiryat Shmona."

    def _to_place_draft(self, info: Info, loc: Loc, eligible: Callable[[Draft], bool], *,
                        follow: bool) -> bool:
        other = next((d for d in self.drafts if eligible(d) and _loc_compatible(d, loc)), None)
        if other is not None and _informative(info):
            other.add(info, weapons=False)
            if follow:
                self.current = other
            return True
        return False

    def _hit_elsewhere(self, info: Info) -> bool:
        """"A Russian strike on a school in Ivano-Frankivsk Oblast started a fire": another
        place hit in the barrage of a national report (corpus rules 2.5 and 8.3)."""
        return self.current is not None and self.current.country_level \
            and Mark.DAMAGE in info.flags and bool(_lex()["attack"].search(info.text))

    def _spot(self, info: Info, loc: Loc) -> None:
        """"In the Verkhnia Syrovatka community, homes were destroyed": another place hit in
        the same attack is an incident of its own (corpus rules 2.1 and 8.3)."""
        if self._to_place_draft(info, loc, lambda d: d.loc.specific and not (
                _two_named(loc, d.loc, "district") or _two_named(loc, d.loc, "place")),
                follow=True):
            return
        self._sub_report(info, loc)

    def _sub_report(self, info: Info, loc: Loc) -> None:
        target = Draft(Loc(loc.place, loc.admin1, loc.country))
        target.add(info, weapons=False)
        self.drafts.append(target)
        self.used.append(target.loc)
        self.current = target

    def _toll_elsewhere(self, info: Info, loc: Loc) -> None:
        """"In Kyiv two people were killed.", or a strike that damaged a place of its own: a
        sub-report of the event the story is about."""
        if loc.multi or info.flags & _OUT_OF_STORY:
            return
        if any(c.count for c in info.casualties) or self._hit_elsewhere(info):
            self._sub_report(info, loc)


_CLAUSES = load_patterns("clauses.jsonl")
_OUT_OF_STORY = {Mark.BACKGROUND, Mark.SERIES, Mark.REFERENCE, Mark.SHELLING, Mark.CAPTION,
                 Mark.SPECULATION}


def _another_spot_hit(info: Info, loc: Loc, current: Draft) -> bool:
    """Damage at a settlement or community other than the one the current draft is about, in
    its country ("Cars and trolleybuses were damaged" names no Turkish town)."""
    return bool(info.flags & {Mark.DAMAGE, Mark.HITS}) and Mark.DEBRIS not in info.flags \
        and not info.flags & _OUT_OF_STORY \
        and not loc.multi and current.loc.place is not None and loc.place is not None \
        and loc.place.start > info.sent.start and loc.country in (None, current.loc.country) \
        and (_two_named(loc, current.loc, "district") or _two_named(loc, current.loc, "place"))


def tolls_by_place(info: Info) -> list[Info] | None:
    """'Three were hurt in Kharkiv and four in Chuhuiv': the sentence cut into one part per
    place, each with its own figures; None unless two places each have a toll."""
    places = [p for p in info.places if p.kind in ("place", "admin1", "district")]
    if len(places) < 2 or info.flags & _OUT_OF_STORY or not _has_toll(info):
        return None
    tolls = [part for part in _clause_parts(info, places) if part[1]]
    names = {fold(here[0].stem or here[0].text) for here, *_ in tolls}
    if len(tolls) < 2 or len(names) < len(tolls) or any(len(here) > 1 for here, *_ in tolls):
        return None
    return [replace(info, places=here, casualties=figures, flags=set(info.flags),
                    weapons=[w for w in info.weapons if a <= w.start < b])
            for here, figures, a, b in tolls]


def _has_toll(info: Info) -> bool:
    return bool(info.casualties) or any(
        _CLAUSES[label].search(info.text) for label in ("share_killed", "share_injured"))


def _clause_parts(info: Info, places: list[Place]
                  ) -> list[tuple[list[Place], list[Figure], int, int]]:
    """(places, figures, start, end) per clause; a clause with figures and no place belongs
    to the clause before it ("In Kharkiv a man died and 11 were injured")."""
    parts: list[tuple[list[Place], list[Figure], int, int]] = []
    last: Figure | None = None
    for a, b in _clauses(info.text):
        figures = [f for f in info.casualties if a <= f.start < b] or _implied_figures(
            info.text, a, b, last)
        here = [p for p in places if a <= p.start - info.sent.start < b]
        last = figures[-1] if figures else last
        if figures and not here and parts:
            parts[-1][1].extend(figures)
        elif here:
            parts.append((here, figures, a, b))
    return parts


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [(m.start(), m.end()) for m in _CLAUSES["clause_break"].finditer(text)]
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _implied_figures(text: str, a: int, b: int, last: Figure | None) -> list[Figure]:
    """'... and four in Chuhuiv' (the verb left out) or 'five of the deaths were in X'."""
    for outcome in ("killed", "injured"):
        m = _CLAUSES[f"share_{outcome}"].search(text, a, b)
        if m:
            return [Figure(outcome, "total", parse_number(m.group("num")), False,
                           m.group("num"), m.start(), m.end())]
    m = _CLAUSES["gapped_toll"].match(text, a, b) if last is not None else None
    if m is None or parse_number(m.group("num")) is None:
        return []
    return [Figure(last.outcome, last.group, parse_number(m.group("num")),
                   bool(m.group("hedge")), m.group("num"), m.start(), m.end())]


def _counts_several(d: Draft) -> bool:
    """A figure above one: a tally of weapons, not a single strike."""
    return any(w.quantity and w.quantity > 1 for w, _ in d.weapons)


def _placed_later(current: Draft, loc: Loc) -> bool:
    """A one-event story told at country level first: no tally, no count, one sentence."""
    return not current.tally and len(current.infos) <= 2 and not current.loc.multi \
        and current.loc.country in (None, loc.country) \
        and not _counts_several(current) and not _national([s for s, _ in current.sources])


def _village_in_region(loc: Loc, current: Draft, info: Info) -> bool:
    """An unknown village named in the same paragraph as a draft known only by its region."""
    return loc.place is not None and loc.admin1 is None and loc.place.kind == "place" \
        and loc.place.country is None and loc.place.lat is None \
        and current.loc.admin1 is not None and current.loc.place is None \
        and not current.country_level and not loc.multi \
        and info.sent.para == current.infos[-1].sent.para and _informative(info)


def _capital_elsewhere(city: Place, region: Place) -> bool:
    """Odesa is the capital of its own region, so it is not a village of Mykolaiv region."""
    own = region_of_city(city)
    return own is not None and not same_name(own, region.stem or region.text)


def _informative(info: Info) -> bool:
    return bool(info.casualties or info.time or info.sources or info.flags & {
        Mark.DAMAGE, Mark.NODAMAGE, Mark.DEBRIS} or any(p.kind == "district" for p in info.places)
        or (info.weapons and info.flags & {Mark.ANCHOR}))


def _national(sources: list[Source]) -> bool:
    return any(s.kind == "military" and re.search(
        r"(?i)air\s+force|defen[cs]e\s+ministry|ministry\s+of\s+defen|general\s+staff|"
        r"armed\s+forces|military\b", s.name) for s in sources)


def _times_conflict(info: Info, d: Draft) -> bool:
    """Attempts at different clock times are different incidents."""
    if info.time is None:
        return False
    times = {i.time[0] for i in d.infos if i.time}
    return bool(times) and info.time[0] not in times


Figures = set[tuple[str, int]]


def _find_target(drafts: list[Draft], current: Draft | None, info: Info, loc: Loc,
                 published: date | None = None) -> Draft | None:
    """The draft an event sentence continues, or None when it opens a new incident. The checks
    run from the strongest sign to the weakest: an earlier period, a source's region, a part of
    the current event, the same figure again, a new-event marker, a place, then continuity."""
    date_here = event_date(info)
    if _earlier_period(date_here, published):
        return None  # "In March, ...": an earlier event, whatever else the sentence shares
    drafts = [d for d in drafts if not _times_conflict(info, d)]
    if current is not None and _times_conflict(info, current):
        current = None
    match = _by_source_region(drafts, info, loc)
    if match is not None:
        return match
    if _part_of(current, info, date_here) or _within_current_place(info, loc, current):
        return current  # "Four were shot down over Crimea, but the fifth ...": parts of it
    return _target_by_content(drafts, current, info, loc, date_here)


# "wounded 56 people in several locations" (not "at several places in Jaisalmer")
_SEVERAL_SITES = fastre.compile(
    r"(?i)\b(?:in|at|across)\s+(?:several|multiple|various|numerous|many|different)\s+"
    r"(?:locations|places|sites|areas|cities|towns)\b(?!\s+(?:in|of)\s+[A-Z])")


def _toll_of_several_sites(info: Info, loc: Loc) -> bool:
    return bool(info.casualties) and not loc.specific and (
        Mark.COUNTRYWIDE in info.flags or bool(_SEVERAL_SITES.search(info.text)))


def _target_by_content(drafts: list[Draft], current: Draft | None, info: Info, loc: Loc,
                       date_here: D.DatePhrase | None) -> Draft | None:
    if _toll_of_several_sites(info, loc):
        # "the attack wounded 56 people in several locations": the whole attack's toll
        return next((d for d in drafts if not d.loc.specific and not d.tally
                     and (loc.country is None or d.loc.country in (None, loc.country))), None)
    figs = {(w.category, w.quantity) for w in info.attackers() if w.quantity is not None}
    # the same figure again ("16 drones") is the same event, wherever the sentence places it
    match = next((d for d in reversed(drafts) if _same_figures(d, figs, loc, date_here)), None)
    if match is not None:
        return match
    if Mark.NEWEVENT in info.flags:
        return next((d for d in drafts if _same_place_again(d, loc, figs, date_here)), None)
    if loc.specific and not loc.multi:
        return _place_target(drafts, current, info, loc, figs, date_here)
    if current is None or _dates_conflict(date_here, current.event_date()):
        return None
    return _continuation(current, info, loc, figs)


# "Al Daraja, a neighbourhood of the city", "Kafr Bi'ina, a town near Haifa"
_SUBPLACE_AFTER = fastre.compile(
    r"(?i)\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:neighbou?rhood|district|suburb|quarter|"
    r"area|part|village|town|settlement|locality)\s+(?:of|in|near|outside|on\s+the\s+outskirts\s+of)"
    r"\s+(?P<whole>the\s+(?:city|town|capital)\b|[A-Z][\w'’-]+)")


def _within_current_place(info: Info, loc: Loc, current: Draft | None) -> bool:
    """A place the sentence puts inside the current draft's town: the same event, told closer
    (the draft takes the closer place)."""
    if current is None or loc.place is None or loc.multi or current.loc.place is None \
            or current.country_level or same_name(_name(loc.place), _name(current.loc.place)):
        return False
    m = _SUBPLACE_AFTER.match(info.text, loc.place.end - info.sent.start)
    if m is None or not (m.group("whole").lower().startswith("the ")
                         or same_name(m.group("whole"), _name(current.loc.place))):
        return False
    current.loc.place = loc.place
    return True


def _part_of(current: Draft | None, info: Info, date_here: D.DatePhrase | None) -> bool:
    return Mark.REFERS in info.flags and current is not None \
        and info.sent.para == current.infos[-1].sent.para \
        and not _dates_conflict(date_here, current.event_date())


def _same_figures(d: Draft, figs: Figures, loc: Loc, date_here: D.DatePhrase | None) -> bool:
    return bool(figs) and figs <= d.figures() and not _dates_conflict(date_here, d.event_date()) \
        and (loc.empty or loc.multi or _loc_compatible(d, loc))


def _same_place_again(d: Draft, loc: Loc, figs: Figures, date_here: D.DatePhrase | None
                      ) -> bool:
    """A new-event marker still joins an earlier draft of the same place, date and figures."""
    return loc.specific and d.loc.specific and _same_place(d.loc, loc) \
        and not _dates_conflict(date_here, d.event_date()) \
        and not (figs and d.figures() and not figs & d.figures())


def _earlier_period(date_here: D.DatePhrase | None, published: date | None) -> bool:
    return date_here is not None and (date_here.kind == "period" or (
        date_here.kind == "month" and published is not None
        and D.month_of(date_here) != published.month))


def _by_source_region(drafts: list[Draft], info: Info, loc: Loc) -> Draft | None:
    """"Kursk governor ... in the village of Tetkino": the governor's region's draft."""
    if loc.admin1 is not None or loc.multi:
        return None
    for s in info.sources:
        hint = next((p for p in find_places(s.name, info.sent.start + s.start)
                     if p.kind in ("admin1", "place")), None)
        if hint is None:
            continue
        match = next((d for d in drafts if d.loc.admin1 is not None and not d.country_level
                      and same_name(d.loc.admin1.stem, hint.stem)), None)
        if match is not None:
            return match
    return None



def _place_target(drafts: list[Draft], current: Draft | None, info: Info, loc: Loc,
                  figs: Figures, date_here: D.DatePhrase | None) -> Draft | None:
    """A sentence naming one place: the draft of that place, else the current one when the
    place refines it or the paragraph goes on about it."""
    match = next((d for d in reversed(drafts) if not (d.country_level or d.loc.empty)
                  and _loc_compatible(d, loc) and not _dates_conflict(date_here, d.event_date())
                  and not (date_here is None and _dated_by_month(d, drafts))
                  and not _counts_conflict(info, d) and not _outcomes_conflict(info, d)), None)
    if match is not None or current is None or _outcomes_conflict(info, current):
        return match
    if not current.loc.specific and not current.country_level and _loc_compatible(current, loc):
        return current
    if _paragraph_goes_on(current, info, loc, figs, date_here):
        return current  # the same paragraph goes on about the same event
    if _place_in_region(current, info, loc):
        return current  # "a resident of X region ..." then "... in the village of Y"
    if _the_attack_placed(current, info, loc):
        return current  # "The attack took place at an outpost called Tower 22"
    return None


def _the_attack_placed(current: Draft, info: Info, loc: Loc) -> bool:
    """A one-event story told at country level, then "The attack ..." at a place: the event's
    place, said later (the draft takes it)."""
    if not (current.country_level and _THE_ATTACK.match(info.text)
            and _placed_later(current, Loc(loc.place, loc.admin1,
                                           loc.country or current.loc.country))):
        return False
    _take_the_place(current, loc)
    return True


def _take_the_place(current: Draft, loc: Loc) -> None:
    """The place a country-level draft's event turns out to have, said later."""
    current.loc = Loc(loc.place, loc.admin1, loc.country or current.loc.country)
    current.country_level = False


def _dated_by_month(d: Draft, drafts: list[Draft]) -> bool:
    """"Back in May, drones hit ... Omdurman", then "On Tuesday, ..." opens the story's own
    event: the earlier month's event takes no more undated sentences about the same place."""
    when = d.event_date()
    if when is None or when.kind not in ("month", "period") or d not in drafts:
        return False
    later = drafts[drafts.index(d) + 1:]
    return any((x.event_date() is not None and x.event_date().kind in ("weekday", "explicit",
                                                                        "relative"))
               for x in later)


def _paragraph_goes_on(current: Draft, info: Info, loc: Loc, figs: Figures,
                       date_here: D.DatePhrase | None) -> bool:
    return current.loc.specific and bool(current.infos) \
        and current.infos[-1].sent.para == info.sent.para \
        and not _two_named(loc, current.loc, "district") and not _two_regions(loc, current.loc) \
        and loc.country in (None, current.loc.country) \
        and not _dates_conflict(date_here, current.event_date()) \
        and not (figs and current.figures() and not figs <= current.figures())


def _two_regions(a: Loc, b: Loc) -> bool:
    """"The Bryansk region was also targeted ... three drones over the Oryol region": two
    regions named in one paragraph are two places."""
    return a.admin1 is not None and b.admin1 is not None and a.place is None \
        and not same_name(_name(a.admin1), _name(b.admin1))


def _place_in_region(current: Draft, info: Info, loc: Loc) -> bool:
    return current.loc.admin1 is not None and current.loc.place is None \
        and loc.place is not None and loc.admin1 is None \
        and loc.place.country in (None, current.loc.country) \
        and not _capital_elsewhere(loc.place, current.loc.admin1) \
        and (Mark.QUOTE in info.flags or info.sent.para - current.infos[-1].sent.para <= 2)


def _continuation(current: Draft, info: Info, loc: Loc, figs: Figures) -> Draft | None:
    """A sentence with no single place of its own: the current draft, unless it is a national
    tally, another country or several places beside a city's report."""
    if loc.empty and (_THE_ATTACK.match(info.text) or _ANAPHORA.search(info.text)):
        return current  # "The attack on Sunday used ...", "... fired rockets at the city"
    implied = _implied_country(info.text)
    if loc.empty and implied and current.loc.country and implied != current.loc.country:
        return None
    if not loc.specific and figs and current.loc.specific and (_at_the_country(info) or (
            _national(info.sources) and not _national([s for s, _ in current.sources]))):
        return None  # the national tally next to a city's report is its own incident
    if loc.multi:
        if current.loc.specific:
            return None
        return current if loc.country in (None, current.loc.country) or current.loc.empty \
            else None
    return current if _loc_compatible(current, loc) else None


_AIMED_AT = fastre.compile(
    r"(?i)\b(?:against|at|on|toward|towards|into|across|over)\s+(?:the\s+)?$")


def _at_the_country(info: Info) -> bool:
    """"Russia sent 10 missiles and 10 drones against Ukraine": aimed at the whole country."""
    base = info.sent.start
    return any(p.kind == "country" and _AIMED_AT.search(info.text, 0, p.start - base)
               for p in info.places)


def _outcomes_conflict(info: Info, d: Draft) -> bool:
    """The ministry's drones all downed over a region, a governor's drone that hit a refinery
    there: another source with another outcome is another incident (section 2.4)."""
    said_here = {s.name.lower() for s in info.sources}
    said_there = {s.name.lower() for s, _ in d.sources}
    if not said_here or not said_there or said_here & said_there:
        return False
    here = {w.outcome for w in info.attackers()} | ({"hit"} if Mark.HITS in info.flags else set())
    there = {w.outcome for w, _ in d.weapons if w.role == "attacker"}
    if there <= {None, "launched"} and any(Mark.HITS in i.flags or (
            Mark.DAMAGE in i.flags and Mark.DEBRIS not in i.flags) for i in d.infos):
        there.add("hit")  # "attacked by a kamikaze drone ... a facility sustained damage"
    downed_only = set(_DOWN).issuperset
    return ("hit" in here and bool(there) and downed_only(there)) \
        or ("hit" in there and bool(here) and downed_only(here))


def _counted(w: Mention) -> bool:
    """A number said as one: "a drone" is a noun phrase, not a count."""
    return w.quantity is not None and (w.quantity_text or "").lower() not in ("a", "an")


def _counts_conflict(info: Info, d: Draft) -> bool:
    """A governor's 12 drones and the ministry's 15 over one region: two accounts that
    disagree stay two incidents (the annotation rules keep conflicting counts apart)."""
    mine = {(w.category, "down" if w.outcome in _DOWN else w.outcome): w.quantity
            for w in info.attackers() if _counted(w)}
    theirs = {(w.category, "down" if w.outcome in _DOWN else w.outcome): w.quantity
              for w, _ in d.weapons if w.role == "attacker" and _counted(w)}
    if not any(k in theirs and theirs[k] != q for k, q in mine.items()):
        return False
    said_here = {s.name.lower() for s in info.sources}
    said_there = {s.name.lower() for s, _ in d.sources}
    return bool(said_here) and bool(said_there) and not said_here & said_there \
        and not _UPDATE_WORDS.search(info.text)


def _same_place(a: Loc, b: Loc) -> bool:
    if a.place is not None and b.place is not None \
            and not same_name(a.place.stem or a.place.text, b.place.stem or b.place.text):
        return False  # Dnipro and a district of its region are two places
    for x in (a.place, a.admin1):
        for y in (b.place, b.admin1):
            if x is not None and y is not None and same_name(x.stem or x.text, y.stem or y.text):
                return True
    return False


def _refine(d: Draft, loc: Loc, info: Info) -> None:
    """Fill what the draft lacks from a later sentence about the same event."""
    if loc.multi:
        if d.loc.empty:
            d.loc.country = loc.country
        return
    if d.country_level and loc.specific:
        return
    if d.loc.place is None and loc.place is not None \
            and not (d.loc.admin1 and region_conflicts(loc.place, d.loc.admin1)):
        d.loc.place = loc.place
    if d.loc.admin1 is None and loc.admin1 is not None \
            and not (d.loc.place and region_conflicts(d.loc.place, loc.admin1)):
        d.loc.admin1 = loc.admin1
    if d.loc.country is None and loc.country is not None:
        d.loc.country = loc.country
    if d.loc.specific:
        d.country_level = False


def _apply_tally(drafts: list[Draft], header: Info, items: list, before: Info | None, *,
                 prior: Info | None = None) -> Draft:
    """One incident per listed region; a country-level one too when the parts fall short."""
    attackers = header.attackers()
    lead = attackers[0] if attackers else None
    parts = sum(it[1] for it in items)
    # the lead already stated the total ("destroyed 27 drones overnight"): the breakdown that
    # follows is of that incident; the country-level draft stays only when the parts fall short
    stated = _stated_total(drafts, lead, parts)
    total = _tally_total(header, items, lead, stated)
    lead = _lead_outcome(lead, before or prior, stated)
    made: list[Draft] = []
    merged_into: Draft | None = None
    after = header.sent.start
    for region, count, count_text, line in items:
        d, existing = _region_draft(drafts, region)
        if existing:
            merged_into = d
        own = _weapons_before(header, parts, after, region, count) if line is header else []
        after = region.end
        d.weapons.extend((w, header) for w in own or _item_figure(lead, count, count_text))
        d.add(header, weapons=False)
        if line is not header:
            d.add(line, weapons=False)
        _credit_before(d, header, before)
        if not existing:
            drafts.append(d)
        made.append(d)
    _settle_total(drafts, header, items, made, stated, total is not None and parts < total)
    return merged_into or made[-1]


def _settle_total(drafts: list[Draft], header: Info, items: list, made: list[Draft],
                  stated: Draft | None, short: bool) -> None:
    """Parts that fall short of the total leave a country-level incident for it; parts that
    make it up replace the stated national draft, which lends them its sentences."""
    if stated is not None:
        _inherit_stated(made, stated, header)
    if short:
        if stated is None:
            wide = Draft(Loc(country=_common_country([it[0] for it in items])),
                         country_level=True)
            wide.add(header)
            drafts.append(wide)
    elif stated is not None:
        drafts.remove(stated)
        for d in made:
            for info in reversed(stated.infos):
                if info not in d.infos:
                    d.infos.insert(0, info)


def _item_figure(lead: Mention | None, count: int, count_text: str) -> list[Mention]:
    """A listed region's count, of the weapon the list is about."""
    if lead is None:
        return []
    return [replace(lead, quantity=count, quantity_text=count_text, singular=False)]


def _weapons_before(header: Info, parts: int, after: int, region: Place, count: int
                    ) -> list[Mention]:
    """"9 Vampire rockets and 6 drones over the Belgorod region, 11 drones over the Bryansk
    region": the counted weapons named between the last region and this one are this
    region's, each of its own kind; a figure as large as the parts together is their total."""
    base = header.sent.start
    attackers = header.attackers()
    own = [w for w in attackers if w.quantity is not None and w.quantity < parts
           and after - base <= w.q_start and w.end <= region.start - base]
    if not any(w.quantity == count for w in own):
        return []  # "Rostov accounted for 34 of them, Voronezh for six": counts after regions
    outcome = next((w.outcome for w in attackers if w.outcome), None)
    return [w if w.outcome else replace(w, outcome=outcome) for w in own]


def _lead_outcome(lead: Mention | None, before: Info | None, stated: Draft | None
                  ) -> Mention | None:
    """"55 drones were destroyed or intercepted. Rostov accounted for 34 of them, ...": the
    parts of a total have its outcome."""
    if lead is None or lead.outcome is not None:
        return lead
    told = [w for w, _ in stated.weapons] if stated is not None else []
    told += before.attackers() if before is not None else []
    prior = next((w.outcome for w in told if w.category == lead.category and w.outcome
                  and w.outcome != "launched"), None)
    return replace(lead, outcome=prior) if prior else lead


def _stated_total(drafts: list[Draft], lead: Mention | None, parts: int) -> Draft | None:
    """An earlier national draft whose figure covers the listed parts."""
    cat = lead.category if lead else None
    if cat is None:
        return None
    return next((d for d in reversed(drafts) if d.country_level and not d.tally
                 and not d.loc.specific and not d.casualties
                 and any(c == cat and q >= parts for c, q in d.figures())), None)


def _tally_total(header: Info, items: list, lead: Mention | None,
                 stated: Draft | None) -> int | None:
    """The total the parts are compared with: the lead figure, unless it is itself the first
    item ('13 drones over X, plus 5 over Y'), or the stated national figure."""
    total = lead.quantity if lead else None
    first_item_pos = min(it[0].start for it in items) - header.sent.start
    if lead is not None and header is items[0][3] and lead.q_start > first_item_pos - 80:
        near = [it for it in items if it[0].start - header.sent.start > lead.end]
        if near and near[0][1] == lead.quantity:
            total = None
    if stated is not None:
        whole = max(q for c, q in stated.figures() if c == lead.category)
        total = whole if total is None or total == whole else total
    return total


def _region_draft(drafts: list[Draft], region: Place) -> tuple[Draft, bool]:
    """The draft already at this region (its attacker figures give way to the tally's), or a
    new tally draft."""
    loc = Loc(region, None, region.country) if region.kind in ("place", "sea") \
        else Loc(None, region, region.country)
    existing = next((d for d in drafts if not d.country_level and not d.tally
                     and _loc_compatible(d, loc)), None)
    if existing is None:
        d = Draft(loc)
        d.tally = True
        return d, False
    if existing.loc.admin1 is None and region.kind == "admin1":
        existing.loc.admin1 = region
    existing.weapons = [(w, i) for w, i in existing.weapons if w.role != "attacker"]
    existing.tally = False
    return existing, True


def _credit_before(d: Draft, header: Info, before: Info | None) -> None:
    """'The Defence Ministry said:' before a list speaks for every line of it."""
    if before is not None and before.sources and not header.sources:
        d.sources.extend((s, before) for s in before.sources)
        if before not in d.infos and not rejected(before):
            d.infos.insert(0, before)


def _inherit_stated(made: list[Draft], stated: Draft, header: Info) -> None:
    for d in made:
        if d.date_phrase is None:
            d.date_phrase = stated.event_date()
        if not header.sources:
            d.sources.extend(x for x in stated.sources if x not in d.sources)


def _common_country(places: list[Place]) -> str | None:
    cs = {p.country for p in places}
    return cs.pop() if len(cs) == 1 else None


# --------------------------------------------------------------------------- incidents

_DOWN = ("destroyed", "intercepted")


_FROM_UA = fastre.compile(
    r"(?i)\bUkrainian\s+(?!air[- ]defen)(?:\w+\s+){0,2}"
    r"(?:drones?|UAVs?|missiles?|rockets?|forces|boats?)"
    r"|belonging to (?:the )?Ukrain|Ukraine\s+(?:had\s+|has\s+)?(?:launched|fired|attacked)"
    r"|\bfrom Ukraine\b|(?:launched|fired|sent)\s+by\s+(?:Ukraine|Ukrainian)"
)
_FROM_RU = fastre.compile(
    r"(?i)\bRussian\s+(?!air[- ]defen)(?:\w+\s+){0,2}"
    r"(?:drones?|UAVs?|missiles?|rockets?|bombs?|forces)"
    r"|Russia\s+(?:had\s+|has\s+)?(?:launched|fired|attacked)"
    r"|(?:launched|fired|sent)\s+by\s+(?:Russia|Russian)"
)


def _attacked_side(t: str) -> str | None:
    """The side a sentence's attack came down on, from whose weapons or forces it names."""
    weapon_of = _WEAPONS_OF.search(t)  # "Ukrainian forces downed 32 Russian drones"
    if weapon_of is not None and weapon_of.group("who").lower() == "russian":
        return "UA"
    if _FROM_UA.search(t):
        return "RU"
    if _FROM_RU.search(t):
        return "UA"
    target = _AT_TARGET.search(t)
    if target:
        return "UA" if target.group("who") == "Ukrainian" else "RU"
    return None


# whose weapons they were says who attacked, before whose forces are named
_WEAPONS_OF = fastre.compile(
    r"(?i)\b(?P<who>Ukrainian|Russian)\s+(?!air[- ]defen)(?:[\w-]+\s+){0,2}"
    r"(?:drones?|UAVs?|missiles?|rockets?|bombs?)\b")
_AT_TARGET = fastre.compile(
    r"(?i)\b(?:struck|strike|strikes|hit|hitting|attacked|attack(?:s)?\s+on|targeted|targeting)\s+"
    r"(?:a\s+|an\s+|the\s+)?(?:[a-z-]+\s+){0,2}(?P<who>Ukrainian|Russian)\b"
)


def _implied_country(text: str) -> str | None:
    """Where an attack landed, from who launched it (Ukrainian drones fly at Russia) or from
    whose target it hit ("to strike Ukrainian airfields")."""
    if _FROM_UA.search(text) and not _FROM_RU.search(text):
        return "RU"
    if _FROM_RU.search(text) and not _FROM_UA.search(text):
        return "UA"
    target = _AT_TARGET.search(text)
    if target:
        return "UA" if target.group("who") == "Ukrainian" else "RU"
    return None


def _occupied_tallies(d: Draft, drafts: list[Draft] | None) -> bool:
    """Another national tally of the same article placed in Ukraine's occupied regions."""
    return bool(drafts) and any(
        x is not d and x.loc.country == "UA" and x.tally is False and not x.loc.specific
        and any(i.places for i in x.infos) for x in drafts)


_ZONES = re.compile(
    r"(?i)\b(?:" + "|".join(load_table("lexicon.json")["border_straddling_zones"]) + r")\b")


def _country_fallback(d: Draft, drafts: list[Draft] | None = None) -> str | None:
    """Country from who attacked whom when no place is named. A ministry's tally of
    "Ukrainian drones" is Russia's, unless the same article shows such tallies covering the
    occupied regions: then it could be either, and stays unknown."""
    for info in d.infos:
        c = _airspace_country(info.text)
        if c:
            return c
    if any(_ZONES.search(info.text) for info in d.infos):
        return None  # "downed in the special military operation zone": either side of a border
    for info in d.infos:
        side = _attacked_side(info.text)
        if side is not None:
            return None if side == "RU" and _occupied_tallies(d, drafts) else side
    for s, _info in d.sources:  # a national air force or ministry reports on its own country
        if s.country and s.kind == "military":
            return s.country
    others = {x.loc.country for x in drafts or [] if x is not d and x.loc.country}
    return others.pop() if len(others) == 1 else None  # the one country the article is about


Pair = tuple[Mention, "Info | None"]
_RANK = {"hit": 0, "destroyed": 1, "intercepted": 2, "launched": 3, None: 4}


def _consolidate(d: Draft) -> list[Pair]:
    """One figure per weapon category and outcome; vague repeats give way to counted ones."""
    att = _attackers(d)
    out: list[Pair] = []
    for items in _by_weapon(att).values():
        out.extend(_group_figures(items, d.tally))
    # "an interception ... a missile" then "the missile ... was destroyed": destroyed it was
    for k, (w, i) in enumerate(out):
        if w.outcome == "intercepted" and any(
                x.category == w.category and x.outcome == "destroyed" for x, _ in att) \
                and not any(x.category == w.category and x.outcome == "destroyed" for x, _ in out):
            out[k] = (replace(w, outcome="destroyed"), i)
    out = _drop_uncounted_launches(out)
    seen_def = set()
    for w, i in d.weapons:
        if w.role == "defender" and w.canonical not in seen_def:
            seen_def.add(w.canonical)
            # "intercepted by Iron Dome": what the defender did is no outcome of its own
            out.append((replace(w, outcome=None) if w.outcome in ("intercepted", "launched")
                        else w, i))
    return out


def _drop_uncounted_launches(out: list[Pair]) -> list[Pair]:
    """"Drones were launched at the depot; two hit it": "launched" with no count says no more
    than the one figure with an outcome; it is a total when it counts (section 6) or stands
    beside several outcomes. One weapon launched and one downed is one weapon, downed."""
    ended = [w for w, _ in out if w.outcome in ("hit", "destroyed", "intercepted")]
    categories = [w.category for w in ended]
    one_ended = {w.category for w in ended if w.quantity == 1}
    return [(w, i) for w, i in out if not (
        w.outcome == "launched" and categories.count(w.category) == 1
        and (w.quantity is None or (w.quantity == 1 and w.category in one_ended)))]


def _attackers(d: Draft) -> list[Pair]:
    """The draft's attacking weapons, with what the text implies made explicit: a count with
    no verb beside a count of the downed is the number launched, a generic "missile" takes the
    one missile category named, and a sum of typed counts gives way to its parts."""
    att = [(w, i) for w, i in d.weapons if w.role == "attacker"]
    att = _launched_by_default(_count_ordinals(att))
    missile_cats = {w.category for w, _ in att
                    if w.category in ("cruise_missile", "ballistic_missile", "sam_system")}
    if len(missile_cats) == 1:  # "four Iskander-M missiles ... shot down two missiles"
        cat = missile_cats.pop()
        att = [(replace(w, category=cat), i) if w.canonical == "missile" else (w, i)
               for w, i in att]
    typed = _typed_missile_counts(att)
    return [(w, i) for w, i in att if not _sum_of_typed(w, typed)]


def _launched_by_default(att: list[Pair]) -> list[Pair]:
    """"attacked with 87 drones ... destroyed 62": a count with no verb of its own is the number
    launched ("six drones approached ... all of them were shot down" restates one)."""
    if not any(w.quantity and w.outcome in _DOWN for w, _ in att):
        return att
    down = {(w.category, w.quantity) for w, _ in att if w.outcome in _DOWN}
    return [(_with(w, outcome="launched"), i) if w.quantity and w.outcome is None
            and (w.quantity_text or "").lower() not in ("a", "an")
            and (w.category, w.quantity) not in down else (w, i) for w, i in att]


def _by_weapon(att: list[Pair]) -> dict[object, list[Pair]]:
    """Mentions grouped by category; two named systems of one category ("Alder missiles and
    Vampire rockets") keep their own groups, and a generic word restates whichever was named."""
    specific = {w.category for w, _ in att if w.category != "other"}
    generic = generic_names()
    systems: dict[str, set[str]] = {}
    for w, _i in att:
        if w.canonical not in generic:
            systems.setdefault(w.category, set()).add(w.canonical)
    by_cat: dict[object, list[Pair]] = {}
    for w, i in att:
        if w.category == "other" and w.canonical in ("missile", "aerial bomb") and specific \
                and w.quantity is None:
            continue
        key = (w.category, w.canonical) if len(systems.get(w.category, ())) > 1 \
            and w.canonical not in generic else w.category
        by_cat.setdefault(key, []).append((w, i))
    return by_cat


def _group_figures(items: list[Pair], tally: bool | None) -> list[Pair]:
    """The figures one weapon group gives: its counted mentions by outcome, and outcomes
    stated without a count beside them."""
    counted = [(w, i) for w, i in items if w.quantity is not None]
    if counted and not any(_counted(w) for w, _ in counted) \
            and any(not w.singular for w, _ in items if w.quantity is None):
        # "a drone strike ... the drones hit": singular and plural by turns, no count (6)
        return [_uncounted([(replace(w, quantity=None, quantity_text=None), i) for w, i in items])]
    if not counted:
        return [_uncounted(items)]
    seen: dict[tuple, Pair] = {}
    for w, i in counted:
        seen.setdefault(("down" if w.outcome in _DOWN else w.outcome, w.quantity), (w, i))
    # the same outcome class with different quantities: a later mention restates one
    by_outcome: dict[str | None, list[Pair]] = {}
    for (oc, _q), pair in seen.items():
        by_outcome.setdefault(oc, []).append(pair)
    out: list[Pair] = []
    for oc, pairs in by_outcome.items():
        out.extend(_outcome_figures(oc, pairs, by_outcome, tally))
    if set(by_outcome) == {None}:
        # "two sea drones attacked ... the sea drones struck": the count gets the outcome
        said = next((w.outcome for w, _ in items if w.quantity is None and w.outcome), None)
        if said is not None:
            out[-1] = (replace(out[-1][0], outcome=said), out[-1][1])
            return out
    return out + _uncounted_outcomes(items, set(by_outcome))


def _uncounted_outcomes(items: list[Pair], classes: set[str | None]) -> list[Pair]:
    """"fired missiles ... intercepted some, but one struck": uncounted outcomes stand too,
    but an uncounted launch whose weapons all hit ("fired rockets ... one hit") adds nothing;
    beside "destroyed 10 of them" it says more were fired."""
    outcomes = {"down" if w.outcome in _DOWN else w.outcome for w, _ in items} - {None}
    lone = outcomes - {"launched"} == {"hit"}
    out: list[Pair] = []
    for w, i in items:
        oc = "down" if w.outcome in _DOWN else w.outcome
        if w.quantity is not None or oc is None or oc in classes or (oc == "launched" and lone):
            continue
        classes.add(oc)
        out.append((w, i))
    return out


def _launched_total(pairs: list[Pair], by_outcome: dict[str | None, list[Pair]]) -> list[Pair]:
    """A count with no outcome beside counts with one: the number launched when it covers
    them ("used five missiles; four were shot down, the fifth hit"), else a restatement."""
    w, i = max(pairs, key=lambda p: p[0].quantity or 0)
    parts = sum(max(p[0].quantity or 0 for p in v) for k, v in by_outcome.items() if k is not None)
    classes = sum(1 for k in by_outcome if k is not None)
    if (w.quantity or 0) > parts or (w.quantity == parts and classes > 1):
        return [(replace(w, outcome="launched"), i)]
    return []


def _uncounted(items: list[Pair]) -> Pair:
    """The strongest outcome of a weapon never counted; "a UAV strike", "a glide bomb attack",
    "the drone targeted a building" speak of one weapon (SPEC section 5) when no sentence of
    the incident speaks of it in the plural."""
    best = min(items, key=lambda x: _RANK.get(x[0].outcome, 4))
    if all(w.singular for w, _ in items) and any(
            (w.quantity_text or "").lower() in ("a", "an") or (i is not None and re.search(
                rf"(?i)\b(?:the|this|that)\s+{re.escape(w.name)}\b", i.text))
            for w, i in items):
        best = (replace(best[0], quantity=1, quantity_text=None, singular=True), best[1])
    return best


def _outcome_figures(oc: str | None, pairs: list[Pair], by_outcome: dict[str | None, list[Pair]],
                     tally: bool | None) -> list[Pair]:
    """The figures of one outcome class: several counts of it are parts or restatements."""
    if oc is None and len(by_outcome) > 1:
        return _launched_total(pairs, by_outcome)
    if oc == "down" and len(pairs) > 1 and len({p[0].outcome for p in pairs}) > 1:
        return pairs
    if len(pairs) > 1 and len({id(p[1]) for p in pairs}) == 1 \
            and len({p[0].canonical for p in pairs}) == len(pairs):
        return pairs  # "28 Kh-101 and seven Kalibr cruise missiles": two types
    return [max(pairs, key=lambda p: p[0].quantity or 0) if tally is False else pairs[0]]


def _with(w: Mention, **changes) -> Mention:
    return replace(w, **changes)


_MISSILE_TYPES = ("cruise_missile", "ballistic_missile", "sam_system")


def _outcome_class(w: Mention) -> str | None:
    return "down" if w.outcome in _DOWN else w.outcome


def _typed_missile_counts(att: list[tuple[Mention, Info | None]]) -> dict[str | None, list[int]]:
    """Quantities of typed missiles per outcome class (at most eight each), found once for
    all the generic figures that may restate them."""
    typed: dict[str | None, dict[tuple, int]] = {}
    for x, _ in att:
        if x.category in _MISSILE_TYPES and x.quantity:
            typed.setdefault(_outcome_class(x), {})[(x.canonical, x.quantity)] = x.quantity
    return {oc: list(found.values())[:8] for oc, found in typed.items()}


def _sum_of_typed(w: Mention, typed: dict[str | None, list[int]]) -> bool:
    """'81 missiles' next to '80 cruise missiles and one Iskander-M' with the same outcome:
    the generic figure only restates the typed ones."""
    if w.canonical != "missile" or not w.quantity:
        return False
    counts = typed.get(_outcome_class(w), [])
    return any(sum(c) == w.quantity for n in range(2, len(counts) + 1)
               for c in combinations(counts, n))


def _count_ordinals(att: list[tuple[Mention, Info | None]]) -> list:
    """'one drone went out of control ... A second UAV was downed ... The third drone was
    destroyed': the ordinals after a counted first one are a count of their own."""
    from .weapons import ORDINALS

    ords = [(w, i) for w, i in att if w.quantity is None and w.quantity_text in ORDINALS]
    if not ords:
        return att
    rest = [(w, i) for w, i in att if (w, i) not in ords]
    for cat in sorted({w.category for w, _ in ords}):  # sorted: the same order every run
        if not any(w.category == cat and w.quantity == 1 for w, _ in rest):
            continue
        by_outcome: dict = {}
        for w, i in ords:
            if w.category == cat:
                by_outcome.setdefault(w.outcome, []).append((w, i))
        for outcome, items in by_outcome.items():
            first = next(((w, i) for w, i in rest if w.category == cat and w.quantity == 1
                          and w.outcome == outcome), None)
            w0, i0 = items[0]
            if first is not None:
                rest.remove(first)
                w0, i0 = first
                n = len(items) + 1
            else:
                n = len(items)
            rest.append((replace(w0, quantity=n, quantity_text=str(n), singular=n == 1,
                                 outcome=outcome), i0))
    return rest


_HIT_VERB = fastre.compile(r"(?i)\b(?:attack(?:ed|s)?|struck|hit|strikes?|explo\w+|crashed into)\b")
_FOUND = fastre.compile(r"(?i)\b(?:fragments|debris|wreckage|remains|parts)\b[^.]{0,80}\b(?:found|"
                    r"discovered|located|recovered)\b|\b(?:found|discovered)\b[^.]{0,40}"
                    r"\b(?:fragments|debris|wreckage)\b")


_AIRSPACE = load_patterns("airspace.jsonl")["airspace_violation"]
# airspace entered there is the war itself, not a stray drone (annotation rule 8.2)
_BELLIGERENTS = frozenset(load_table("regions.json")["belligerents"])


def _kind(d: Draft, figures: list[tuple[Mention, Info | None]]) -> Kind:
    """strike, interception or other, as annotation rules section 3 defines them."""
    outcomes = {w.outcome for w, _ in figures if w.role == "attacker"}
    if any(w.outcome == "hit" and w.role == "attacker" for w, _ in d.weapons):
        outcomes.add("hit")
    flags = set().union(*(i.flags for i in d.infos)) if d.infos else set()
    hurt = any(c.count > 0 for c, _ in d.casualties)
    if outcomes & set(_DOWN):
        return _kind_when_downed(d, outcomes, flags, hurt)
    if _strayed(d):
        return Kind.OTHER  # a drone that strayed into a neighbour's airspace, crashed or not
    if "hit" in outcomes or hurt or Mark.DAMAGE in flags:
        return Kind.STRIKE
    if any(_FOUND.search(i.text) for i in d.infos):
        return Kind.OTHER  # fragments found
    if outcomes <= {"launched", None} and "launched" in outcomes and not d.loc.specific:
        return Kind.OTHER
    return Kind.STRIKE if d.loc.specific else Kind.OTHER


def _strayed(d: Draft) -> bool:
    """A drone not shot down in a country at war with no one (section 8.2: Poland, Romania,
    the Baltics), crashed or not, damage or not."""
    if d.loc.country is not None:
        return d.loc.country not in _BELLIGERENTS
    return any(_AIRSPACE.search(i.text) for i in d.infos)


def _kind_when_downed(d: Draft, outcomes: set, flags: set[Mark], hurt: bool) -> Kind:
    """Weapons were shot down: an interception, unless something was also hit."""
    if "hit" in outcomes:
        return Kind.STRIKE  # "intercepted some, but one struck": a direct hit as well
    if Mark.DEBRIS in flags:
        return Kind.INTERCEPTION  # damage from falling debris keeps it an interception
    caused = Mark.HITS in flags or any(
        Mark.DAMAGE in i.flags and Mark.DEBRIS not in i.flags and _HIT_VERB.search(i.text)
        for i in d.infos)
    return Kind.STRIKE if caused or (hurt and _got_through(d)) else Kind.INTERCEPTION


def _got_through(d: Draft) -> bool:
    """More were launched than downed: with casualties, some of them hit (section 3); with all
    of them downed, casualties are the debris's."""
    launched: dict[str, int] = {}
    downed: dict[str, int] = {}
    for w, _ in d.weapons:
        if w.role == "attacker" and w.quantity:
            tally = launched if w.outcome == "launched" else downed if w.outcome in _DOWN else None
            if tally is not None:
                tally[w.category] = tally.get(w.category, 0) + w.quantity
    return any(n > downed.get(cat, 0) for cat, n in launched.items())


def _place_from_titles(d: Draft) -> None:
    """A mayor speaks for a city, a governor for a region: when the text names no settlement,
    "Kharkiv mayor ... the city's Kholodnohirskyi district" happened in Kharkiv."""
    if (d.country_level and not d.loc.empty) or (d.loc.place is not None
                                                 and d.loc.place.kind != "district"):
        return  # (an event placed nowhere at all is where the official speaking is in charge)
    for s, info in d.sources:
        low = s.name.lower()
        if "mayor" in low:
            place = _mayors_city(s, info)
        elif d.loc.place is None and d.loc.admin1 is None and re.search(
                r"governor|regional|oblast|region", low):
            place = _governors_region(s, info)
        else:
            continue
        if place is None:
            continue
        if place.kind == "place":
            d.loc.place = place  # a mayor's city, or "Sevastopol Governor": a city-region
        else:
            d.loc.admin1 = Place("admin1", place.text, place.start, place.end,
                                 place.country, place.iso, place.stem)
        d.loc.country = d.loc.country or place.country
        return


def _mayors_city(s: Source, info: Info) -> Place | None:
    found = find_places(s.name, info.sent.start + s.start)
    lead = re.search(r"\b([A-Z][\w-]+)(?:['’]s)?\s+$", info.text[:s.start])
    if lead and not any(p.kind == "place" for p in found):  # "Lviv's mayor"
        found = find_places(lead.group(1), info.sent.start + lead.start(1))
    return next((p for p in found if p.kind == "place"), None)


def _governors_region(s: Source, info: Info) -> Place | None:
    """The region in a governor's title; a city-region's place ("Sevastopol Governor X")."""
    found = find_places(s.name, info.sent.start + s.start)
    region = next((p for p in found if p.kind in ("admin1", "place")), None)
    first = re.match(r"[A-Z][\w-]+", s.name)
    if region is None and first:  # "Sevastopol Governor X": the title's own city
        region = next((p for p in find_places(first.group(0), info.sent.start + s.start)
                       if p.kind == "place" and fold(_name(p)) in _CITY_STATES), None)
    if region is not None and region.kind == "place" and fold(_name(region)) not in _CITY_STATES:
        return Place("admin1", region.text, region.start, region.end, region.country,
                     region.iso, region.stem)
    return region


def _derived_span(body: str, d: Draft, name: str) -> Span:
    """The first mention of ``name`` in the incident's sentences, else its first sentence, so
    a derived figure still has evidence a reader can find."""
    for i in d.infos:
        at = i.text.find(name) if name else -1
        if at >= 0:
            return _span(body, i.sent.start + at, i.sent.start + at + len(name))
    if d.infos:
        return _span(body, d.infos[0].sent.start, d.infos[0].sent.end)
    at = body.find(name) if name else -1
    return _span(body, at, at + len(name)) if at >= 0 else _span(body, 0, len(body))


def _span(body: str, start: int, end: int) -> Span:
    start = max(0, min(start, len(body)))
    end = max(start, min(end, len(body)))
    return Span(start, end, body[start:end])


def to_incident(d: Draft, body: str, published: date | None,
                article_date: D.DatePhrase | None, all_drafts: list[Draft],
                text_year: int | None = None) -> Incident:
    """One draft becomes one record, in the order a reader fills a row: figures and kind, then
    where, when, what, who was hurt, who said so."""
    figures = _consolidate(d)
    kind = _kind(d, figures)
    inc = Incident(kind=kind)
    place, admin1 = _set_location(inc, d, all_drafts)
    _set_date(inc, d, body, article_date, all_drafts, text_year)
    _set_time(inc, d, place, admin1)
    _set_weapons(inc, d, body, kind, figures)
    _set_casualties(inc, d, body)
    _set_reporters(inc, d, body)
    _set_damage(inc, d, body)
    _set_summary(inc, kind)
    inc.second_look = d.second_look
    return inc


def _set_location(inc: Incident, d: Draft, all_drafts: list[Draft]
                  ) -> tuple[Place | None, Place | None]:
    _place_from_titles(d)
    if d.loc.country is None and not d.loc.specific:
        d.loc.country = _country_fallback(d, all_drafts)
    place, admin1 = d.loc.place, d.loc.admin1
    inc.country = d.loc.country or (place.country if place else None) or (
        admin1.country if admin1 else None)
    if place is not None and place.kind == "sea":
        inc.country = None
    if place is not None:
        inc.place = place.text
        inc.latitude, inc.longitude = place.lat, place.lon
        inc.geonames_id = place.geonames_id
        inc.admin1_code = place.admin1_code
        inc.geo_precision = "district" if place.kind == "district" else "place"
    if admin1 is not None:
        inc.admin1 = admin1.text
        inc.admin1_code = admin1.iso or inc.admin1_code
        inc.geo_precision = inc.geo_precision or "admin1"
    elif place is not None and place.kind == "place":
        inc.admin1 = gazetteer_region(place)  # from the gazetteer: does no harm, helps matching
    if inc.geo_precision is None and inc.country:
        inc.geo_precision = "country"
    return place, admin1


def _date_phrase(d: Draft, body: str, article_date: D.DatePhrase | None,
                 all_drafts: list[Draft]) -> D.DatePhrase | None:
    phrase = d.event_date()
    if phrase is not None and phrase.kind == "same":
        phrase = D.DatePhrase(phrase.text, phrase.start, phrase.end, "same", False,
                              article_date.value if article_date else None,
                              article_date.year_source if article_date else None)
    if phrase is not None and phrase.kind == "relative" and phrase.text.lower() == "overnight" \
            and body[max(0, phrase.start - 4):phrase.start].lower() == "the ":
        # "in the overnight attack" refers back to the night the article has already dated
        named = [p for x in all_drafts if x is not d for i in x.infos for p in i.dates
                 if p.value is not None and p.kind in ("weekday", "explicit")
                 and not p.reporting and "night" in p.text.lower()]
        if len({p.value for p in named}) == 1:
            phrase = named[0]
    return phrase


def _set_date(inc: Incident, d: Draft, body: str, article_date: D.DatePhrase | None,
              all_drafts: list[Draft], text_year: int | None) -> None:
    phrase = _date_phrase(d, body, article_date, all_drafts)
    if phrase is not None:
        # "that night" inherits the date of the attack already named: no phrase of its own
        inc.date_text = None if phrase.kind == "same" and re.match(
            r"(?i)(?:that|the\s+same)\s", phrase.text) else phrase.text
        inc.date = phrase.value
        inc.year_source = phrase.year_source if phrase.value else None
        inc.year_inferred = phrase.year_source == "published" and phrase.kind == "explicit"
        if phrase.value is None and phrase.kind == "explicit" and text_year is not None:
            found = D.find_dates(phrase.text, date(text_year, 12, 31))
            if found and found[0].value is not None:  # the one year the text itself states
                inc.date, inc.year_inferred, inc.year_source = found[0].value, True, "text"
    elif article_date is not None and article_date.value is not None:
        inc.date = article_date.value
        inc.year_source = article_date.year_source
    if inc.date is not None:
        inc.date_precision = "day"
    low = (inc.date_text or "").lower()
    for part in ("night", "morning", "evening", "afternoon"):
        if part in low or (part == "night" and "overnight" in low):
            inc.part_of_day = part
            break


def _set_time(inc: Incident, d: Draft, place: Place | None, admin1: Place | None) -> None:
    inc.time_text = next((info.time[0] for info in d.infos if info.time), None)
    if not (inc.time_text and inc.date):
        return
    tz = timezone_for(inc.country, place.tz if place else (admin1.tz if admin1 else None))
    if not tz:
        return
    try:
        zone = ZoneInfo(tz)
    except (ValueError, KeyError, OSError):  # a zone name this system's tzdata lacks
        return
    day = inc.date
    clock = [tuple(int(x) for x in part.split(":")) for part in inc.time_text.split("-")]
    if any(not (0 <= h < 24 and 0 <= m < 60) for h, m in clock):  # "24:00" has no instant
        return
    inc.start_time = datetime(day.year, day.month, day.day, *clock[0], tzinfo=zone)
    if len(clock) > 1:
        inc.end_time = datetime(day.year, day.month, day.day, *clock[1], tzinfo=zone)


def _hit_unstated(d: Draft, figures: list[tuple[Mention, Info | None]]
                  ) -> list[tuple[Mention, Info | None]]:
    """"drones attacked the refinery, sparking a fire; two were shot down": a hit and a count
    of the downed, both."""
    if any(w.outcome == "hit" for w, _ in figures if w.role == "attacker"):
        return figures
    vague = next(((w, i) for w, i in d.weapons if w.role == "attacker" and w.quantity is None
                  and i is not None and _HIT_SAID.match(i.text[w.end:w.end + 40].lstrip(
                      ).removeprefix("had ").removeprefix("have "))), None)
    if vague is None or not figures:
        return figures
    vague = (replace(vague[0], quantity=None, outcome=None), vague[1])
    if all(w.category == vague[0].category for w, _ in figures if w.role == "attacker"):
        return [*figures, vague] if vague not in figures else figures
    return figures


def _set_weapons(inc: Incident, d: Draft, body: str, kind: Kind,
                 figures: list[tuple[Mention, Info | None]]) -> None:
    # in a strike, a weapon with no outcome of its own "hit" when the text says so
    hit_said = kind == "strike" and any(_HIT_SAID.search(i.text) for i in d.infos)
    if hit_said:
        figures = _hit_unstated(d, figures)
    if kind == "other" and _strayed(d):
        # a drone that strayed into a neighbour's airspace and crashed: no outcome (rules 8.2)
        figures = [(replace(w, outcome=None) if w.outcome == "hit" else w, i) for w, i in figures]
    categories = [x.category for x, _ in figures]
    for w, info in figures:
        if _hit_by_default(w, d, kind, hit_said, categories.count(w.category) == 1):
            w = replace(w, outcome="hit")
        if info is None:  # a figure put together from others: point at where its weapon is named
            span = _derived_span(body, d, w.name)
        else:
            base = info.sent.start
            span = _span(body, base + min(w.q_start, w.start), base + w.end)
        inc.weapons.append(WeaponFigure(
            name=w.name, canonical=w.canonical, category=w.category, role=w.role,
            outcome=w.outcome, quantity=w.quantity if (w.quantity or 0) >= 0 else None,
            quantity_text=w.quantity_text, span=span))


def _hit_by_default(w: Mention, d: Draft, kind: Kind, hit_said: bool, alone: bool) -> bool:
    """"fired ballistic missiles at Dnipro ... The strike damaged ...": they hit; in a strike,
    the one weapon of its kind with no verb of its own is what struck."""
    if w.role != "attacker":
        return False
    if w.outcome is None:
        return hit_said or (kind == "strike" and alone)
    return hit_said and w.outcome == "launched" and w.quantity is None and d.loc.specific \
        and alone


def _set_casualties(inc: Incident, d: Draft, body: str) -> None:
    seen = set()
    for c, info in d.casualties:
        key = (c.outcome, c.group, c.count)
        if key in seen or c.count < 0:
            continue
        seen.add(key)
        base = info.sent.start
        inc.casualties.append(CasualtyFigure(c.outcome, c.group, c.count, c.is_minimum,
                                             c.count_text, _span(body, base + c.start,
                                                                 base + c.end)))


def _set_reporters(inc: Incident, d: Draft, body: str) -> None:
    names = set()
    for s, info in d.sources:
        if s.name.lower() in names:
            continue
        names.add(s.name.lower())
        base = info.sent.start
        inc.reporters.append(Reporter(s.name, s.kind, s.country, s.channel,
                                      _span(body, base + s.start, base + s.end)))


def _set_damage(inc: Incident, d: Draft, body: str) -> None:
    inc.damage = next((i.text for i in d.infos if i.flags & {Mark.DAMAGE, Mark.NODAMAGE}), None)
    inc.no_damage = any(Mark.NODAMAGE in i.flags for i in d.infos) and not any(
        Mark.DAMAGE in i.flags for i in d.infos)
    inc.evidence = [_span(body, i.sent.start, i.sent.end) for i in d.infos]


def _set_summary(inc: Incident, kind: Kind) -> None:
    where = inc.place or inc.admin1 or inc.country or "unknown place"
    what = ", ".join(
        f"{w.quantity if w.quantity is not None else '?'} {w.canonical} {w.outcome or ''}".strip()
        for w in inc.weapons if w.role == "attacker") or "no weapon stated"
    inc.summary = f"{kind} at {where}" + (f" on {inc.date.isoformat()}" if inc.date else "") \
        + f": {what}"


_ATTACK_MARKS = frozenset({Mark.DAMAGE, Mark.HITS, Mark.DEBRIS})


def _unclaimed_places(infos: list[Info], drafts: list[Draft]) -> list[Draft]:
    """'Later, police came across a third drone on the edge of the village of Cosernita': a
    sentence that tells of a weapon, a hit or a toll at a town no draft is about, although
    segmentation folded it into another incident. Each becomes a proposal of its own, marked
    as a second look, for the confidence model to keep or drop."""
    holders: dict[int, tuple[Draft, bool]] = {}
    for d in drafts:  # a sentence two drafts share is the first one's
        for k, info in enumerate(d.infos):
            holders.setdefault(id(info), (d, k == 0))
    out: list[Draft] = []
    story: Draft | None = None  # the draft of the sentence before, when this one has none
    for info in infos:
        holder, opened = holders.get(id(info), (None, False))
        story = holder or story
        if rejected(info) or not (info.weapons or info.casualties or info.flags & _ATTACK_MARKS):
            continue
        loc = sentence_loc(info)
        if opened or not _worth_a_second_look(info, loc, holder) \
                or any(_same_place(loc, d.loc) for d in drafts + out):
            continue
        if loc.country is None and story is not None:
            loc.country = story.loc.country  # the village is where its story is
        extra = Draft(loc, second_look=True)
        extra.add(info)
        out.append(extra)
    return out


def _worth_a_second_look(info: Info, loc: Loc, holder: Draft | None) -> bool:
    """A town (not a city's district, which segmentation settles), not the sentence's first
    word ("Cars and trolleybuses were damaged"), not a village the holding incident's district
    or region may well contain (a sentence that opened a draft was segmentation's own call)."""
    place = loc.place
    if place is None or place.kind != "place" or place.start == info.sent.start:
        return False
    inside = holder is not None and holder.loc.place is None and holder.loc.admin1 is not None
    in_district = holder is not None and holder.loc.place is not None \
        and holder.loc.place.kind == "district"
    return not ((inside or in_district) and place.lat is None)


def _secondary_targets(infos: list[Info], drafts: list[Draft]) -> list[Draft]:
    """'... drones that breached Polish airspace during overnight attacks on Ukraine': the attack
    on the other country is its own (launch-only) incident."""
    out = []
    for d in drafts:
        if not d.loc.country or d.loc.specific:
            continue
        for info in d.infos[:1]:
            m = re.search(r"(?i)\battacks?\s+on\s+(?:neighbou?ring\s+)?([A-Z][a-z]+)", info.text)
            if not m:
                continue
            from .places import _patterns

            other = _patterns()["countries"].get(m.group(1))
            if other and other != d.loc.country and not any(x.loc.country == other
                                                            for x in drafts):
                extra = Draft(Loc(country=other), country_level=True)
                extra.infos.append(info)
                extra.date_phrase = event_date(info)
                out.append(extra)
    return out


_UPDATE_WORDS = fastre.compile(
    r"(?i)^\W*(?:update|updated|latest)\b|\b(?:has|had)?\s*(?:risen|rose|climbed|increased|grown)"
    r"\s+to\b|\btoll\b"
)


def _merge_updates(drafts: list[Draft]) -> list[Draft]:
    """'Update from Kharkiv: the number injured has risen to six': a later figure for an event
    already reported at the same place belongs to it, not to a new incident."""
    out: list[Draft] = []
    for d in drafts:
        twin = _national_twin(d, out)
        if twin is not None:  # the lead and the ministry's quoted total: one national tally
            twin.absorb(d)
            continue
        _place_from_titles(d)
        target = _updated_event(d, out) or _toll_half(d, out)
        if target is not None:
            target.absorb(d, casualties=True)
            continue
        out.append(d)
    return out


def _national_twin(d: Draft, seen: list[Draft]) -> Draft | None:
    if not d.country_level or d.loc.specific or not d.figures():
        return None
    return next((e for e in seen if e.country_level and not e.loc.specific
                 and d.loc.country == e.loc.country and d.figures() == e.figures()
                 and not _dates_conflict(d.event_date(), e.event_date())), None)


def _updated_event(d: Draft, seen: list[Draft]) -> Draft | None:
    """The earlier incident at the same place whose casualty figures this update raises."""
    place = d.loc.place
    if place is None or not d.casualties or d.figures() or not all(
            _UPDATE_WORDS.search(i.text) for i in d.infos if i.casualties):
        return None
    return next((e for e in reversed(seen) if e.loc.place is not None
                 and e.loc.place.kind in ("place", "district")
                 and same_name(e.loc.place.stem, place.stem) and e.casualties), None)


def _toll_half(d: Draft, seen: list[Draft]) -> Draft | None:
    """A live blog's later entry with the toll of the attack an earlier entry reported at the
    same place (its weapons, no toll): the other half of that incident."""
    place = d.loc.place
    if place is None or not _tolls(d) or any(w.role == "attacker" for w, _ in d.weapons):
        return None
    return next((e for e in reversed(seen) if e.loc.place is not None and not e.tally
                 and same_name(_name(e.loc.place), _name(place)) and not e.casualties
                 and any(w.role == "attacker" for w, _ in e.weapons)
                 and not _dates_conflict(d.event_date(), e.event_date())), None)


_SUMMARY = fastre.compile(
    r"(?i)\b(?:two|three|four|five|several|multiple|a\s+number\s+of|various)\s+(?:[\w-]+\s+){0,3}"
    r"(?:regions|cities|towns|villages|refineries|oblasts|areas|districts|facilities|sites)\b"
)


def _drop_summary_leads(drafts: list[Draft]) -> list[Draft]:
    """'Drones set fire to refineries in two regions overnight', then a paragraph per region:
    the lead sums up the incidents that follow and is not one of its own."""
    out = []
    for d in drafts:
        if _undated_aside(d):
            continue  # "Earlier this month, a depot caught fire": no day, no figure, no incident
        placed = [x for x in drafts if x is not d and x.loc.specific]
        specific = [x for x in placed if not x.tally]
        told_apart = _regions_told_apart(d, placed)
        if told_apart or _sums_up(d, drafts, specific):
            for x in placed if told_apart else specific:
                if x.event_date() is None:
                    x.date_phrase = d.event_date()
                # "no reports of casualties" after the lead speaks for every part of it
                x.casualties += [(c, i) for c, i in d.casualties if c.count == 0 and not any(
                    y.outcome == c.outcome for y, _ in x.casualties)]
            continue
        out.append(d)
    return out


def _undated_aside(d: Draft) -> bool:
    when = d.event_date()
    return when is not None and when.kind in ("month", "period") and not d.casualties \
        and not any(_counted(w) for w, _ in d.weapons)


def _sums_up(d: Draft, drafts: list[Draft], specific: list[Draft]) -> bool:
    """A one-sentence national lead with no figure, before at least two placed incidents."""
    if not d.country_level or d.loc.specific or any(w.quantity for w, _ in d.weapons):
        return False
    if d.casualties or len(d.infos) != 1 or not _SUMMARY.search(d.infos[0].text):
        return False
    return len(specific) >= 2 and drafts.index(d) < drafts.index(specific[0])


def _regions_told_apart(d: Draft, placed: list[Draft]) -> bool:
    """"drones ... over its border regions of Bryansk and Belgorod", then an incident for each
    region: the uncounted lead is their sum, not an incident of its own."""
    if not d.country_level or d.loc.specific or any(w.quantity for w, _ in d.weapons):
        return False
    regions = [p for p in d.infos[0].places if p.kind == "admin1"]
    return len(regions) >= 2 and all(
        any(x.loc.admin1 is not None and same_name(x.loc.admin1.stem or x.loc.admin1.text,
                                                   p.stem or p.text) for x in placed)
        for p in regions)


def _district_of(d: Draft, city: Draft) -> bool:
    """A draft placed only in a district, in the country of the story's one city."""
    if d is city or d.tally or d.loc.admin1 is not None or d.loc.place is None:
        return False
    return d.loc.place.kind == "district" and d.loc.country in (None, city.loc.place.country) \
        and not _named_after_another_town(d.loc.place, city.loc.place)


# a district named after a town this large is that town's (Izmail, Akko), not a city's ward
_DISTRICT_TOWN = 20_000


def _named_after_another_town(district: Place, city: Place) -> bool:
    """"the Izmail district" in a story of Vylkove: the district around another town."""
    town = re.sub(r"(?i)\s+(?:district|raion|rayon|county|municipality)$", "", _name(district))
    return not same_name(town, _name(city)) and town_size(town, city) >= _DISTRICT_TOWN


def _districts_to_cities(drafts: list[Draft]) -> list[Draft]:
    """'the city's Kyivskyi district', 'in the Holosiivskyi district' in a story about one
    city: a district of that city. The same moment is the city's incident; another clock time
    is another incident in the city."""
    cities = {}
    for x in drafts:
        if x.loc.place is not None and x.loc.place.kind == "place" and x.loc.place.lat is not None:
            cities.setdefault(fold(x.loc.place.stem or x.loc.place.text), x)
    if len(cities) != 1:
        return drafts
    city = next(iter(cities.values()))
    out = []
    for d in drafts:
        if not _district_of(d, city):
            out.append(d)
            continue
        times = {i.time[0] for i in d.infos if i.time}
        city_times = {i.time[0] for i in city.infos if i.time}
        if (times and city_times and not times & city_times) \
                or _dates_conflict(d.event_date(), city.event_date()):
            d.loc = Loc(city.loc.place, city.loc.admin1, city.loc.place.country)
            out.append(d)
            continue
        city.absorb(d, weapons=True, casualties=True)
    return out


def _tolls(d: Draft) -> set[tuple[str, int]]:
    return {(c.outcome, c.count) for c, _ in d.casualties if c.count > 0}


def _fold_twin_tolls(drafts: list[Draft]) -> list[Draft]:
    """"Three service members died ... in Jordan", then "at Tower 22 ... three were killed":
    an unplaced draft with the very toll of a placed one in its country is that incident."""
    out = []
    for d in drafts:
        tolls = _tolls(d)
        twin = None if d.tally or not tolls else next(
            (x for x in drafts if x is not d and (x in out or not d.loc.specific)
             and x.loc.specific and not x.tally
             and (d.loc.country is None or x.loc.country in (None, d.loc.country))
             and _same_toll_here(d, x, tolls)
             and not _dates_conflict(d.event_date(), x.event_date())), None)
        if twin is None:
            out.append(d)
        else:
            _fold_into(twin, d)
    return out


def _fold_halves(drafts: list[Draft]) -> list[Draft]:
    """"A strike in the Yunakivska community killed two brothers", then "forces struck the
    village of Mohrytsia with guided bombs": a community's toll with no weapon and the one
    village of the story the gazetteer does not know, with weapons and no toll, are halves of
    one incident, told at the village."""
    villages = [x for x in drafts if _unknown_village(x) and x.weapons and not _tolls(x)]
    halves = [d for d in drafts if d.loc.place is not None and d.loc.place.kind == "district"
              and _tolls(d) and not any(w.role == "attacker" for w, _ in d.weapons)]
    if len(villages) != 1 or len(halves) != 1:
        return drafts
    village, half = villages[0], halves[0]
    if _dates_conflict(village.event_date(), half.event_date()) \
            or village.loc.country not in (None, half.loc.country):
        return drafts
    _fold_into(village, half, casualties=True)
    return [d for d in drafts if d is not half]


def _fold_placeless_tolls(drafts: list[Draft]) -> list[Draft]:
    """"The strike killed nine and wounded 60" told with no place, beside the one place the
    story puts the strike (with no toll of its own, or one of the same figures): that place's
    toll, not an incident of its own."""
    out = list(drafts)
    for d in drafts:
        if not _placeless_toll(d):
            continue
        fits = [x for x in out if x is not d and _may_hold_toll(x, d)]
        shared = [x for x in fits if _tolls(x) & _tolls(d)]
        target = shared[0] if len(shared) == 1 else fits[0] if len(fits) == 1 else None
        if target is not None:
            _fold_into(target, d, casualties=True)
            out.remove(d)
    return out


def _placeless_toll(d: Draft) -> bool:
    return not d.loc.specific and not d.tally and bool(_tolls(d)) and not _counts_several(d) \
        and not any((w.quantity or 0) > 1 for w, _ in d.weapons if w.role == "attacker")


def _may_hold_toll(x: Draft, d: Draft) -> bool:
    return x.loc.specific and not x.tally \
        and (d.loc.country is None or x.loc.country in (None, d.loc.country)) \
        and not _dates_conflict(d.event_date(), x.event_date()) \
        and (not _tolls(x) or bool(_tolls(x) & _tolls(d)))


def _unknown_village(d: Draft) -> bool:
    return d.loc.place is not None and d.loc.place.kind == "place" and d.loc.place.lat is None \
        and not d.tally


def _same_toll_here(d: Draft, x: Draft, tolls: set[tuple[str, int]]) -> bool:
    """The same toll again: from a draft with no place, or from a district or a place the
    gazetteer does not know beside a village it does not know either ('Kupiansk district' and
    'Malyi Burluk', two injured each, one glide bomb)."""
    if not d.loc.specific:
        return tolls <= _tolls(x)
    return tolls == _tolls(x) and sum(n for _, n in tolls) >= 2 and d.figures() == x.figures() \
        and not (_gazetteer_town(d.loc) and _gazetteer_town(x.loc))


def _gazetteer_town(loc: Loc) -> bool:
    return loc.place is not None and loc.place.kind == "place" and loc.place.lat is not None


def _fold_into(twin: Draft, d: Draft, casualties: bool = False) -> None:
    twin.absorb(d, weapons=not twin.weapons, casualties=casualties)
    twin.loc.country = twin.loc.country or d.loc.country
    if twin.loc.admin1 is None and d.loc.admin1 is not None \
            and d.loc.admin1.country in (None, twin.loc.country):
        twin.loc.admin1 = d.loc.admin1


def _bare_place(d: Draft) -> bool:
    """A draft that only says where: no weapon, no toll, no tally."""
    return d.loc.specific and not d.weapons and not d.casualties and not d.tally


def _place_the_lead(drafts: list[Draft]) -> list[Draft]:
    """"Drones hit a market in Sudan's Kordofan, killing 28", then "the attack took place in
    the Sudri locality": the one bare place of the lead's country and day is the lead's."""
    leads = [d for d in drafts if not d.loc.specific and not d.tally and d.loc.country
             and _tolls(d) and not _counts_several(d)]
    bare = [d for d in drafts if _bare_place(d)]
    if len(leads) != 1 or len(bare) != 1:
        return drafts
    lead, place = leads[0], bare[0]
    if place.loc.country not in (None, lead.loc.country) \
            or _dates_conflict(lead.event_date(), place.event_date()):
        return drafts
    place.absorb(lead, weapons=True, casualties=True)
    place.loc.country = place.loc.country or lead.loc.country
    return [d for d in drafts if d is not lead]


def build(body: str, published: date | None) -> list[Incident]:
    """The article's incidents: sentences analysed, assembled into drafts, drafts tidied, then
    each turned into an incident with the article's shared facts (its date, its country)."""
    infos = analyse(body, published)
    drafts = _districts_to_cities(_drop_summary_leads(_merge_updates(assemble(infos,
                                                                             published))))
    drafts = _fold_placeless_tolls(_fold_halves(_fold_twin_tolls(drafts)))
    drafts = _place_the_lead(drafts)
    drafts.extend(_secondary_targets(infos, drafts))
    drafts.extend(_unclaimed_places(infos, drafts))
    text_year = _text_year(infos) if published is None else None
    article_date = _article_date(drafts) or _lead_date(infos)
    _drop_foreign_namesakes(drafts, infos)
    _carry_countries(drafts)
    _drop_summed_tolls(drafts)
    countries = {x.loc.country for x in drafts if x.loc.country}
    story_country = next(iter(countries)) if len(countries) == 1 else None
    for d in drafts:
        _the_capital(d, story_country)
    out = []
    for d in drafts:
        if not d.infos:
            continue
        # "Kharkiv was hit too" names no weapon: none is invented (annotation rules 8.3)
        out.append(to_incident(d, body, published, article_date, drafts, text_year))
    return out


def _drop_summed_tolls(drafts: list[Draft]) -> None:
    """"Six dead across southern Ukraine ... five in Mykolaiv, one in Zaporizhzhia": a country's
    toll that its places' tolls add up to is their sum, not an incident's of its own (as a
    complete regional breakdown of a tally is, annotation rules 2.3)."""
    for wide in (d for d in drafts if not d.loc.specific and d.casualties):
        parts = [d for d in drafts if d.loc.specific and d.loc.country == wide.loc.country]
        for outcome in ("killed", "injured"):
            whole = _toll(wide, outcome)
            shares = [n for n in (_toll(d, outcome) for d in parts) if n]
            if whole and len(shares) >= 2 and sum(shares) == whole:
                wide.casualties = [(c, i) for c, i in wide.casualties if c.outcome != outcome]


def _toll(d: Draft, outcome: str) -> int | None:
    counts = [c.count for c, _ in d.casualties if c.outcome == outcome and c.group == "total"]
    return max(counts) if counts else None


def _text_year(infos: list[Info]) -> int | None:
    """With no publication date a year is never invented, but one the text states is used."""
    years = {d.value.year for i in infos if not rejected(i) or Mark.TIMESTAMP in i.flags
             for d in i.dates if d.year_source == "text" and d.value}
    return years.pop() if len(years) == 1 else None


def _article_date(drafts: list[Draft]) -> D.DatePhrase | None:
    """The first resolved event date of the article, else its first date phrase."""
    for d in drafts:
        p = d.event_date()
        if p is not None and p.value is not None:
            return p
    return next((d.event_date() for d in drafts if d.event_date()), None)


def _lead_date(infos: list[Info]) -> D.DatePhrase | None:
    """"Hostilities escalated sharply late Friday as drones were sighted ...": a day the lead
    gives the story when no sentence of an incident dates it."""
    for info in infos[:3]:
        if rejected(info):
            continue
        p = next((x for x in info.dates if not x.reporting and x.value is not None
                  and x.kind in ("weekday", "explicit", "relative")), None)
        if p is not None:
            return p
    return None


_HOME = frozenset(load_table("regions.json")["home_countries"])


def _drop_foreign_namesakes(drafts: list[Draft], infos: list[Info]) -> None:
    """"Soroka hospital" in a story about Israel is no Moldovan town: a gazetteer city of a
    country the article never names nor places anything else in is an unknown place."""
    named = {p.country for i in infos for p in i.places
             if p.country and (p.kind != "place" or p.lat is None)}
    if not named:
        return
    towns = _towns_by_country(infos)
    for d in drafts:
        place = d.loc.place
        if place is None or place.kind != "place" or place.lat is None \
                or place.country is None or place.country in _HOME or well_known(place):
            continue  # the war most reports are about, and Beirut, need no introduction
        if place.country not in named and not towns.get(place.country, set()) - {place.stem}:
            d.loc.place = replace(place, country=None, lat=None, lon=None, tz=None,
                                  geonames_id=None, admin1_code=None)
            d.loc.country = None if d.loc.country == place.country else d.loc.country


def _towns_by_country(infos: list[Info]) -> dict[str, set[str | None]]:
    """Country -> the stems of the gazetteer towns the article names there."""
    towns: dict[str, set[str | None]] = {}
    for i in infos:
        for p in i.places:
            if p.country and p.kind == "place" and p.lat is not None:
                towns.setdefault(p.country, set()).add(p.stem)
    return towns


def _carry_countries(drafts: list[Draft]) -> None:
    """An unknown village in a story about one country is in that country."""
    last_country = None
    for d in drafts:
        if _unknown_place(d) and last_country:
            d.loc.country = last_country
        last_country = d.loc.country or last_country


def _unknown_place(d: Draft) -> bool:
    return d.loc.country is None and d.loc.place is not None and d.loc.place.kind != "sea" \
        and d.loc.place.lat is None


_CAPITAL = fastre.compile(r"\b(?i:the|its|their)\s+(?:(?P<nation>[A-Z][\w'’]+)\s+)?(?i:capital)\b"
                      r"(?!\s+(?i:region|oblast))")


def _the_capital(d: Draft, story_country: str | None) -> None:
    """'a second wave of drones approached the capital': the country's capital city."""
    said = _CAPITAL.search(d.infos[0].text) if d.infos else None
    if d.loc.specific or d.tally or said is None or Mark.COUNTRYWIDE in d.infos[0].flags:
        return
    from .places import _patterns

    # "the Ukrainian capital" names its country; "the capital" is the story's
    nation = _patterns()["demonyms"].get(said.group("nation") or "")
    country = nation or d.loc.country or story_country
    if country is None or (said.group("nation") and nation is None):
        return
    name = _patterns().get("capitals", {}).get(country)
    found = [p for p in find_places(name, 0) if p.kind == "place"] if name else []
    if found:
        d.loc.place, d.loc.country = found[0], found[0].country
        d.country_level = False
