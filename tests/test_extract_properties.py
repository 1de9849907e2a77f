"""Properties that hold for any text: extraction never raises, spans point into the body,
counts are never negative. Pure: no database."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidentdb.extract.incidents import build

_WORDS = st.sampled_from([
    "drone", "drones", "UAV", "missile", "Shahed", "HIMARS", "S-200", "Patriot", "shot", "down",
    "destroyed", "intercepted", "hit", "launched", "killed", "injured", "no", "casualties",
    "at", "least", "three", "forty-two", "12", "0", "-5", "1,200", "over", "the", "Kursk",
    "region", "Kyiv", "Crimea", "Black", "Sea", "overnight", "on", "Monday", "December", "12",
    "2022", "22:17", "4:50", "p.m.", "from", "to", "23:00", "07:00", "Governor", "Ivan",
    "Petrov", "said", "Telegram", "(Photo:", ")", "–", "—", ":", ",", ".", "\n", "\"", "“",
    "including", "children", "adults", "apiece", "of", "them", "separate", "Since", "year",
])
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(_WORDS, max_size=80).map(" ".join),
    st.lists(_WORDS, max_size=80).map("".join),
)


def _check(body: str, published: date | None) -> None:
    # the rules themselves, without extract()'s last-resort guard, so a raise fails the test
    for inc in build(body, published):
        spans = list(inc.evidence)
        spans += [w.span for w in inc.weapons]
        spans += [c.span for c in inc.casualties]
        spans += [r.span for r in inc.reporters]
        for s in spans:  # every figure's evidence is a non-empty span of its own article
            assert 0 <= s.start < s.end <= len(body), s
            assert body[s.start:s.end] == s.text
            assert s.text.strip()
        for w in inc.weapons:
            assert w.quantity is None or w.quantity >= 0
        for c in inc.casualties:
            assert c.count >= 0
        record = inc.record()
        for key in ("killed", "injured", "children_killed", "children_injured"):
            assert record[key] is None or record[key] >= 0
        assert inc.date_text is None or inc.date_text in body
        assert 0.0 <= inc.confidence <= 1.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_TEXT, published=st.one_of(st.none(), st.dates()))
def test_any_text_is_safe(body, published):
    _check(body, published)


# Report-shaped documents: sentences made of the phrases real reports are built from, so the
# rules fire (weapons, counts, referring figures, casualties, sources), not just the guards.
_SENTENCES = st.sampled_from([
    "Air defence shot down {n} drones over the {r} region overnight.",
    "Russia launched {n} Shahed drones and {m} missiles. Of these, {k} were shot down.",
    "{n} were destroyed and {k} were lost, the Air Force said.",
    "The governor said {n} people were injured, including {k} children.",
    "A drone hit a house in {c}; no one was hurt.",
    "Debris of a downed missile fell on {c}, killing {k} and injuring {n}.",
    "Two boats were destroyed, one of them by aviation.",
    "Destroyed {n} of them.",
    "The death toll has risen to {m}.",
    "Ukraine said it shot down {k} of {n}.",
    "Of the {n} drones fired at {c}, air defence intercepted {k}.",
    "At 03:47 a UAV was downed near {c}, and at 05:20 another was destroyed.",
    "{C} Governor Ivan Petrov wrote on Telegram that there were no casualties.",
    "But the fifth detonated above the city.",
    "Four were shot down over the {r} region.",
])
_FILL = st.fixed_dictionaries({
    "n": st.sampled_from(["12", "forty", "1,200", "three", "0", "35"]),
    "m": st.sampled_from(["7", "two", "81", "over 60"]),
    "k": st.sampled_from(["5", "one", "25", "both", "all"]),
    "r": st.sampled_from(["Kursk", "Belgorod", "Kharkiv", "Kyiv"]),
    "c": st.sampled_from(["Odesa", "Kharkov", "Tver", "Sevastopol", "Haifa", "Port Sudan"]),
    "C": st.sampled_from(["Kursk", "Belgorod", "Odesa"]),
})
_REPORTS = st.lists(st.tuples(_SENTENCES, _FILL, st.sampled_from([" ", "\n", "\n\n"])),
                    min_size=1, max_size=12).map(
    lambda parts: "".join(t.format(**f) + sep for t, f, sep in parts))


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_REPORTS, published=st.one_of(st.none(), st.dates()))
def test_report_shaped_documents_keep_every_span_inside_and_non_empty(body, published):
    _check(body, published)


@settings(max_examples=100, deadline=None)
@given(prefix=st.text(max_size=60), suffix=st.text(max_size=60))
def test_real_report_inside_noise(prefix, suffix):
    body = (prefix + "\nAir defences destroyed 12 Ukrainian drones overnight: eight over the "
            "Kursk region and four over the Belgorod region.\n" + suffix)
    _check(body, date(2024, 7, 3))


def test_extremes():
    for body in ("", " ", "\n\n\n", "." * 5000, "9" * 400 + " drones were shot down",
                 "a" * 10000, "\x00drone\x00", "Ω" * 100):
        _check(body, None)
        _check(body, date.min)
        _check(body, date.max)
