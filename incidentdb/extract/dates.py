"""Date phrases and clock times, resolved against the published date when there is one.

Reports date events relative to when they were written ("overnight", "on Tuesday"), and name the
day they were *said* ("officials said on Monday"), which does not date the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from . import fastre

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"mon": MO, "tue": TU, "wed": WE, "thu": TH, "fri": FR, "sat": SA, "sun": SU}
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:night|morning|evening|afternoon|day)"
_MD = (
    rf"(?:(?P<mon>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH})(?:,?\s+(?P<year2>(?:19|20)\d\d))?)"
)
_PHRASES = fastre.compile(
    rf"(?P<explicit>(?:(?:[Oo]n|[Ii]n|[Dd]uring|[Ll]ate on|[Ee]arly on|[Bb]y)\s+)?"
    rf"(?:(?:the\s+)?{_PART}\s+of\s+(?:the\s+)?)?(?:{WEEKDAY},?\s+)?{_MD})"
    rf"|(?P<weekday>(?:(?:[Oo]vernight|(?:\b[Dd]uring\s+|\b[Oo]n\s+)?the\s+night)\s+(?:and\s+)?(?:in)?to\s+|"
    rf"(?:[Ll]ate|[Ee]arly)\s+(?:on\s+)?|[Oo]n\s+(?:the\s+{_PART}\s+of\s+)?|[Ll]ast\s+|"
    rf"[Tt]his\s+|(?:[Dd]uring|[Ii]n)\s+the\s+{_PART}\s+of\s+)?(?P<wd>{WEEKDAY})"
    rf"(?:\s+(?:night|morning|evening|afternoon))?)"
    r"|(?P<same>(?:during\s+|on\s+)?the\s+(?:night|morning|evening)\s+of\s+the\s+same\s+(?:date|day)"
    r"|\b(?:that|the\s+same)\s+(?:night|morning|evening|day))"
    r"|\b(?P<rel>(?i:(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:24\s+hours|day|night|"
    r"twenty-four\s+hours)|the\s+previous\s+day|overnight|last\s+night|at\s+night|tonight|"
    r"(?:during|in)\s+the\s+night(?!\s+(?:of|before|after|in|to|into)\b)|"

    r"this\s+morning|earlier\s+today|yesterday|today|the\s+night\s+before))"
    # "In March", "in early May 2024": a month, not a day; it dates nothing but tells events apart
    rf"|(?P<month>(?:\b[Ii]n\s+(?:(?:early|late|mid-)\s*)?|\b[Ee]arly\s+|\b[Ll]ate\s+)"
    rf"(?P<mon3>{MONTH})(?![a-z])(?!\s+\d{{1,2}}\b)(?:,?\s+(?P<year3>(?:19|20)\d\d))?)"
    # "earlier this month", "last week": some other day, not the story's
    r"|(?P<period>\b(?:[Ee]arlier|[Ll]ater)\s+(?:this|that|in\s+the)\s+(?:month|week|year)|"
    r"\b[Ll]ast\s+(?:month|week|year))"
)
_SPEECH_BEFORE = fastre.compile(
    r"(?:said|says|reported|announced|stated|wrote|posted|told\s+\w+|confirmed|added|noted|"
    r"claimed|declared)\s+(?:(?!that\b)\w+\s+)?$"
    r"|\b(?:statement|announcement|briefing|update|post|report)\s+$"
)
_TOLL_UPDATE_AFTER = fastre.compile(
    r"(?i),?\s*(?:the\s+)?(?:death\s+toll|toll|number\s+of\s+(?:\w+\s+){0,2}"
    r"(?:killed|dead|injured|wounded|victims|casualties|fatalities))\b[^.;]{0,140}?\b"
    r"(?:rose|risen|climbed|climbing|increased|grew|kept\s+rising|went\s+up|reached)\b"
)
_SPEECH_AFTER = fastre.compile(
    r"^,?\s*(?:[^,.;]{0,120}?)\b(?:said|says|reported|announced|stated|wrote|posted|told|"
    r"confirmed|added|noted|claimed)\b"
)


@dataclass(frozen=True)
class DatePhrase:
    text: str
    start: int
    end: int
    kind: str  # explicit | weekday | relative | past_day | same | month | period
    reporting: bool  # names the day something was said, not the event
    value: date | None
    year_source: str | None  # "text", "published" or None


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def find_dates(text: str, published: date | None, offset: int = 0,
               report_day: date | None = None) -> list[DatePhrase]:
    """Date phrases in one sentence with their resolved dates (None where the year is unknown)."""
    out = []
    for m in _PHRASES.finditer(text):
        a, b = m.span()
        try:
            kind, value, year_source = _resolve(m, published, report_day)
        except (ValueError, KeyError, OverflowError):  # "February 30": no such day
            kind, value, year_source = _kind_of(m), None, None
        out.append(DatePhrase(m.group(0), a + offset, b + offset, kind,
                              _is_reporting(text, m), value, year_source))
    out = [_night_to_morning(p, text, offset) for p in out]
    return _narrowed(_from_the_report_day(out, published, report_day), text, offset)


# "the night of Feb. 19-20", "the night of February 19 to 20": the morning it ends (rules 4)
_NIGHT_END = fastre.compile(r"^\s*(?:-|–|—|to|into|and)\s*(?P<day>\d{1,2})\b")


def _night_to_morning(p: DatePhrase, text: str, offset: int) -> DatePhrase:
    if p.kind != "explicit" or p.value is None or "night" not in p.text.lower():
        return p
    m = _NIGHT_END.match(text[p.end - offset:])
    morning = p.value + timedelta(days=1)
    if m is None or int(m.group("day")) != morning.day:
        return p
    return replace(p, value=morning)


def _from_the_report_day(found: list[DatePhrase], published: date | None,
                         report_day: date | None) -> list[DatePhrase]:
    """"The ministry said on Sunday that eight drones were destroyed during the night": the
    night before the day it was said, not before the day it was published."""
    said = next((p.value for p in found if p.reporting and p.value
                 and p.kind in ("weekday", "explicit")), None)
    if said is None or report_day is not None:
        return found
    return [replace(p, value=_relative(p.text.lower(), published, said))
            if p.kind == "relative" and not p.reporting and p.value else p for p in found]


# "overnight on Tuesday": the day says which night ("overnight Saturday" is left alone: it
# tends to mean the night after); "from 11 p.m. on March 3 to 7 a.m. on
# March 4": a night's span is dated by the morning it ends (annotation rules 4 and 8.9)
_SPAN_TO = fastre.compile(
    r"(?i)^\s*(?:to|until|till|through|and)\s+(?:about\s+)?\d{1,2}(?:[:.]\d\d)?"
    r"\s*(?:a\.m\.|p\.m\.|am|pm|hours|h)?\s*$")


def _narrowed(found: list[DatePhrase], text: str, offset: int) -> list[DatePhrase]:
    drop = set()
    for k, (first, second) in enumerate(zip(found, found[1:], strict=False)):
        between = text[first.end - offset:second.start - offset]
        if first.kind == "relative" and second.kind in ("weekday", "explicit") \
                and first.text.lower() == "overnight" and not between.strip() \
                and second.text.lower().startswith(("on ", "into ")):
            drop.add(k)
        elif first.kind == second.kind == "explicit" and first.value and second.value \
                and (second.value - first.value).days == 1 and _SPAN_TO.match(between):
            drop.add(k)
    return [p for k, p in enumerate(found) if k not in drop]


def _is_reporting(text: str, m: re.Match) -> bool:
    """'said on Monday', '"On Monday," he said', 'on Monday the number of people killed kept
    climbing': the day of the report or of an update, not of the event."""
    a, b = m.span()
    if _SPEECH_BEFORE.search(text[max(0, a - 40):a]) or _TOLL_UPDATE_AFTER.match(text, b):
        return True
    if (a < 3 or text[:a].strip() in ('"', "“")) and m.group("rel") is None:
        said = _SPEECH_AFTER.match(text[b:b + 160])
        # "On Thursday, the IDF said, a missile was intercepted": an aside; the day is the event's
        return said is not None and not text[b + said.end():].startswith(",")
    return False


