"""Words per second of extract() over at least 1 MB of report text (dev set and seeds repeated).

Run from the repository root: ``python bench/extract.py [CORPUS_DIR]``.
"""

from __future__ import annotations

import json
import re
import sys
import time
from datetime import date
from pathlib import Path

from incidentdb.document import Document
from incidentdb.extract import extract

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
TARGET_BYTES = 1_000_000


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


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    docs = load(corpus)
    if not docs:
        sys.exit(f"no .txt files in {corpus}")
    extract(docs[0])  # load the data tables once, outside the timing
    batch: list[Document] = []
    size = 0
    while size < TARGET_BYTES:
        for doc in docs:
            batch.append(doc)
            size += len(doc.body.encode("utf-8"))
    words = sum(doc.word_count for doc in batch)
    start = time.perf_counter()
    incidents = sum(len(extract(doc).incidents) for doc in batch)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    for doc in batch:  # the floor: one regex pass that only finds the words
        re.findall(r"\w+", doc.body)
    floor = time.perf_counter() - start
    print(f"{len(batch)} documents, {size / 1e6:.2f} MB, {words} words, {incidents} incidents "
          f"in {elapsed:.2f} s: {words / elapsed:,.0f} words/s")
    print(f"re.findall(r'\\w+') over the same text: {floor:.3f} s, {words / floor:,.0f} words/s; "
          f"extraction takes {elapsed / floor:,.0f}x that")


if __name__ == "__main__":
    main()
