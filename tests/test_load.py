"""The seeds end to end through the loader, asserted row by row in real PostgreSQL."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import text

from incidentdb.export import incident_records, write_jsonl
from incidentdb.load import load
from tests.conftest import SEEDS

SPEC_KEYS = {
    "id", "kind", "date", "date_precision", "date_text", "time_text", "country", "admin1",
    "place", "latitude", "longitude", "geo_precision", "weapons", "killed", "injured",
    "children_killed", "children_injured", "reported_by", "articles", "evidence",
}


def rows(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


@pytest.fixture
def seeded(engine):
    load(engine, [str(SEEDS)])
    return engine


def incident(engine, where: str) -> dict:
    found = rows(engine, f"SELECT * FROM incidents WHERE {where}")
    assert len(found) == 1, f"expected one incident where {where}, got {len(found)}"
    return found[0]._asdict()


def weapons_of(engine, incident_id: int) -> list[tuple]:
    return [tuple(r) for r in rows(engine, """
        SELECT wp.name, wp.category, w.role, w.outcome, w.quantity
        FROM incident_weapons w
        JOIN incident_reports r ON r.id = w.report_id
        JOIN weapons wp ON wp.id = w.weapon_id
        WHERE r.incident_id = :i ORDER BY wp.name""", i=incident_id)]


def casualties_of(engine, incident_id: int) -> list[tuple]:
    return [tuple(r) for r in rows(engine, """
        SELECT c.outcome, c."group", c.count
        FROM casualties c JOIN incident_reports r ON r.id = c.report_id
        WHERE r.incident_id = :i ORDER BY c.outcome, c."group" """, i=incident_id)]


def report_of(engine, incident_id: int) -> dict:
    return rows(engine, "SELECT * FROM incident_reports WHERE incident_id = :i",
                i=incident_id)[0]._asdict()


def test_loading_the_seeds_twice_adds_nothing_the_second_time(engine):
    first = load(engine, [str(SEEDS)])
    second = load(engine, [str(SEEDS)])
    assert (first.new, first.unchanged, first.refused, first.incidents) == (2, 0, 0, 4)
    assert (second.new, second.unchanged, second.refused, second.incidents) == (0, 2, 0, 0)
    assert scalar(engine, "SELECT count(*) FROM articles") == 2
    assert scalar(engine, "SELECT count(*) FROM incidents") == 4
    assert scalar(engine, "SELECT count(*) FROM load_runs WHERE finished_at IS NOT NULL") == 2


def test_seed_000_article_metadata(seeded):
    article = rows(seeded, """
        SELECT a.title, a.section, s.name AS outlet, a.published
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.path LIKE '%000_be506d096dbecfb0.txt'""")[0]
    assert article.title == (
        "Moscow's Anti-Air Defenses Intercept and Destroy Drones in First Confirmed Use"
    )
    assert article.section == "News"
    assert article.outlet == "KSMO Santa Monica"
    assert article.published is None


def test_moscow_interception(seeded):
    moscow = incident(seeded, "place = 'Moscow'")
    assert moscow["kind"] == "interception"
    assert moscow["country"] == "RU"
    assert moscow["date"] is None  # no year in the text, no published date
    assert "December 12" in moscow["date_text"]
    assert weapons_of(seeded, moscow["id"]) == [("UAV", "uav", "attacker", "destroyed", 3)]
    assert casualties_of(seeded, moscow["id"]) == []
    report = report_of(seeded, moscow["id"])
    assert "Sergei Sobyanin" in report["reported_by"]
    assert report["channel"] == "Max"


def test_tver_strike(seeded):
    tver = incident(seeded, "place = 'Tver'")
    assert tver["kind"] == "strike"
    assert tver["country"] == "RU"
    assert tver["admin1"].lower().startswith("tver")
    assert tver["date"] is None
    assert [w[:4] for w in weapons_of(seeded, tver["id"])][0][:3] == ("UAV", "uav", "attacker")
    assert casualties_of(seeded, tver["id"]) == [
        ("injured", "adults", 6), ("injured", "children", 1), ("injured", "total", 7),
    ]
    assert "windows" in tver["damage"]
    summary = rows(seeded, "SELECT killed, injured, children_injured FROM incident_summary "
                           "WHERE id = :i", i=tver["id"])[0]
    assert tuple(summary) == (None, 7, 1)  # the breakdown is not added to its total


def test_kaluga_s200_interception(seeded):
    kaluga = incident(seeded, "admin1 ILIKE 'kaluga%'")
    assert kaluga["kind"] == "interception"
    assert kaluga["country"] == "RU"
    assert kaluga["time_text"] == "00:30"
    assert kaluga["no_damage"] is True
    assert weapons_of(seeded, kaluga["id"]) == [
        ("S-200", "sam_system", "attacker", "destroyed", 1)
    ]
    assert casualties_of(seeded, kaluga["id"]) == [("injured", "total", 0), ("killed", "total", 0)]
    report = report_of(seeded, kaluga["id"])
    assert report["channel"] == "Telegram"
    assert "Ministry of Defense" in report["reported_by"]


def test_ministry_tally_is_country_level(seeded):
    tally = incident(seeded, "country = 'RU' AND admin1 IS NULL AND place IS NULL")
    assert tally["kind"] == "interception"
    assert tally["geo_precision"] == "country"
    assert weapons_of(seeded, tally["id"]) == [
        ("HIMARS", "rocket", "attacker", "destroyed", 4),
        ("UAV", "uav", "attacker", "destroyed", 42),
    ]
    assert scalar(seeded, "SELECT attacker_destroyed FROM incident_summary WHERE id = :i",
                  i=tally["id"]) == 46


def test_no_incident_for_proposals_or_history(seeded):
    assert scalar(seeded, "SELECT count(*) FROM incidents WHERE date = '2022-02-24'") == 0
    assert scalar(seeded, "SELECT count(*) FROM weapons WHERE name ILIKE 'oreshnik'") == 0


def test_export_has_the_spec_keys(engine):
    load(engine, [str(SEEDS)])
    load(engine, [str(SEEDS)])
    out = io.StringIO()
    assert write_jsonl(incident_records(engine), out) == 4
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert all(SPEC_KEYS <= set(r) for r in records)
    tver = next(r for r in records if r["place"] == "Tver")
    assert (tver["injured"], tver["children_injured"], tver["killed"]) == (7, 1, None)
    assert tver["articles"][0]["sha256"] and len(tver["articles"]) == 1
    body = scalar(engine, "SELECT body FROM articles WHERE sha256 = :s",
                  s=tver["articles"][0]["sha256"])
    assert tver["evidence"] and all(part in body for part in tver["evidence"])


def test_a_refused_file_is_recorded_and_the_batch_goes_on(engine, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text(
        "Drone downed near Kursk\n\nA Ukrainian drone was shot down over the Kursk region on "
        "Tuesday night, the governor said on Telegram. No one was injured.\n"
    )
    summary = load(engine, [str(tmp_path)])
    assert (summary.new, summary.refused) == (1, 1)
    errors = rows(engine, "SELECT path, reason FROM load_errors")
    assert [(e.path.endswith("empty.txt"), e.reason) for e in errors] == [(True, "empty file")]
    assert scalar(engine, "SELECT documents_refused FROM load_runs") == 1
