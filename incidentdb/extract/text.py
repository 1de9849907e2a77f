"""Sentences with character offsets, and English number words.

Evidence spans must point into the body exactly, so every unit here carries its offsets and the
text is never rewritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import fastre


@cache
def load_table(name: str) -> dict:
    """A packaged data table, read once per process."""
    table = resources.files("incidentdb.extract").joinpath("data").joinpath(name)
    return json.loads(table.read_text("utf-8"))


def load_patterns(name: str) -> dict[str, re.Pattern]:
    """A packaged pattern file (JSON Lines: label, pattern, examples, counter): one compiled
    case-insensitive alternation per label. Examples are run by tests/test_patterns.py."""
    rows = read_pattern_file(name)
    by_label: dict[str, list[str]] = {}
    for row in rows:
        by_label.setdefault(row["label"], []).append(f"(?:{row['pattern']})")
    return {label: fastre.compile("(?i)" + "|".join(parts)) for label, parts in by_label.items()}


def read_pattern_file(name: str) -> list[dict]:
    text = resources.files("incidentdb.extract").joinpath("patterns").joinpath(name)
    rows = [json.loads(line) for line in text.read_text("utf-8").splitlines() if line.strip()]
    # "{NUMBER}" and "{HEDGE}" in a pattern stand for the number and hedge patterns below
    return [{**row, "pattern": row["pattern"].replace("{NUMBER}", NUMBER).replace("{HEDGE}", HEDGE)}
            for row in rows if "label" in row]


class Wordings:
    """Pattern-file lines tried as one alternation, in file order, each line's named groups
    kept apart: which line matched and its groups are then plain lookups."""

    def __init__(self, name: str, label: str):
        self.rows = [row for row in read_pattern_file(name) if row["label"] == label]
        parts = [f"(?P<r{i}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", row["pattern"]) + ")"
                 for i, row in enumerate(self.rows)]
        self.rx = fastre.compile("(?i)" + "|".join(parts))

    def finditer(self, text: str):
        """(match, the line's row, its groups by their names in the file)."""
        for m in self.rx.finditer(text):
            i = next(k for k in range(len(self.rows)) if m.group(f"r{k}") is not None)
            groups = {name.rsplit("_", 1)[0]: value for name, value in m.groupdict().items()
                      if name.endswith(f"_{i}")}
            yield m, self.rows[i], groups


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    para: int  # index of the paragraph (line block) it belongs to
    line_start: bool  # first sentence of its line


_ABBREV = fastre.compile(
    r"(?:\b(?:[A-Z]|Gen|Lt|Col|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|No|Nos|approx|vs|etc|U\.S|U\.K|a\.m|p\.m|Gov|Rep|Sen|Prof|Inc|Ltd|Co)\.)$"
)
# an abbreviation ends at the stop, and \b reads one character before it: the last characters
# of the sentence so far decide as the whole of it would
_ABBREV_REACH = fastre.max_width(_ABBREV.pattern) + 1
_BOUNDARY = fastre.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9•])|[.!?…]+[\"'”’)\]]*$")


def sentences(body: str) -> list[Sentence]:
    """Split into sentences; a line break always ends one (lists and datelines are lines)."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    for line in body.split("\n"):
        line_off = pos
        pos += len(line) + 1
        if not line.strip():
            para += 1
            continue
        start = 0
        first = True
        for m in _BOUNDARY.finditer(line):
            end = m.end()
            if end < len(line) and _ABBREV.search(line[max(start, m.start() - _ABBREV_REACH):
                                                       m.start() + 1]):
                continue
            first = _emit(out, body, line_off, line, start, end, para, first)
            start = end
        _emit(out, body, line_off, line, start, len(line), para, first)
        para += 1
    return out


# "At 03:47 he said ..., and at 05:20 he wrote ...": two clock times, two events
_SECOND_TIME = fastre.compile(
    r"(?i)[,;]\s+(?:and\s+|while\s+|then\s+)?(?=at\s+(?:about\s+|around\s+)?"
    r"\d{1,2}[:.]\d\d\b)")
_FIRST_TIME = fastre.compile(r"(?i)\bat\s+(?:about\s+|around\s+)?\d{1,2}[:.]\d\d\b")


MAX_SENTENCE = 600  # longer runs without a full stop are cut, so work per sentence is bounded
_CUT = fastre.compile(r"[,;:]\s|\s")


def _emit(out, body, line_off, line, start, end, para, first) -> bool:
    if end - start > MAX_SENTENCE:
        window = line[start:start + MAX_SENTENCE]
        cuts = [m.end() for m in _CUT.finditer(window)]
        cut = start + (cuts[-1] if cuts and cuts[-1] > MAX_SENTENCE // 2 else MAX_SENTENCE)
        first = _emit(out, body, line_off, line, start, cut, para, first)
        return _emit(out, body, line_off, line, cut, end, para, first)
    seg = line[start:end]
    cut = next((m for m in _SECOND_TIME.finditer(seg) if _FIRST_TIME.search(seg[:m.start()])),
               None)
    if cut is not None:
        first = _emit(out, body, line_off, line, start, start + cut.start() + 1, para, first)
        return _emit(out, body, line_off, line, start + cut.end(), end, para, first)
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg.rstrip())
    if trail <= lead:
        return first
    s, e = line_off + start + lead, line_off + start + trail
    out.append(Sentence(s, e, body[s:e], para, first))
    return False


_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "a couple of": 2,
    "a pair of": 2, "dozen": 12,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_UNIT_WORDS = "|".join(
    sorted((k for k in _UNITS if k not in ("a", "an", "no", "zero")), key=len, reverse=True)
)
_TEN_WORDS = "|".join(_TENS)
NUMBER_WORDS = (
    rf"(?:(?:{_TEN_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"(?: hundred(?: and (?:{_TEN_WORDS}|{_UNIT_WORDS}))?)?"
    rf"|(?:{_UNIT_WORDS})(?: hundred(?:(?: and)? (?:(?:{_TEN_WORDS})(?:-\w+)?|{_UNIT_WORDS}))?)?)"
)
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{NUMBER_WORDS})"
HEDGE = (
    r"(?:at least|at most|more than|over|around|about|almost|nearly|some|approximately|up to|"
    r"roughly|no fewer than|as many as|no less than|fewer than|less than|close to|another|"
    r"a further|an additional|a total of)"
)
VAGUE = (
    r"(?:several|dozens of|dozens|hundreds of|hundreds|scores of|a number of|multiple|numerous|"
    r"many|a few|some)"
)


_NUMBER_PARTS = re.compile(r"[\s-]+")


def parse_number(text: str) -> int | None:
    """'42', '1,200', 'forty-two', 'three hundred and five', 'a' -> int; anything else None."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    if t.isdigit():
        return int(t) if len(t) < 10 else None
    if t in _UNITS:
        return _UNITS[t]
    total = 0
    current = 0
    for word in _NUMBER_PARTS.split(t):
        if word == "and":
            continue
        if word in _UNITS and word not in ("a", "an", "no"):
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current
