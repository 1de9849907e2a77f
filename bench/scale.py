"""Throughput and scale of ``incidentdb load``, each figure against a reference measured in the
same run (issue 11). Run from the repository root:

    python bench/scale.py                      # 10,000 documents; memory at 1k and 10k
    python bench/scale.py --docs 2000 --memory 1000,10000,100000
    python bench/scale.py --database-url postgresql://postgres@127.0.0.1:5432/postgres

Without a URL a throwaway embedded server is started. With one, the URL must let us create and
drop databases (``bench_*``); nothing else on that server is touched.

Printed, in order: the write stage's rows/s against raw COPY of the same rows; extraction
alone in words/s; end-to-end with --jobs 1 and --jobs 2 (and their ratio, and the ratio of
end-to-end words/s to extraction-alone words/s times the workers); re-loading the unchanged
corpus against the first load; peak memory of the loader and of its workers at each size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.corpus import write_reports  # noqa: E402
from incidentdb.db import batch  # noqa: E402
from incidentdb.db.migrate import upgrade  # noqa: E402
from incidentdb.load import load  # noqa: E402
from incidentdb.read import read_paths  # noqa: E402

TABLES = ("sources", "weapons", "articles", "incidents", "incident_reports", "incident_weapons",
          "casualties")


class Databases:
    """Fresh databases at head on one server, dropped at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.names: list[str] = []

    def fresh(self) -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        self._admin(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        url = make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)
        engine = create_engine(url)
        upgrade(engine)
        engine.dispose()
        return url

    def drop_all(self) -> None:
        for name in self.names:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(sql))
        engine.dispose()


