"""Closed vocabularies shared by extraction (values it emits) and the schema (CHECKs)."""

INCIDENT_KINDS = ("interception", "strike", "other")
DATE_PRECISIONS = ("day", "week", "month", "year")
GEO_PRECISIONS = ("place", "district", "admin1", "country")
WEAPON_CATEGORIES = (
    "uav", "cruise_missile", "ballistic_missile", "guided_bomb",
    "rocket", "sam_system", "aircraft", "other",
)
ROLES = ("attacker", "defender")
OUTCOMES = ("launched", "destroyed", "intercepted", "hit")
CASUALTY_OUTCOMES = ("killed", "injured")
CASUALTY_GROUPS = ("total", "civilians", "children", "adults", "military")
SOURCE_KINDS = ("outlet", "government", "military", "official", "channel", "other")
