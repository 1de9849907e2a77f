"""Alembic driven from Python, so ``incidentdb load`` can bring any database to head itself."""

from __future__ import annotations

import io
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

import incidentdb


def _find(name: str) -> Path:
    """Inside the package in a wheel; beside it in a checkout (editable install)."""
    package = Path(incidentdb.__file__).resolve().parent
    for candidate in (package / name, package.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(name)


def alembic_config(engine: Engine | None = None, *, stdout=None) -> Config:
    config = Config(str(_find("alembic.ini")), stdout=stdout or io.StringIO())
    config.set_main_option("script_location", str(_find("migrations")))
    config.attributes["configure_logger"] = False
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(engine: Engine, fn, *args) -> None:
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        fn(config, *args)


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)


def data_dropped_by_downgrade(engine: Engine, revision: str) -> str | None:
    """The tables a downgrade to ``revision`` would drop with their rows, or None. A revision
    says it drops data with a module-level ``downgrade_drops_data = True``."""
    from sqlalchemy import inspect

    current = current_revision(engine)
    if current is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    target = None if revision == "base" else revision
    if target is not None and target.startswith("-"):
        steps = int(target[1:])
        undone = list(script.iterate_revisions(current, "base"))[:steps]
    else:
        undone = list(script.iterate_revisions(current, target))
        undone = [rev for rev in undone if rev.revision != target]
    if not any(getattr(rev.module, "downgrade_drops_data", False) for rev in undone):
        return None
    tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    return "the tables " + ", ".join(tables) if tables else "the schema"


def ensure_head(engine: Engine) -> bool:
    """Migrate when behind; the cheap check first so a loaded database costs one query."""
    if current_revision(engine) == head_revision():
        return False
    upgrade(engine)
    return True


def history() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [
        f"{rev.revision}  {rev.doc}" + ("  (head)" if rev.is_head else "")
        for rev in script.walk_revisions()
    ]
