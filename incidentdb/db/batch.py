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
import json
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
    "evidence", "evidence_start", "evidence_end", "match_score", "claim",
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
    plan = Plan(cur, run_id)
    for document, extraction in fresh.values():
        plan.add_document(document, extraction)
    _lock_days(cur, plan.days)
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


def _lock_days(cur: Cursor, days: Iterable) -> None:
    """Merge decisions of one day are made by one loader at a time (in day order, so two
    loaders never wait on each other in a cycle)."""
    ordinals = sorted({day.toordinal() for day in days})
    if ordinals:
        cur.execute("SELECT pg_advisory_xact_lock(%s + d) FROM unnest(%s::bigint[]) AS d",
                    [MERGE_LOCK, ordinals])


def rewrite_claims(
    conn: Connection, document: Document, extraction: Extraction, article_id: int
) -> Written:
    """Re-extraction of a stored article: its reports are replaced, the days they touch are
    clustered again, and an incident whose representative comes back keeps its id."""
    cur = conn.connection.driver_connection.cursor()
    old = cur.execute(
        """SELECT DISTINCT i.id, i.uid, i.date FROM incidents i
           JOIN incident_reports r ON r.incident_id = i.id WHERE r.article_id = %s""",
        [article_id]).fetchall()
    plan = Plan(cur, None)
    plan.add_document(document, extraction, article_id)
    plan.days |= {day for _, _, day in old if day}
    _lock_days(cur, plan.days)
    cur.execute("DELETE FROM incident_reports WHERE article_id = %s", [article_id])
    plan.reusable = {uid: ident for ident, uid, _ in old}
    plan.assign_incidents()
    plan.copy()
    cur.execute("UPDATE articles SET extractor_version = %s WHERE id = %s",
                [extraction.extractor_version, article_id])
    return plan.written[document.sha256]


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
    row: dict  # the incidents row this report alone would make, uid included
    incident: ExtractedIncident
    key: merge.Claim
    incident_id: int | None = None
    score: float | None = None


@dataclass
class Stored:
    """Stored reports of one incident that state exactly the same claim: merging sees them as
    one, and moves them together."""

    incident_id: int
    incident_uid: str
    key: merge.Claim


@dataclass
class Target:
    """Where one cluster of claims ends: an incident, and the claim it shows."""

    members: list
    rep: merge.Claim
    incident_id: int | None = None
    new: bool = False


