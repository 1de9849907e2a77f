"""The schema the way a BI tool such as Metabase reads it from the catalog: keys it can join on,
descriptions for everything it lists, plain string columns instead of enums, and instants that
carry their time zone."""

from __future__ import annotations

from sqlalchemy import text

from incidentdb.db.models import Base

TABLES = set(Base.metadata.tables)
ANALYTICS_VIEWS = {
    "incident_summary", "drones_destroyed_weekly", "child_casualty_incidents",
    "weapon_frequency", "multi_report_incidents", "casualty_incidents_by_region",
    "outlet_place_articles", "incident_regions",
}

RELATIONS = """
SELECT c.oid, c.relname, c.relkind, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') AND c.relname <> 'alembic_version'
"""

COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       col_description(c.oid, a.attnum) AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') AND a.attnum > 0
  AND NOT a.attisdropped AND c.relname <> 'alembic_version'
ORDER BY c.relname, a.attnum
"""


def fetch(engine, sql: str) -> list:
    with engine.connect() as conn:
        return conn.execute(text(sql)).all()


def test_the_tables_and_the_analytics_views_are_there(engine):
    relations = fetch(engine, RELATIONS)
    assert {r.relname for r in relations if r.relkind == "r"} == TABLES
    assert ANALYTICS_VIEWS <= {r.relname for r in relations if r.relkind == "v"}


def test_every_table_view_and_column_has_a_comment(engine):
    assert [r.relname for r in fetch(engine, RELATIONS) if not (r.comment or "").strip()] == []
    missing = [
        f"{c.relname}.{c.attname}" for c in fetch(engine, COLUMNS) if not (c.comment or "").strip()
    ]
    assert missing == []


def test_every_primary_key_is_one_column_named_id(engine):
    keys = fetch(engine, """
        SELECT c.relname, array_agg(a.attname ORDER BY a.attname) AS columns
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
        WHERE k.contype = 'p' AND n.nspname = 'public' AND c.relname <> 'alembic_version'
        GROUP BY c.relname
    """)
    assert {k.relname: k.columns for k in keys} == {table: ["id"] for table in TABLES}


def test_every_id_column_is_a_real_foreign_key(engine):
    """A BI tool joins only on declared keys: every *_id column must be one, and valid."""
    id_columns = {
        (c.relname, c.attname) for c in fetch(engine, COLUMNS)
        if c.relname in TABLES and c.attname.endswith("_id")
    }
    foreign = fetch(engine, """
        SELECT c.relname, a.attname, k.convalidated, r.relname AS target, k.conname
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_class r ON r.oid = k.confrelid
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
        WHERE k.contype = 'f'
    """)
    assert {(f.relname, f.attname) for f in foreign} == id_columns
    assert all(f.convalidated for f in foreign)
    assert all(f.conname == f"fk_{f.relname}_{f.attname}_{f.target}" for f in foreign)
    assert ("incident_weapons", "weapon_id", True, "weapons") in {tuple(f)[:4] for f in foreign}


def test_no_enum_types(engine):
    enums = fetch(engine, "SELECT typname FROM pg_type WHERE typtype = 'e'")
    assert enums == []


def test_every_timestamp_is_timestamptz(engine):
    columns = fetch(engine, COLUMNS)
    naive = [f"{c.relname}.{c.attname}" for c in columns if c.type.startswith("timestamp without")]
    assert naive == []
    instants = {f"{c.relname}.{c.attname}" for c in columns
                if c.attname.endswith(("_at", "_time")) and c.relname in TABLES}
    assert {f"{c.relname}.{c.attname}" for c in columns
            if c.type == "timestamp with time zone" and c.relname in TABLES} == instants
