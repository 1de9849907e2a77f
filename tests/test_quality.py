"""Extraction quality, measured the way the hidden set is scored, so a rule change that helps
one report and hurts others fails here. Pure: no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentdb.evaluate import evaluate_dir
from tests.conftest import ROOT

HELDOUT = Path(__file__).parent / "heldout"  # written blind to the rules, annotated by hand
# a second blind set (a: Ukrainian-side reports, b: Russian-side and wire copy); rules were
# later tuned on both, so these bars guard against regressions, they do not measure
HELDOUT2 = Path(__file__).parent / "heldout2"
DEV = ROOT.parent / "shared" / "corpus" / "dev"  # beside the checkout in CI and development
FIELDS = ("kind", "date", "location", "weapons", "killed", "injured")


def test_dev_set_meets_the_bar():
    if not (DEV / "gold.jsonl").exists():
        pytest.skip("shared corpus not beside the checkout")
    report = evaluate_dir(DEV / "gold.jsonl", DEV)
    # Floors at the scores of 2026-11-30 (F1 0.820 when the set grew to 40 reports, 0.867 on
    # 2026-11-29, 0.890 now; kind 77 of 81, weapons 60 of 77, killed 17 of 19); issue 10 raises
    # them to F1 0.95, every field 0.90.
    assert (report.articles, report.gold) == (40, 93)
    assert report.f1 >= 0.88
    floors = {"kind": 0.94, "date": 0.98, "location": 0.95, "weapons": 0.77, "killed": 0.85,
              "injured": 0.90}
    for field in FIELDS:
        assert report.accuracy(field) >= floors[field], field


def test_heldout_set_does_not_regress():
    report = evaluate_dir(HELDOUT / "gold.jsonl", HELDOUT)
    assert (report.articles, report.gold) == (18, 44)
    assert report.f1 >= 0.95
    for field in FIELDS:
        assert report.accuracy(field) >= 0.90, field


@pytest.mark.parametrize("half,articles,incidents", [("a", 14, 32), ("b", 14, 32)])
def test_second_heldout_set_does_not_regress(half, articles, incidents):
    report = evaluate_dir(HELDOUT2 / f"gold_{half}.jsonl", HELDOUT2)
    assert (report.articles, report.gold) == (articles, incidents)
    assert report.f1 >= 0.85
    for field in FIELDS:
        assert report.accuracy(field) >= 0.75, field


ARRIVALS = Path(__file__).parent / "arrivals"


@pytest.mark.parametrize("arrival,gold,articles,incidents,matched,floors", [
    # Sets that arrived blind and were then tuned on (regression sets; their arrival scores
    # are in tests/arrivals/scores.jsonl). Correct counts per field measured 2026-11-30 with
    # extractor 1.6.0, so one field slipping fails. arrival5 joined them that day; arrival3,
    # arrival6, arrival7, arrival8, arrival9 and arrival10 are not here: nobody has looked at
    # their details, they stay a measure.
    ("arrival1", "gold_ruua", 60, 128, 91,
     {"kind": 83, "date": 65, "location": 89, "weapons": 60, "killed": 23, "injured": 33}),
    ("arrival1", "gold_other", 40, 78, 53,
     {"kind": 48, "date": 39, "location": 43, "weapons": 26, "killed": 12, "injured": 18}),
    ("arrival2", "gold_ruua", 30, 65, 54,
     {"kind": 51, "date": 37, "location": 52, "weapons": 38, "killed": 16, "injured": 22}),
    ("arrival2", "gold_other", 20, 44, 27,
     {"kind": 24, "date": 15, "location": 21, "weapons": 10, "killed": 9, "injured": 7}),
    ("arrival4", "gold_ruua", 20, 63, 47,
     {"kind": 41, "date": 40, "location": 46, "weapons": 21, "killed": 18, "injured": 16}),
    ("arrival4", "gold_other", 20, 47, 28,
     # injured 10 -> 9 on 2026-11-30: "22 people were treated for mild injuries", now read, is
     # a total of several sites that lands on the last city (md08); five other tolls were gained
     {"kind": 26, "date": 15, "location": 27, "weapons": 8, "killed": 5, "injured": 9}),
    ("arrival5", "gold_ruua", 27, 85, 64,
     {"kind": 51, "date": 57, "location": 58, "weapons": 30, "killed": 9, "injured": 20}),
    ("arrival5", "gold_other", 13, 45, 33,
     {"kind": 24, "date": 21, "location": 32, "weapons": 13, "killed": 7, "injured": 10}),
])
def test_tuned_arrival_sets_do_not_regress(arrival, gold, articles, incidents, matched, floors):
    report = evaluate_dir(ARRIVALS / arrival / f"{gold}.jsonl", ARRIVALS / arrival)
    assert (report.articles, report.gold) == (articles, incidents)
    assert report.matched >= matched
    assert report.crashed == []
    for field, correct in floors.items():
        assert report.fields[field][0] >= correct, field
