"""Score extracted incidents against a gold file: precision, recall, F1 and per-field accuracy.

Pure (no database), so it runs in tests and in ``incidentdb eval`` alike. The rules follow
``corpus/README.md`` ("How the hidden set is scored"):

* Incidents of one article are matched one-to-one by location. Country must agree when both
  sides give one. Otherwise any gold ``place``/``admin1`` must equal any predicted
  ``place``/``admin1`` after :func:`normalise_place` (drops "region", "oblast", ... and folds
  transliteration variants). A gold incident with neither place nor admin1 is country-level: it
  matches when the countries are equal (both null counts as equal).
* Among the location-compatible pairs, the assignment maximises first the number of matches,
  then the agreement on kind, date, attacker weapon categories and place (Hungarian method).
* Field accuracy over matched pairs:

  - ``kind``: equal.
  - ``date``: only where gold has a date; equal.
  - ``location``: stricter than the match rule so that it says something: the countries must be
    equal (a null on one side only is wrong) and a country-level gold incident needs a
    country-level prediction. A predicted admin1 next to the gold place does no harm.
  - ``weapons``: attacker figures only, counted where either side has one. Right when gold and
    predicted figures pair off one-to-one with the same category family (cruise, ballistic and
    S-200 missiles are one family), the same outcome (``destroyed`` = ``intercepted``; a gold
    null outcome accepts any) and, where gold has a quantity, the same quantity. A predicted
    figure left over is wrong unless it repeats a paired one (same family, outcome, quantity).
  - ``killed``, ``injured``, ``children_injured``: counted where either side has a value; equal
    (a number where gold is null is wrong, and so is null where gold is 0).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentdb.normalise import normalise_place

FIELDS = ("kind", "date", "location", "weapons", "killed", "injured", "children_injured")
CASUALTY_FIELDS = ("killed", "injured", "children_injured")

# Words that say what kind of area a name is, not which one.
_WEAPON_FAMILY = {
    "uav": "uav",
    "cruise_missile": "missile",
    "ballistic_missile": "missile",
    "sam_system": "missile",
    "guided_bomb": "bomb",
    "rocket": "rocket",
    "aircraft": "aircraft",
    "other": "other",
}
_OUTCOME_CLASS = {"destroyed": "downed", "intercepted": "downed"}


# --------------------------------------------------------------------------- place names


def names_match(a: str | None, b: str | None) -> bool:
    """Same place after normalising; a descriptive name of 3+ words may contain the other.

    "highway between Stanislav and Oleksandrivka" contains "Stanislav", but two-word names
    such as "Novaya Kakhovka" must match whole, so "Kakhovka" stays a different town.
    """
    ta, tb = normalise_place(a), normalise_place(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(long_) < 3:
        return False
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _names(incident: Mapping[str, Any]) -> list[str]:
    return [n for n in (incident.get("place"), incident.get("admin1")) if n]


def _countries_agree(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    g, p = gold.get("country"), pred.get("country")
    return g is None or p is None or g.upper() == p.upper()


def _same_country(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    g, p = gold.get("country"), pred.get("country")
    return (g or "").upper() == (p or "").upper()


def location_matches(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """The match rule: may these two incidents be the same event, judging by where?"""
    gold_names = _names(gold)
    if not gold_names:
        return _same_country(gold, pred)
    if not _countries_agree(gold, pred):
        return False
    return any(names_match(g, p) for g in gold_names for p in _names(pred))


def location_correct(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """The ``location`` field: the match rule with exact country and country-level agreement."""
    if not _same_country(gold, pred):
        return False
    if not _names(gold):
        return not _names(pred)
    return location_matches(gold, pred)


# --------------------------------------------------------------------------- weapons


def _attackers(incident: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [w for w in incident.get("weapons") or [] if w.get("role") != "defender"]


def _family(weapon: Mapping[str, Any]) -> str:
    category = weapon.get("category") or "other"
    return _WEAPON_FAMILY.get(category, category)


def _outcome(weapon: Mapping[str, Any]) -> str | None:
    outcome = weapon.get("outcome")
    return _OUTCOME_CLASS.get(outcome, outcome)


def _weapon_fits(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    if _family(gold) != _family(pred):
        return False
    if _outcome(gold) is not None and _outcome(gold) != _outcome(pred):
        return False
    return gold.get("quantity") is None or gold.get("quantity") == pred.get("quantity")


def _weapon_key(weapon: Mapping[str, Any]) -> tuple:
    return (_family(weapon), _outcome(weapon), weapon.get("quantity"))


def _bipartite(n_left: int, n_right: int, fits: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum matching by augmenting paths: {left index: right index}."""
    right_of: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in range(n_right):
            if j not in seen and fits(i, j):
                seen.add(j)
                if j not in right_of or augment(right_of[j], seen):
                    right_of[j] = i
                    return True
        return False

    for i in range(n_left):
        augment(i, set())
    return {i: j for j, i in right_of.items()}


