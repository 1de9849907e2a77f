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
    """The stored incident fields the rule looks at."""

    id: int
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
    new_place, old_place = location_key(new.place), location_key(stored.place)
    new_region, old_region = location_key(new.admin1), location_key(stored.admin1)
    if new.geonames_id and stored.geonames_id:  # the gazetteer knows both places
        new_place, old_place = str(new.geonames_id), str(stored.geonames_id)
    if new.admin1_code and stored.admin1_code:
        new_region, old_region = new.admin1_code, stored.admin1_code
    if new_place and old_place:
        return 1.0 if new_place == old_place else 0.0
    if new_region and old_region:
        if new_region != old_region:
            return 0.0
        return 0.9 if not (new_place or old_place) else 0.75
    if not (new_place or old_place or new_region or old_region):
        return 0.8  # both country-level tallies of the same day
    return 0.0


def best_match(new: Candidate, stored: Iterable[Candidate]) -> tuple[int, float] | None:
    """The one stored incident this report belongs to, or None when none or several fit."""
    scored = sorted(((score(new, s), s.id) for s in stored), reverse=True)
    scored = [(value, ident) for value, ident in scored if value >= MERGE_THRESHOLD]
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    value, ident = scored[0]
    return ident, value
