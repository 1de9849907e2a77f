"""incidentdb export, read back: CSV and Parquet hold the same incidents as JSON Lines, and
--table writes any table or view (and nothing else) in each format."""

from __future__ import annotations

import csv
import json
from datetime import date

import pyarrow.parquet as pq
import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from incidentdb.cli import app
from tests.test_analytics import write_test_documents

runner = CliRunner()


@pytest.fixture
def loaded(engine, db_url) -> str:
    write_test_documents(engine)
    return db_url


def export(db_url: str, *args: str) -> str:
    result = runner.invoke(app, ["export", "--database-url", db_url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def jsonl(db_url: str, *args: str) -> list[dict]:
    return [json.loads(line) for line in export(db_url, *args).splitlines()]


def from_csv(row: dict) -> dict:
    """A flattened CSV row back to the JSON shape: lists split, numbers parsed, "" as null."""
    out = {}
    for key, value in row.items():
        if value == "":
            out[key] = [] if key in ("reported_by", "evidence") else None
        elif key == "reported_by":
            out[key] = value.split("; ")
        elif key == "evidence":
            out[key] = value.split(" || ")
        elif key in ("weapons", "articles"):
            out[key] = json.loads(value)
        elif key in ("killed", "injured", "children_killed", "children_injured"):
            out[key] = int(value)
        elif key in ("latitude", "longitude"):
            out[key] = float(value)
        else:
            out[key] = value
    return out


def test_csv_has_the_same_incidents_as_jsonl(loaded, tmp_path):
    records = jsonl(loaded)
    assert len(records) == 7
    path = tmp_path / "incidents.csv"
    export(loaded, "--format", "csv", "--output", str(path))
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [from_csv(row) for row in csv.DictReader(handle)]
    assert rows == records
    assert {r["id"] for r in rows} == {r["id"] for r in records}


def test_parquet_reads_back_with_the_same_rows(loaded, tmp_path):
    records = jsonl(loaded)
    for record in records:  # Parquet keeps the date as a date, JSON as its ISO string
        record["date"] = date.fromisoformat(record["date"]) if record["date"] else None
    path = tmp_path / "incidents.parquet"
    export(loaded, "--format", "parquet", "--output", str(path))
    assert pq.read_table(path).to_pylist() == records


def test_parquet_columns_have_the_database_types(loaded, tmp_path):
    path = tmp_path / "incidents.parquet"
    export(loaded, "--format", "parquet", "--output", str(path))
    schema = pq.read_schema(path)
    types = {name: str(schema.field(name).type) for name in schema.names}
    assert {k: types[k] for k in ("id", "date", "latitude", "killed", "children_injured")} == {
        "id": "string", "date": "date32[day]", "latitude": "double", "killed": "int64",
        "children_injured": "int32",
    }
    assert types["weapons"] == (
        "list<element: struct<name: string, category: string, quantity: int32, role: string, "
        "outcome: string>>")
    dates = pq.read_table(path, columns=["date"]).column("date").to_pylist()
    assert sorted(d for d in dates if d) == [
        date(2025, 3, 9), date(2025, 3, 10), date(2025, 3, 15), date(2025, 3, 16),
        date(2025, 3, 17), date(2025, 3, 18)]

    weekly = tmp_path / "weekly.parquet"
    export(loaded, "--table", "drones_destroyed_weekly", "--format", "parquet", "--output",
           str(weekly))
    view = pq.read_schema(weekly)
    assert [(f.name, str(f.type)) for f in view] == [
        ("week", "date32[day]"), ("country", "string"), ("region_code", "string"),
        ("region", "string"), ("country_level", "bool"), ("incidents", "int64"),
        ("incidents_without_number", "int64"), ("drones_destroyed", "int64"),
    ]


def test_without_pyarrow_parquet_says_how_to_get_it(loaded, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what a plain `pip install -e .` has
    path = tmp_path / "incidents.parquet"
    result = runner.invoke(app, ["export", "--database-url", loaded, "--format", "parquet",
                                 "--output", str(path)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: Parquet needs pyarrow, an optional extra: pip install 'incidentdb[parquet]'\n")
    assert not path.exists()
    assert len(jsonl(loaded)) == 7  # the other formats need no pyarrow


def test_table_export_in_every_format(engine, loaded, tmp_path):
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(text("SELECT * FROM incidents ORDER BY id"))
                .mappings()]
    assert len(rows) == 7

    as_jsonl = sorted(jsonl(loaded, "--table", "incidents"), key=lambda r: r["id"])
    assert [r["summary"] for r in as_jsonl] == [r["summary"] for r in rows]
    assert as_jsonl[0]["date"] == "2025-03-10"
    assert as_jsonl[0]["created_at"] == rows[0]["created_at"].isoformat()

    path = tmp_path / "incidents.csv"
    export(loaded, "--table", "incidents", "--format", "csv", "--output", str(path))
    with path.open(newline="", encoding="utf-8") as handle:
        from_file = sorted(csv.DictReader(handle), key=lambda r: int(r["id"]))
    assert [r["place"] for r in from_file] == [r["place"] or "" for r in rows]

    path = tmp_path / "incidents.parquet"
    export(loaded, "--table", "incidents", "--format", "parquet", "--output", str(path))
    table = pq.read_table(path)
    assert str(table.schema.field("created_at").type) == "timestamp[us, tz=UTC]"
    assert str(table.schema.field("date").type) == "date32[day]"
    assert sorted(table.to_pylist(), key=lambda r: r["id"]) == rows


def test_a_view_and_an_array_column_export_too(engine, loaded, tmp_path):
    weekly = jsonl(loaded, "--table", "drones_destroyed_weekly")
    assert {(r["region"], r["drones_destroyed"]) for r in weekly} == {
        ("Kursk Oblast", 20), (None, 40), ("Tver Oblast", None), ("Kharkiv Oblast", 4),
    }
    path = tmp_path / "weapons.parquet"
    export(loaded, "--table", "weapons", "--format", "parquet", "--output", str(path))
    assert {r["name"]: r["aliases"] for r in pq.read_table(path).to_pylist()}["UAV"] == []


def test_an_unknown_table_is_refused_before_any_sql_runs(engine, loaded):
    result = runner.invoke(
        app, ["export", "--database-url", loaded, "--table", "incidents; DROP TABLE articles"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: no table or view named 'incidents; DROP TABLE articles'; choose from: "
        "alembic_version, articles, casualties, casualty_incidents_by_region, "
    )
    assert result.stderr.count("\n") == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 4


def test_incident_parquet_types_do_not_depend_on_the_rows(db_url, tmp_path):
    """An empty database still gives the full typed schema (no column guessed from nulls)."""
    path = tmp_path / "none.parquet"
    export(db_url, "--format", "parquet", "--output", str(path))
    table = pq.read_table(path)
    assert table.num_rows == 0
    assert str(table.schema.field("injured").type) == "int64"
    assert str(table.schema.field("weapons").type).startswith("list<element: struct<name")