def _kind_of(m: re.Match) -> str:
    for group, kind in (("explicit", "explicit"), ("weekday", "weekday"), ("same", "same"),
                        ("month", "month"), ("period", "period")):
        if m.group(group):
            return kind
    low = m.group(0).lower()
    past = "past" in low or "last" in low and "night" not in low or "previous" in low
    return "past_day" if past else "relative"


def _resolve(m: re.Match, published: date | None,
             report_day: date | None) -> tuple[str, date | None, str | None]:
    """The phrase's kind, its date and where its year comes from ("text" or "published")."""
    kind = _kind_of(m)
    if kind == "explicit":
        return (kind, *_explicit(m, published))
    if kind == "weekday":
        return (kind, *_weekday(m, published))
    if kind in ("same", "month", "period"):
        return kind, None, None
    value = _relative(m.group(0).lower(), published, report_day or published)
    return kind, value, "published" if value else None


def _explicit(m: re.Match, published: date | None) -> tuple[date | None, str | None]:
    mon = m.group("mon") or m.group("mon2")
    day = int(m.group("day") or m.group("day2"))
    year = m.group("year") or m.group("year2")
    if year:
        return date(int(year), _month(mon), day), "text"
    if not published:
        return None, None
    value = date(published.year, _month(mon), day)
    if value > published + timedelta(days=2):  # "December 30" in a January report
        value = date(published.year - 1, _month(mon), day)
    return value, "published"


