"""The schema as Alembic builds it, read back the way a BI tool reads it."""

from pytest_alembic.tests import (  # noqa: F401 - pytest-alembic's built-in tests
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import text

TABLES = {
    "articles", "casualties", "incident_reports", "incident_weapons", "incidents",
    "load_errors", "load_runs", "regions", "sources", "weapons",
}


def test_every_table_view_and_column_has_a_comment(engine):
    with engine.connect() as conn:
        relations = conn.execute(text("""
            SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class') AS comment
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v')
              AND c.relname <> 'alembic_version'
        """)).all()
        missing_columns = conn.execute(text("""
            SELECT c.relname || '.' || a.attname
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND a.attnum > 0
              AND NOT a.attisdropped AND c.relname <> 'alembic_version'
              AND col_description(c.oid, a.attnum) IS NULL
        """)).scalars().all()
    tables = {r.relname for r in relations if r.relkind == "r"}
    assert tables == TABLES
    assert "incident_summary" in {r.relname for r in relations if r.relkind == "v"}
    assert [r.relname for r in relations if not r.comment] == []
    assert missing_columns == []


def test_primary_keys_are_id_and_foreign_keys_are_constraints(engine):
    with engine.connect() as conn:
        pks = conn.execute(text("""
            SELECT tc.table_name, kcu.column_name
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu
              ON kcu.constraint_name = tc.constraint_name
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'
              AND tc.table_name <> 'alembic_version'
        """)).all()
        fks = conn.execute(text("""
            SELECT conrelid::regclass::text AS tbl, conname
            FROM pg_constraint WHERE contype = 'f' ORDER BY conname
        """)).all()
        enums = conn.execute(text("SELECT count(*) FROM pg_type WHERE typtype = 'e'")).scalar()
    assert {t for t, _ in pks} == TABLES
    assert {c for _, c in pks} == {"id"}
    assert ("incident_weapons", "fk_incident_weapons_report_id_incident_reports") in {
        (r.tbl, r.conname) for r in fks
    }
    assert len(fks) == 9
    assert enums == 0


def test_closed_vocabularies_are_checked(engine):
    with engine.connect() as conn:
        checks = set(conn.execute(text(
            "SELECT conname FROM pg_constraint WHERE contype = 'c'"
        )).scalars())
    assert {
        "ck_incidents_kind", "ck_incident_weapons_role", "ck_incident_weapons_outcome",
        "ck_casualties_group", "ck_casualties_count", "ck_sources_kind", "ck_weapons_category",
    } <= checks