def weapons_correct(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Every gold attacker figure has its own predicted one, and no predicted figure is new."""
    gw, pw = _attackers(gold), _attackers(pred)
    pairs = _bipartite(len(gw), len(pw), lambda i, j: _weapon_fits(gw[i], pw[j]))
    if len(pairs) < len(gw):
        return False
    paired_keys = {_weapon_key(pw[j]) for j in pairs.values()}
    used = set(pairs.values())
    return all(_weapon_key(w) in paired_keys for j, w in enumerate(pw) if j not in used)


# --------------------------------------------------------------------------- matching


def _date(value: Any) -> str | None:
    return str(value)[:10] if value else None


def _affinity(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> float:
    """How alike two location-compatible incidents are; breaks ties between candidates."""
    score = 0.0
    if gold.get("kind") == pred.get("kind"):
        score += 1.0
    if _date(gold.get("date")) and _date(gold.get("date")) == _date(pred.get("date")):
        score += 1.0
    g_fam = {_family(w) for w in _attackers(gold)}
    p_fam = {_family(w) for w in _attackers(pred)}
    if g_fam or p_fam:
        score += len(g_fam & p_fam) / len(g_fam | p_fam)
    if names_match(gold.get("place"), pred.get("place")):
        score += 0.5
    if names_match(gold.get("admin1"), pred.get("admin1")):
        score += 0.25
    if _same_country(gold, pred):
        score += 0.25
    g_q = {_weapon_key(w) for w in _attackers(gold)}
    p_q = {_weapon_key(w) for w in _attackers(pred)}
    if g_q or p_q:
        score += 0.5 * len(g_q & p_q) / len(g_q | p_q)
    return score


def _max_weight_assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Hungarian method (shortest augmenting paths with potentials), rows <= columns.

    Returns (row, column) pairs maximising the total weight; callers drop zero-weight pairs.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]  # minimise cost instead
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    row_of = [0] * (m + 1)  # column j (1-based) is assigned to row row_of[j] (1-based), 0 = free
    for i in range(1, n + 1):
        row_of[0] = i
        j0 = 0
        min_to = [inf] * (m + 1)
        prev = [0] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = row_of[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < min_to[j]:
                    min_to[j], prev[j] = reduced, j0
                if min_to[j] < delta:
                    delta, j1 = min_to[j], j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    min_to[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = prev[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    return [(row_of[j] - 1, j - 1) for j in range(1, m + 1) if row_of[j]]


def match_incidents(
    gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: most matches, then most agreement."""
    if not gold or not pred:
        return []
    # A match is worth more than all the affinity an article can add up, so the count comes first.
    bonus = 10.0 * (min(len(gold), len(pred)) + 1) * 5.0
    weights = [
        [bonus + _affinity(g, p) if location_matches(g, p) else 0.0 for p in pred] for g in gold
    ]
    transposed = len(gold) > len(pred)
    if transposed:
        weights = [list(col) for col in zip(*weights, strict=True)]
    pairs = _max_weight_assignment(weights)
    if transposed:
        pairs = [(c, r) for r, c in pairs]
    return sorted((g, p) for g, p in pairs if location_matches(gold[g], pred[p]))


# --------------------------------------------------------------------------- report


def describe(incident: Mapping[str, Any]) -> str:
    """One short line that lets a reader find the incident in the article."""
    where = ", ".join(
        str(incident[k]) for k in ("place", "admin1", "country") if incident.get(k)
    )
    weapons = " ".join(
        f"{w.get('category')}x{w.get('quantity') if w.get('quantity') is not None else '?'}"
        f"/{w.get('outcome') or '-'}"
        for w in _attackers(incident)
    )
    parts = [incident.get("kind") or "?", _date(incident.get("date")) or "no date", where or "-"]
    if weapons:
        parts.append(f"[{weapons}]")
    return " ".join(parts)


@dataclass(frozen=True)
class Finding:
    """A gold incident nobody predicted (a miss) or a prediction with no gold (an extra)."""

    article: str
    description: str


@dataclass(frozen=True)
class Mismatch:
    """A matched pair that disagrees on one field."""

    article: str
    field: str
    incident: str
    gold: Any
    predicted: Any


@dataclass
class EvalReport:
    """Counts and accuracies of one evaluation, with the evidence to improve on them."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    articles: int = 0
    fields: dict[str, tuple[int, int]] = field(default_factory=lambda: {f: (0, 0) for f in FIELDS})
    misses: list[Finding] = field(default_factory=list)
    extras: list[Finding] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)
    crashed: list[Finding] = field(default_factory=list)

    @property
    def precision(self) -> float:
        if not self.predicted:
            return 1.0 if not self.gold else 0.0
        return self.matched / self.predicted

    @property
    def recall(self) -> float:
        if not self.gold:
            return 1.0 if not self.predicted else 0.0
        return self.matched / self.gold

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float | None:
        """Share of counted matched pairs that got ``name`` right; None when none counted."""
        correct, total = self.fields[name]
        return correct / total if total else None

    def _tally(self, name: str, ok: bool) -> None:
        correct, total = self.fields[name]
        self.fields[name] = (correct + int(ok), total + 1)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for ``incidentdb eval --json`` and for tracking scores over time."""
        return {
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "fields": {
                name: {"correct": c, "total": t, "accuracy": self.accuracy(name)}
                for name, (c, t) in self.fields.items()
            },
            "misses": [vars(f) for f in self.misses],
            "extras": [vars(f) for f in self.extras],
            "mismatches": [vars(m) for m in self.mismatches],
            "unreadable": [vars(f) for f in self.unreadable],
            "crashed": [vars(f) for f in self.crashed],
        }

    def format_text(self, detail: bool = False) -> str:
        """A table for the terminal; ``detail`` adds every miss, extra and wrong field."""
        lines = [
            f"articles {self.articles}   gold {self.gold}   predicted {self.predicted}"
            f"   matched {self.matched}",
            f"precision {self.precision:.3f}   recall {self.recall:.3f}   f1 {self.f1:.3f}",
            "",
            f"{'field':<18}{'correct':>8}{'total':>8}{'accuracy':>10}",
        ]
        for name, (correct, total) in self.fields.items():
            acc = self.accuracy(name)
            shown = f"{acc:.3f}" if acc is not None else "n/a"
            lines.append(f"{name:<18}{correct:>8}{total:>8}{shown:>10}")
        if self.crashed:  # always shown: a crash is a bug, not a score
            lines += ["", f"extraction failed on {len(self.crashed)} articles:"]
            lines += [f"  {f.article}: {f.description}" for f in self.crashed]
        if detail:
            for title, items in (
                ("unreadable", self.unreadable),
                ("misses", self.misses),
                ("extras", self.extras),
            ):
                if items:
                    lines += ["", f"{title} ({len(items)}):"]
                    lines += [f"  {f.article}: {f.description}" for f in items]
            if self.mismatches:
                lines += ["", f"mismatches ({len(self.mismatches)}):"]
                lines += [
                    f"  {m.article} {m.field}: gold {m.gold!r} predicted {m.predicted!r}"
                    f"  ({m.incident})"
                    for m in self.mismatches
                ]
        return "\n".join(lines)


def _score_pair(report: EvalReport, article: str, gold: Mapping, pred: Mapping) -> None:
    where = describe(gold)

    def check(name: str, ok: bool, gold_value: Any, pred_value: Any) -> None:
        report._tally(name, ok)
        if not ok:
            report.mismatches.append(Mismatch(article, name, where, gold_value, pred_value))

    check("kind", gold.get("kind") == pred.get("kind"), gold.get("kind"), pred.get("kind"))
    if _date(gold.get("date")):
        g, p = _date(gold.get("date")), _date(pred.get("date"))
        check("date", g == p, g, p)
    check(
        "location",
        location_correct(gold, pred),
        [gold.get("place"), gold.get("admin1"), gold.get("country")],
        [pred.get("place"), pred.get("admin1"), pred.get("country")],
    )
    if _attackers(gold) or _attackers(pred):
        check(
            "weapons",
            weapons_correct(gold, pred),
            [_weapon_key(w) for w in _attackers(gold)],
            [_weapon_key(w) for w in _attackers(pred)],
        )
    for name in CASUALTY_FIELDS:
        g, p = gold.get(name), pred.get(name)
        if g is not None or p is not None:
            check(name, g == p, g, p)


def score(
    gold: Mapping[str, list[dict]], predicted: Mapping[str, list[dict]]
) -> EvalReport:
    """Compare predicted incidents with gold, article by article (same keys as gold.jsonl)."""
    report = EvalReport()
    for article in sorted(set(gold) | set(predicted)):
        g_list, p_list = list(gold.get(article) or []), list(predicted.get(article) or [])
        report.articles += 1
        report.gold += len(g_list)
        report.predicted += len(p_list)
        pairs = match_incidents(g_list, p_list)
        report.matched += len(pairs)
        for gi, pi in pairs:
            _score_pair(report, article, g_list[gi], p_list[pi])
        matched_g, matched_p = {g for g, _ in pairs}, {p for _, p in pairs}
        report.misses += [
            Finding(article, describe(x)) for i, x in enumerate(g_list) if i not in matched_g
        ]
        report.extras += [
            Finding(article, describe(x)) for i, x in enumerate(p_list) if i not in matched_p
        ]
    return report


# --------------------------------------------------------------------------- files


def load_gold(path: str | Path) -> dict[str, list[dict]]:
    """Read gold.jsonl: ``{"article": STEM, "incidents": [...]}`` per line."""
    gold: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold[str(row["article"])] = list(row.get("incidents") or [])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a gold line ({exc})") from exc
    return gold


_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def _records(result: Any) -> list[dict]:
    """Accept an Extraction, a list of Incidents or a list of dicts from ``extract``."""
    incidents = getattr(result, "incidents", result) or []
    return [i.record() if hasattr(i, "record") else dict(i) for i in incidents]


def evaluate_dir(
    gold_path: str | Path,
    articles_dir: str | Path,
    *,
    extract: Callable[[Any], Any] | None = None,
) -> EvalReport:
    """Read each gold article from ``articles_dir``, extract, and score against the gold."""
    from incidentdb.extract import ExtractionFailed
    from incidentdb.read import ReadError, read_file

    if extract is None:
        from incidentdb.extract import extract  # written concurrently: import late

    gold = load_gold(gold_path)
    folder = Path(articles_dir)
    predicted: dict[str, list[dict]] = {}
    unreadable: list[Finding] = []
    crashed: list[Finding] = []
    for stem in gold:
        candidates = (folder / f"{stem}{suffix}" for suffix in _ARTICLE_SUFFIXES)
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            unreadable.append(Finding(stem, "no article file"))
            continue
        try:
            documents = read_file(path)
        except ReadError as exc:
            unreadable.append(Finding(stem, exc.reason))
            continue
        try:
            predicted[stem] = [rec for doc in documents for rec in _records(extract(doc))]
        except ExtractionFailed as failed:  # scored as no incidents, and said so
            crashed.append(Finding(stem, str(failed)))
            predicted[stem] = []
    report = score(gold, predicted)
    report.unreadable = unreadable
    report.crashed = crashed
    return report
