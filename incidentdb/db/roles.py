"""A read-only login role for BI tools such as Metabase: it sees every table and view, including
ones created later, and can write nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from psycopg import sql
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from incidentdb.errors import IncidentDBError

SCHEMA = "public"

# Plain identifiers only: a name a user can type in Metabase's form and in psql unquoted.
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED = {"public", "none", "current_role", "current_user", "session_user", "all"}


@dataclass
class Granted:
    role: str
    database: str
    created: bool
    warnings: list[str] = field(default_factory=list)


def check_role_name(role: str) -> None:
    """Refuse names that would need quoting or that PostgreSQL reserves."""
    if not ROLE_NAME.fullmatch(role):
        raise IncidentDBError(
            f"not a valid role name: {role!r} (use lower-case letters, digits and _, "
            "starting with a letter or _, at most 63 characters)"
        )
    if role in RESERVED or role.startswith("pg_"):
        raise IncidentDBError(f"{role!r} is reserved by PostgreSQL; choose another role name")


def grant_reader(engine: Engine, role: str, *, password: str | None = None) -> Granted:
    """Create (or update) ``role`` as a login that can SELECT everything in the schema now and
    later (default privileges of the current user, who creates the tables), in one transaction."""
    check_role_name(role)
    try:
        with engine.begin() as conn:
            database, me = conn.execute(text("SELECT current_database(), current_user")).one()
            if role == me:
                raise IncidentDBError(
                    f"{role!r} is the role incidentdb connects as; a reader must be another role"
                )
            existing = conn.execute(
                text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).first()
            if existing is not None and (existing.rolsuper or existing.rolbypassrls):
                raise IncidentDBError(
                    f"role {role!r} exists and is a superuser; it cannot be made read-only"
                )
            name = sql.Identifier(role)
            driver = conn.connection.driver_connection
            login = sql.SQL("LOGIN")
            if password:
                # hashed here, so no statement (or server log line) ever holds the password
                verifier = driver.pgconn.encrypt_password(password.encode(), role.encode())
                login = sql.SQL("LOGIN PASSWORD {}").format(sql.Literal(verifier.decode()))
            verb = "CREATE ROLE" if existing is None else "ALTER ROLE"
            statements = [
                sql.SQL(verb + " {} {}").format(name, login),
                sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                    sql.Identifier(database), name),
                sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(SCHEMA), name),
                sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(
                    sql.Identifier(SCHEMA), name),
                sql.SQL(
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT ON TABLES TO {}"
                ).format(sql.Identifier(SCHEMA), name),
            ]
            # psycopg's own cursor: composed SQL is executed as is, so a % in a password is
            # never taken for a parameter placeholder.
            with driver.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
            warnings = _loopholes(conn, role)
    except DBAPIError as exc:
        message = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise IncidentDBError(f"cannot grant read access to {role!r}: {message}") from exc
    return Granted(role, database, created=existing is None, warnings=warnings)


def _loopholes(conn, role: str) -> list[str]:
    """Write rights the role holds through PUBLIC or other grants, which GRANT cannot take away:
    CREATE on the schema is PUBLIC's by default before PostgreSQL 15."""
    warnings = []
    can_create = conn.execute(
        text("SELECT has_schema_privilege(:r, :s, 'CREATE')"), {"r": role, "s": SCHEMA}
    ).scalar()
    if can_create:
        warnings.append(
            f"{role} can create tables in schema {SCHEMA} (PostgreSQL before 15 lets everyone); "
            f"as the owner run: REVOKE CREATE ON SCHEMA {SCHEMA} FROM PUBLIC"
        )
    writable = conn.execute(text("""
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = :s AND c.relkind IN ('r', 'p', 'v')
          AND (has_table_privilege(:r, c.oid, 'INSERT') OR has_table_privilege(:r, c.oid, 'UPDATE')
               OR has_table_privilege(:r, c.oid, 'DELETE'))
        ORDER BY c.relname"""), {"r": role, "s": SCHEMA}).scalars().all()
    if writable:
        warnings.append(f"{role} can still write to: {', '.join(writable)} (granted elsewhere)")
    return warnings
