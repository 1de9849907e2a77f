"""Ad hoc SQL for analysts: read-only by default, printed as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import psycopg
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from incidentdb.errors import IncidentDBError


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]


def run_sql(engine: Engine, query: str, *, write: bool = False) -> Result:
    """Run one statement; read-only unless ``write``, so a stray UPDATE cannot slip through."""
    try:
        with engine.connect() as conn:
            if not write:
                conn.execute(text("SET TRANSACTION READ ONLY"))
            # psycopg's own cursor with no parameters: a '%' in the SQL is just a character
            cursor = conn.connection.dbapi_connection.cursor()
            cursor.execute(query)
            columns = [c.name for c in cursor.description] if cursor.description else []
            rows = [tuple(r) for r in cursor.fetchall()] if cursor.description else []
            cursor.close()
            if write:
                conn.commit()
            else:
                conn.rollback()
    except DBAPIError as err:
        message = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        raise IncidentDBError(message) from err
    except psycopg.Error as err:
        raise IncidentDBError(str(err).strip().splitlines()[0]) from err
    return Result(columns, rows)


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
