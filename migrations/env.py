"""Alembic environment: one code path for the CLI, plain ``alembic``, and pytest-alembic.

A connection or engine handed in through ``config.attributes["connection"]`` is used (the CLI
and pytest-alembic do this); otherwise the URL is resolved like the CLI resolves it. Every run
holds a transaction-level advisory lock, so two processes never migrate at once: the second
waits, then finds the schema at head and does nothing.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, create_engine, text

from incidentdb.db.models import Base

MIGRATION_LOCK = 0x1DB_0001  # any constant shared by every incidentdb process

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """Views are created by hand-written migrations; autogenerate must not see them as tables."""
    if type_ == "table" and obj.info.get("is_view"):
        return False
    return True


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        compare_type=True,
        compare_server_default=False,
    )
    with context.begin_transaction():
        connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_online() -> None:
    handed = config.attributes.get("connection")
    if isinstance(handed, Connection):
        run(handed)
        return
    engine = handed
    if engine is None:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            from incidentdb.db.engine import database_url

            url = database_url()
        engine = create_engine(url)
    try:
        with engine.connect() as conn:
            run(conn)
            conn.commit()
    finally:
        if handed is None:
            engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or "postgresql+psycopg://",
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
