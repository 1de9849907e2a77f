"""The read-only role for BI tools, proved by connecting as it: it reads every table and view,
including ones created after the grant, and every kind of write fails with PostgreSQL's own
InsufficientPrivilege. Roles are cluster-wide, so each test uses its own and drops it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from incidentdb.cli import app
from incidentdb.db.roles import grant_reader
from incidentdb.errors import IncidentDBError
from tests.test_analytics import write_test_documents

PASSWORD = "it's 100% read-only"


@dataclass
class Reader:
    role: str
    password: str
    db_url: str

    def connect(self) -> psycopg.Connection:
        """A connection as the reader, built from the test database's URL."""
        url = make_url(self.db_url)
        return psycopg.connect(
            dbname=url.database, user=self.role, password=self.password,
            host=url.host or url.query.get("host"), port=url.port or url.query.get("port"),
            autocommit=True,
        )


def drop_role(engine, role: str) -> None:
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
        if exists.first():
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))


@pytest.fixture
def role(engine) -> str:
    name = f"idb_reader_{uuid.uuid4().hex[:10]}"
    yield name
    drop_role(engine, name)


@pytest.fixture
def reader(engine, db_url, role) -> Reader:
    write_test_documents(engine)
    granted = grant_reader(engine, role, password=PASSWORD)
    assert (granted.created, granted.warnings) == (True, [])
    return Reader(role, PASSWORD, db_url)


def count(conn: psycopg.Connection, relation: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]


def test_reader_selects_every_table_and_view(reader):
    with reader.connect() as conn:
        assert conn.execute("SELECT current_user").fetchone() == (reader.role,)
        assert count(conn, "incidents") == 7
        assert count(conn, "incident_summary") == 7
        assert count(conn, "multi_report_incidents") == 4
        assert count(conn, "articles") == 4


def test_reader_selects_a_table_and_a_view_the_owner_creates_later(engine, reader):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE later_notes (id bigint PRIMARY KEY, note text)"))
        conn.execute(text("INSERT INTO later_notes VALUES (1, 'added after the grant')"))
        conn.execute(text("CREATE VIEW later_view AS SELECT note FROM later_notes"))
    with reader.connect() as conn:
        assert conn.execute("SELECT note FROM later_notes").fetchall() == [
            ("added after the grant",)
        ]
        assert count(conn, "later_view") == 1


@pytest.mark.parametrize("statement", [
    "INSERT INTO sources (name, normalized_name, kind) VALUES ('x', 'x', 'outlet')",
    "UPDATE incidents SET summary = 'changed'",
    "DELETE FROM articles",
    "TRUNCATE incidents CASCADE",
    "CREATE TABLE reader_table (id int)",
    "CREATE VIEW reader_view AS SELECT 1 AS one",
    "CREATE SCHEMA reader_schema",
])
def test_reader_cannot_write_or_create(engine, reader, statement):
    with reader.connect() as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute(statement)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM incidents")).scalar() == 7
        assert conn.execute(text("SELECT summary FROM incidents ORDER BY id")).scalars().first() \
            == "Kursk interception"


def test_granting_again_changes_the_password(engine, role):
    def stored() -> str | None:
        with engine.connect() as conn:  # the test servers run as a superuser
            return conn.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": role}
            ).scalar()

    assert grant_reader(engine, role).created is True
    assert stored() is None
    assert grant_reader(engine, role, password="first").created is False
    first = stored()
    assert first is not None and "first" not in first  # stored hashed
    grant_reader(engine, role, password="second")
    assert stored() not in (None, first)


@pytest.mark.parametrize(("name", "message"), [
    ("Metabase", "not a valid role name: 'Metabase' (use lower-case letters, digits and _, "
                 "starting with a letter or _, at most 63 characters)"),
    ('x"; DROP TABLE incidents; --', None),
    ("1reader", None),
    ("", None),
    ("r" * 64, None),
    ("pg_reader", "'pg_reader' is reserved by PostgreSQL; choose another role name"),
    ("public", "'public' is reserved by PostgreSQL; choose another role name"),
])
def test_invalid_role_names_are_refused(engine, name, message):
    with pytest.raises(IncidentDBError) as refused:
        grant_reader(engine, name)
    if message:
        assert str(refused.value) == message
    else:
        assert str(refused.value).startswith("not a valid role name: ")


def test_the_owner_and_superusers_cannot_become_readers(engine, role):
    with engine.connect() as conn:
        me = conn.execute(text("SELECT current_user")).scalar()
    with pytest.raises(IncidentDBError, match="is the role incidentdb connects as"):
        grant_reader(engine, me)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" SUPERUSER'))
    with pytest.raises(IncidentDBError) as refused:
        grant_reader(engine, role)
    assert str(refused.value) == (
        f"role {role!r} exists and is a superuser; it cannot be made read-only"
    )


def test_grant_reader_command(engine, db_url, role):
    runner = CliRunner()
    result = runner.invoke(
        app, ["grant-reader", role, "--password", "pw", "--database-url", db_url]
    )
    assert result.exit_code == 0, result.output
    database = make_url(db_url).database
    assert result.stdout == (
        f"Role {role} created: it can read every table and view of database {database} "
        "and write nothing.\n"
    )
    again = runner.invoke(app, ["grant-reader", role, "--keep-password", "--database-url",
                                db_url])
    assert again.stdout.startswith(f"Role {role} updated: ")
    from_env = runner.invoke(app, ["grant-reader", role, "--database-url", db_url],
                             env={"INCIDENTDB_READER_PASSWORD": "from the environment"})
    assert from_env.stdout.startswith(f"Role {role} updated: ")
    # no password anywhere and no terminal to ask on: refused, nothing on a command line
    unasked = runner.invoke(app, ["grant-reader", role, "--database-url", db_url])
    assert unasked.exit_code == 1
    assert unasked.stderr.startswith("Error: give the reader a password: ")
    refused = runner.invoke(app, ["grant-reader", "Bad Name", "--database-url", db_url])
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: not a valid role name: 'Bad Name'")
    assert refused.stderr.count("\n") == 1


def test_write_rights_from_elsewhere_are_reported_not_hidden(engine, role):
    """GRANT cannot take away what PUBLIC holds (CREATE on public before PostgreSQL 15)."""
    with engine.begin() as conn:
        conn.execute(text("GRANT CREATE ON SCHEMA public TO PUBLIC"))
        conn.execute(text("GRANT DELETE ON load_errors TO PUBLIC"))
    granted = grant_reader(engine, role)
    assert granted.warnings == [
        f"{role} can create tables in schema public (PostgreSQL before 15 lets everyone); "
        "as the owner run: REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"{role} can still write to: load_errors (granted elsewhere)",
    ]
