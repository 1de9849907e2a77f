"""Many documents in one transaction, at close to COPY speed.

A batch is written by a fixed handful of statements whatever its size: stored hashes are
checked again, merge days are locked, sources and weapons are upserted from arrays, ids are
taken from the sequences in one query, and articles, incidents, reports, figures and refusals
go in by ``COPY``. Everything is one transaction, so a crash leaves the whole batch or none
of it, and the next run simply writes it again.

Two loaders may race for the same document: the one that commits second meets a unique
violation (or a deadlock) and the batch is redone, now without the documents the other stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from psycopg import Cursor
from psycopg.errors import DeadlockDetected, UniqueViolation
from sqlalchemy import Connection, Engine

from incidentdb import merge
from incidentdb.document import Document
from incidentdb.extract.model import Extraction
from incidentdb.extract.model import Incident as ExtractedIncident
from incidentdb.read import Refusal

MERGE_LOCK = 0x1DB_0000_0000  # advisory-lock space for merge decisions, plus the day number
RETRIES = 8

ARTICLE_COLUMNS = (
    "id", "source_id", "title", "section", "body", "published", "url", "language", "path",
    "sha256", "word_count", "extractor_version", "load_run_id",
)
INCIDENT_COLUMNS = (
    "id", "uid", "kind", "date", "date_precision", "date_text", "year_inferred", "year_source",
    "time_text", "start_time", "end_time", "part_of_day", "country", "admin1", "place",
    "latitude", "longitude", "geonameid", "admin1_code", "geo_precision", "target", "damage",
    "no_damage", "attacker", "summary", "confidence",
)
REPORT_COLUMNS = (
    "id", "incident_id", "article_id", "ordinal", "source_id", "reported_by", "channel",
    "evidence", "evidence_start", "evidence_end", "match_score",
)
WEAPON_COLUMNS = (
    "report_id", "weapon_id", "name", "role", "outcome", "quantity", "quantity_text",
    "evidence_start", "evidence_end",
)
CASUALTY_COLUMNS = (
    "report_id", "outcome", "group", "count", "is_minimum", "count_text", "evidence_start",
    "evidence_end",
)


@dataclass
class Written:
    """What one document added; all zero when it was already stored."""

    new: bool
    incidents: int = 0
    weapons: int = 0
    casualties: int = 0


@dataclass
class Batch:
    """Extracted documents and refusals to be written together."""

    documents: list[tuple[Document, Extraction]] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    known: int = 0  # documents found stored before extraction, counted with the batch

    def __len__(self) -> int:
        return len(self.documents) + len(self.refusals)

    def rows(self) -> int:
        """About how many rows the batch writes: what sizes a batch besides its age."""
        return sum(
            1 + sum(1 + len(i.weapons) + len(i.casualties) for i in e.incidents)
            for _, e in self.documents
        ) + len(self.refusals)


def normalise_name(name: str) -> str:
    return " ".join(name.casefold().split())


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


def incident_row(document: Document, i: ExtractedIncident, seen: dict[str, int]) -> dict:
    """The incidents row one report's claim would make (without its id)."""
    return {
        "uid": incident_uid(document, i, seen),
        "kind": str(i.kind), "date": i.date, "date_precision": i.date_precision,
        "date_text": i.date_text, "year_inferred": i.year_inferred,
        "year_source": i.year_source, "time_text": i.time_text, "start_time": i.start_time,
        "end_time": i.end_time, "part_of_day": i.part_of_day, "country": i.country,
        "admin1": i.admin1, "place": i.place, "latitude": i.latitude,
        "longitude": i.longitude, "geonameid": i.geonames_id, "admin1_code": i.admin1_code,
        "geo_precision": i.geo_precision, "target": i.target, "damage": i.damage,
        "no_damage": i.no_damage, "attacker": i.attacker, "summary": i.summary,
        "confidence": min(max(i.confidence, 0.0), 1.0),
    }


