"""Files to rows: reading, hashing and extraction in workers, one writer, batches.

The pipeline streams: files are handed to the workers a few at a time (a large JSON Lines file
a part at a time), documents whose sha256 is stored already are skipped before extraction,
and extractions come back in reading order to one writer that stores them in batches
(:mod:`incidentdb.db.batch`), each one transaction. Every stage keeps a bounded number of
tasks in flight, so memory stays flat however large the corpus; a crash leaves whole batches
only, and the article's sha256 makes a second load of the same text a no-op.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice

from sqlalchemy import Connection, Engine, func, insert, select, update

from incidentdb import work
from incidentdb.db import batch
from incidentdb.db.batch import Written
from incidentdb.db.models import Article, LoadRun, Source
from incidentdb.document import Document
from incidentdb.extract import (
    EXTRACTOR_VERSION,
    MAX_CHARS,
    DocumentTooLarge,
    ExtractionFailed,
    extract,
)
from incidentdb.extract.model import Extraction
from incidentdb.read import (
    DEFAULT_MAX_BYTES,
    Refusal,
    Skip,
    jsonl_parts,
    read_jsonl_part,
    read_paths,
    walk_paths,
)


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
    skipped: list[Skip] = field(default_factory=list)  # passed over by a folder walk

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
    runner: work.Runner, paths: Iterable[str], published: date | None, max_bytes: int,
    on_skip: Callable[[Skip], None] | None = None,
) -> Iterator[Document | Refusal]:
    """Every document and refusal under ``paths`` in order, read by the runner's workers a
    few files at a time (standard input is read here)."""
    tasks = _read_tasks(paths, published, max_bytes, on_skip)
    for _, items in work.ordered(runner.read, tasks, runner.workers * 4):
        yield from items


def read_part(path: str, start: int, stop: int, first: int, published: date | None,
              max_bytes: int) -> list:
    """A worker's share of a large JSON Lines file: the records of one part of it."""
    return list(read_jsonl_part(path, start, stop, first, published=published,
                                max_bytes=max_bytes))


def _read_tasks(paths: Iterable[str], published: date | None, max_bytes: int,
                on_skip: Callable[[Skip], None] | None = None):
    """Work for the readers: files a few at a time, a JSON Lines file a part at a time."""
    group: list[str] = []
    for unit in walk_paths(paths, on_skip=on_skip):
        if isinstance(unit, str) and unit != "-" and not unit.lower().endswith(".jsonl"):
            group.append(unit)
            if len(group) >= FILES_PER_TASK:
                yield None, read_files, (group, published, max_bytes)
                group = []
            continue
        if group:
            yield None, read_files, (group, published, max_bytes)
            group = []
        if isinstance(unit, Refusal):
            yield [unit], None, ()
        elif unit == "-":
            yield list(read_paths(["-"], published=published, max_bytes=max_bytes)), None, ()
        else:
            yield from _jsonl_tasks(unit, published, max_bytes)
    if group:
        yield None, read_files, (group, published, max_bytes)


def _jsonl_tasks(path: str, published: date | None, max_bytes: int):
    parts = jsonl_parts(path)
    try:
        first = next(parts)
    except OSError:  # the reader refuses it with the reason
        yield None, read_files, ([path], published, max_bytes)
        return
    for start, stop, line in chain([first], parts):
        yield None, read_part, (path, start, stop, line, published, max_bytes)


def extractions(
    runner: work.Runner, items: Iterable[Document | Refusal | Known], max_chars: int | None
) -> Iterator[tuple[Document, Extraction] | Refusal | Known]:
    """Documents paired with their extraction, in order; refusals and known documents pass
    through. Failures in the rules are logged here, with the worker's traceback."""
    tasks = _extract_tasks(items, max_chars, runner.chunk)
    for payload, results in work.ordered(runner.extract, tasks, runner.workers * 6):
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
    engine: Engine, items: Iterable[Document | Refusal], chunk: int = 64
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


def write_document(
    conn: Connection, document: Document, extraction: Extraction, run_id: int | None
) -> Written:
    """All rows of one document, or none when its sha256 is already stored: a batch of one."""
    return batch.write_batch(conn, batch.Batch(documents=[(document, extraction)]), run_id)[0]


# -- a whole load -----------------------------------------------------------------------------

BATCH_ROWS = 20_000  # rows a batch may hold before it is written
BATCH_DOCUMENTS = 2_000
BATCH_SECONDS = 1.0  # and at most this old, so progress moves each second and little is lost


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
        items = documents(runner, paths, published, max_bytes, on_skip=summary.skipped.append)
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
            written = batch.rewrite_claims(conn, document, extraction, a.id)
        summary.add(written)
    return summary
