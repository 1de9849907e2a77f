"""Incidents out of the database in the shape of SPEC section 7: JSON Lines, CSV, Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine, literal_column, select, table, text

from incidentdb.errors import IncidentDBError

# One JSON object per incident, built by PostgreSQL so the export streams in one pass.
EXPORT_SQL = """
SELECT json_build_object(
    'id', i.uid,
    'kind', i.kind,
    'date', to_char(i.date, 'YYYY-MM-DD'),
    'date_precision', i.date_precision,
    'date_text', i.date_text,
    'time_text', i.time_text,
    'country', i.country,
    'admin1', i.admin1,
    'place', i.place,
    'latitude', i.latitude,
    'longitude', i.longitude,
    'geo_precision', i.geo_precision,
    'weapons', COALESCE((
        SELECT json_agg(json_build_object(
                   'name', w.name, 'category', wp.category, 'quantity', w.quantity,
                   'role', w.role, 'outcome', w.outcome) ORDER BY r.id, w.id)
        FROM incident_reports r
        JOIN incident_weapons w ON w.report_id = r.id
        JOIN weapons wp ON wp.id = w.weapon_id
        WHERE r.incident_id = i.id), '[]'::json),
    'killed', s.killed,
    'injured', s.injured,
    'children_killed', s.children_killed,
    'children_injured', s.children_injured,
    'reported_by', COALESCE((
        SELECT json_agg(DISTINCT name)
        FROM incident_reports r,
             LATERAL unnest(string_to_array(r.reported_by, '; ')) AS name
        WHERE r.incident_id = i.id), '[]'::json),
    'reported_via', (
        SELECT r.channel FROM incident_reports r
        WHERE r.incident_id = i.id AND r.channel IS NOT NULL ORDER BY r.id LIMIT 1),
    'damage', i.damage,
    'articles', COALESCE((
        SELECT json_agg(json_build_object('path', a.path, 'sha256', a.sha256, 'title', a.title)
                        ORDER BY a.id)
        FROM incident_reports r JOIN articles a ON a.id = r.article_id
        WHERE r.incident_id = i.id), '[]'::json),
    'evidence', COALESCE((
        SELECT json_agg(part ORDER BY r.id, n)
        FROM incident_reports r,
             LATERAL unnest(string_to_array(r.evidence, ' || ')) WITH ORDINALITY AS e(part, n)
        WHERE r.incident_id = i.id), '[]'::json)
) AS record
FROM incidents i
JOIN incident_summary s ON s.id = i.id
ORDER BY i.id
"""


def incident_records(engine: Engine) -> Iterator[dict]:
    """Incidents as SPEC section 7 objects, streamed with a server-side cursor."""
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=500).execute(
            text(EXPORT_SQL)
        )
        for (record,) in result:
            yield record


# -- any table or view ------------------------------------------------------------------------

RELATIONS_SQL = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = 'public' AND table_type IN ('BASE TABLE', 'VIEW')
ORDER BY table_name
"""

COLUMNS_SQL = """
SELECT column_name, data_type, udt_name FROM information_schema.columns
WHERE table_schema = 'public' AND table_name = :name
ORDER BY ordinal_position
"""


def relation_names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text(RELATIONS_SQL)).scalars())


def _checked(engine: Engine, name: str) -> str:
    """The name only if the catalog has it, so it can never smuggle SQL into the query."""
    names = relation_names(engine)
    if name not in names:
        raise IncidentDBError(f"no table or view named {name!r}; choose from: {', '.join(names)}")
    return name


def table_records(engine: Engine, name: str) -> Iterator[dict]:
    """Every row of one table or view, streamed (in id order when it has an id). The name is
    checked before anything runs."""
    _checked(engine, name)
    with engine.connect() as conn:
        columns = set(conn.execute(text(COLUMNS_SQL), {"name": name}).scalars())
    query = select(literal_column("*")).select_from(table(name, schema="public"))
    if "id" in columns:
        query = query.order_by(literal_column("id"))

    def rows() -> Iterator[dict]:
        with engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=1000).execute(query)
            for row in result.mappings():
                yield dict(row)

    return rows()


PARQUET_HINT = "Parquet needs pyarrow, an optional extra: pip install 'incidentdb[parquet]'"


def _arrow():
    """pyarrow, or one line that says how to get it (170 MB, so only for those who want it)."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401 - the writer lives in this submodule
    except ImportError:
        raise IncidentDBError(PARQUET_HINT) from None
    return pyarrow


def _arrow_type(data_type: str, udt: str):
    """The Arrow type of a PostgreSQL column as information_schema names it."""
    pa = _arrow()
    scalar = {
        "bigint": pa.int64(), "int8": pa.int64(), "integer": pa.int32(), "int4": pa.int32(),
        "smallint": pa.int16(), "int2": pa.int16(), "boolean": pa.bool_(), "bool": pa.bool_(),
        "double precision": pa.float64(), "float8": pa.float64(), "real": pa.float32(),
        "float4": pa.float32(), "numeric": pa.float64(), "date": pa.date32(),
        "timestamp with time zone": pa.timestamp("us", tz="UTC"),
        "timestamptz": pa.timestamp("us", tz="UTC"),
        "timestamp without time zone": pa.timestamp("us"), "timestamp": pa.timestamp("us"),
    }
    if data_type == "ARRAY":
        return pa.list_(scalar.get(udt.lstrip("_"), pa.string()))
    return scalar.get(data_type, pa.string())


def _column_types(engine: Engine, name: str) -> dict:
    """Column name -> Arrow type for one table or view, from the catalog."""
    _checked(engine, name)
    with engine.connect() as conn:
        columns = conn.execute(text(COLUMNS_SQL), {"name": name}).all()
    return {column: _arrow_type(data_type, udt) for column, data_type, udt in columns}


def table_schema(engine: Engine, name: str):
    """An Arrow schema from the catalog's column types, so a column that is null in the first
    rows still gets its real type in Parquet."""
    pa = _arrow()
    return pa.schema([pa.field(c, t) for c, t in _column_types(engine, name).items()])


def _plain(value):
    """JSON for what json cannot write itself: dates, numerics, UUIDs."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_plain) + "\n")
        count += 1
    return count