class Plan:
    """The rows of one batch, built in memory and sent with a few statements."""

    def __init__(self, cur: Cursor, run_id: int | None) -> None:
        self.cur = cur
        self.run_id = run_id
        self.documents: list[tuple[Document, Extraction]] = []
        self.article_ids: dict[str, int] = {}  # articles stored before (re-extraction)
        self.claims: list[Claim] = []
        self.written: dict[str, Written] = {}
        self.days: set = set()
        self.reusable: dict[str, int] = {}  # incident ids by uid, kept when their uid returns

    def add_document(
        self, document: Document, extraction: Extraction, article_id: int | None = None
    ) -> None:
        self.documents.append((document, extraction))
        if article_id is not None:
            self.article_ids[document.sha256] = article_id
        seen: dict[str, int] = {}
        occurrences: dict[tuple, int] = {}
        for ordinal, incident in enumerate(extraction.incidents):
            row = incident_row(document, incident, seen)
            where = (row["kind"], row["date"], row["country"], merge.location_key(row["place"]),
                     merge.location_key(row["admin1"]))
            occurrences[where] = occurrences.get(where, 0) + 1
            row["occurrence"] = occurrences[where]
            self.claims.append(Claim(document.sha256, ordinal, row, incident, _key(row)))
            if row["date"]:
                self.days.add(row["date"])

    # incidents: every claim of the batch's days clustered again, stored ones included

    def assign_incidents(self) -> None:
        """Cluster the batch's claims with the stored claims of their days (merge.cluster:
        the result depends on the set, not on the order), then give each cluster an incident:
        the one that already shows its representative, else one its stored reports are in,
        else a new one."""
        stored = self._stored()
        owner = {id(s.key): s for s in stored} | {id(c.key): c for c in self.claims}
        self.targets = [
            Target([owner[id(k)] for k in group], merge.representative(group))
            for group in merge.cluster([s.key for s in stored] + [c.key for c in self.claims])
        ]
        by_uid = {s.incident_uid: s.incident_id for s in stored} | self.reusable
        taken: set[int] = set()
        for target in self.targets:  # first: an incident already showing the representative
            ident = by_uid.get(target.rep.uid)
            if ident is not None and ident not in taken:
                target.incident_id = ident
                taken.add(ident)
        for target in self.targets:  # then: one the cluster's stored reports are in
            if target.incident_id is None:
                free = sorted({m.incident_id for m in target.members if isinstance(m, Stored)}
                              - taken)
                target.incident_id = free[0] if free else None
                taken.update(free[:1])
        self.stored = stored
        self.dropped = sorted(({s.incident_id for s in stored} | set(self.reusable.values()))
                              - taken)

    def _stored(self) -> list[Stored]:
        """The stored claims of the batch's days, one per incident and distinct claim."""
        if not self.days:
            return []
        rows = self.cur.execute(
            """SELECT r.incident_id, i.uid, min(c->>'uid'), c->>'kind', (c->>'date')::date,
                      c->>'country', c->>'admin1', c->>'place', (c->>'geonameid')::bigint,
                      c->>'admin1_code', COALESCE((c->>'occurrence')::int, 1)
               FROM incidents i JOIN incident_reports r ON r.incident_id = i.id,
                    LATERAL COALESCE(r.claim, to_jsonb(i)) AS c
               WHERE i.date = ANY(%s)
               GROUP BY 1, 2, 4, 5, 6, 7, 8, 9, 10, 11""", [sorted(self.days)]).fetchall()
        return [Stored(ident, uid, merge.Claim(*rest)) for ident, uid, *rest in rows]

    def _write_incidents(self) -> None:
        """New incidents and incidents whose representative changed, in one upsert; each
        cluster's reports then point at it."""
        self._number_new_incidents()
        uids = {s.incident_id: s.incident_uid for s in self.stored}
        changed = [t for t in self.targets if t.new or uids.get(t.incident_id) != t.rep.uid]
        self._store_incidents(changed)
        redone = {id(t) for t in changed}
        moved = [(s, t) for t in self.targets for s in t.members
                 if isinstance(s, Stored) and (s.incident_id != t.incident_id or id(t) in redone)]
        if moved:
            self.cur.execute(MOVE_REPORTS, _moves(moved))
        self._point_claims()

    def _store_incidents(self, changed: list[Target]) -> None:
        """A new incident shown by a new claim goes in by COPY; the others are upserted from
        their representative's claim, new or stored."""
        rows = [_incident_source(t) for t in changed]
        copied = [(t, row) for t, row in zip(changed, rows, strict=True)
                  if t.new and row[4] is not None]
        _copy(self.cur, "incidents", INCIDENT_COLUMNS, (
            [t.incident_id, *(row[4][c] for c in INCIDENT_COLUMNS[1:])] for t, row in copied))
        upserts = [row[:4] for t, row in zip(changed, rows, strict=True)
                   if not (t.new and row[4] is not None)]
        if upserts:
            self.cur.execute(UPSERT_INCIDENTS, [list(c) for c in zip(*upserts, strict=True)])

    def _point_claims(self) -> None:
        """Each new report's incident, and its score against the claim the incident shows."""
        for target in self.targets:
            for claim in (m for m in target.members if isinstance(m, Claim)):
                claim.incident_id = target.incident_id
                claim.score = (None if claim.key.uid == target.rep.uid
                               else merge.score(claim.key, target.rep))

    def _number_new_incidents(self) -> None:
        """Ids for the clusters that need a new incident, in the order of their first claim in
        the batch (so a load numbers incidents in reading order)."""
        order = {id(c): n for n, c in enumerate(self.claims)}
        fresh = sorted((t for t in self.targets if t.incident_id is None),
                       key=lambda t: min(order.get(id(m), len(order)) for m in t.members))
        for target, ident in zip(fresh, _ids(self.cur, incidents=len(fresh))["incidents"],
                                 strict=True):
            target.incident_id, target.new = ident, True

    def _drop_empty(self) -> None:
        if self.dropped:
            self.cur.execute(
                """DELETE FROM incidents i WHERE i.id = ANY(%s) AND NOT EXISTS
                   (SELECT 1 FROM incident_reports r WHERE r.incident_id = i.id)""",
                [self.dropped])

    # the statements

    def copy(self) -> None:
        source_ids = self._sources()
        weapon_ids = self._weapons()
        fresh = [d for d, _ in self.documents if d.sha256 not in self.article_ids]
        new_hashes = {d.sha256 for d in fresh}
        ids = _ids(self.cur, articles=len(fresh), incident_reports=len(self.claims))
        self.article_ids.update(zip((d.sha256 for d in fresh), ids["articles"], strict=True))
        report_ids = iter(ids["incident_reports"])
        # sha256 order: two loaders never wait on each other's articles in a cycle
        _copy(self.cur, "articles", ARTICLE_COLUMNS, (
            (self.article_ids[d.sha256],
             source_ids.get((normalise_name(d.outlet), "outlet")) if d.outlet else None,
             d.title, d.section, d.body, d.published, d.url, d.language, d.path, d.sha256,
             d.word_count, e.extractor_version, self.run_id)
            for d, e in sorted(self.documents, key=lambda pair: pair[0].sha256)
            if d.sha256 in new_hashes))
        self._write_incidents()
        reports, weapons, casualties = [], [], []
        for claim in self.claims:
            report_id = next(report_ids)
            reports.append(_report_row(report_id, self.article_ids[claim.sha256], claim,
                                       source_ids))
            weapons += [(report_id, weapon_ids[w.canonical], w.name, w.role, w.outcome,
                         w.quantity, w.quantity_text, w.span.start, w.span.end)
                        for w in claim.incident.weapons]
            casualties += [(report_id, c.outcome, c.group, c.count, c.is_minimum, c.count_text,
                            c.span.start, c.span.end) for c in claim.incident.casualties]
        _copy(self.cur, "incident_reports", REPORT_COLUMNS, reports)
        _copy(self.cur, "incident_weapons", WEAPON_COLUMNS, weapons)
        _copy(self.cur, "casualties", CASUALTY_COLUMNS, casualties)
        self._drop_empty()
        self._tally()

    def _tally(self) -> None:
        created = {t.rep.uid for t in self.targets if t.new}
        for document, _ in self.documents:
            self.written[document.sha256] = Written(new=True)
        for claim in self.claims:
            w = self.written[claim.sha256]
            w.incidents += claim.key.uid in created
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
        """Catalog ids by canonical name. Reports may file one name under two categories
        (a bare "missile"); the catalog then says "other", whichever came first."""
        catalog: dict[str, str] = {}
        for claim in self.claims:
            for w in claim.incident.weapons:
                seen = catalog.setdefault(w.canonical, w.category)
                if seen != w.category:
                    catalog[w.canonical] = "other"
        if not catalog:
            return {}
        names = sorted(catalog)
        self.cur.execute(
            """INSERT INTO weapons (name, category)
               SELECT * FROM unnest(%s::text[], %s::text[])
               ON CONFLICT (name) DO UPDATE SET category = 'other'
               WHERE weapons.category <> EXCLUDED.category AND weapons.category <> 'other'""",
            [names, [catalog[n] for n in names]])
        found = self.cur.execute("SELECT id, name FROM weapons WHERE name = ANY(%s)", [names])
        return {name: ident for ident, name in found.fetchall()}


