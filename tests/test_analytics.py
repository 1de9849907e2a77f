"""The six questions of SPEC section 8: every queries/*.sql file run on documents written for the
tests, with hand-built extractions so the rows do not depend on the extraction rules."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import insert, select, text
from typer.testing import CliRunner

from incidentdb.cli import app
from incidentdb.db.engine import libpq_url
from incidentdb.db.models import Article, Casualty, Incident, IncidentReport, IncidentWeapon, Weapon
from incidentdb.db.regions import region_rows
from incidentdb.document import Document
from incidentdb.extract.model import (
    CasualtyFigure,
    Extraction,
    Reporter,
    Span,
    WeaponFigure,
)
from incidentdb.extract.model import Incident as Found
from incidentdb.load import write_document
from incidentdb.query import run_sql
from incidentdb.stats import collect
from tests.conftest import ROOT

QUERIES = ROOT / "queries"

CATEGORIES = {
    "UAV": "uav", "Shahed": "uav", "Kh-101": "cruise_missile",
    "Iskander-M": "ballistic_missile", "Pantsir": "sam_system",
}

D1 = Document(
    title="Drones shot down over Kursk and Rzhev",
    outlet="KSMO Santa Monica",
    published=date(2025, 3, 11),
    url="https://ksmo.example/2025/03/11/kursk",
    path="d1.txt",
    body="Air defenses shot down ten of twelve drones over Kursk on March 10, the Kursk region "
    "governor said on Telegram. A Pantsir system was in action. Two people were injured. "
    "On March 9 a drone hit a warehouse in Rzhev, in the Tver region.",
)
D2 = Document(
    title="Kursk region: more drones down",
    outlet="Evening Ledger",
    published=date(2025, 3, 17),
    url="https://ledger.example/kursk-drones",
    path="d2.txt",
    body="Twelve drones were destroyed over Kursk on March 10, the Ministry of Defense said; two "
    "people were injured. On Sunday air defenses destroyed five drones and three Shaheds "
    "elsewhere in the Kursk region. In Konakovo, Tver region, a drone struck a house on March "
    "15, injuring three people, among them a child; no one was killed.",
)
D3 = Document(
    title="Ministry: 40 drones and two missiles destroyed; Tver hit",
    outlet="KSMO Santa Monica",
    published=date(2025, 3, 18),
    url="https://ksmo.example/2025/03/18/tally",
    path="d3.txt",
    body="Russian air defenses destroyed 40 drones and two Kh-101 missiles overnight on March "
    "17, the Ministry of Defense said. No one was killed or injured. On March 18 dozens of "
    "drones were shot down over Tver, the governor said.",
)
D4 = Document(
    title="Missile strike on Kharkiv",
    path="d4.txt",
    body="An Iskander-M strike hit Kharkiv on Tuesday night with two missiles, killing one "
    "person and injuring two children. Air defenses shot down four drones over the city.",
)


def span(document: Document, phrase: str) -> Span:
    start = document.body.index(phrase)
    return Span(start, start + len(phrase), phrase)


def weapon(document, phrase, canonical, role, outcome, quantity, text=None) -> WeaponFigure:
    return WeaponFigure(
        name=phrase, canonical=canonical, category=CATEGORIES[canonical], role=role,
        outcome=outcome, quantity=quantity, quantity_text=text, span=span(document, phrase),
    )


def casualty(document, phrase, outcome, group, count) -> CasualtyFigure:
    return CasualtyFigure(outcome=outcome, group=group, count=count, is_minimum=False,
                          count_text=phrase, span=span(document, phrase))


def found(document, evidence: str, **fields) -> Found:
    return Found(evidence=[span(document, evidence)], confidence=0.9, **fields)


def extractions() -> list[tuple[Document, Extraction]]:
    kursk = found(
        D1, "Air defenses shot down ten of twelve drones over Kursk on March 10",
        kind="interception", date=date(2025, 3, 10), date_precision="day",
        date_text="on March 10", country="RU", admin1="Kursk region", place="Kursk",
        admin1_code="RU-KRS", summary="Kursk interception",
        weapons=[
            weapon(D1, "twelve drones", "UAV", "attacker", "launched", 12, "twelve"),
            weapon(D1, "ten", "UAV", "attacker", "destroyed", 10, "ten"),
            weapon(D1, "A Pantsir system", "Pantsir", "defender", None, None),
        ],
        casualties=[casualty(D1, "Two people were injured", "injured", "total", 2)],
        reporters=[Reporter("Kursk region governor", "official", "RU", "Telegram",
                            span(D1, "the Kursk region governor"))],
    )
    rzhev = found(
        D1, "On March 9 a drone hit a warehouse in Rzhev", kind="strike",
        date=date(2025, 3, 9), date_precision="day", date_text="On March 9", country="RU",
        admin1="Tver region", place="Rzhev", admin1_code="RU-TVE", summary="Rzhev strike",
        weapons=[weapon(D1, "a drone", "UAV", "attacker", "hit", 1, "a")],
    )
    kursk_sunday = found(
        D2, "On Sunday air defenses destroyed five drones and three Shaheds", kind="interception",
        date=date(2025, 3, 16), date_precision="day", date_text="On Sunday", country="RU",
        admin1="Kursk region", admin1_code="RU-KRS", summary="Kursk region interception",
        weapons=[
            weapon(D2, "five drones", "UAV", "attacker", "destroyed", 5, "five"),
            weapon(D2, "three Shaheds", "Shahed", "attacker", "destroyed", 3, "three"),
        ],
    )
    konakovo = found(
        D2, "In Konakovo, Tver region, a drone struck a house", kind="strike",
        date=date(2025, 3, 15), date_precision="day", date_text="on March 15", country="RU",
        admin1="Tver region", place="Konakovo", admin1_code="RU-TVE", summary="Konakovo strike",
        weapons=[weapon(D2, "a drone struck", "UAV", "attacker", "hit", 1, "a")],
        casualties=[
            casualty(D2, "injuring three people", "injured", "total", 3),
            casualty(D2, "among them a child", "injured", "children", 1),
            casualty(D2, "no one was killed", "killed", "total", 0),
        ],
    )
    tally = found(
        D3, "Russian air defenses destroyed 40 drones and two Kh-101 missiles",
        kind="interception", date=date(2025, 3, 17), date_precision="day",
        date_text="overnight on March 17", country="RU", geo_precision="country",
        summary="Ministry tally",
        weapons=[
            weapon(D3, "40 drones", "UAV", "attacker", "destroyed", 40, "40"),
            weapon(D3, "two Kh-101 missiles", "Kh-101", "attacker", "destroyed", 2, "two"),
        ],
        casualties=[
            casualty(D3, "No one was killed", "killed", "total", 0),
            casualty(D3, "No one was killed or injured", "injured", "total", 0),
        ],
        reporters=[Reporter("Ministry of Defense", "military", "RU", None,
                            span(D3, "the Ministry of Defense"))],
    )
    tver = found(
        D3, "On March 18 dozens of drones were shot down over Tver", kind="interception",
        date=date(2025, 3, 18), date_precision="day", date_text="On March 18", country="RU",
        admin1="Tver region", place="Tver", admin1_code="RU-TVE", summary="Tver interception",
        weapons=[weapon(D3, "dozens of drones", "UAV", "attacker", "destroyed", None, "dozens")],
    )
    kharkiv = found(
        D4, "An Iskander-M strike hit Kharkiv on Tuesday night", kind="strike",
        date_text="on Tuesday night", country="UA", admin1="Kharkiv Oblast", place="Kharkiv",
        admin1_code="UA-63", summary="Kharkiv strike",
        weapons=[
            weapon(D4, "two missiles", "Iskander-M", "attacker", "hit", 2, "two"),
            weapon(D4, "four drones", "UAV", "attacker", "destroyed", 4, "four"),
        ],
        casualties=[
            casualty(D4, "killing one person", "killed", "total", 1),
            casualty(D4, "injuring two children", "injured", "children", 2),
        ],
    )
    return [
        (D1, Extraction("test", [kursk, rzhev])),
        (D2, Extraction("test", [kursk_sunday, konakovo])),
        (D3, Extraction("test", [tally, tver])),
        (D4, Extraction("test", [kharkiv])),
    ]


# -- builders for a second report of a stored incident ---------------------------------------


def add_report(conn, *, incident_id: int, article_id: int, ordinal: int, evidence: Span,
               reported_by: str | None = None) -> int:
    return conn.execute(insert(IncidentReport).values(
        incident_id=incident_id, article_id=article_id, ordinal=ordinal,
        reported_by=reported_by, evidence=evidence.text, evidence_start=evidence.start,
        evidence_end=evidence.end, match_score=0.8,
    ).returning(IncidentReport.id)).scalar_one()


def add_weapon(conn, report_id: int, figure: WeaponFigure) -> None:
    weapon_id = conn.execute(select(Weapon.id).where(Weapon.name == figure.canonical)).scalar_one()
    conn.execute(insert(IncidentWeapon).values(
        report_id=report_id, weapon_id=weapon_id, name=figure.name, role=figure.role,
        outcome=figure.outcome, quantity=figure.quantity, quantity_text=figure.quantity_text,
        evidence_start=figure.span.start, evidence_end=figure.span.end,
    ))


def add_casualty(conn, report_id: int, figure: CasualtyFigure) -> None:
    conn.execute(insert(Casualty).values(
        report_id=report_id, outcome=figure.outcome, group=figure.group, count=figure.count,
        is_minimum=figure.is_minimum, count_text=figure.count_text,
        evidence_start=figure.span.start, evidence_end=figure.span.end,
    ))


def write_test_documents(engine) -> dict[str, int]:
    """The four documents, plus D2's second report of the Kursk interception with other
    numbers; returns incident ids by summary."""
    with engine.begin() as conn:
        for document, extraction in extractions():
            write_document(conn, document, extraction, None)
        ids = dict(conn.execute(select(Incident.summary, Incident.id)).all())
        d2 = conn.execute(select(Article.id).where(Article.sha256 == D2.sha256)).scalar_one()
        report = add_report(
            conn, incident_id=ids["Kursk interception"], article_id=d2, ordinal=2,
            evidence=span(D2, "Twelve drones were destroyed over Kursk on March 10"),
            reported_by="Ministry of Defense",
        )
        add_weapon(conn, report, weapon(D2, "Twelve drones", "UAV", "attacker", "destroyed", 12,
                                        "Twelve"))
        add_casualty(conn, report, casualty(D2, "two people were injured", "injured", "total", 2))
    return ids


@pytest.fixture
def ids(engine) -> dict[str, int]:
    return write_test_documents(engine)


@pytest.fixture
def reader(reader_url) -> str:
    return libpq_url(reader_url)


def run_query(conninfo: str, name: str) -> list[tuple]:
    return run_sql(conninfo, (QUERIES / name).read_text()).rows


def test_every_question_has_a_query_file_that_states_it():
    files = sorted(p.name for p in QUERIES.glob("*.sql"))
    assert files == [
        "01_drones_destroyed_weekly.sql", "02_child_casualty_incidents.sql",
        "03_weapon_frequency.sql", "04_multi_report_incidents.sql",
        "05_casualty_incidents_by_region.sql", "06_outlet_place_articles.sql",
    ]
    for name in files:
        first = (QUERIES / name).read_text().splitlines()[0]
        assert first.startswith(f"-- Q{int(name[:2])}. ") and first.endswith(("?", ".")), name


def test_q1_drones_destroyed_per_region_per_week(reader, ids):
    assert run_query(reader, "01_drones_destroyed_weekly.sql") == [
        # Kursk: the two reports of one incident (10 and 12) count once, as 12; plus 5 + 3.
        (date(2025, 3, 10), "RU", "Kursk Oblast", False, 2, 0, 20),
        (date(2025, 3, 17), "RU", "Tver Oblast", False, 1, 1, None),  # "dozens": no number
        (date(2025, 3, 17), "RU", None, True, 1, 0, 40),  # the tally: country level, no region
        (None, "UA", "Kharkiv Oblast", False, 1, 0, 4),  # no date, no week
    ]


def test_q2_incidents_with_children_among_the_casualties(reader, ids):
    assert run_query(reader, "02_child_casualty_incidents.sql") == [
        (ids["Konakovo strike"], date(2025, 3, 15), "on March 15", "strike", "RU",
         "Tver Oblast", "Konakovo", None, 1, 0, 3, 1),
        (ids["Kharkiv strike"], None, "on Tuesday night", "strike", "UA", "Kharkiv Oblast",
         "Kharkiv", None, 2, 1, 2, 1),
    ]


def test_q3_weapons_by_role_and_frequency(reader, ids):
    assert run_query(reader, "03_weapon_frequency.sql") == [
        # UAV: 7 incidents, 9 figures; per incident the largest figure: 12+1+5+1+40+4.
        ("attacker", "UAV", "uav", 7, 9, 63),
        ("attacker", "Iskander-M", "ballistic_missile", 1, 1, 2),
        ("attacker", "Kh-101", "cruise_missile", 1, 1, 2),
        ("attacker", "Shahed", "uav", 1, 1, 3),
        ("defender", "Pantsir", "sam_system", 1, 1, None),
    ]


def test_q4_incidents_with_more_than_one_report_and_whether_they_agree(reader, ids):
    kursk = (ids["Kursk interception"], date(2025, 3, 10), "Kursk", "Kursk Oblast", "RU", 2)
    assert run_query(reader, "04_multi_report_incidents.sql") == [
        (*kursk, "Pantsir defender", 0, None, None, None, "KSMO Santa Monica: no number"),
        (*kursk, "UAV attacker destroyed", 2, 10, 12, False,
         "KSMO Santa Monica: 10; Evening Ledger: 12"),
        (*kursk, "UAV attacker launched", 1, 12, 12, None, "KSMO Santa Monica: 12"),
        (*kursk, "injured total", 2, 2, 2, True, "KSMO Santa Monica: 2; Evening Ledger: 2"),
    ]


def test_q5_incidents_with_and_without_casualties_per_region(reader, ids):
    assert run_query(reader, "05_casualty_incidents_by_region.sql") == [
        ("RU", "Tver Oblast", False, 1, 0, 2, 3),
        ("RU", "Kursk Oblast", False, 1, 0, 1, 2),
        ("RU", None, True, 0, 1, 0, 1),  # the ministry tally: "no one was killed or injured"
        ("UA", "Kharkiv Oblast", False, 1, 0, 0, 1),
    ]


def test_q6_everything_one_outlet_published_about_one_place(reader, ids):
    example = "SELECT 'Black Sea Courier (sample)' AS outlet, 'Odesa' AS place"
    query = (QUERIES / "06_outlet_place_articles.sql").read_text()
    assert query.count(example) == 1  # the one place a user puts their outlet and place
    query = query.replace(example, "SELECT 'KSMO Santa Monica' AS outlet, 'Tver' AS place")
    assert run_sql(reader, query).rows == [
        ("KSMO Santa Monica", date(2025, 3, 11), D1.title, D1.url, "Rzhev", "Tver Oblast", "RU",
         date(2025, 3, 9), "strike", ids["Rzhev strike"]),
        ("KSMO Santa Monica", date(2025, 3, 18), D3.title, D3.url, "Tver", "Tver Oblast", "RU",
         date(2025, 3, 18), "interception", ids["Tver interception"]),
    ]


def test_a_query_file_runs_as_is_on_incidentdb_sql(reader_url, ids):
    query = (QUERIES / "05_casualty_incidents_by_region.sql").read_text()
    # The file opens with "--", so the options go first and "--" ends them (as in the README).
    result = CliRunner().invoke(
        app, ["sql", "--database-url", reader_url, "--format", "csv", "--", query]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "country,region,country_level,with_casualties,without_casualties,casualties_not_stated,"
        "incidents",
        "RU,Tver Oblast,False,1,0,2,3",
    ]


# -- incidentdb stats -------------------------------------------------------------------------

REGIONS = len(region_rows())  # every ISO 3166-2 subdivision pycountry knows (5046 in 26.2)

EXPECTED_STATS = {
    "tables": {
        "articles": 4, "casualties": 9, "incident_reports": 8, "incident_weapons": 13,
        "incidents": 7, "load_errors": 0, "load_runs": 0, "regions": REGIONS, "sources": 4,
        "weapons": 5,
    },
    "incidents_by_kind": [
        {"kind": "interception", "incidents": 4}, {"kind": "strike", "incidents": 3},
    ],
    "incidents_by_country": [
        {"country": "RU", "incidents": 6}, {"country": "UA", "incidents": 1},
    ],
    "incidents_by_month": [
        {"month": "2025-03", "incidents": 6}, {"month": None, "incidents": 1},
    ],
}


def test_stats_counts_tables_kinds_countries_and_months(engine, ids):
    assert collect(engine) == EXPECTED_STATS


def test_stats_command_prints_text_and_json(db_url, ids):
    runner = CliRunner()
    as_json = runner.invoke(app, ["stats", "--json", "--database-url", db_url])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == EXPECTED_STATS
    as_text = runner.invoke(app, ["stats", "--database-url", db_url])
    assert as_text.exit_code == 0, as_text.output
    assert 1000 <= REGIONS < 10000  # four digits set the column width below
    assert as_text.stdout == f"""\
