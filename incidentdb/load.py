"""Extractions to rows: one transaction per document, set-based statements, idempotent.

Reading and extraction stream (memory stays flat however large the corpus); extraction may run
in worker processes because it is pure. Each document is written by a handful of multi-row
INSERTs inside one transaction, so a crash leaves either the whole document or nothing, and the
article's sha256 makes a second load of the same text a no-op.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from sqlalchemy import Connection, Engine, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from incidentdb import merge, work
from incidentdb.db import batch
from incidentdb.db.batch import Written, incident_uid, normalise_name
from incidentdb.db.models import (
    Article,
    Casualty,
    Incident,
    IncidentReport,
    IncidentWeapon,
    LoadRun,
    Source,
    Weapon,
)
from incidentdb.document import Document
from incidentdb.extract import (
    EXTRACTOR_VERSION,
    MAX_CHARS,
    DocumentTooLarge,
    ExtractionFailed,
    extract,
)
from incidentdb.extract.model import Extraction
from incidentdb.extract.model import Incident as ExtractedIncident
from incidentdb.read import DEFAULT_MAX_BYTES, Refusal, read_paths, walk_paths


@dataclass
class LoadSummary:
    run_id: int | None = None
    new: int = 0
    unchanged: int = 0
    refused: int = 0
    incidents: int = 0
    weapons: int = 0
    casualties: int = 0
    refusals: list[Refusal] = field(default_factory=list)

    def add(self, written: Written) -> None:
        if written.new:
            self.new += 1
        else:
            self.unchanged += 1
        self.incidents += written.incidents
        self.weapons += written.weapons
        self.casualties += written.casualties


log = logging.getLogger(__name__)
MERGE_LOCK = 0x1DB_0000_0000  # advisory-lock space for merge decisions, plus the day number


# -- reading, hashing and extraction: in workers, in order, bounded ----------------------------

FILES_PER_TASK = 16


@dataclass(frozen=True)
class Known:
    """A document whose sha256 is already stored: skipped before extraction."""

    document: Document


@dataclass(frozen=True)
class ExtractionRefused(Refusal):
    """Extraction failed on a document; ``trace`` is the worker's traceback, logged here."""

    trace: str = ""


def read_files(files: list[str], published: date | None, max_bytes: int) -> list:
    """A worker's share of reading: the documents and refusals of a few files."""
    return list(read_paths(files, published=published, max_bytes=max_bytes))


def extract_documents(documents: list[Document], max_chars: int | None) -> list:
    """A worker's share of extraction: an Extraction or a Refusal per document."""
    return [_extract_one(document, max_chars) for document in documents]


def _extract_one(document: Document, max_chars: int | None) -> Extraction | Refusal:
    """A document past the size cap becomes a refusal with its reason, like an unreadable one;
    a crash in the rules too, with its traceback for the log (a re-run retries it)."""
    name = document.path or "<document>"
    try:
        return extract(document, max_chars=max_chars)
    except DocumentTooLarge as refused:
        return Refusal(name, str(refused))
    except ExtractionFailed as failed:
        trace = "".join(traceback.format_exception(failed))
        return ExtractionRefused(name, str(failed), trace)


def documents(
    runner: work.Runner, paths: Iterable[str], published: date | None, max_bytes: int
) -> Iterator[Document | Refusal]:
    """Every document and refusal under ``paths`` in order, read by the runner's workers a
    few files at a time (standard input is read here)."""
    tasks = _read_tasks(paths, published, max_bytes)
    for _, items in work.ordered(runner.read, tasks, runner.workers * 2):
        yield from items


def _read_tasks(paths: Iterable[str], published: date | None, max_bytes: int):
    group: list[str] = []
    for unit in walk_paths(paths):
        if isinstance(unit, str) and unit != "-":
            group.append(unit)
            if len(group) >= FILES_PER_TASK or unit.lower().endswith(".jsonl"):
                yield None, read_files, (group, published, max_bytes)
                group = []
            continue
        if group:
            yield None, read_files, (group, published, max_bytes)
            group = []
        done = [unit] if isinstance(unit, Refusal) else list(
            read_paths(["-"], published=published, max_bytes=max_bytes))
        yield done, None, ()
    if group:
        yield None, read_files, (group, published, max_bytes)


