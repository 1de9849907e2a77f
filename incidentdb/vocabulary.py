"""Closed vocabularies shared by extraction (values it emits) and the schema (CHECKs).

Each is a StrEnum, so code names its members and compares them with plain strings; the tuples
are what the schema's CHECK constraints list.
"""

from enum import StrEnum


class Kind(StrEnum):
    INTERCEPTION = "interception"
    STRIKE = "strike"
    OTHER = "other"


class Category(StrEnum):
    UAV = "uav"
    CRUISE_MISSILE = "cruise_missile"
    BALLISTIC_MISSILE = "ballistic_missile"
    GUIDED_BOMB = "guided_bomb"
    ROCKET = "rocket"
    SAM_SYSTEM = "sam_system"
    AIRCRAFT = "aircraft"
    OTHER = "other"


class Role(StrEnum):
    ATTACKER = "attacker"
    DEFENDER = "defender"


class Outcome(StrEnum):
    LAUNCHED = "launched"
    DESTROYED = "destroyed"
    INTERCEPTED = "intercepted"
    HIT = "hit"


INCIDENT_KINDS = tuple(k.value for k in Kind)
DATE_PRECISIONS = ("day", "week", "month", "year")
GEO_PRECISIONS = ("place", "district", "admin1", "country")
WEAPON_CATEGORIES = tuple(c.value for c in Category)
ROLES = tuple(r.value for r in Role)
OUTCOMES = tuple(o.value for o in Outcome)
CASUALTY_OUTCOMES = ("killed", "injured")
CASUALTY_GROUPS = ("total", "civilians", "children", "adults", "military")
SOURCE_KINDS = ("outlet", "government", "military", "official", "channel", "other")
