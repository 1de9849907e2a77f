"""Extractions to rows: one transaction per document, set-based statements, idempotent.

Reading and extraction stream (memory stays flat however large the corpus); extraction may run
in worker processes because it is pure. Each document is written by a handful of multi-row
INSERTs inside one transaction, so a crash leaves either the whole document or nothing, and the
article's sha256 makes a second load of the same text a no-op.
"""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from sqlalchemy import Connection, Engine, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from incidentdb import merge
from incidentdb.db.models import (
    Article,
    Casualty,
    Incident,
    IncidentReport,
    IncidentWeapon,
    LoadError,
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
from incidentdb.read import DEFAULT_MAX_BYTES, Refusal, read_paths


@dataclass
class Written:
    """What one document added; all zero when it was already stored."""

    new: bool
    incidents: int = 0
    weapons: int = 0
    casualties: int = 0


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


def normalise_name(name: str) -> str:
    return " ".join(name.casefold().split())


# -- extraction, streamed and optionally parallel ---------------------------------------------


def extracted(
    items: Iterable[Document | Refusal], jobs: int = 1, max_chars: int | None = MAX_CHARS
) -> Iterator[tuple[Document, Extraction] | Refusal]:
    """Documents paired with their extraction, in input order, at most a few in flight."""
    if jobs <= 1:
        for item in items:
            yield extract_or_refuse(item, max_chars) if isinstance(item, Document) else item
        return
    window: deque[tuple[Document | Refusal, Future | None]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for item in items:
            future = None if not isinstance(item, Document) else pool.submit(
                extract_or_refuse, item, max_chars)
            window.append((item, future))
            if len(window) >= jobs * 4:
                yield _settle(*window.popleft())
        while window:
            yield _settle(*window.popleft())


def extract_or_refuse(
    document: Document, max_chars: int | None = MAX_CHARS
) -> tuple[Document, Extraction] | Refusal:
    """A document past the size cap becomes a refusal with its reason, like an unreadable one."""
    try:
        return document, extract(document, max_chars=max_chars)
    except DocumentTooLarge as refused:
        return Refusal(document.path or "<document>", str(refused))
    except ExtractionFailed as failed:
        # logged with its traceback; refused, so the article is not stored and a re-run retries
        log.error("%s: %s", document.path or "<document>", failed, exc_info=failed)
        return Refusal(document.path or "<document>", str(failed))


def _settle(item, future):
    return item if future is None else future.result()


# -- hash first -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """A document whose sha256 is already stored: skipped before extraction."""

    document: Document


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


def incident_uid(document: Document, incident: ExtractedIncident, seen: dict[str, int]) -> str:
    """Stable across re-extraction as long as the incident's kind, place and date hold."""
    key = "|".join(
        str(v or "")
        for v in (
            document.sha256, incident.kind, incident.country, incident.admin1,
            incident.place, incident.date or incident.date_text,
        )
    )
    seen[key] = seen.get(key, 0) + 1
    return hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:32]


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
    """All rows of one document, or none when its sha256 is already stored."""
    sources = _sources(extraction, document.outlet)
    outlet_key = (normalise_name(document.outlet), "outlet") if document.outlet else None
    source_ids = _upsert_sources(conn, sources)

    article_id = conn.execute(
        pg_insert(Article)
        .values(
            source_id=source_ids.get(outlet_key) if outlet_key else None,
            title=document.title,
            section=document.section,
            body=document.body,
            published=document.published,
            url=document.url,
            language=document.language,
            path=document.path,
            sha256=document.sha256,
            word_count=document.word_count,
            extractor_version=extraction.extractor_version,
            load_run_id=run_id,
        )
        .on_conflict_do_nothing(index_elements=[Article.sha256])
        .returning(Article.id)
    ).scalar()
    if article_id is None:
        return Written(new=False)
    return Written(True, *_write_claims(conn, document, extraction, article_id, source_ids))


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


def load(
    engine: Engine,
    paths: Iterable[str],
    *,
    published: date | None = None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = MAX_CHARS,
    arguments: str = "",
    on_refusal: Callable[[Refusal], None] | None = None,
    on_document: Callable[[Document, Written], None] | None = None,
) -> LoadSummary:
    """Read, extract and store every document under ``paths``; refusals are recorded, not fatal."""
    with engine.begin() as conn:
        run_id = conn.execute(
            insert(LoadRun)
            .values(arguments=arguments, extractor_version=EXTRACTOR_VERSION)
            .returning(LoadRun.id)
        ).scalar_one()
    summary = LoadSummary(run_id=run_id)
    items = read_paths(paths, published=published, max_bytes=max_bytes)
    for item in extracted(skip_known(engine, items), jobs, max_chars):
        if isinstance(item, Known):
            summary.add(Written(new=False))
            if on_document:
                on_document(item.document, Written(new=False))
            continue
        if isinstance(item, Refusal):
            summary.refused += 1
            summary.refusals.append(item)
            with engine.begin() as conn:
                conn.execute(
                    insert(LoadError).values(load_run_id=run_id, path=item.path, reason=item.reason)
                )
            if on_refusal:
                on_refusal(item)
            continue
        document, extraction = item
        with engine.begin() as conn:
            written = write_document(conn, document, extraction, run_id)
        summary.add(written)
        if on_document:
            on_document(document, written)
    with engine.begin() as conn:
        conn.execute(
            update(LoadRun)
            .where(LoadRun.id == run_id)
            .values(
                finished_at=func.now(),
                documents_new=summary.new,
                documents_unchanged=summary.unchanged,
                documents_refused=summary.refused,
                incidents_added=summary.incidents,
                weapons_added=summary.weapons,
                casualties_added=summary.casualties,
            )
        )
    return summary


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