def rows_in(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        total = sum(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES)
    engine.dispose()
    return total


# -- the write stage against raw COPY ----------------------------------------------------------


def pool_extraction(documents: list, jobs: int) -> float:
    """Seconds for ``jobs`` forked processes to extract the documents, 8 per task."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from incidentdb.load import extract_documents

    chunks = [documents[n:n + 8] for n in range(0, len(documents), 8)]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(extract_documents, [documents[:2]] * jobs, [None] * jobs))  # started
        began = time.perf_counter()
        list(pool.map(extract_documents, chunks, [None] * len(chunks)))
        return time.perf_counter() - began


def write_stage(dbs: Databases, corpus: Path, jobs: int) -> float:
    """Extract in memory first, then time only the batches going into the database."""
    from incidentdb.extract import extract

    documents = [d for d in read_paths([str(corpus)]) if not isinstance(d, batch.Refusal)]
    words = sum(d.word_count for d in documents)
    began = time.perf_counter()
    extracted = [(d, extract(d)) for d in documents]
    extraction = time.perf_counter() - began
    print(f"extraction alone: {len(documents)} documents, {words:,} words in {extraction:.1f} s: "
          f"{words / extraction:,.0f} words/s, {len(documents) / extraction:,.0f} documents/s "
          "(one process)")
    parallel = pool_extraction(documents, jobs)
    print(f"extraction alone in {jobs} processes (a plain process pool, no database): "
          f"{words / parallel:,.0f} words/s = {extraction / parallel:.2f}x one process: what "
          "this machine gives in parallel right now (other load included)")

    url = dbs.fresh()
    engine = create_engine(url)
    began = time.perf_counter()
    for start in range(0, len(extracted), 1000):
        batch.store(engine, batch.Batch(documents=extracted[start:start + 1000]), None)
    written = time.perf_counter() - began
    engine.dispose()
    rows = rows_in(url)

    copied_url = dbs.fresh()
    seconds = raw_copy(url, copied_url)
    assert rows_in(copied_url) == rows
    print(f"write stage: {rows:,} rows in {written:.2f} s: {rows / written:,.0f} rows/s; raw COPY "
          f"of the same rows: {seconds:.2f} s, {rows / seconds:,.0f} rows/s; "
          f"write stage = {seconds / written:.0%} of COPY")
    return words / extraction


def raw_copy(source_url: str, target_url: str) -> float:
    """Seconds to COPY every row of the loader's tables from one database into another (the
    rows read beforehand, so only the writing is timed, like the write stage above)."""
    import psycopg

    conninfo = {u: make_url(u).set(drivername="postgresql").render_as_string(
        hide_password=False) for u in (source_url, target_url)}
    data = {}
    with psycopg.connect(conninfo[source_url]) as src:
        for table in TABLES:
            with src.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                data[table] = b"".join(bytes(chunk) for chunk in copy)
    with psycopg.connect(conninfo[target_url]) as dst:
        began = time.perf_counter()
        for table in TABLES:
            with dst.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                copy.write(data[table])
        dst.commit()
        return time.perf_counter() - began


# -- end to end --------------------------------------------------------------------------------


def end_to_end(dbs: Databases, corpus: Path, jobs: int) -> tuple[float, float, int, int]:
    url = dbs.fresh()
    engine = create_engine(url)
    began = time.perf_counter()
    cpu = _cpu()
    summary = load(engine, [str(corpus)], jobs=jobs)
    first = time.perf_counter() - began
    print(f"  (--jobs {jobs}: the loader's processes were busy {(_cpu() - cpu) / first:.2f} "
          "cores on average; the rest was taken by PostgreSQL and by other work on the machine)")
    began = time.perf_counter()
    again = load(engine, [str(corpus)], jobs=jobs)
    second = time.perf_counter() - began
    with engine.connect() as conn:
        words = conn.execute(text("SELECT sum(word_count) FROM articles")).scalar_one()
    engine.dispose()
    assert again.new == 0 and again.unchanged == summary.new
    return first, second, summary.new, words


def _cpu() -> float:
    """CPU seconds of this process and of its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def peak_memory(dbs: Databases, size: int, jobs: int, folder: Path) -> dict:
    """A load of ``size`` generated documents in a child process, which reports its peaks."""
    corpus = folder / f"memory_{size}"
    write_reports(corpus, size)
    url = dbs.fresh()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), "--database-url", url,
         "--jobs", str(jobs)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(corpus: str, url: str, jobs: int) -> None:
    engine = create_engine(url)
    began = time.perf_counter()
    summary = load(engine, [corpus], jobs=jobs)
    seconds = time.perf_counter() - began
    engine.dispose()
    print(json.dumps({
        "documents": summary.new, "seconds": seconds,
        "loader_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


# -- the run -----------------------------------------------------------------------------------


def server(args, tmp: Path):
    """An admin URL: the one given, or a throwaway embedded server's."""
    if args.database_url:
        return args.database_url, None
    from incidentdb.db.server import EmbeddedServer

    home = tmp / "pg"
    os.chmod(tmp, 0o755)  # run as root, the server's own user must reach it
    embedded = EmbeddedServer(home)
    embedded.start()
    return embedded.url(database="postgres"), embedded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000,
                        help="documents end to end (0: skip)")
    parser.add_argument("--write-docs", type=int, default=2_000,
                        help="documents for the write stage (0: skip it and end to end)")
    parser.add_argument("--memory", default="1000,10000", help="sizes for peak memory")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--database-url")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.database_url, args.jobs)
    from incidentdb.settings import sqlalchemy_url

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        admin_url, embedded = server(args, tmp)
        dbs = Databases(sqlalchemy_url(admin_url))
        try:
            run(args, dbs, tmp)
        finally:
            dbs.drop_all()
            if embedded:
                embedded.stop()


def run(args, dbs: Databases, tmp: Path) -> None:
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; "
          "documents of about 200 words, generated")
    if args.write_docs:
        write_corpus_dir = tmp / "write"
        write_reports(write_corpus_dir, args.write_docs, seed=3)
        alone = write_stage(dbs, write_corpus_dir, args.jobs)
    if args.docs and args.write_docs:
        throughput(args, dbs, tmp, alone)
    memory(args, dbs, tmp)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def throughput(args, dbs: Databases, tmp: Path, alone: float) -> None:
    corpus = tmp / "corpus"
    write_reports(corpus, args.docs)
    timings = {}
    for jobs in (1, args.jobs):
        first, again, docs, words = end_to_end(dbs, corpus, jobs)
        timings[jobs] = first
        print(f"end to end, --jobs {jobs}: {docs:,} documents in {first:.1f} s: "
              f"{docs / first:,.0f} documents/s, {words / first:,.0f} words/s = "
              f"{words / first / (alone * jobs):.0%} of extraction alone x {jobs}; re-load of "
              f"the unchanged corpus {again:.1f} s = {again / first:.1%} of the first load")
    print(f"--jobs {args.jobs} against --jobs 1: {timings[1] / timings[args.jobs]:.2f}x")


def memory(args, dbs: Databases, tmp: Path) -> None:
    peaks = {}
    for size in (int(s) for s in args.memory.split(",") if s):
        peak = peak_memory(dbs, size, args.jobs, tmp)
        peaks[size] = peak
        print(f"peak memory at {size:,} documents (--jobs {args.jobs}): loader "
              f"{peak['loader_mb']:.0f} MB, largest worker {peak['worker_mb']:.0f} MB "
              f"({peak['documents']:,} documents in {peak['seconds']:.0f} s, "
              f"{peak['documents'] / peak['seconds']:,.0f} documents/s)")
    if len(peaks) > 1:
        small, large = min(peaks), max(peaks)
        print(f"peak memory at {large:,} against {small:,}: loader "
              f"{peaks[large]['loader_mb'] / peaks[small]['loader_mb']:.2f}x, worker "
              f"{peaks[large]['worker_mb'] / peaks[small]['worker_mb']:.2f}x")


if __name__ == "__main__":
    main()