def _weekday(m: re.Match, published: date | None) -> tuple[date | None, str | None]:
    if not published:
        return None, None
    wd = _WEEKDAYS[m.group("wd")[:3].lower()]
    anchor = published - timedelta(days=1) if m.group(0).lower().startswith("last") \
        else published
    return anchor + relativedelta(weekday=wd(-1)), "published"


def _relative(low: str, published: date | None, base: date | None) -> date | None:
    """'overnight', 'yesterday', 'the previous day': counted from the report's day."""
    if "yesterday" in low or "night before" in low:
        base = (published - timedelta(days=1)) if published else None
    if "previous day" in low and not ("over" in low or "for" in low or "during" in low):
        base = (base - timedelta(days=1)) if base else None
    return base


_TIME = (
    r"(?P<h>2[0-3]|[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\.?(?![a-z]))?"
)
_TIME_RE = fastre.compile(
    rf"(?:\b(?:from|between)\s+)?(?<![\d.:/])(?:{_TIME})(?![\d]|\.\d)"
    rf"(?:\s*(?:-|–|—|to|and|until|till)\s*(?:{_TIME.replace('?P<', '?P<e')})(?![\d]|\.\d))?"
)
_TIME_CONTEXT = fastre.compile(
    r"(?i)(?:\bat|about|around|approximately|roughly|until|from|between|since|after|before)\s*$"
)
_NOT_INCIDENT_TIME = fastre.compile(
    r"(?i)\b(?:as of|updated|published|at the time of publication|posted at|\bPM [A-Z]{2,4}\b)"
)
# "the restrictions were lifted shortly after 07:00": the aftermath's clock, not the attack's
_AFTERMATH = fastre.compile(
    r"(?i)\b(?:lifted|reopened|resumed|restored|extinguished|put out|contained)\b[^.;]{0,30}$"
)


def _hhmm(h: str, m: str | None, ap: str | None) -> str | None:
    hour = int(h)
    if ap:
        if hour > 12:
            return None
        pm = ap.lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    elif m is None:
        return None  # a bare number is not a time
    return f"{hour:02d}:{int(m or 0):02d}"


_DIGIT = re.compile(r"\d")
_ZONE = re.compile(r"\s*(?:\(|\[)?\s*(?:local|Moscow|Kyiv|Kiev|GMT|UTC|CET|EET|CEST|EEST)")
_FROM_BETWEEN = re.compile(r"(?i)\b(?:from|between)\b")


def find_time(text: str) -> tuple[str, int, int] | None:
    """First clock time (or range) of an event in the sentence, as 'HH:MM' or 'HH:MM-HH:MM'."""
    if _NOT_INCIDENT_TIME.search(text) or not _DIGIT.search(text):
        return None  # (every clock time has a digit)
    for m in _TIME_RE.finditer(text):
        if m.group("m") is None and m.group("ap") is None:
            continue
        before = text[max(0, m.start() - 25):m.start()]
        if _AFTERMATH.search(text[max(0, m.start() - 60):m.start()]):
            continue
        after = text[m.end():m.end() + 25]
        has_zone = _ZONE.match(after)
        if not (_TIME_CONTEXT.search(before) or has_zone or m.group("ap")
                or _FROM_BETWEEN.search(m.group(0))):
            continue
        start = _hhmm(m.group("h"), m.group("m"), m.group("ap"))
        if start is None:
            continue
        if m.group("eh"):
            end = _hhmm(m.group("eh"), m.group("em"), m.group("eap") or m.group("ap"))
            if end:
                return f"{start}-{end}", m.start(), m.end()
        return start, m.start(), m.end()
    return None


def month_of(phrase: DatePhrase) -> int | None:
    """The month a month-only phrase names ("in early March" -> 3)."""
    m = re.search(MONTH, phrase.text)
    return _month(m.group(0)) if m else None