Rows per table
  articles             4
  casualties           9
  incident_reports     8
  incident_weapons    13
  incidents            7
  load_errors          0
  load_runs            0
  regions           {REGIONS}
  sources              4
  weapons              5
Incidents per kind
  interception         4
  strike               3
Incidents per country
  RU                   6
  UA                   1
Incidents per month
  2025-03              6
  (unknown)            1
"""


def test_every_incident_has_its_region_at_one_level(engine, ids):
    """The region comes from the gazetteer's code, never from a place or a country; a city that
    is a region of its own (Kyiv) is found through its GeoNames id."""
    with engine.begin() as conn:
        for place, country, geonameid in (("Kyiv", "UA", 703448), ("Eilat", "IL", 295277),
                                          ("Red Sea", None, None)):
            conn.execute(insert(Incident).values(
                uid=place, kind="strike", country=country, place=place, geonameid=geonameid,
                summary=place, confidence=0.9))
        regions = conn.execute(text("""
            SELECT i.summary, g.country, g.region_code, g.region, g.country_level
            FROM incident_regions g JOIN incidents i ON i.id = g.incident_id
            ORDER BY i.id""")).all()
    assert regions == [
        ("Kursk interception", "RU", "RU-KRS", "Kursk Oblast", False),
        ("Rzhev strike", "RU", "RU-TVE", "Tver Oblast", False),
        ("Kursk region interception", "RU", "RU-KRS", "Kursk Oblast", False),
        ("Konakovo strike", "RU", "RU-TVE", "Tver Oblast", False),
        ("Ministry tally", "RU", None, None, True),
        ("Tver interception", "RU", "RU-TVE", "Tver Oblast", False),
        ("Kharkiv strike", "UA", "UA-63", "Kharkiv Oblast", False),
        ("Kyiv", "UA", "UA-30", "Kyiv", False),
        ("Eilat", "IL", None, None, False),  # a known place whose region the gazetteer lacks
        ("Red Sea", None, None, None, False),
    ]
