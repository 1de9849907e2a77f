"""Incidents out of the database in the shape of SPEC section 7: JSON Lines, CSV, Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine, text

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


def write_jsonl(records: Iterable[dict], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


CSV_LISTS = {"reported_by": "; ", "evidence": " || "}


def flat(record: dict) -> dict:
    """One CSV row per incident: lists joined, weapons and articles kept as JSON text."""
    row = {}
    for key, value in record.items():
        if key in CSV_LISTS:
            row[key] = CSV_LISTS[key].join(value)
        elif isinstance(value, list | dict):
            row[key] = json.dumps(value, ensure_ascii=False)
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


def write_parquet(records: Iterable[dict], path: Path, *, batch: int = 10_000) -> int:
    """Nested columns (weapons, articles) stay nested: Parquet readers handle lists of structs."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    count = 0
    chunk: list[dict] = []

    def flush() -> None:
        nonlocal writer
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
