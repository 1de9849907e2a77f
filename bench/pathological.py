"""Time extract() on pathological documents of 10 KB, 100 KB and 1 MB, and the growth ratio.

Extraction must be linear in the text (a 2x larger input takes about 2x the time) and bounded:
a document past the cap (``MAX_CHARS``) is refused at once with its reason. The reference in the
same run is one ``re.findall(r"\\w+")`` pass over the same text.

Run from the repository root: ``python bench/pathological.py``.
"""

from __future__ import annotations

import re
import time

from incidentdb.document import Document
from incidentdb.extract import DocumentTooLarge, extract

SIZES = (10_000, 100_000, 1_000_000)
SHAPES = {
    "children asides": "including 3 children, ",
    "weapons and verbs": "12 drones and 3 missiles were launched, 9 shot down and 2 hit a house; ",
    "place list": "Kyiv, ",
    "digits": "1",
    "report sentences": "Air defence shot down 35 of 40 drones over the Kursk region overnight, "
                        "the governor said, and two people were injured in Belgorod. ",
    "no full stops": "drones hit Odesa and Kharkiv killing 4 people including 2 children and ",
}


def document(unit: str, size: int) -> Document:
    return Document(body=(unit * (size // len(unit) + 1))[:size], title="Pathological")


def timed(doc: Document) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        result = extract(doc)
        outcome = f"{len(result.incidents)} incidents"
    except DocumentTooLarge as refused:
        outcome = f"refused ({refused})"
    return time.perf_counter() - start, outcome


def reference(doc: Document) -> float:
    start = time.perf_counter()
    re.findall(r"\w+", doc.body)
    return time.perf_counter() - start


def main() -> None:
    extract(Document(body="A drone was shot down over Kursk."))  # load the tables first
    worst = 0.0
    print(f"{'shape':<18} {'size':>9} {'seconds':>8} {'x findall':>10} {'growth':>7}  outcome")
    for name, unit in SHAPES.items():
        previous = None
        for size in SIZES:
            doc = document(unit, size)
            seconds, outcome = timed(doc)
            ratio = seconds / max(reference(doc), 1e-6)
            growth = f"{seconds / previous:6.1f}x" if previous else "      -"
            print(f"{name:<18} {size:>9,} {seconds:8.3f} {ratio:10.1f} {growth}  {outcome[:60]}")
            previous = max(seconds, 1e-4)
            worst = max(worst, seconds)
        # the linearity probe within the cap: the same shape at 20 KB and 40 KB
        small, large = (timed(document(unit, n))[0] for n in (20_000, 40_000))
        print(f"{name:<18} 20 KB -> 40 KB: {large / max(small, 1e-4):.2f}x the time")
    print(f"slowest document: {worst:.3f} s")


if __name__ == "__main__":
    main()
