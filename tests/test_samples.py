"""samples/ as a newcomer meets it: `incidentdb load samples/ seeds/`, then every query file of
queries/ as the README runs it. Each returns rows, and the exact rows are pinned in
tests/samples_expected/ (what `incidentdb sql --format csv --file QUERY` prints).

When extraction changes on purpose, rewrite the pinned files with
``INCIDENTDB_WRITE_EXPECTED=1 pytest tests/test_samples.py`` and read the diff before committing.
"""

from __future__ import annotations

import csv
import io
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from incidentdb.cli import app
from tests.conftest import ROOT, SEEDS, _admin, _fresh, url_for

SAMPLES = ROOT / "samples"
QUERIES = sorted((ROOT / "queries").glob("*.sql"))
EXPECTED = ROOT / "tests" / "samples_expected"
PASSWORD = "samples reader"

runner = CliRunner()


@pytest.fixture(scope="module")
def loaded(admin_url, template_db):
    """One database with samples/ and seeds/ loaded through the CLI, and a reader for it."""
    name = _fresh(admin_url, template_db)
    url = url_for(admin_url, name)
    # one extraction process, so incident ids (printed by two query files) are the same each run
    result = runner.invoke(app, ["load", str(SAMPLES), str(SEEDS), "--jobs", "1",
                                 "--database-url", url])
    assert result.exit_code == 0, result.output
    engine = create_engine(url)
    role = f"idb_samples_{uuid.uuid4().hex[:8]}"
    from incidentdb.db.roles import grant_reader

    grant_reader(engine, role, password=PASSWORD)
    reader = make_url(url).set(username=role, password=PASSWORD).render_as_string(
        hide_password=False)
    yield {"url": url, "reader": reader, "engine": engine, "load": result.stdout}
    engine.dispose()
    _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'DROP ROLE "{role}"')


def run_file(reader: str, query) -> str:
    result = runner.invoke(app, ["sql", "--database-url", reader, "--format", "csv", "--file",
                                 str(query)])
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(csv_text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text)))


def test_the_load_summary_names_the_readme_it_passes_over(loaded):
    assert loaded["load"].splitlines() == [
        "Documents: 61 new, 0 unchanged, 0 refused. Added 58 incidents, 97 weapon figures, "
        "94 casualty figures (load run 1).",
        "1 skipped: README.md (notes, not an article).",
    ]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.stem)
def test_every_query_file_returns_its_pinned_rows(loaded, query):
    printed = run_file(loaded["reader"], query)
    expected = EXPECTED / f"{query.stem}.csv"
    if os.environ.get("INCIDENTDB_WRITE_EXPECTED"):
        expected.write_text(printed, encoding="utf-8")
    assert len(rows(printed)) >= 3, printed
    assert printed == expected.read_text(encoding="utf-8")


def test_several_outlets_report_the_same_events_with_different_figures(loaded):
    with loaded["engine"].connect() as conn:
        multi = conn.execute(text("""
            SELECT s.place, s.region, s.outlets, m.figure, m.low, m.high, m.agree
            FROM multi_report_incidents m JOIN incident_summary s ON s.id = m.incident_id
            WHERE s.outlets >= 2 ORDER BY s.date, m.figure""")).all()
    incidents = {(place, region) for place, region, *_ in multi}
    assert len(incidents) >= 3
    assert ("Sumy", "Sumy Oblast", 3, "killed total", 6, 7, False) in multi
    assert ("Zaporizhzhia", "Zaporizhzhia Oblast", 2, "injured total", 7, 9, False) in multi
    assert ("Kyiv", "Kyiv", 2, "killed total", 2, 2, True) in multi


def test_no_view_shows_a_country_code_or_a_place_as_a_region(loaded):
    with loaded["engine"].connect() as conn:
        views = conn.execute(text("""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'region'
            ORDER BY table_name""")).scalars().all()
        regions = {
            view: set(conn.execute(text(f"SELECT DISTINCT region FROM {view}")).scalars())
            for view in views
        }
        countries = set(conn.execute(text(
            "SELECT DISTINCT country FROM incidents WHERE country IS NOT NULL")).scalars())
        known = set(conn.execute(text("SELECT name FROM regions")).scalars())
    assert views == [
        "casualty_incidents_by_region", "child_casualty_incidents", "drones_destroyed_weekly",
        "incident_regions", "incident_summary", "multi_report_incidents",
        "outlet_place_articles",
    ]
    assert countries == {"IL", "RU", "UA"}
    for view, names in regions.items():
        assert not names & countries, view
        assert names - {None} <= known, view
    assert regions["incident_summary"] == {
        None, "Belgorod Oblast", "Bryansk Oblast", "Dnipropetrovsk Oblast", "Kaluga Oblast",
        "Kharkiv Oblast", "Kursk Oblast", "Kyiv", "Moscow", "Odesa Oblast", "Sumy Oblast",
        "Tver Oblast", "Zaporizhzhia Oblast",
    }


# -- the Superset bundle in bi/superset/ --------------------------------------------------------


def make_bundle():
    """bi/superset/make_bundle.py, which is a script, not a package module."""
    import importlib.util

    path = ROOT / "bi" / "superset" / "make_bundle.py"
    spec = importlib.util.spec_from_file_location("make_bundle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_bundle_matches_the_views(loaded):
    """Columns, types and descriptions of every dataset are the views' own: a migration that
    changes a view fails here until make_bundle.py is run again."""
    bundle = make_bundle()
    files = bundle.bundle_files(loaded["engine"])
    on_disk = {p.relative_to(bundle.BUNDLE).as_posix() for p in bundle.BUNDLE.rglob("*.yaml")}
    assert on_disk == set(files)
    for relative, content in files.items():
        assert (bundle.BUNDLE / relative).read_text(encoding="utf-8") == bundle.render(content), (
            f"{relative} is stale: run python bi/superset/make_bundle.py")
    assert sum(name.startswith("charts/") for name in files) == 6


def test_every_chart_query_returns_rows_on_the_samples(loaded):
    """What Superset runs for each chart, in plain SQL: its columns, metrics and filter on its
    view. (bi/superset/run.sh asks a real Superset the same through its API.)"""
    bundle = make_bundle()
    rows = {}
    with loaded["engine"].connect() as conn:
        for name, view, spec in bundle.CHARTS:
            query = spec["query"]
            columns = [c if isinstance(c, str) else c["sqlExpression"] for c in query["columns"]]
            metrics = [m["sqlExpression"] for m in query.get("metrics") or []]
            filters = [f["sqlExpression"] for f in spec["params"]["adhoc_filters"]]
            sql = f"SELECT {', '.join(columns + metrics)} FROM {view}"
            sql += f" WHERE {' AND '.join(filters)}" if filters else ""
            sql += f" GROUP BY {', '.join(columns)}" if metrics else ""
            rows[name[:3]] = len(conn.execute(text(sql)).all())
    assert rows == {"Q1.": 28, "Q2.": 11, "Q3.": 11, "Q4.": 29, "Q5.": 16, "Q6.": 68}