# -- the transaction --------------------------------------------------------------------------


def store(engine: Engine, batch: Batch, run_id: int | None) -> list[Written]:
    """Write the batch in one transaction, redone when another loader got in the way."""
    for attempt in range(RETRIES):
        try:
            with engine.begin() as conn:
                return write_batch(conn, batch, run_id)
        except Exception as exc:  # SQLAlchemy wraps the driver's error
            if attempt + 1 == RETRIES or not isinstance(
                getattr(exc, "orig", exc), UniqueViolation | DeadlockDetected
            ):
                raise
    raise AssertionError("unreachable")


def write_batch(conn: Connection, batch: Batch, run_id: int | None) -> list[Written]:
    """Every row of the batch inside the caller's transaction; one ``Written`` per document,
    in batch order (``new=False`` for one stored already, by us or by another loader)."""
    cur = conn.connection.driver_connection.cursor()
    fresh = _fresh(cur, batch.documents)
    _lock_days(cur, [e for _, e in fresh.values()])
    plan = Plan(cur, run_id)
    for document, extraction in fresh.values():
        plan.add_document(document, extraction)
    plan.allocate()
    plan.assign_incidents()
    plan.copy()
    _copy(cur, "load_errors", ("load_run_id", "path", "reason"),
          [(run_id, r.path, r.reason) for r in batch.refusals] if run_id is not None else [])
    written = [plan.written.get(d.sha256) if d.sha256 in fresh and fresh[d.sha256][0] is d
               else None for d, _ in batch.documents]
    result = [w or Written(new=False) for w in written]
    if run_id is not None:
        _count(cur, run_id, result, len(batch.refusals), batch.known)
    return result


def _fresh(cur: Cursor, documents: Sequence[tuple[Document, Extraction]]) -> dict:
    """Documents not stored yet, first of each sha256, in batch order."""
    hashes = sorted({d.sha256 for d, _ in documents})
    stored = set(_column(cur, "SELECT sha256 FROM articles WHERE sha256 = ANY(%s)", [hashes]))
    fresh: dict[str, tuple[Document, Extraction]] = {}
    for document, extraction in documents:
        if document.sha256 not in stored:
            fresh.setdefault(document.sha256, (document, extraction))
    return fresh


def _lock_days(cur: Cursor, extractions: Iterable[Extraction]) -> None:
    """Merge decisions of one day are made by one loader at a time."""
    days = sorted({i.date.toordinal() for e in extractions for i in e.incidents if i.date})
    if days:
        cur.execute("SELECT pg_advisory_xact_lock(%s + d) FROM unnest(%s::bigint[]) AS d",
                    [MERGE_LOCK, days])


def _count(cur: Cursor, run_id: int, written: list[Written], refused: int, known: int) -> None:
    """The run's counts move with each batch, so they are right even after a crash."""
    new = [w for w in written if w.new]
    cur.execute(
        """UPDATE load_runs SET documents_new = documents_new + %s,
               documents_unchanged = documents_unchanged + %s,
               documents_refused = documents_refused + %s,
               incidents_added = incidents_added + %s, weapons_added = weapons_added + %s,
               casualties_added = casualties_added + %s
           WHERE id = %s""",
        [len(new), len(written) - len(new) + known, refused, sum(w.incidents for w in new),
         sum(w.weapons for w in new), sum(w.casualties for w in new), run_id],
    )


def _column(cur: Cursor, sql: str, params: Sequence) -> list:
    return [row[0] for row in cur.execute(sql, params).fetchall()]