def extractions(
    runner: work.Runner, items: Iterable[Document | Refusal | Known], max_chars: int | None
) -> Iterator[tuple[Document, Extraction] | Refusal | Known]:
    """Documents paired with their extraction, in order; refusals and known documents pass
    through. Failures in the rules are logged here, with the worker's traceback."""
    tasks = _extract_tasks(items, max_chars, runner.chunk)
    for payload, results in work.ordered(runner.extract, tasks, runner.workers * 4):
        if results is payload:
            yield from payload
            continue
        for document, result in zip(payload, results, strict=True):
            if isinstance(result, ExtractionRefused):
                log.error("%s: %s\n%s", result.path, result.reason, result.trace)
            yield result if isinstance(result, Refusal) else (document, result)


def _extract_tasks(items, max_chars: int | None, chunk: int):
    pending: list[Document] = []
    for item in items:
        if isinstance(item, Document):
            pending.append(item)
            if len(pending) >= chunk:
                yield pending, extract_documents, (pending, max_chars)
                pending = []
        else:
            yield [item], None, ()
    if pending:
        yield pending, extract_documents, (pending, max_chars)


def extracted(
    items: Iterable[Document | Refusal], jobs: int = 1, max_chars: int | None = MAX_CHARS
) -> Iterator[tuple[Document, Extraction] | Refusal]:
    """Documents paired with their extraction, in input order (``--dry-run``)."""
    with work.runner(jobs) as runner:
        yield from extractions(runner, items, max_chars)


# -- hash first -------------------------------------------------------------------------------


def skip_known(
    engine: Engine, items: Iterable[Document | Refusal], chunk: int = 256
) -> Iterator[Document | Refusal | Known]:
    """The items in order, with stored documents marked ``Known`` by one query per chunk, so an
    unchanged corpus is hashed and skipped, never extracted again. A document stored by older
    rules is known too: ``--reextract`` is what re-runs extraction on it."""
    it = iter(items)
    while block := list(islice(it, chunk)):
        hashes = [i.sha256 for i in block if isinstance(i, Document)]
        with engine.connect() as conn:
            stored = set(conn.execute(
                select(Article.sha256).where(Article.sha256.in_(hashes))).scalars()
            ) if hashes else set()
        for item in block:
            yield Known(item) if isinstance(item, Document) and item.sha256 in stored else item


# -- writing one document ---------------------------------------------------------------------


def _sources(extraction: Extraction, outlet: str | None = None) -> dict[tuple[str, str], dict]:
    """Source rows keyed like the table's natural key: the outlet and every cited reporter."""
    named = [(outlet, "outlet", None)] if outlet else []
    named += [(r.name, r.kind, r.country) for i in extraction.incidents for r in i.reporters]
    rows: dict[tuple[str, str], dict] = {}
    for name, kind, country in named:
        key = (normalise_name(name), kind)
        rows.setdefault(
            key, {"name": name, "normalized_name": key[0], "kind": kind, "country": country}
        )
    return rows


def _upsert_sources(conn: Connection, sources: dict[tuple[str, str], dict]) -> dict:
    """Source ids by (normalized_name, kind); DO UPDATE so RETURNING also gives existing rows."""
    if not sources:
        return {}
    rows = [sources[key] for key in sorted(sources)]  # one order everywhere: no deadlocks
    stmt = pg_insert(Source).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Source.normalized_name, Source.kind],
        set_={"country": func.coalesce(Source.country, stmt.excluded.country)},
    ).returning(Source.id, Source.normalized_name, Source.kind)
    return {(r.normalized_name, r.kind): r.id for r in conn.execute(stmt)}


