"""Words per second of extract() over at least 1 MB of report text (dev set and seeds repeated).

Run from the repository root: ``python bench/extract.py [CORPUS_DIR] [--repeat N] [--mb M]``.

The machine is shared, so one timing is noise: the batch is extracted ``--repeat`` times
(default 5) and the best and median runs are printed; the floor, one ``re.findall(r"\\w+")``
pass over the same text, is the best of as many runs. The documents repeat within the batch,
so extraction must keep no cache keyed by a sentence or a document across calls (a repeated
document would then cost nothing here and the figure would not hold for new reports). Caches
keyed by vocabulary (a town's folded name, a weapon noun, a pattern the re module caches)
fill on first sight: the first pass over the distinct documents, before the timed
runs, is printed on its own ("cold") so that one-time cost is seen too.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from datetime import date
from pathlib import Path

from incidentdb.document import Document
from incidentdb.extract import extract

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def load(corpus: Path) -> list[Document]:
    docs = []
    for path in sorted(corpus.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        meta_path = path.with_suffix(".meta.json")
        published = None
        if meta_path.exists():
            value = json.loads(meta_path.read_text(encoding="utf-8")).get("published")
            published = date.fromisoformat(value) if value else None
        docs.append(Document(body=body, title=title or None, published=published))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        docs.append(Document(body=path.read_text(encoding="utf-8")))
    return docs


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the whole batch")
    parser.add_argument("--mb", type=float, default=1.0, help="batch size in MB of text")
    args = parser.parse_args()
    docs = load(args.corpus)
    if not docs:
        raise SystemExit(f"no .txt files in {args.corpus}")
    extract(docs[0])  # load the data tables once, outside the timing
    batch: list[Document] = []
    size = 0
    while size < args.mb * 1e6:
        for doc in docs:
            batch.append(doc)
            size += len(doc.body.encode("utf-8"))
    words = sum(doc.word_count for doc in batch)
    start = time.perf_counter()
    incidents = sum(len(extract(doc).incidents) for doc in docs)
    cold = time.perf_counter() - start
    cold_words = sum(doc.word_count for doc in docs)
    runs = [timed(lambda: [extract(doc) for doc in batch]) for _ in range(max(1, args.repeat))]
    floor = min(timed(lambda: [re.findall(r"\w+", doc.body) for doc in batch])
                for _ in range(max(1, args.repeat)))
    best, median = min(runs), statistics.median(runs)
    print(f"{len(batch)} documents ({len(docs)} distinct, {incidents} incidents), "
          f"{size / 1e6:.2f} MB, {words} words, {len(runs)} runs")
    print(f"extract(): best {best:.2f} s, {words / best:,.0f} words/s; "
          f"median {median:.2f} s, {words / median:,.0f} words/s; "
          f"runs {', '.join(f'{words / r:,.0f}' for r in runs)} words/s")
    print(f"cold first pass over the {len(docs)} distinct documents: {cold:.2f} s, "
          f"{cold_words / cold:,.0f} words/s")
    print(f"re.findall(r'\\w+') over the same text: {floor:.3f} s, {words / floor:,.0f} words/s; "
          f"extraction takes {best / floor:,.0f}x that (best run)")


if __name__ == "__main__":
    main()
