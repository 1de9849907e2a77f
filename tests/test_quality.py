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
    # Floors at the scores measured when the set grew to 40 reports (F1 0.820); issue 10
    # raises them to F1 0.95 and every field 0.90.
    assert (report.articles, report.gold) == (40, 93)
    assert report.f1 >= 0.82
    floors = {"kind": 0.84, "date": 0.88, "location": 0.95, "weapons": 0.72, "killed": 0.66,
              "injured": 0.72}
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


ARRIVAL1 = Path(__file__).parent / "arrivals" / "arrival1"


@pytest.mark.parametrize("gold,articles,incidents,matched,floors", [
    # measured 2026-11-29 at the end of the session that first tuned rules with this set in
    # view (it arrived blind at F1 0.473); correct counts per field, so one field slipping fails
    ("gold_ruua", 60, 128, 87, {"kind": 75, "date": 59, "location": 85, "weapons": 51,
                                "killed": 21, "injured": 28}),
    ("gold_other", 40, 78, 41, {"kind": 36, "date": 27, "location": 37, "weapons": 15,
                                "killed": 8, "injured": 10}),
])
def test_first_arrival_set_does_not_regress(gold, articles, incidents, matched, floors):
    report = evaluate_dir(ARRIVAL1 / f"{gold}.jsonl", ARRIVAL1)
    assert (report.articles, report.gold) == (articles, incidents)
    assert report.matched >= matched
    assert report.crashed == []
    for field, correct in floors.items():
        assert report.fields[field][0] >= correct, field
