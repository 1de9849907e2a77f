"""When is a new report about an incident we already hold? A pure rule, so it is testable
without a database and the same in every loader process.

An analyst would rather see two rows for one event than one row for two events, so a report
merges only into a single clear candidate: same kind, same date, same country, and the same
place (or the same region when neither names a place). A tie stays a separate incident.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from incidentdb.normalise import place_key

MERGE_THRESHOLD = 0.7


@dataclass(frozen=True)
class Candidate:
    """The stored incident fields the rule looks at (``id``: the incident's, or a claim's
    uid)."""

    id: int | str
    kind: str
    date: date | None
    country: str | None
    admin1: str | None
    place: str | None
    geonames_id: int | None = None
    admin1_code: str | None = None


def location_key(name: str | None) -> str | None:
    """Scoring's normaliser, so Kharkov and Kharkiv, "Kiev region" and "Kyiv Oblast" merge."""
    return place_key(name)


def score(new: Candidate, stored: Candidate) -> float:
    """0 when they cannot be the same event; up to 1 when kind, date and place all agree."""
    if new.kind != stored.kind or new.date is None or new.date != stored.date:
        return 0.0
    if new.country != stored.country:
        return 0.0
    new_place, old_place, new_region, old_region = _compared_keys(new, stored)
    if new_place and old_place:
        return 1.0 if new_place == old_place else 0.0
    if new_region and old_region:
        if new_region != old_region:
            return 0.0
        return 0.9 if not (new_place or old_place) else 0.75
    if not (new_place or old_place or new_region or old_region):
        return 0.8  # both country-level tallies of the same day
    return 0.0


def _compared_keys(new: Candidate, stored: Candidate) -> tuple:
    """Place and region keys of both: the gazetteer's where both have one, else the names'."""
    new_place, old_place = location_key(new.place), location_key(stored.place)
    new_region, old_region = location_key(new.admin1), location_key(stored.admin1)
    if new.geonames_id and stored.geonames_id:  # the gazetteer knows both places
        new_place, old_place = str(new.geonames_id), str(stored.geonames_id)
    if new.admin1_code and stored.admin1_code:
        new_region, old_region = new.admin1_code, stored.admin1_code
    return new_place, old_place, new_region, old_region


def best_match(new: Candidate, stored: Iterable[Candidate]) -> tuple[int, float] | None:
    """The one stored incident this report belongs to, or None when none or several fit."""
    scored = sorted(((score(new, s), s.id) for s in stored), reverse=True)
    scored = [(value, ident) for value, ident in scored if value >= MERGE_THRESHOLD]
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    value, ident = scored[0]
    return ident, value


# -- order-independent merging ----------------------------------------------------------------


@dataclass(frozen=True)
class Claim(Candidate):
    """An incident as one report (or several reports saying exactly the same) states it.

    Its ``id`` is the report's own incident uid: the tie-breaker, and the incident's uid when
    this claim represents it. ``occurrence`` numbers claims of one article that share kind,
    date, country and place, so an article's two strikes on one town stay two incidents.
    """

    occurrence: int = 1

    @property
    def uid(self) -> str:
        return str(self.id)

    @property
    def rank(self) -> int:
        """0 for a claim with place and region, 1 place only, 2 region only, 3 neither."""
        return (0 if self.place else 2) + (0 if self.admin1 or self.admin1_code else 1)


def representative(cluster: Iterable[Claim]) -> Claim:
    """The claim an incident shows: the most specific, then the smallest uid."""
    return min(cluster, key=lambda c: (c.rank, c.uid))


def cluster(claims: Iterable[Claim]) -> list[list[Claim]]:
    """Claims grouped into incidents by a rule that sees only the set, never the order.

    Within one kind, date, country and occurrence: claims naming the same place are one
    incident (the gazetteer's id when both have one, else the spelling-blind key); claims
    naming only the same region are one; a region-only group joins the single place group of
    its region, and stays apart when there are several (a tie is never guessed); claims with
    neither are one country-level incident. A claim without a date is an incident alone.
    """
    blocks: dict[tuple, list[Claim]] = {}
    alone: list[list[Claim]] = []
    for claim in claims:
        if claim.date is None:
            alone.append([claim])
        else:
            key = (claim.kind, claim.date, claim.country, claim.occurrence)
            blocks.setdefault(key, []).append(claim)
    groups = alone + [g for block in blocks.values() for g in _cluster_block(block)]
    return sorted((sorted(g, key=lambda c: c.uid) for g in groups), key=lambda g: g[0].uid)


def _cluster_block(block: list[Claim]) -> list[list[Claim]]:
    placed = [c for c in block if c.place]
    regional = [c for c in block if not c.place and (c.admin1 or c.admin1_code)]
    bare = [c for c in block if not c.place and not (c.admin1 or c.admin1_code)]
    place_groups = _components(placed, lambda c: (c.geonames_id, location_key(c.place)))
    region_groups = _components(regional, _region)
    merged = [list(g) for g in place_groups]
    for group in region_groups:
        matches = [n for n, g in enumerate(place_groups)
                   if any(_same_region(r, p) for r in group for p in g)]
        if len(matches) == 1:
            merged[matches[0]] += group
        else:
            merged.append(list(group))
    return merged + ([bare] if bare else [])


def _region(claim: Claim) -> tuple[str | None, str | None]:
    return claim.admin1_code, location_key(claim.admin1)


def _same_region(a: Claim, b: Claim) -> bool:
    (code_a, name_a), (code_b, name_b) = _region(a), _region(b)
    if code_a and code_b:
        return code_a == code_b
    return bool(name_a) and name_a == name_b


def _components(claims: list[Claim], keys) -> list[list[Claim]]:
    """Connected components of "same thing": equal ids when both have one, else equal names.

    Claims with one id are joined; claims with one name are joined when any of them lacks
    an id (then the names are what compares them), which is exactly the pairwise rule."""
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(members: list[int]) -> None:
        for other in members[1:]:
            parent[find(other)] = find(members[0])

    by_id: dict = {}
    by_name: dict = {}
    for n, claim in enumerate(claims):
        ident, name = keys(claim)
        if ident:
            by_id.setdefault(ident, []).append(n)
        if name:
            by_name.setdefault(name, []).append(n)
    for members in by_id.values():
        join(members)
    for members in by_name.values():
        if any(not keys(claims[n])[0] for n in members):
            join(members)
    groups: dict[int, list[Claim]] = {}
    for n, claim in enumerate(claims):
        groups.setdefault(find(n), []).append(claim)
    return list(groups.values())
