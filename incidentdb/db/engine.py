"""From a URL (or none: the embedded server) to a SQLAlchemy engine that is known to answer."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from incidentdb import settings
from incidentdb.db.server import QUERY_ROLE, EmbeddedServer
from incidentdb.errors import IncidentDBError


def embedded_server() -> EmbeddedServer:
    return EmbeddedServer(settings.home())


def database_url(explicit: str | None = None) -> str:
    """SPEC section 6 order; with nothing configured the embedded server is started on demand."""
    url = settings.configured_url(explicit)
    if url:
        return settings.sqlalchemy_url(url)
    server = embedded_server()
    server.start()
    return server.url()


def libpq_url(url: str) -> str:
    """The same target as a libpq keyword string, which quotes any password correctly."""
    from psycopg.conninfo import make_conninfo

    parsed = make_url(settings.sqlalchemy_url(url))
    params = {k: v for k, v in parsed.query.items() if isinstance(v, str)}
    fields = {"host": parsed.host, "port": parsed.port, "user": parsed.username,
              "password": parsed.password, "dbname": parsed.database}
    params.update({k: str(v) for k, v in fields.items() if v is not None})
    return make_conninfo(**params)


def query_conninfo(explicit: str | None = None, *, write: bool = False) -> str:
    """Whom ``incidentdb sql`` logs in as: to read, the configured reader or the embedded
    server's read-only role; to write, the owner."""
    reader = settings.reader_url()
    if not write and reader:
        return libpq_url(reader)
    if write or settings.configured_url(explicit):
        return libpq_url(database_url(explicit))
    server = embedded_server()
    server.start()
    return libpq_url(server.url(role=QUERY_ROLE))


def connect(explicit: str | None = None) -> Engine:
    """An engine whose database answered a ping; a wrong URL becomes one readable line."""
    url = database_url(explicit)
    masked = settings.mask_url(url)
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ValueError) as err:
        raise IncidentDBError(f"not a database URL: {masked}") from err
    except ModuleNotFoundError as err:
        raise IncidentDBError(f"no driver for {masked}: {err.name}") from err
    if engine.dialect.name != "postgresql":
        raise IncidentDBError(f"incidentdb needs PostgreSQL, not {engine.dialect.name}: {masked}")
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except OperationalError as err:
        reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        raise IncidentDBError(f"cannot connect to {masked}: {reason}") from err
    return engine
