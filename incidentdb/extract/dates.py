"""Date phrases and clock times, resolved against the published date when there is one.

Reports date events relative to when they were written ("overnight", "on Tuesday"), and name the
day they were *said* ("officials said on Monday"), which does not date the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

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
_PHRASES = re.compile(
    rf"(?P<explicit>(?:(?:[Oo]n|[Ii]n|[Dd]uring|[Ll]ate on|[Ee]arly on|[Bb]y)\s+)?"
    rf"(?:(?:the\s+)?{_PART}\s+of\s+(?:the\s+)?)?(?:{WEEKDAY},?\s+)?{_MD})"
    rf"|(?P<weekday>(?:(?:[Oo]vernight|(?:\b[Dd]uring\s+|\b[Oo]n\s+)?the\s+night)\s+(?:in)?to\s+|"
    rf"(?:[Ll]ate|[Ee]arly)\s+(?:on\s+)?|[Oo]n\s+(?:the\s+{_PART}\s+of\s+)?|[Ll]ast\s+|"
    rf"[Tt]his\s+|(?:[Dd]uring|[Ii]n)\s+the\s+{_PART}\s+of\s+)?(?P<wd>{WEEKDAY})"
    rf"(?:\s+(?:night|morning|evening|afternoon))?)"
    r"|(?P<same>(?:during\s+|on\s+)?the\s+(?:night|morning|evening)\s+of\s+the\s+same\s+(?:date|day)"
    r"|\b(?:that|the\s+same)\s+(?:night|morning|evening|day))"
    r"|\b(?P<rel>(?i:(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:24\s+hours|day|night|"
    r"twenty-four\s+hours)|the\s+previous\s+day|overnight|last\s+night|at\s+night|tonight|"
    r"this\s+morning|earlier\s+today|yesterday|today|the\s+night\s+before))"
    # "In March", "in early May 2024": a month, not a day; it dates nothing but tells events apart
    rf"|(?P<month>(?:\b[Ii]n\s+(?:(?:early|late|mid-)\s*)?|\b[Ee]arly\s+|\b[Ll]ate\s+)"
    rf"(?P<mon3>{MONTH})(?![a-z])(?!\s+\d{{1,2}}\b)(?:,?\s+(?P<year3>(?:19|20)\d\d))?)"
    # "earlier this month", "last week": some other day, not the story's
    r"|(?P<period>\b(?:[Ee]arlier|[Ll]ater)\s+(?:this|that|in\s+the)\s+(?:month|week|year)|"
    r"\b[Ll]ast\s+(?:month|week|year))"
)
_SPEECH_BEFORE = re.compile(
    r"(?:said|says|reported|announced|stated|wrote|posted|told\s+\w+|confirmed|added|noted|"
    r"claimed|declared)\s+(?:(?!that\b)\w+\s+)?$"
    r"|\b(?:statement|announcement|briefing|update|post|report)\s+$"
)
_SPEECH_AFTER = re.compile(
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
        phrase = m.group(0)
        before, after = text[max(0, a - 40):a], text[b:b + 160]
        reporting = bool(_SPEECH_BEFORE.search(before))
        if not reporting and (a < 3 or text[:a].strip() in ('"', "“")) and m.group("rel") is None:
            reporting = bool(_SPEECH_AFTER.match(after))
        value, year_source, kind = None, None, "explicit"
        try:
            if m.group("explicit"):
                mon = m.group("mon") or m.group("mon2")
                day = int(m.group("day") or m.group("day2"))
                year = m.group("year") or m.group("year2")
                if year:
                    value, year_source = date(int(year), _month(mon), day), "text"
                elif published:
                    value = date(published.year, _month(mon), day)
                    if value > published + timedelta(days=2):
                        value = date(published.year - 1, _month(mon), day)
                    year_source = "published"
            elif m.group("weekday"):
                kind = "weekday"
                if published:
                    wd = _WEEKDAYS[m.group("wd")[:3].lower()]
                    anchor = published
                    if phrase.lower().startswith("last"):
                        anchor = published - timedelta(days=1)
                    value = anchor + relativedelta(weekday=wd(-1))
                    year_source = "published"
            elif m.group("same"):
                kind = "same"
            elif m.group("month"):
                kind = "month"
            elif m.group("period"):
                kind = "period"
            else:
                low = phrase.lower()
                base = report_day or published
                if "past" in low or "last" in low and "night" not in low or "previous" in low:
                    kind = "past_day"
                else:
                    kind = "relative"
                if "yesterday" in low or "night before" in low:
                    base = (published - timedelta(days=1)) if published else None
                if "previous day" in low and not ("over" in low or "for" in low or "during" in low):
                    base = (base - timedelta(days=1)) if base else None
                value = base
                year_source = "published" if base else None
        except (ValueError, KeyError, OverflowError):
            value = None
        out.append(DatePhrase(phrase, a + offset, b + offset, kind, reporting, value, year_source))
    return out


_TIME = (
    r"(?P<h>2[0-3]|[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\.?(?![a-z]))?"
)
_TIME_RE = re.compile(
    rf"(?:\b(?:from|between)\s+)?(?<![\d.:/])(?:{_TIME})(?![\d]|\.\d)"
    rf"(?:\s*(?:-|–|—|to|and|until|till)\s*(?:{_TIME.replace('?P<', '?P<e')})(?![\d]|\.\d))?"
)
_TIME_CONTEXT = re.compile(
    r"(?i)(?:\bat|about|around|approximately|roughly|until|from|between|since|after|before)\s*$"
)
_NOT_INCIDENT_TIME = re.compile(
    r"(?i)\b(?:as of|updated|published|at the time of publication|posted at|\bPM [A-Z]{2,4}\b)"
)
# "the restrictions were lifted shortly after 07:00": the aftermath's clock, not the attack's
_AFTERMATH = re.compile(
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


def find_time(text: str) -> tuple[str, int, int] | None:
    """First clock time (or range) of an event in the sentence, as 'HH:MM' or 'HH:MM-HH:MM'."""
    if _NOT_INCIDENT_TIME.search(text):
        return None
    for m in _TIME_RE.finditer(text):
        if m.group("m") is None and m.group("ap") is None:
            continue
        before = text[max(0, m.start() - 25):m.start()]
        if _AFTERMATH.search(text[max(0, m.start() - 60):m.start()]):
            continue
        after = text[m.end():m.end() + 25]
        has_zone = re.match(r"\s*(?:\(|\[)?\s*(?:local|Moscow|Kyiv|Kiev|GMT|UTC|CET|EET|CEST|EEST)",
                            after)
        if not (_TIME_CONTEXT.search(before) or has_zone or m.group("ap")
                or re.search(r"(?i)\b(?:from|between)\b", m.group(0))):
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