def _upsert_weapons(conn: Connection, weapons: dict[str, dict]) -> dict[str, int]:
    if not weapons:
        return {}
    rows = [weapons[name] for name in sorted(weapons)]
    stmt = pg_insert(Weapon).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Weapon.name], set_={"name": stmt.excluded.name}
    ).returning(Weapon.id, Weapon.name)
    return {r.name: r.id for r in conn.execute(stmt)}


def write_document(
    conn: Connection, document: Document, extraction: Extraction, run_id: int | None
) -> Written:
    """All rows of one document, or none when its sha256 is already stored: a batch of one."""
    return batch.write_batch(conn, batch.Batch(documents=[(document, extraction)]), run_id)[0]


def _candidates(conn: Connection, incidents: list[ExtractedIncident], article_id: int):
    """Stored incidents of the same days reported by other articles, fetched in one query.

    A transaction-level advisory lock per day serialises merge decisions between concurrent
    loaders, so two processes never both create the same event.
    """
    days = sorted({i.date for i in incidents if i.date is not None})
    if not days:
        return []
    for day in days:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MERGE_LOCK + day.toordinal()})
    others = select(IncidentReport.incident_id).where(IncidentReport.article_id != article_id)
    rows = conn.execute(
        select(Incident.id, Incident.kind, Incident.date, Incident.country, Incident.admin1,
               Incident.place, Incident.geonameid, Incident.admin1_code)
        .where(Incident.date.in_(days), Incident.id.in_(others))
    ).all()
    return [merge.Candidate(*row) for row in rows]


def _write_claims(
    conn, document, extraction, article_id, source_ids, *, reuse: dict[str, int] | None = None
) -> tuple[int, int, int]:
    """The article's reports; each joins a matching stored incident or creates its own.

    ``reuse`` maps uids to incidents this article created before (re-extraction), which keep
    their ids when the incident is still there.
    """
    incidents = extraction.incidents
    if not incidents:
        return 0, 0, 0
    seen: dict[str, int] = {}
    rows = [_incident_row(document, i, seen) for i in incidents]
    stored = _candidates(conn, incidents, article_id)
    targets: list[tuple[int | None, float | None]] = []
    for incident, row in zip(incidents, rows, strict=True):
        if reuse and row["uid"] in reuse:
            targets.append((reuse[row["uid"]], None))
            continue
        new = merge.Candidate(0, incident.kind, incident.date, incident.country,
                              incident.admin1, incident.place, incident.geonames_id,
                              incident.admin1_code)
        match = merge.best_match(new, stored)
        targets.append(match if match else (None, None))
    fresh = [row for row, (target, _) in zip(rows, targets, strict=True) if target is None]
    created = iter(conn.execute(
        insert(Incident).returning(Incident.id, sort_by_parameter_order=True), fresh
    ).scalars().all() if fresh else [])
    incident_ids = [target if target is not None else next(created) for target, _ in targets]
    kept = [(rows[n], target) for n, (target, score) in enumerate(targets)
            if target is not None and score is None]
    for row, target in kept:
        conn.execute(update(Incident).where(Incident.id == target).values(**row))

    report_rows = []
    for ordinal, (incident, incident_id) in enumerate(zip(incidents, incident_ids, strict=True)):
        first = incident.reporters[0] if incident.reporters else None
        first_key = (normalise_name(first.name), first.kind) if first else None
        spans = incident.evidence
        report_rows.append({
            "incident_id": incident_id,
            "article_id": article_id,
            "ordinal": ordinal,
            "source_id": source_ids.get(first_key),
            "reported_by": "; ".join(r.name for r in incident.reporters) or None,
            "channel": next((r.channel for r in incident.reporters if r.channel), None),
            "evidence": " || ".join(s.text for s in spans),
            "evidence_start": min((s.start for s in spans), default=0),
            "evidence_end": max((s.end for s in spans), default=0),
            "match_score": targets[ordinal][1],
        })
    report_ids = conn.execute(
        insert(IncidentReport).returning(IncidentReport.id, sort_by_parameter_order=True),
        report_rows,
    ).scalars().all()

    weapons = {
        w.canonical: {"name": w.canonical, "category": w.category}
        for i in incidents
        for w in i.weapons
    }
    weapon_ids = _upsert_weapons(conn, weapons)
    weapon_rows = [
        {
            "report_id": report_id, "weapon_id": weapon_ids[w.canonical], "name": w.name,
            "role": w.role, "outcome": w.outcome, "quantity": w.quantity,
            "quantity_text": w.quantity_text,
            "evidence_start": w.span.start, "evidence_end": w.span.end,
        }
        for incident, report_id in zip(incidents, report_ids, strict=True)
        for w in incident.weapons
    ]
    casualty_rows = [
        {
            "report_id": report_id, "outcome": c.outcome, "group": c.group, "count": c.count,
            "is_minimum": c.is_minimum, "count_text": c.count_text,
            "evidence_start": c.span.start, "evidence_end": c.span.end,
        }
        for incident, report_id in zip(incidents, report_ids, strict=True)
        for c in incident.casualties
    ]
    if weapon_rows:
        conn.execute(insert(IncidentWeapon), weapon_rows)
    if casualty_rows:
        conn.execute(insert(Casualty), casualty_rows)
    return len(fresh), len(weapon_rows), len(casualty_rows)


