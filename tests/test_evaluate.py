"""The scorer: exact numbers on hand-made cases, and gold against itself on the dev corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from incidentdb.evaluate import (
    EvalReport,
    evaluate_dir,
    load_gold,
    location_matches,
    names_match,
    normalise_place,
    score,
)

DEV_GOLD = Path("/work/shared/corpus/dev/gold.jsonl")


def uav(quantity, outcome="destroyed", category="uav", role="attacker"):
    return {"name": "drone", "category": category, "quantity": quantity, "role": role,
            "outcome": outcome}


def incident(**values):
    base = {
        "kind": "interception", "date": "2025-08-25", "country": "RU", "admin1": None,
        "place": None, "weapons": [], "killed": None, "injured": None, "children_injured": None,
    }
    base.update(values)
    return base


KURSK = incident(admin1="Kursk Region", place="Kursk", weapons=[uav(1)], killed=0, injured=0)
BRYANSK = incident(admin1="Bryansk region", weapons=[uav(6)])
KYIV = incident(kind="strike", date="2022-10-10", country="UA", place="Kyiv",
                weapons=[uav(None, "hit", "other")], killed=8, injured=24)


def test_perfect_prediction_scores_one():
    gold = {"a": [KURSK, BRYANSK], "b": [KYIV]}
    report = score(gold, gold)
    assert (report.gold, report.predicted, report.matched) == (3, 3, 3)
    assert report.precision == report.recall == report.f1 == 1.0
    for name in ("kind", "date", "location", "weapons", "killed", "injured"):
        assert report.accuracy(name) == 1.0
    assert report.fields["killed"] == (2, 2)
    assert report.accuracy("children_injured") is None
    assert not report.misses and not report.extras and not report.mismatches


def test_one_extra_incident_costs_precision_only():
    extra = incident(admin1="Tver region", weapons=[uav(1)])
    report = score({"a": [KURSK, BRYANSK]}, {"a": [KURSK, BRYANSK, extra]})
    assert report.matched == 2
    assert report.precision == pytest.approx(2 / 3)
    assert report.recall == 1.0
    assert report.f1 == pytest.approx(0.8)
    assert [(f.article, f.description) for f in report.extras] == [
        ("a", "interception 2025-08-25 Tver region, RU [uavx1/destroyed]")
    ]
    assert report.misses == []


def test_one_miss_costs_recall_only():
    report = score({"a": [KURSK, BRYANSK]}, {"a": [BRYANSK]})
    assert report.precision == 1.0
    assert report.recall == 0.5
    assert report.f1 == pytest.approx(2 / 3)
    assert len(report.misses) == 1 and "Kursk" in report.misses[0].description
    assert report.fields["kind"] == (1, 1)


def test_article_missing_from_prediction_is_all_misses():
    report = score({"a": [KURSK], "b": [KYIV]}, {"a": [KURSK]})
    assert report.recall == 0.5
    assert [f.article for f in report.misses] == ["b"]


def test_transliteration_variants_match():
    gold = {"b": [KYIV]}
    predicted = {"b": [dict(KYIV, place="Kiev")]}
    report = score(gold, predicted)
    assert report.f1 == 1.0
    assert report.accuracy("location") == 1.0
    for a, b in [("Kharkov", "Kharkiv Oblast"), ("Lugansk region", "Luhansk"),
                 ("Orel", "Oryol Oblast"), ("Orlov", "Oryol"), ("Dolgoe", "Dolgoye"),
                 ("Zaporozhye", "Zaporizhzhia"), ("Republic of Crimea", "Crimea"),
                 ("Podol'sk", "Podolsk"), ("Krivoy Rog", "Kryvyi Rih"),
                 ("Hodeidah", "Hodeida"), ("Jeddah", "Jedda"), ("El-Fasher", "Al Fashir")]:
        assert names_match(a, b), (a, b)
    assert not names_match("Kursk", "Belgorod")
    assert not names_match("Novaya Kakhovka", "Kakhovka")
    assert names_match("highway between Stanislav and Oleksandrivka", "Stanislav")
    assert normalise_place("Kherson region") == normalise_place("KHERSON")


def test_gold_admin1_matches_predicted_place_and_extra_admin1_does_no_harm():
    gold = incident(admin1="Belgorod Region")
    assert location_matches(gold, incident(place="Belgorod"))
    gold_city = incident(country="UA", place="Kharkiv")
    predicted = dict(gold_city, admin1="Kharkiv Oblast")
    assert score({"a": [gold_city]}, {"a": [predicted]}).accuracy("location") == 1.0


def test_country_mismatch_blocks_a_match():
    predicted = dict(KURSK, country="UA")
    report = score({"a": [KURSK]}, {"a": [predicted]})
    assert report.matched == 0
    assert report.precision == report.recall == report.f1 == 0.0
    assert len(report.misses) == len(report.extras) == 1


def test_missing_country_does_not_block_but_location_field_is_wrong():
    predicted = dict(KURSK, country=None)
    report = score({"a": [KURSK]}, {"a": [predicted]})
    assert report.matched == 1
    assert report.fields["location"] == (0, 1)


def test_country_level_gold_matches_on_country():
    tally = incident(country="UA", weapons=[uav(33, "launched"), uav(22)])
    assert location_matches(tally, incident(country="UA"))
    assert not location_matches(tally, incident(country="RU"))
    assert location_matches(incident(country=None), incident(country=None))
    # A country-level tally placed at a city is matched, but its location is wrong.
    report = score({"a": [tally]}, {"a": [dict(tally, place="Kyiv")]})
    assert report.matched == 1 and report.fields["location"] == (0, 1)


def test_null_versus_zero_rule():
    gold = dict(KURSK, killed=0, injured=None, children_injured=None)
    predicted = dict(KURSK, killed=None, injured=2, children_injured=None)
    report = score({"a": [gold]}, {"a": [predicted]})
    assert report.fields["killed"] == (0, 1)  # null where gold is 0
    assert report.fields["injured"] == (0, 1)  # a number where gold is null
    assert report.fields["children_injured"] == (0, 0)  # both null: not counted
    assert {m.field for m in report.mismatches} == {"killed", "injured"}
    same = score({"a": [gold]}, {"a": [dict(gold)]})
    assert same.fields["killed"] == (1, 1) and same.fields["injured"] == (0, 0)


def test_weapon_quantity_mismatch():
    predicted = dict(BRYANSK, weapons=[uav(5)])
    report = score({"a": [BRYANSK]}, {"a": [predicted]})
    assert report.matched == 1
    assert report.fields["weapons"] == (0, 1)
    [mismatch] = report.mismatches
    assert (mismatch.field, mismatch.gold, mismatch.predicted) == (
        "weapons", [("uav", "downed", 6)], [("uav", "downed", 5)]
    )


def test_weapon_rules():
    def right(gold_weapons, predicted_weapons):
        report = score({"a": [dict(BRYANSK, weapons=gold_weapons)]},
                       {"a": [dict(BRYANSK, weapons=predicted_weapons)]})
        return report.fields["weapons"] == (1, 1)

    assert right([uav(6, "destroyed")], [uav(6, "intercepted")])  # one outcome class
    assert not right([uav(6, "destroyed")], [uav(6, "launched")])
    assert right([uav(None)], [uav(4)])  # gold gives no quantity: any
    assert right([uav(2, category="cruise_missile")], [uav(2, category="ballistic_missile")])
    assert not right([uav(2, category="cruise_missile")], [uav(2, category="uav")])
    assert right([uav(6)], [uav(6), uav(None, role="defender", category="sam_system")])
    assert not right([uav(6)], [uav(6), uav(3, "launched")])  # a new figure
    assert right([uav(6)], [uav(6, "destroyed"), uav(6, "intercepted")])  # a repeat
    assert not right([uav(6), uav(6)], [uav(6)])  # each gold figure needs its own
    empty = score({"a": [BRYANSK | {"weapons": []}]}, {"a": [BRYANSK | {"weapons": []}]})
    assert empty.fields["weapons"] == (0, 0)


def test_assignment_prefers_agreeing_pairs():
    # Two incidents at Volgograd on different days: each prediction goes to its own day.
    strike = incident(kind="strike", date="2025-08-14", place="Volgograd",
                      weapons=[uav(None, "hit")])
    downed = incident(date="2025-08-19", admin1="Volgograd region", place="Volgograd",
                      weapons=[uav(13)])
    report = score({"a": [strike, downed]}, {"a": [dict(downed), dict(strike)]})
    assert report.matched == 2
    assert report.accuracy("kind") == report.accuracy("date") == 1.0


def test_assignment_maximises_matches_before_agreement():
    # The prediction that agrees best with gold 1 is the only one able to match gold 2.
    gold = [incident(admin1="Kursk region"), incident(place="Rylsk")]
    predicted = [incident(admin1="Kursk region", place="Rylsk"), incident(place="Kursk")]
    report = score({"a": gold}, {"a": predicted})
    assert report.matched == 2 and report.fields["location"] == (2, 2)


def test_date_only_scored_where_gold_has_one():
    gold = dict(KURSK, date=None)
    report = score({"a": [gold]}, {"a": [dict(KURSK, date="2022-06-28")]})
    assert report.fields["date"] == (0, 0)
    report = score({"a": [KURSK]}, {"a": [dict(KURSK, date=None)]})
    assert report.fields["date"] == (0, 1)


def test_report_serialises_and_formats():
    report = score({"a": [KURSK, BRYANSK]}, {"a": [dict(KURSK, injured=3)]})
    data = json.loads(json.dumps(report.to_dict()))
    assert data["matched"] == 1 and data["fields"]["injured"]["accuracy"] == 0.0
    assert data["misses"][0]["article"] == "a"
    text = report.format_text(detail=True)
    assert "precision 1.000" in text and "recall 0.500" in text
    assert "misses (1):" in text and "injured: gold 0 predicted 3" in text
    assert "misses" not in report.format_text(detail=False)


def test_empty_everything_is_perfect():
    report = score({}, {})
    assert isinstance(report, EvalReport)
    assert report.f1 == 1.0
    assert score({"a": []}, {"a": [KURSK]}).precision == 0.0


def test_dev_gold_against_itself():
    gold = load_gold(DEV_GOLD)
    assert len(gold) == 40 and sum(len(v) for v in gold.values()) == 93
    report = score(gold, gold)
    assert report.f1 == 1.0
    assert all(report.accuracy(name) in (1.0, None) for name in report.fields)


def test_evaluate_dir_with_fake_extract(tmp_path):
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(
        json.dumps({"article": "001", "incidents": [KURSK]}) + "\n"
        + json.dumps({"article": "002", "incidents": [BRYANSK]}) + "\n"
        + json.dumps({"article": "003", "incidents": []}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "001.txt").write_text("A drone over Kursk\n\nA drone was shot down.\n",
                                      encoding="utf-8")
    (tmp_path / "003.txt").write_text("Nothing\n\nNothing happened today.\n", encoding="utf-8")
    seen = []

    def fake_extract(document):
        seen.append(document.title)
        return [KURSK] if "Kursk" in (document.title or "") else []

    report = evaluate_dir(gold_path, tmp_path, extract=fake_extract)
    assert seen == ["A drone over Kursk", "Nothing"]
    assert (report.gold, report.predicted, report.matched) == (2, 1, 1)
    assert [f.article for f in report.misses] == ["002"]
    assert [f.article for f in report.unreadable] == ["002"]