CSV_LISTS = {"reported_by": "; ", "evidence": " || "}


def flat(record: dict) -> dict:
    """One CSV row per incident: lists joined, weapons and articles kept as JSON text."""
    row = {}
    for key, value in record.items():
        if key in CSV_LISTS and isinstance(value, list):
            row[key] = CSV_LISTS[key].join(value)
        elif isinstance(value, list | dict):
            row[key] = json.dumps(value, ensure_ascii=False, default=_plain)
        else:
            row[key] = value
    return row


def write_csv(records: Iterable[dict], out: TextIO) -> int:
    writer = None
    count = 0
    for record in records:
        row = flat(record)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count


def _for_arrow(record: dict, schema) -> dict:
    """Values Arrow cannot take as they are: text for string columns, floats for numerics,
    dates for the ISO strings of the JSON record."""
    pa = _arrow()
    out = dict(record)
    for column in schema:
        value = out.get(column.name)
        if value is None:
            continue
        if pa.types.is_string(column.type) and not isinstance(value, str):
            out[column.name] = (
                json.dumps(value, ensure_ascii=False, default=_plain)
                if isinstance(value, list | dict) else str(value)
            )
        elif pa.types.is_floating(column.type) and isinstance(value, Decimal):
            out[column.name] = float(value)
        elif pa.types.is_date(column.type) and isinstance(value, str):
            out[column.name] = date.fromisoformat(value)
    return out


# Where each scalar key of an incident record (SPEC section 7) comes from, so its Parquet type
# is the database's.
INCIDENT_COLUMNS = {
    "id": ("incidents", "uid"), "kind": ("incidents", "kind"), "date": ("incidents", "date"),
    "date_precision": ("incidents", "date_precision"), "date_text": ("incidents", "date_text"),
    "time_text": ("incidents", "time_text"), "country": ("incidents", "country"),
    "admin1": ("incidents", "admin1"), "place": ("incidents", "place"),
    "latitude": ("incidents", "latitude"), "longitude": ("incidents", "longitude"),
    "geo_precision": ("incidents", "geo_precision"),
    "weapons": None,
    "killed": ("incident_summary", "killed"), "injured": ("incident_summary", "injured"),
    "children_killed": ("incident_summary", "children_killed"),
    "children_injured": ("incident_summary", "children_injured"),
    "reported_by": None, "reported_via": ("incident_reports", "channel"),
    "damage": ("incidents", "damage"), "articles": None, "evidence": None,
}


def incident_schema(engine: Engine):
    """The Arrow types of an incident record, from the catalog for its plain values and fixed
    for its lists, so a batch full of nulls cannot guess wrong."""
    pa = _arrow()
    types = {name: _column_types(engine, name)
             for name in ("incidents", "incident_summary", "incident_reports",
                          "incident_weapons")}
    text_type = pa.string()
    weapon = pa.struct([("name", text_type), ("category", text_type),
                        ("quantity", types["incident_weapons"]["quantity"]),
                        ("role", text_type), ("outcome", text_type)])
    article = pa.struct([("path", text_type), ("sha256", text_type), ("title", text_type)])
    lists = {"weapons": pa.list_(weapon), "reported_by": pa.list_(text_type),
             "articles": pa.list_(article), "evidence": pa.list_(text_type)}
    return pa.schema([
        (key, lists[key] if source is None else types[source[0]][source[1]])
        for key, source in INCIDENT_COLUMNS.items()
    ])


def write_parquet(
    records: Iterable[dict], path: Path, *, batch: int = 10_000, schema=None
) -> int:
    """Nested columns (weapons, articles) stay nested: Parquet readers handle lists of structs.
    Without ``schema`` the first batch decides the column types."""
    pa = _arrow()
    pq = pa.parquet

    writer = None
    count = 0
    chunk: list[dict] = []

    def flush() -> None:
        nonlocal writer
        if schema is not None:
            table = pa.Table.from_pylist([_for_arrow(r, schema) for r in chunk], schema=schema)
        else:
            table = pa.Table.from_pylist(chunk, schema=writer.schema if writer else None)
        if writer is None:
            writer = pq.ParquetWriter(str(path), table.schema)
        writer.write_table(table)
        chunk.clear()

    for record in records:
        chunk.append(record)
        count += 1
        if len(chunk) >= batch:
            flush()
    if chunk or writer is None:
        flush()
    writer.close()
    return count