def _incident_row(document: Document, i: ExtractedIncident, seen: dict[str, int]) -> dict:
    return {
        "uid": incident_uid(document, i, seen),
        "kind": i.kind, "date": i.date, "date_precision": i.date_precision,
        "date_text": i.date_text, "year_inferred": i.year_inferred, "year_source": i.year_source,
        "time_text": i.time_text, "start_time": i.start_time, "end_time": i.end_time,
        "part_of_day": i.part_of_day, "country": i.country, "admin1": i.admin1,
        "place": i.place, "latitude": i.latitude, "longitude": i.longitude,
        "geonameid": i.geonames_id, "admin1_code": i.admin1_code,
        "geo_precision": i.geo_precision, "target": i.target, "damage": i.damage,
        "no_damage": i.no_damage, "attacker": i.attacker, "summary": i.summary,
        "confidence": min(max(i.confidence, 0.0), 1.0),
    }


# -- a whole load -----------------------------------------------------------------------------

BATCH_ROWS = 20_000  # rows a batch may hold before it is written
BATCH_DOCUMENTS = 2_000
BATCH_SECONDS = 2.0  # and at most this old, so progress and crash loss stay small


def load(
    engine: Engine,
    paths: Iterable[str],
    *,
    published: date | None = None,
    jobs: int = 1,
    cluster: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = MAX_CHARS,
    arguments: str = "",
    on_refusal: Callable[[Refusal], None] | None = None,
    on_document: Callable[[Document, Written], None] | None = None,
) -> LoadSummary:
    """Read, extract and store every document under ``paths``; refusals are recorded, not fatal.

    Extractions are written in batches (see :mod:`incidentdb.db.batch`), each one transaction.
    """
    with engine.begin() as conn:
        run_id = conn.execute(
            insert(LoadRun)
            .values(arguments=arguments, extractor_version=EXTRACTOR_VERSION)
            .returning(LoadRun.id)
        ).scalar_one()
    summary = LoadSummary(run_id=run_id)
    writer = _BatchWriter(engine, run_id, summary, on_refusal, on_document)
    engine.dispose()  # no open connection is handed to forked workers
    with work.runner(jobs, cluster) as runner:
        items = documents(runner, paths, published, max_bytes)
        for item in extractions(runner, skip_known(engine, items), max_chars):
            writer.add(item)
    writer.flush()
    with engine.begin() as conn:
        conn.execute(update(LoadRun).where(LoadRun.id == run_id).values(finished_at=func.now()))
    return summary


