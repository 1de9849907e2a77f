"""Plain dataclasses that extraction returns: no database, picklable, safe across processes.

Every value keeps the span of the text that states it (offsets into ``Document.body``), so an
analyst can always get from a number in the database back to the sentence behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from incidentdb.vocabulary import (  # noqa: F401 - re-exported for extraction code
    CASUALTY_GROUPS,
    CASUALTY_OUTCOMES,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    INCIDENT_KINDS,
    OUTCOMES,
    ROLES,
    SOURCE_KINDS,
    WEAPON_CATEGORIES,
    Kind,
)


@dataclass(frozen=True)
class Span:
    """``text == body[start:end]``: the evidence for one value."""

    start: int
    end: int
    text: str


@dataclass
class WeaponFigure:
    """One weapon figure as the report states it ("98 were shot down")."""

    name: str  # as written: "unmanned aerial vehicles (UAVs)"
    canonical: str  # catalog name: "UAV", "HIMARS", "S-200"
    category: str  # one of WEAPON_CATEGORIES
    role: str  # one of ROLES
    outcome: str | None  # one of OUTCOMES, or None when the text gives none
    quantity: int | None  # never guessed
    quantity_text: str | None  # "forty-two", "dozens", "at least 3"
    span: Span


@dataclass
class CasualtyFigure:
    """One casualty figure; "no casualties" is a count of 0, silence is no figure."""

    outcome: str  # killed | injured
    group: str  # one of CASUALTY_GROUPS
    count: int
    is_minimum: bool  # "at least"
    count_text: str
    span: Span


@dataclass
class Reporter:
    """Who the article cites for an incident, and through which channel."""

    name: str  # as written, with title: "Kursk Region Governor Roman Starovoit"
    kind: str  # one of SOURCE_KINDS
    country: str | None  # ISO 3166 alpha-2 when known
    channel: str | None  # "Telegram", "Max", "social media"
    span: Span


@dataclass
class Incident:
    """One event at one place and time, as one article reports it."""

    kind: Kind | str  # a Kind (INCIDENT_KINDS)
    date: date | None = None
    date_precision: str | None = None
    date_text: str | None = None  # the phrase as written: "the night of December 12"
    year_inferred: bool = False
    year_source: str | None = None  # "published", "text", None
    time_text: str | None = None  # "HH:MM" or "HH:MM-HH:MM", first zone the text gives
    start_time: datetime | None = None  # aware, in the place's zone, when date and time known
    end_time: datetime | None = None
    part_of_day: str | None = None  # "night", "morning", ...
    country: str | None = None  # ISO 3166 alpha-2
    admin1: str | None = None  # as written: "Kaluga region"
    place: str | None = None  # as written: "Tver"
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None  # the place's gazetteer entry, when it is a known city
    admin1_code: str | None = None  # ISO 3166-2 of the first-level region, when known
    geo_precision: str | None = None  # one of GEO_PRECISIONS
    target: str | None = None
    damage: str | None = None
    no_damage: bool = False
    attacker: str | None = None
    summary: str = ""
    confidence: float = 0.5
    # proposed on a second look at a sentence segmentation had folded into another incident;
    # the confidence model weighs it (not stored: the confidence is)
    second_look: bool = False
    weapons: list[WeaponFigure] = field(default_factory=list)
    casualties: list[CasualtyFigure] = field(default_factory=list)
    reporters: list[Reporter] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)

    def total(self, outcome: str, group: str = "total") -> int | None:
        """The figure of one outcome and group; the highest when the article updates it."""
        counts = [c.count for c in self.casualties if c.outcome == outcome and c.group == group]
        return max(counts) if counts else None

    def record(self) -> dict:
        """The SPEC section 7 keys that extraction alone can fill (no id, no articles)."""
        return {
            "kind": str(self.kind),
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "time_text": self.time_text,
            "country": self.country,
            "admin1": self.admin1,
            "place": self.place,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "weapons": [
                {
                    "name": w.name,
                    "category": w.category,
                    "quantity": w.quantity,
                    "role": w.role,
                    "outcome": w.outcome,
                }
                for w in self.weapons
            ],
            "killed": self.total("killed"),
            "injured": self.total("injured"),
            "children_killed": self.total("killed", "children"),
            "children_injured": self.total("injured", "children"),
            "reported_by": [r.name for r in self.reporters],
            "reported_via": next((r.channel for r in self.reporters if r.channel), None),
            "damage": self.damage,
            "evidence": [s.text for s in self.evidence],
        }


@dataclass
class Extraction:
    """What one document yields: zero or more incidents."""

    extractor_version: str
    incidents: list[Incident] = field(default_factory=list)
