"""Real PostgreSQL for every database test: a throwaway embedded server by default, or the
server named by INCIDENTDB_TEST_DATABASE_URL. Each test gets a fresh database cloned from a
template that was built by running the migrations (never create_all)."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Tests must never touch a developer's own data or database.
for _name in ("INCIDENTDB_DATABASE_URL", "DATABASE_URL"):
    os.environ.pop(_name, None)
os.environ["INCIDENTDB_HOME"] = tempfile.mkdtemp(prefix="incidentdb-test-home-")

from incidentdb.db import migrate  # noqa: E402
from incidentdb.db.server import EmbeddedServer  # noqa: E402
from incidentdb.settings import sqlalchemy_url  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: long trials; run with INCIDENTDB_SLOW=1 (CI does)")


def pytest_collection_modifyitems(config, items) -> None:
    if os.environ.get("INCIDENTDB_SLOW"):
        return
    skip = pytest.mark.skip(reason="long trial: set INCIDENTDB_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def url_for(admin_url: str, database: str) -> str:
    return make_url(admin_url).set(database=database).render_as_string(hide_password=False)


def _admin(admin_url: str, *statements: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def admin_url(tmp_path_factory) -> str:
    configured = os.environ.get("INCIDENTDB_TEST_DATABASE_URL")
    if configured:
        yield sqlalchemy_url(configured)
        return
    # not under pytest's basetemp: as root the server's own user must be able to reach it
    server = EmbeddedServer(Path(tempfile.mkdtemp(prefix="incidentdb-test-server-")))
    server.start()
    url = server.url(database="postgres")
    # A throwaway server whose data dies with the session: no flush to disk at every commit,
    # CREATE DATABASE and checkpoint. Still real PostgreSQL, with the same transactions,
    # locks and visibility; only a crash of this server or of the machine could lose the
    # last commits, and no test crashes it (the tests that kill a server start their own,
    # with the defaults). The 5432 service is left as it is.
    _admin(url, "ALTER SYSTEM SET fsync = off", "ALTER SYSTEM SET synchronous_commit = off",
           "ALTER SYSTEM SET full_page_writes = off", "SELECT pg_reload_conf()")
    yield url
    server.stop()


@pytest.fixture(scope="session")
def template_db(admin_url) -> str:
    """A database migrated to head once per session; tests clone it."""
    name = f"idb_template_{uuid.uuid4().hex[:8]}"
    _admin(admin_url, f'CREATE DATABASE "{name}"')
    engine = create_engine(url_for(admin_url, name))
    migrate.upgrade(engine)
    engine.dispose()
    yield name
    _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fresh(admin_url: str, template: str | None):
    name = f"idb_test_{uuid.uuid4().hex[:10]}"
    clause = f' TEMPLATE "{template}"' if template else ""
    _admin(admin_url, f'CREATE DATABASE "{name}"{clause}')
    return name


@pytest.fixture
def db_url(admin_url, template_db) -> str:
    """A fresh database at head, dropped after the test."""
    name = _fresh(admin_url, template_db)
    yield url_for(admin_url, name)
    _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_db_url(admin_url) -> str:
    """A fresh database with no schema at all."""
    name = _fresh(admin_url, None)
    yield url_for(admin_url, name)
    _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


READER_PASSWORD = "reader: 100% read-only @ night"


@pytest.fixture
def reader_url(engine, db_url) -> str:
    """A read-only login on the test database (``incidentdb sql`` refuses a superuser)."""
    from incidentdb.db.roles import grant_reader

    role = f"idb_sql_{uuid.uuid4().hex[:10]}"
    grant_reader(engine, role, password=READER_PASSWORD)
    yield make_url(db_url).set(username=role, password=READER_PASSWORD).render_as_string(
        hide_password=False)
    with engine.begin() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))


@pytest.fixture
def engine(db_url):
    engine = create_engine(db_url)
    yield engine
    engine.dispose()


# pytest-alembic runs its built-in tests against a real, empty PostgreSQL database.
@pytest.fixture
def alembic_engine(empty_db_url):
    engine = create_engine(empty_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def alembic_config():
    return {"file": str(ROOT / "alembic.ini")}