class _BatchWriter:
    """Gathers extractions and refusals and writes them a batch at a time."""

    def __init__(self, engine, run_id, summary, on_refusal, on_document) -> None:
        self.engine, self.run_id, self.summary = engine, run_id, summary
        self.on_refusal, self.on_document = on_refusal, on_document
        self.batch = batch.Batch()
        self.rows = 0
        self.started = time.monotonic()

    def add(self, item: tuple[Document, Extraction] | Refusal | Known) -> None:
        if isinstance(item, Known):
            self.batch.known += 1
            self.summary.add(Written(new=False))
            if self.on_document:
                self.on_document(item.document, Written(new=False))
        elif isinstance(item, Refusal):
            self.batch.refusals.append(item)
            self.rows += 1
        else:
            self.batch.documents.append(item)
            self.rows += batch.Batch(documents=[item]).rows()
        if (self.rows >= BATCH_ROWS or len(self.batch) >= BATCH_DOCUMENTS
                or time.monotonic() - self.started >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        current, self.batch, self.rows = self.batch, batch.Batch(), 0
        self.started = time.monotonic()
        if not len(current) and not current.known:
            return
        written = batch.store(self.engine, current, self.run_id)
        for refusal in current.refusals:
            self.summary.refused += 1
            self.summary.refusals.append(refusal)
            if self.on_refusal:
                self.on_refusal(refusal)
        for (document, _), result in zip(current.documents, written, strict=True):
            self.summary.add(result)
            if self.on_document:
                self.on_document(document, result)


def reextract(engine: Engine) -> LoadSummary:
    """Re-run extraction on articles stored by another extractor version, one article per
    transaction: its old claims go, the new ones come, and incidents left without any report
    are removed."""
    summary = LoadSummary()
    with engine.connect() as conn:
        stale = conn.execute(
            select(Article.id).where(Article.extractor_version != EXTRACTOR_VERSION)
            .order_by(Article.id)
        ).scalars().all()
    for article_id in stale:
        with engine.begin() as conn:
            a = conn.execute(
                select(Article.__table__, Source.name.label("outlet"))
                .outerjoin(Source, Source.id == Article.source_id)
                .where(Article.id == article_id)
                .with_for_update(of=Article.__table__)
            ).first()
            if a is None or a.extractor_version == EXTRACTOR_VERSION:
                continue  # another process got there first
            document = Document(
                body=a.body, title=a.title, outlet=a.outlet, section=a.section,
                published=a.published, url=a.url, language=a.language, path=a.path,
            )
            try:
                extraction = extract(document)
            except (DocumentTooLarge, ExtractionFailed) as failed:
                # the article keeps its earlier extraction and version, so a later
                # --reextract tries it again
                log.error("article %s: %s", a.id, failed)
                summary.refused += 1
                continue
            seen: dict[str, int] = {}
            new_uids = {incident_uid(document, i, seen) for i in extraction.incidents}
            previous = dict(conn.execute(
                select(Incident.uid, Incident.id)
                .join(IncidentReport, IncidentReport.incident_id == Incident.id)
                .where(IncidentReport.article_id == a.id)
            ).all())
            conn.execute(IncidentReport.__table__.delete().where(IncidentReport.article_id == a.id))
            reuse = {uid: ident for uid, ident in previous.items() if uid in new_uids}
            gone = [ident for uid, ident in previous.items() if uid not in new_uids]
            if gone:
                conn.execute(
                    Incident.__table__.delete().where(
                        Incident.id.in_(gone),
                        ~select(IncidentReport.id)
                        .where(IncidentReport.incident_id == Incident.id)
                        .exists(),
                    )
                )
            source_ids = _upsert_sources(conn, _sources(extraction))
            counts = _write_claims(conn, document, extraction, a.id, source_ids, reuse=reuse)
            conn.execute(
                update(Article).where(Article.id == a.id)
                .values(extractor_version=extraction.extractor_version)
            )
        summary.add(Written(True, *counts))
    return summary
