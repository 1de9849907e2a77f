"""Ad hoc SQL for analysts: read-only by default, printed as a table, CSV or JSON.

Read-only is enforced three times, because any one of them alone has been escaped: the
statement is parsed with PostgreSQL's own grammar (pglast) and must be one query; it runs in a
READ ONLY transaction; and it runs as a role that cannot write, never as a superuser.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import psycopg
from pglast import parse_sql
from pglast.parser import ParseError

from incidentdb.errors import IncidentDBError

READ_ONLY_KINDS = {"SelectStmt", "ExplainStmt", "VariableShowStmt"}
WRITING_NODES = {"InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"}
TRANSACTION_CONTROL = {"TransactionStmt"}


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]


def _nodes(tree: Any) -> Iterator[dict]:
    """Every node of a parse tree given as pglast's plain dicts."""
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from _nodes(value)
    elif isinstance(tree, list | tuple):
        for value in tree:
            yield from _nodes(value)


def statements(query: str, *, write: bool) -> list[str]:
    """The statements to send, or a refusal that says why in one line."""
    try:
        parsed = parse_sql(query)
    except ParseError as exc:
        raise IncidentDBError(str(exc).rsplit(", at index", 1)[0]) from None
    if not parsed:
        raise IncidentDBError("no SQL statement given")
    kinds = [type(raw.stmt).__name__ for raw in parsed]
    if TRANSACTION_CONTROL & set(kinds):
        raise IncidentDBError(
            "transaction control (BEGIN, COMMIT, ROLLBACK, SET TRANSACTION) is not allowed: "
            "incidentdb runs each call in one transaction and commits it only with --write"
        )
    if write:
        from pglast import split

        return list(split(query, with_parser=True))
    if len(parsed) > 1:
        raise IncidentDBError(f"read-only SQL runs one statement at a time; found {len(parsed)}")
    kind, tree = kinds[0], parsed[0].stmt()
    writes = [n["@"] for n in _nodes(tree) if n.get("@") in WRITING_NODES]
    if kind not in READ_ONLY_KINDS or writes or tree.get("intoClause"):
        what = (writes[0] if writes else kind).removesuffix("Stmt").upper()
        raise IncidentDBError(
            f"read-only SQL runs SELECT, WITH, VALUES, TABLE, EXPLAIN or SHOW, not {what}; "
            "pass --write to change data"
        )
    return [query]


def run_sql(conninfo: str, query: str, *, write: bool = False) -> Result:
    """Run ``query``; read-only unless ``write``, in which case everything commits together."""
    to_run = statements(query, write=write)
    try:
        with psycopg.connect(conninfo, connect_timeout=10) as conn:
            if not write:
                _refuse_superuser(conn)
                conn.read_only = True
            result = Result([], [])
            with conn.cursor() as cursor:
                for statement in to_run:
                    # no parameters: a '%' in the SQL is just a character
                    cursor.execute(statement.encode())
                    if cursor.description:
                        result = Result([c.name for c in cursor.description],
                                        [tuple(r) for r in cursor.fetchall()])
            if write:
                conn.commit()
            else:
                conn.rollback()
    except psycopg.Error as err:
        raise IncidentDBError(str(err).strip().splitlines()[0]) from err
    return result


def _refuse_superuser(conn: psycopg.Connection) -> None:
    """A superuser can read server files and run programs from a SELECT; refuse to try."""
    row = conn.execute(
        "select current_user, rolsuper or pg_has_role(current_user, 'pg_execute_server_program',"
        " 'member') or pg_has_role(current_user, 'pg_read_server_files', 'member')"
        " from pg_roles where rolname = current_user"
    ).fetchone()
    conn.rollback()
    if row and row[1]:
        raise IncidentDBError(
            f"read-only SQL will not run as {row[0]}, which can read server files and run "
            "programs; connect as a reader (incidentdb grant-reader NAME, then "
            "INCIDENTDB_READER_URL) or pass --write"
        )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return value


def format_result(result: Result, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            [{c: _plain(v) for c, v in zip(result.columns, row, strict=True)}
             for row in result.rows],
            ensure_ascii=False, indent=2, default=str,
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_plain(v) for v in row] for row in result.rows])
        return out.getvalue().rstrip("\n")
    return format_table(result.columns, result.rows)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A psql-like aligned table; plain text so it pipes and diffs well."""
    cells = [["" if v is None else str(_plain(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    rule = "-+-".join("-" * w for w in widths)
    body = [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    count = f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
    return "\n".join([line, rule, *body, count])