def _copy(cur: Cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    rows = list(rows)
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _ids(cur: Cursor, **counts: int) -> dict[str, list[int]]:
    """Ids for every new row of each table from its sequence, in one round trip."""
    wanted = {table: n for table, n in counts.items() if n}
    if not wanted:
        return {table: [] for table in counts}
    parts = ", ".join(
        f"ARRAY(SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
        f"FROM generate_series(1, %s))" for table in wanted
    )
    row = cur.execute(f"SELECT {parts}", list(wanted.values())).fetchone()
    got = dict(zip(wanted, row, strict=True))
    return {table: got.get(table, []) for table in counts}


# -- what one batch writes --------------------------------------------------------------------


@dataclass
class Claim:
    """One report of an incident, before it is written."""

    sha256: str
    ordinal: int
    row: dict  # the incidents row this report's claim would make
    incident: ExtractedIncident
    incident_id: int | None = None
    score: float | None = None


class Plan:
    """The rows of one batch, built in memory and sent with a few statements."""

    def __init__(self, cur: Cursor, run_id: int | None) -> None:
        self.cur = cur
        self.run_id = run_id
        self.documents: list[tuple[Document, Extraction]] = []
        self.claims: list[Claim] = []
        self.written: dict[str, Written] = {}

    def add_document(self, document: Document, extraction: Extraction) -> None:
        self.documents.append((document, extraction))
        seen: dict[str, int] = {}
        for ordinal, incident in enumerate(extraction.incidents):
            self.claims.append(Claim(document.sha256, ordinal,
                                     incident_row(document, incident, seen), incident))

    def allocate(self) -> None:
        """Ids for the batch's new rows, taken before any row is sent."""
        n = len(self.claims)
        self.ids = _ids(self.cur, articles=len(self.documents), incidents=n, incident_reports=n)

    # incidents: which stored or new incident each claim belongs to

    def assign_incidents(self) -> None:
        """Each claim joins one clear stored candidate of its day, else starts an incident
        that later claims of the batch may join (the rule of ``merge.best_match``)."""
        days = sorted({c.row["date"] for c in self.claims if c.row["date"]})
        stored: dict = {}
        if days:
            for row in self.cur.execute(
                "SELECT id, kind, date, country, admin1, place, geonameid, admin1_code "
                "FROM incidents WHERE date = ANY(%s) ORDER BY id", [days]
            ).fetchall():
                stored.setdefault(row[2], []).append((None, merge.Candidate(*row)))
        self.new_incidents: list[dict] = []
        fresh_ids = iter(self.ids["incidents"])
        for claim in self.claims:
            new = _candidate(0, claim.row)
            others = [c for sha, c in stored.get(claim.row["date"], []) if sha != claim.sha256]
            match = merge.best_match(new, others) if claim.row["date"] else None
            if match:
                claim.incident_id, claim.score = match
                continue
            claim.incident_id = next(fresh_ids)
            self.new_incidents.append({"id": claim.incident_id, **claim.row})
            if claim.row["date"]:
                stored.setdefault(claim.row["date"], []).append(
                    (claim.sha256, _candidate(claim.incident_id, claim.row)))

    # the statements

    def copy(self) -> None:
        source_ids = self._sources()
        weapon_ids = self._weapons()
        ids = self.ids
        article_ids = dict(zip((d.sha256 for d, _ in self.documents), ids["articles"],
                               strict=True))
        report_ids = iter(ids["incident_reports"])
        # sha256 order: two loaders never wait on each other's articles in a cycle
        _copy(self.cur, "articles", ARTICLE_COLUMNS, (
            (article_ids[d.sha256],
             source_ids.get((normalise_name(d.outlet), "outlet")) if d.outlet else None,
             d.title, d.section, d.body, d.published, d.url, d.language, d.path, d.sha256,
             d.word_count, e.extractor_version, self.run_id)
            for d, e in sorted(self.documents, key=lambda pair: pair[0].sha256)))
        _copy(self.cur, "incidents", INCIDENT_COLUMNS,
              ([row[c] for c in INCIDENT_COLUMNS] for row in self.new_incidents))
        reports, weapons, casualties = [], [], []
        for claim in self.claims:
            report_id = next(report_ids)
            reports.append(_report_row(report_id, article_ids[claim.sha256], claim, source_ids))
            weapons += [(report_id, weapon_ids[w.canonical], w.name, w.role, w.outcome,
                         w.quantity, w.quantity_text, w.span.start, w.span.end)
                        for w in claim.incident.weapons]
            casualties += [(report_id, c.outcome, c.group, c.count, c.is_minimum, c.count_text,
                            c.span.start, c.span.end) for c in claim.incident.casualties]
        _copy(self.cur, "incident_reports", REPORT_COLUMNS, reports)
        _copy(self.cur, "incident_weapons", WEAPON_COLUMNS, weapons)
        _copy(self.cur, "casualties", CASUALTY_COLUMNS, casualties)
        self._tally()

    def _tally(self) -> None:
        created = {row["id"] for row in self.new_incidents}
        for document, _ in self.documents:
            self.written[document.sha256] = Written(new=True)
        for claim in self.claims:
            w = self.written[claim.sha256]
            w.incidents += claim.incident_id in created
            w.weapons += len(claim.incident.weapons)
            w.casualties += len(claim.incident.casualties)

    def _sources(self) -> dict[tuple[str, str], int]:
        """Source ids by (normalized_name, kind): the outlets and every cited reporter."""
        named = [(d.outlet, "outlet", None) for d, _ in self.documents if d.outlet]
        named += [(r.name, r.kind, r.country) for c in self.claims for r in c.incident.reporters]
        rows: dict[tuple[str, str], tuple] = {}
        for name, kind, country in named:
            key = (normalise_name(name), kind)
            if key not in rows or (rows[key][3] is None and country):
                rows[key] = (name, key[0], kind, country)
        if not rows:
            return {}
        columns = [list(c) for c in zip(*(rows[k] for k in sorted(rows)), strict=True)]
        self.cur.execute(
            """INSERT INTO sources (name, normalized_name, kind, country)
               SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])
               ON CONFLICT (normalized_name, kind) DO UPDATE SET country = EXCLUDED.country
               WHERE sources.country IS NULL AND EXCLUDED.country IS NOT NULL""", columns)
        found = self.cur.execute(
            """SELECT s.id, s.normalized_name, s.kind FROM sources s
               JOIN unnest(%s::text[], %s::text[]) AS k(n, kind)
                 ON s.normalized_name = k.n AND s.kind = k.kind""", columns[1:3]).fetchall()
        return {(n, kind): ident for ident, n, kind in found}

    def _weapons(self) -> dict[str, int]:
        catalog = {w.canonical: w.category for c in self.claims for w in c.incident.weapons}
        if not catalog:
            return {}
        names = sorted(catalog)
        self.cur.execute(
            """INSERT INTO weapons (name, category)
               SELECT * FROM unnest(%s::text[], %s::text[]) ON CONFLICT (name) DO NOTHING""",
            [names, [catalog[n] for n in names]])
        found = self.cur.execute("SELECT id, name FROM weapons WHERE name = ANY(%s)", [names])
        return {name: ident for ident, name in found.fetchall()}


def _candidate(ident: int, row: dict) -> merge.Candidate:
    return merge.Candidate(ident, row["kind"], row["date"], row["country"], row["admin1"],
                           row["place"], row["geonameid"], row["admin1_code"])


def _report_row(report_id: int, article_id: int, claim: Claim, source_ids: dict) -> tuple:
    incident = claim.incident
    first = incident.reporters[0] if incident.reporters else None
    first_key = (normalise_name(first.name), first.kind) if first else None
    spans = incident.evidence
    return (
        report_id, claim.incident_id, article_id, claim.ordinal, source_ids.get(first_key),
        "; ".join(r.name for r in incident.reporters) or None,
        next((r.channel for r in incident.reporters if r.channel), None),
        " || ".join(s.text for s in spans),
        min((s.start for s in spans), default=0), max((s.end for s in spans), default=0),
        claim.score,
    )
