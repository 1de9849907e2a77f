"""How likely an extracted incident is one a careful reader would record.

The rules propose incidents; this small logistic model scores each one from plain facts of the
record and its sentences (what kind, how precisely placed and dated, whether it counts weapons or
people, cue words of totals, history and speculation). Its weights are data
(``data/confidence.json``), fitted by ``train/confidence.py`` on the regression sets only, so
the scores and the cut-off below which an incident is dropped can be re-learned as the sets grow
without touching code. The score is what ``incidents.confidence`` stores.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cache

from .model import Incident
from .text import load_patterns, load_table

_CUES = load_patterns("confidence.jsonl")  # cue_series, cue_history, ... (one feature each)


@dataclass(frozen=True)
class Article:
    """What the model may know of the article an incident comes from."""

    body: str
    published: date | None
    incidents: tuple[Incident, ...]


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float


@cache
def model() -> Model:
    table = load_table("confidence.json")
    return Model(dict(table["weights"]), float(table["bias"]), float(table["threshold"]))


def score(features: dict[str, float], m: Model | None = None) -> float:
    """The model's probability that the incident is real (0 to 1)."""
    m = m or model()
    z = m.bias + sum(m.weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def _location_key(inc: Incident) -> tuple:
    return (inc.country, (inc.admin1 or "").lower(), (inc.place or "").lower())


def _geo(inc: Incident) -> dict[str, float]:
    level = "place" if inc.place else "admin1" if inc.admin1 else "country" if inc.country \
        else "none"
    return {f"geo_{level}": 1.0, "place_in_gazetteer": float(inc.latitude is not None)}


def _when(inc: Incident, published: date | None) -> dict[str, float]:
    out = {"dated": float(inc.date is not None), "date_written": float(bool(inc.date_text))}
    if inc.date is not None and published is not None:
        gap = (published - inc.date).days
        out["date_days_before"] = math.log1p(max(gap, 0))
        out["date_after_published"] = float(gap < 0)
    return out


def _figures(inc: Incident) -> dict[str, float]:
    attackers = [w for w in inc.weapons if w.role == "attacker"]
    counted = [w.quantity for w in attackers if w.quantity is not None]
    return {
        "weapons": math.log1p(len(attackers)),
        "weapons_counted": float(bool(counted)),
        "largest_count": math.log1p(max(counted, default=0)),
        "killed": float(inc.total("killed") is not None),
        "injured": float(inc.total("injured") is not None),
        "no_harm": float(0 in (inc.total("killed"), inc.total("injured"))),
        "reporters": float(bool(inc.reporters)),
        "damage": float(bool(inc.damage)),
    }


def _sentences(inc: Incident, article: Article) -> dict[str, float]:
    text = " ".join(s.text for s in inc.evidence)
    first = min((s.start for s in inc.evidence), default=0)
    title_end = article.body.find("\n")
    out = {
        "sentences": math.log1p(len(inc.evidence)),
        "position": first / max(len(article.body), 1),
        "in_title": float(0 <= first < title_end),
        "words": math.log1p(len(text.split())),
    }
    out.update({label: float(bool(rx.search(text))) for label, rx in _CUES.items()})
    return out


def _company(inc: Incident, article: Article) -> dict[str, float]:
    key = _location_key(inc)
    same = sum(1 for other in article.incidents if _location_key(other) == key)
    countries = {o.country for o in article.incidents if o.country}
    return {
        "incidents_in_article": math.log1p(len(article.incidents)),
        "same_location_twice": float(same > 1),
        "countries_in_article": math.log1p(len(countries)),
    }


def features(inc: Incident, article: Article) -> dict[str, float]:
    """The record's facts the model weighs, by name (names are the keys of the weights)."""
    out = {f"kind_{inc.kind}": 1.0, "second_look": float(inc.second_look)}
    for part in (_geo(inc), _when(inc, article.published), _figures(inc),
                 _sentences(inc, article), _company(inc, article)):
        out.update(part)
    return out


def rate(incidents: list[Incident], body: str, published: date | None) -> list[Incident]:
    """Score every incident of one article and keep those at or above the model's cut-off."""
    article = Article(body, published, tuple(incidents))
    m = model()
    kept = []
    for inc in incidents:
        inc.confidence = round(score(features(inc, article), m), 3)
        if inc.confidence >= m.threshold or hurt(inc):
            kept.append(inc)
    return kept




def hurt(inc: Incident) -> bool:
    """A stated death or injury is never dropped (an analyst counts it even when the rules could
    not place it), unless a second look proposed it: the toll is then another incident's too."""
    return bool(inc.total("killed") or inc.total("injured")) and not inc.second_look
