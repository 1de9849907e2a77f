"""Loads that survive SIGKILL at random moments and a second loader running at the same time."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from incidentdb.cli import app
from incidentdb.export import incident_records
from tests.conftest import ROOT
from tests.corpus import write_corpus

CRASH_TRIALS = 3  # the default suite; the slow variant below runs 20


def incidentdb(*args: str, **kwargs) -> subprocess.Popen:
    env = kwargs.pop("env", None) or {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "incidentdb.cli", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, **kwargs,
    )


def snapshot(url: str) -> dict:
    """Everything a user would see, without surrogate ids or load bookkeeping."""
    engine = create_engine(url)
    try:
        records = sorted(json.dumps(r, sort_keys=True) for r in incident_records(engine))
        with engine.connect() as conn:
            articles = sorted(conn.execute(text("SELECT sha256 FROM articles")).scalars())
            counts = conn.execute(text("""
                SELECT (SELECT count(*) FROM incidents), (SELECT count(*) FROM incident_reports),
                       (SELECT count(*) FROM incident_weapons), (SELECT count(*) FROM casualties),
                       (SELECT count(*) FROM sources), (SELECT count(*) FROM weapons)
            """)).one()
    finally:
        engine.dispose()
    return {"articles": articles, "records": records, "counts": tuple(counts)}


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def load_here(corpus, url: str) -> tuple[int, str]:
    """`incidentdb load CORPUS --database-url URL` in this process: (exit code, output)."""
    result = CliRunner().invoke(app, ["load", str(corpus), "--database-url", url])
    return result.exit_code, result.output


def test_sigkill_at_random_moments_never_half_writes(tmp_path, db_url, admin_url):
    crash_and_resume(tmp_path, db_url, admin_url, CRASH_TRIALS)


@pytest.mark.slow
def test_sigkill_at_many_random_moments_never_half_writes(tmp_path, db_url, admin_url):
    crash_and_resume(tmp_path, db_url, admin_url, 20)


def crash_and_resume(tmp_path, db_url, admin_url, trials: int) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120)
    from tests.conftest import _admin, _fresh, url_for

    reference_name = _fresh(admin_url, db_url.rsplit("/", 1)[-1].split("?")[0])
    reference = url_for(admin_url, reference_name)
    # the uninterrupted load is only the reference: in this process, which has the
    # extraction tables loaded already (the loads killed below are processes)
    code, err = load_here(corpus, reference)
    assert code == 0, err
    expected = snapshot(reference)
    assert len(expected["articles"]) == 120

    rng = random.Random(20261122)
    survived = 0
    for trial in range(trials):
        name = _fresh(admin_url, db_url.rsplit("/", 1)[-1].split("?")[0])
        url = url_for(admin_url, name)
        proc = incidentdb("load", str(corpus), "--database-url", url)
        time.sleep(rng.uniform(0.5, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        partial = snapshot(url)
        # whatever made it is whole: every stored article has all its incidents
        assert set(partial["articles"]) <= set(expected["articles"])
        # the load after the crash is a plain one: it runs in this process
        code, err = load_here(corpus, url)
        assert code == 0, f"trial {trial}: {err}"
        assert snapshot(url) == expected, f"trial {trial} differs after resuming"
        survived += 1
        _admin(admin_url, f'DROP DATABASE "{name}" WITH (FORCE)')
    _admin(admin_url, f'DROP DATABASE "{reference_name}" WITH (FORCE)')
    assert survived == trials


def test_two_loaders_at_once_equal_one(tmp_path, empty_db_url, admin_url, template_db):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60, seed=11)
    from tests.conftest import _admin, _fresh, url_for

    # what one loader stores, loaded in this process into a database at head already
    single_name = _fresh(admin_url, template_db)
    single = url_for(admin_url, single_name)
    assert load_here(corpus, single)[0] == 0

    # both start on an empty database: one migrates, the other waits for the lock
    first = incidentdb("load", str(corpus), "--database-url", empty_db_url)
    second = incidentdb("load", str(corpus), "--database-url", empty_db_url)
    results = [finish(first), finish(second)]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert snapshot(empty_db_url)["articles"] == snapshot(single)["articles"]
    assert snapshot(empty_db_url)["counts"] == snapshot(single)["counts"]
    new_counts = sorted(int(out.split(" new")[0].split()[-1]) for _, out, _ in results)
    assert sum(new_counts) == 60
    _admin(admin_url, f'DROP DATABASE "{single_name}" WITH (FORCE)')


def test_two_migrations_at_once(empty_db_url):
    procs = [incidentdb("migrate", "--database-url", empty_db_url) for _ in range(2)]
    results = [finish(p) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    engine = create_engine(empty_db_url)
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    engine.dispose()
    from incidentdb.db.migrate import head_revision

    assert versions == [head_revision()]


def load_started(url: str, proc: subprocess.Popen, timeout: float = 120) -> bool:
    """Wait until the running load has written its load_runs row; False if it ended first."""
    import psycopg

    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with psycopg.connect(url, connect_timeout=5) as conn:
                if conn.execute("SELECT count(*) FROM load_runs").fetchone()[0]:
                    return proc.poll() is None
        except psycopg.Error:  # not migrated yet
            pass
        time.sleep(0.05)
    return False


def test_a_server_lost_mid_load_is_one_line(tmp_path):
    """The server killed under a running load: one line saying what happened and what to do."""
    import shutil
    import tempfile
    from pathlib import Path

    from incidentdb.db.server import EmbeddedServer

    home = Path(tempfile.mkdtemp(prefix="incidentdb-lost-"))
    server = EmbeddedServer(home)
    try:
        st = server.start()
        corpus = tmp_path / "corpus"
        write_corpus(corpus, 400)
        proc = incidentdb("load", str(corpus), env={
            **os.environ, "PYTHONPATH": str(ROOT), "INCIDENTDB_HOME": str(home)})
        # killed as soon as the load has begun (its load_runs row is there), not after a
        # fixed wait, which a fast load outran
        assert load_started(server.url(libpq=True), proc), "the load ended before it could be cut"
        os.kill(st.pid, signal.SIGKILL)
        code, out, err = finish(proc)
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    assert code == 1
    assert err.count("\n") == 1, err
    assert err.startswith("Error: lost the database connection (")
    assert err.rstrip().endswith("work already stored is kept and skipped")


def test_failures_outside_the_input_read_as_one_line():
    import errno

    import psycopg

    from incidentdb.cli import explain

    full = explain(psycopg.errors.DiskFull("could not extend file: No space left on device"))
    assert full == ("the disk is full (could not extend file: No space left on device); free "
                    "space and run the command again")
    assert explain(OSError(errno.ENOSPC, "No space left on device")).startswith("the disk is full")
    assert explain(ValueError("boom")) == (
        "unexpected ValueError: boom; run again with --debug for the traceback, and please "
        "report it")