_SET = ", ".join(f"{c} = EXCLUDED.{c}" for c in INCIDENT_COLUMNS if c != "id")
UPSERT_INCIDENTS = f"""
INSERT INTO incidents ({", ".join(INCIDENT_COLUMNS)})
SELECT t.id, {", ".join(f"p.{c}" for c in INCIDENT_COLUMNS if c != "id")}
FROM unnest(%s::bigint[], %s::jsonb[], %s::bigint[], %s::text[]) AS t(id, claim, holder, uid),
     jsonb_populate_record(NULL::incidents, COALESCE(t.claim, (
         SELECT c FROM incident_reports r JOIN incidents i ON i.id = r.incident_id,
                LATERAL COALESCE(r.claim, to_jsonb(i)) AS c
         WHERE r.incident_id = t.holder AND c->>'uid' = t.uid LIMIT 1))) AS p
ON CONFLICT (id) DO UPDATE SET {_SET}
"""
MOVE_REPORTS = """
UPDATE incident_reports r
SET incident_id = m.target,
    match_score = CASE WHEN x.c->>'uid' = m.rep THEN NULL ELSE m.score END
FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::float8[], %s::text[], %s::text[],
            %s::text[], %s::text[], %s::bigint[], %s::text[], %s::int[])
     AS m(source, target, rep, score, kind, country, admin1, place, geonameid, admin1_code,
          occurrence)
     JOIN LATERAL (
         SELECT s.id, COALESCE(s.claim, to_jsonb(i)) AS c
         FROM incident_reports s JOIN incidents i ON i.id = s.incident_id
         WHERE s.incident_id = m.source) AS x ON true
WHERE r.id = x.id
  AND x.c->>'kind' = m.kind
  AND (x.c->>'country') IS NOT DISTINCT FROM m.country
  AND (x.c->>'admin1') IS NOT DISTINCT FROM m.admin1
  AND (x.c->>'place') IS NOT DISTINCT FROM m.place
  AND (x.c->>'geonameid')::bigint IS NOT DISTINCT FROM m.geonameid
  AND (x.c->>'admin1_code') IS NOT DISTINCT FROM m.admin1_code
  AND COALESCE((x.c->>'occurrence')::int, 1) = m.occurrence
"""


def _key(row: dict) -> merge.Claim:
    return merge.Claim(row["uid"], row["kind"], row["date"], row["country"], row["admin1"],
                       row["place"], row["geonameid"], row["admin1_code"], row["occurrence"])


def _incident_source(target: Target) -> tuple:
    """(id, claim, holder, uid, row): the representative's claim and row when it is new in
    this batch, else where to find its stored claim."""
    rep = next(m for m in target.members if m.key is target.rep)
    if isinstance(rep, Claim):
        return (target.incident_id, json.dumps(rep.row, default=str), None, rep.key.uid,
                rep.row)
    return target.incident_id, None, rep.incident_id, rep.key.uid, None


def _moves(moved: list[tuple[Stored, Target]]) -> list[list]:
    rows = [(s.incident_id, t.incident_id, t.rep.uid,
             None if s.key.uid == t.rep.uid else merge.score(s.key, t.rep),
             s.key.kind, s.key.country, s.key.admin1, s.key.place, s.key.geonames_id,
             s.key.admin1_code, s.key.occurrence) for s, t in moved]
    return [list(c) for c in zip(*rows, strict=True)]


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
        claim.score, json.dumps(claim.row, default=str),
    )
