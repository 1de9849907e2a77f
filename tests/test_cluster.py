"""Extraction on a Dask cluster (``--cluster local`` here) stores exactly what a plain load
stores, in real PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import create_engine
from typer.testing import CliRunner

from incidentdb.cli import app
from incidentdb.export import incident_records
from tests.conftest import ROOT, _admin, _fresh, url_for

CORPUS = [str(ROOT / "tests" / "heldout"), str(ROOT / "samples")]


def export(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        return [json.dumps(r, sort_keys=True) for r in incident_records(engine)]
    finally:
        engine.dispose()


def test_a_local_dask_cluster_gives_the_export_of_a_plain_load(admin_url, db_url):
    plain_name = _fresh(admin_url, db_url.rsplit("/", 1)[-1].split("?")[0])
    plain = url_for(admin_url, plain_name)
    runner = CliRunner()
    ran = [runner.invoke(app, ["load", *CORPUS, "--database-url", url, *extra])
           for url, extra in ((plain, ["--jobs", "1"]),
                              (db_url, ["--cluster", "local", "--jobs", "2"]))]
    # heldout's gold file is refused the same way by both
    assert [r.exit_code for r in ran] == [1, 1], [r.output for r in ran]
    assert ran[0].stdout.split(" (load run")[0] == ran[1].stdout.split(" (load run")[0]
    assert ran[0].stdout.startswith("Documents: 77 new, 0 unchanged, 18 refused.")  # + README
    exported = export(db_url)
    assert len(exported) > 50
    assert exported == export(plain)
    _admin(admin_url, f'DROP DATABASE "{plain_name}" WITH (FORCE)')
