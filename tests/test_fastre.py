"""fastre: the required-strings test never turns away a text its pattern matches."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from incidentdb.extract import fastre
from incidentdb.extract.text import sentences

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("casualties", "dates", "incidents", "places", "reporters", "text", "weapons")


@pytest.mark.parametrize(("pattern", "needles"), [
    (r"(?i)\b(?:killed|dead)\b", {"killed", "dead"}),
    (r"(?i)\bdestruction(?: of)?\b", {"destruction"}),
    (r"(?i)\bneutrali[sz]ed\b", {"neutrali"}),  # five characters are enough
    (r"(?i)since (?:January|February)|this year", {"since ", "this year"}),
    (r"\d+ drones?", {" drone"}),
    (r"(?i)(?=.*\bfatal)", {"fatal"}),  # what a look-ahead sees is in the text too
    (r"(?i)(?:a|b)", None),  # too short to be worth a test
    (r"(?i)x?y?z?", None),  # may match the empty string
    (r"(?i)\w+ed", None),
])
def test_required(pattern: str, needles: set[str] | None) -> None:
    assert fastre.required(pattern) == (frozenset(needles) if needles else None)


@pytest.mark.parametrize("text", ["the ſea port", "Kelvin: \u212aILLED", "İstanbul sea"])
def test_characters_that_lower_case_unlike_re(text: str) -> None:
    for pattern in (r"(?i)sea", r"(?i)killed", r"(?i)istanbul"):
        assert bool(fastre.compile(pattern).search(text)) == bool(re.search(pattern, text))


def _patterns() -> list[fastre.Pattern]:
    found: list[fastre.Pattern] = []

    def walk(value: object) -> None:
        if isinstance(value, fastre.Pattern):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)
        elif hasattr(value, "rx"):
            walk(value.rx)

    for name in MODULES:
        module = importlib.import_module(f"incidentdb.extract.{name}")
        for value in vars(module).values():
            if callable(value) and hasattr(value, "cache_info"):
                try:
                    value = value()
                except TypeError:
                    continue
            walk(value)
    return found


def _texts() -> list[str]:
    paths = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/heldout*/*.txt"))
    texts = []
    for path in paths:
        body = path.read_text(encoding="utf-8")
        texts += [s.text for s in sentences(body)]
    return texts


def test_no_match_is_turned_away() -> None:
    patterns, texts = _patterns(), _texts()
    assert len(patterns) > 50 and len(texts) > 200
    for p in patterns:
        for text in texts:
            if not p.possible(text):
                assert p.rx.search(text) is None, (p.pattern[:80], text)
            found = p.search(text)
            expected = p.rx.search(text)
            assert _seen(found) == _seen(expected), text
            spans = [_seen(m) for m in p.finditer(text)]
            assert spans == [_seen(m) for m in p.rx.finditer(text)], (p.pattern[:80], text)


def _seen(m: re.Match | None) -> tuple | None:
    """All a rule can read of a match: a pruned variant must give the same groups."""
    return m and (m.span(), m.groups(), m.lastindex, m.lastgroup, m.groupdict())


@pytest.mark.parametrize(("pattern", "chars"), [
    (r"(?i)(?:AGM-88 )?HARM", {"a", "h"}),
    (r"(?<!truck )bombs?", {"b"}),
    (r"(?-i:[A-C][a-z]+ )?guided", {"a", "b", "c", "g"}),
    (r"\w+", None),
    (r"x?", None),
])
def test_first_chars(pattern: str, chars: set[str] | None) -> None:
    assert fastre.first_chars(pattern) == (frozenset(chars) if chars else None)


def test_alternatives_find_what_the_alternation_finds() -> None:
    from incidentdb.extract.weapons import _catalog

    catalog = _catalog()[1]
    assert catalog.buckets is not None
    for text in _texts() + ["a truck bombs and Shaheds; ſhahed", "Kh-101 and KAB-500 bombs"]:
        got = [(m.span(), m.lastgroup) for m in catalog.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in catalog.rx.finditer(text)], text


def test_and_count_alone_where_no_of_them() -> None:
    """weapons._pronoun_figures runs the third wording alone where "of them" is not written."""
    from incidentdb.extract import weapons as w

    texts = _texts() + ["Russia launched 30 drones, and 12 were shot down, while 3 were lost"]
    for text in texts:
        if w._OF_PRONOUN.search(text):
            continue
        got = [(m.span(), m.groupdict().get("num3")) for m in w._AND_COUNT_ONLY.finditer(text)]
        assert got == [(m.span(), m["num3"]) for m in w._OF_THEM.finditer(text)], text


def test_pruned_alternation_keeps_groups() -> None:
    """An alternative the text cannot match is left out, its groups kept empty."""
    p = fastre.compile(r"(?i)\b(?:(?P<a>killed)|(?P<b>wounded) (\w+)|dead|injured)\b")
    assert isinstance(p, fastre.Pattern) and p.pruner is not None
    for text in ("two were killed", "one wounded man", "three dead", "No one injured",
                 "Killed, dead", "nothing here"):
        assert [_seen(m) for m in p.finditer(text)] == [_seen(m) for m in p.rx.finditer(text)]
        assert _seen(p.search(text)) == _seen(p.rx.search(text))
    assert p.pruner.variants  # variants did run


def test_literal_alternation_tries_words_in_their_order() -> None:
    words = ["Kharkiv Oblast", "Kherson", "Kursk", "Kh", "K", "Bryansk", "Kharkiv", "B.C.", ""]
    flat = re.compile("|".join(re.escape(w) for w in words))
    grouped = re.compile(fastre.literal_alternation(words))
    for text in ["Kharkiv Oblast and Kherson, Kursk; Khmelnytskyi", "B.C. Bryansk K", "x"]:
        for pattern in (r"\b(?:{})\b", r"(?:{})s?\s+Oblast", r"(?:{})"):
            got = [m.span() for m in re.finditer(pattern.format(grouped.pattern), text)]
            assert got == [m.span() for m in re.finditer(pattern.format(flat.pattern), text)]


def test_each_finds_what_the_patterns_find_in_turn() -> None:
    from incidentdb.extract.weapons import _outcome_finder

    finder = _outcome_finder()
    for text in _texts() + ["Shot down and destroyed; ſhot down", "intercepted and destroyed"]:
        got = [(k, m.span()) for k, m in finder.finditer(text)]
        assert got == [(k, m.span()) for k, rx in enumerate(finder.patterns)
                       for m in rx.finditer(text)], text


def test_scan_finds_every_string_a_text_holds() -> None:
    """One trie scan gives the bits of the strings the text holds, prefixes included."""
    by_needle = {f"w{k:02d}": 1 << k for k in range(50)} | {"arrow": 1 << 50, "arrow ": 1 << 51}
    scan = fastre._Scan(by_needle)
    for low in ("an arrow struck w07 and w49", "arrows", "no strings here", "w0w01w02"):
        assert scan.mask(low, 0) == sum(bits for n, bits in by_needle.items() if n in low)


def test_prepared_sentence_gives_the_same_matches() -> None:
    """After prepare(), a rule reads its bit: the same matches as re, also for a pattern
    compiled after the scan was built."""
    text = "Air defences shot down 12 drones over Kyiv; debris fell on two houses."
    early = fastre.compile(r"(?i)\b(?:shot down|intercepted|destroyed)\b")
    absent = fastre.compile(r"(?i)\b(?:killed|wounded)\b")
    fastre.prepare(text)
    late = fastre.compile(r"(?i)\bdebris\b")
    for rx in (early, absent, late):
        assert isinstance(rx, fastre.Pattern)
        assert [m.span() for m in rx.finditer(text)] == \
            [m.span() for m in re.finditer(rx.pattern, text)]
        assert bool(rx.search(text)) == bool(re.search(rx.pattern, text))
