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
    # 2026-11-29, 0.890 at extractor 1.7.0, 0.885 at 1.11.0, 0.898 at 1.12.0 with the confidence
    # model and second looks: kind 74 of 79, weapons 60 of 76, killed 16 of 20, injured 22 of 26;
    # in 027 a second look at Kryvyi Rih now pairs with the country-level strike, whose toll the
    # rules had put on Mykolaiv Oblast all along; 0.891 at 1.13.0 and 0.890 at 1.14.0, the model
    # refitted each time); issue 10
    # raises them to F1 0.95,
    # every field 0.90.
    assert (report.articles, report.gold) == (40, 93)
    assert report.f1 >= 0.89
    floors = {"kind": 0.93, "date": 0.98, "location": 0.95, "weapons": 0.77, "killed": 0.80,
              "injured": 0.84}
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
    # extractor 1.14.2 (the confidence model drops unlikely proposals: a few matches go with
    # them, more extras do), so one field slipping fails. arrival3, arrival6 and arrival7
    # joined them on 2026-11-30 (their last blind scores are logged); arrival8, arrival9 and
    # arrival10 (and arrival11, arrival12) are not here: nobody has looked at their details,
    # they stay a measure.
    ("arrival1", "gold_ruua", 60, 128, 95,
     {"kind": 88, "date": 69, "location": 90, "weapons": 63, "killed": 24, "injured": 35}),
    ("arrival1", "gold_other", 40, 78, 52,
     {"kind": 47, "date": 39, "location": 40, "weapons": 27, "killed": 13, "injured": 19}),
    ("arrival2", "gold_ruua", 30, 65, 54,
     {"kind": 51, "date": 38, "location": 52, "weapons": 40, "killed": 17, "injured": 23}),
    ("arrival2", "gold_other", 20, 44, 26,
     {"kind": 24, "date": 14, "location": 19, "weapons": 11, "killed": 9, "injured": 7}),
    ("arrival3", "gold_ruua", 27, 81, 57,
     {"kind": 51, "date": 41, "location": 49, "weapons": 33, "killed": 11, "injured": 18}),
    ("arrival3", "gold_other", 13, 40, 21,
     {"kind": 16, "date": 16, "location": 19, "weapons": 9, "killed": 6, "injured": 10}),
    ("arrival4", "gold_ruua", 20, 63, 45,
     {"kind": 39, "date": 39, "location": 44, "weapons": 20, "killed": 18, "injured": 17}),
    ("arrival4", "gold_other", 20, 47, 29,
     {"kind": 27, "date": 16, "location": 27, "weapons": 11, "killed": 6, "injured": 10}),
    ("arrival5", "gold_ruua", 27, 85, 66,
     {"kind": 54, "date": 58, "location": 60, "weapons": 34, "killed": 10, "injured": 21}),
    ("arrival5", "gold_other", 13, 45, 27,
     {"kind": 22, "date": 17, "location": 25, "weapons": 11, "killed": 9, "injured": 11}),
    ("arrival6", "gold_ruua", 27, 64, 50,
     {"kind": 42, "date": 39, "location": 47, "weapons": 37, "killed": 10, "injured": 15}),
    ("arrival6", "gold_other", 13, 34, 18,
     {"kind": 16, "date": 9, "location": 16, "weapons": 9, "killed": 4, "injured": 5}),
    ("arrival7", "gold_ruua", 27, 82, 56,
     {"kind": 50, "date": 46, "location": 49, "weapons": 32, "killed": 11, "injured": 17}),
    ("arrival7", "gold_other", 13, 41, 21,
     {"kind": 16, "date": 17, "location": 19, "weapons": 8, "killed": 8, "injured": 10}),
])
def test_tuned_arrival_sets_do_not_regress(arrival, gold, articles, incidents, matched, floors):
    report = evaluate_dir(ARRIVALS / arrival / f"{gold}.jsonl", ARRIVALS / arrival)
    assert (report.articles, report.gold) == (articles, incidents)
    assert report.matched >= matched
    assert report.crashed == []
    for field, correct in floors.items():
        assert report.fields[field][0] >= correct, field
