"""Fit the confidence model (incidentdb/extract/confidence.py) on the regression sets.

    pip install -e '.[train]'
    python train/confidence.py            # prints the cross-validated figures, writes nothing
    python train/confidence.py --write    # and stores the model in extract/data/confidence.json

Only regression sets are used (sets the rules were already tuned on): a blind set that trained
the model would stop measuring. Every rule proposes incidents; an incident is labelled real when
the scorer matches it to a gold incident of its article. Incidents scored below 0.5 are dropped;
the script prints the incident F1 each cut-off would give when each regression set is scored by
a model fitted on the others (leave-one-set-out), so the cost of that choice is in view.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from incidentdb.evaluate import load_gold, match_incidents
from incidentdb.extract.confidence import Article, features, hurt
from incidentdb.extract.incidents import build
from incidentdb.read import read_file

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "incidentdb" / "extract" / "data" / "confidence.json"
# the regression sets (tests/arrivals/README.md says which sets are still blind)
SETS = {"dev": ROOT.parent / "shared" / "corpus" / "dev"} | {
    f"arrival{i}": ROOT / "tests" / "arrivals" / f"arrival{i}" for i in range(1, 8)}
C = 1.0  # scikit-learn's default L2 strength: 35 features, about 900 examples
THRESHOLDS = [round(0.05 * k, 2) for k in range(0, 15)]
# "more likely real than not". The leave-one-set-out F1 printed for every cut-off is flat from
# 0.40 to 0.55 (within 0.003), so choosing its maximum would move the cut-off with each refit;
# a fixed midpoint keeps the output stable and the table shows what it costs.
CUTOFF = 0.5


def candidates(sets: dict[str, Path]) -> list[dict]:
    """Every incident the rules propose, with its features, label and record."""
    rows = []
    for name, folder in sets.items():
        for article, gold in load_gold(folder / "gold.jsonl").items():
            for doc in read_file(folder / f"{article}.txt"):
                incidents = build(doc.body or "", doc.published)
                records = [i.record() for i in incidents]
                real = {p for _, p in match_incidents(gold, records)}
                context = Article(doc.body or "", doc.published, tuple(incidents))
                rows += [{"set": name, "article": article, "y": int(j in real),
                          "x": features(inc, context), "record": records[j], "hurt": hurt(inc)}
                         for j, inc in enumerate(incidents)]
    return rows


def f1_kept(rows: list[dict], probs: np.ndarray, cut: float, gold: dict) -> float:
    """Incident F1 over the articles of ``gold`` when incidents scored below the cut-off are
    dropped (those that state a death or injury are always kept)."""
    kept: dict[tuple, list] = defaultdict(list)
    for row, p in zip(rows, probs, strict=True):
        if p >= cut or row["hurt"]:  # the same rule as confidence.rate
            kept[(row["set"], row["article"])].append(row["record"])
    n_gold = sum(len(g) for g in gold.values())
    n_pred = sum(len(v) for v in kept.values())
    matched = sum(len(match_incidents(g, kept.get(key, []))) for key, g in gold.items())
    p, r = matched / max(n_pred, 1), matched / max(n_gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def cross_validated(rows: list[dict], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each row's probability from a model fitted on the other sets."""
    names = np.array([r["set"] for r in rows])
    out = np.zeros(len(rows))
    for name in sorted(set(names)):
        held = names == name
        fitted = LogisticRegression(C=C, max_iter=5000).fit(x[~held], y[~held])
        out[held] = fitted.predict_proba(x[held])[:, 1]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the fitted model")
    args = parser.parse_args()
    rows = candidates(SETS)
    gold = {(name, a): g for name, folder in SETS.items()
            for a, g in load_gold(folder / "gold.jsonl").items()}
    vectors = DictVectorizer(sparse=False)
    x = vectors.fit_transform([r["x"] for r in rows])
    y = np.array([r["y"] for r in rows])
    held_out = cross_validated(rows, x, y)
    scores = {cut: f1_kept(rows, held_out, cut, gold) for cut in THRESHOLDS}
    best = CUTOFF
    print(f"{len(rows)} proposed incidents, {int(y.sum())} real, from {len(SETS)} sets")
    for cut in THRESHOLDS:
        print(f"  cut-off {cut:.2f}: leave-one-set-out F1 {scores[cut]:.3f}"
              + ("  <- the cut-off" if cut == best else ""))
    fitted = LogisticRegression(C=C, max_iter=5000).fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(vectors.feature_names_, fitted.coef_[0],
                                                      strict=True)}
    table = {
        "_source": "fitted by train/confidence.py (scikit-learn LogisticRegression) on the "
                   "regression sets named in trained_on; see incidentdb/extract/confidence.py",
        "trained": date.today().isoformat(),
        "library": f"scikit-learn {sklearn.__version__}, LogisticRegression(C={C})",
        "trained_on": sorted(SETS),
        "examples": len(rows),
        "cross_validated_f1": {"keep_all": round(scores[0.0], 4),
                               "at_cutoff": round(scores[best], 4)},
        "threshold": best,
        "bias": round(float(fitted.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    if args.write:
        MODEL.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(f"written {MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
