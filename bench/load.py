"""Print how fast `load` stores documents: python bench/load.py [COUNT] [--database-url URL].

Uses a throwaway embedded server unless a URL is given (the database must be empty or new).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine  # noqa: E402

from incidentdb.db.migrate import upgrade  # noqa: E402
from incidentdb.db.server import EmbeddedServer  # noqa: E402
from incidentdb.load import load  # noqa: E402
from tests.corpus import write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=500)
    parser.add_argument("--database-url")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = None
        url = args.database_url
        if not url:
            server = EmbeddedServer(Path(tmp) / "pg")
            server.start()
            url = server.url()
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, args.count)
        engine = create_engine(url)
        upgrade(engine)
        began = time.perf_counter()
        summary = load(engine, [str(corpus)], jobs=args.jobs)
        elapsed = time.perf_counter() - began
        engine.dispose()
        if server:
            server.stop()
    print(f"{summary.new} documents, {summary.incidents} incidents, "
          f"{summary.weapons} weapon and {summary.casualties} casualty figures "
          f"in {elapsed:.2f} s: {summary.new / elapsed:.0f} documents/s (jobs={args.jobs})")


if __name__ == "__main__":
    main()
