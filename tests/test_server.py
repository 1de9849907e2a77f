"""`incidentdb server url` as a newcomer meets it: a URL that connects whatever state the
embedded server is in, on a TCP port that stays the same across restarts."""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from incidentdb.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


@pytest.fixture
def home(monkeypatch) -> Path:
    """A fresh INCIDENTDB_HOME (not under pytest's 0700 basetemp, which root's server user
    could not reach); its server is stopped afterwards."""
    path = Path(tempfile.mkdtemp(prefix="incidentdb-url-"))
    monkeypatch.setenv("INCIDENTDB_HOME", str(path))
    yield path
    runner.invoke(app, ["server", "stop"])
    shutil.rmtree(path, ignore_errors=True)


def invoke(*args: str):
    return runner.invoke(app, list(args))


def articles(url: str) -> int:
    with psycopg.connect(url, connect_timeout=10) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def port_of(url: str) -> int:
    return make_url(url).port


def test_url_connects_after_load_and_the_port_survives_restarts(home):
    loaded = invoke("load", str(SEEDS))
    assert loaded.exit_code == 0, loaded.output

    # load started the server on its private socket: the URL says so and connects
    after_load = invoke("server", "url")
    assert after_load.exit_code == 0, after_load.output
    url = after_load.stdout.strip()
    assert url == (f"postgresql://postgres@/incidentdb?host={home}/run&port=5432"
                   f"&passfile={home}/pgpass")
    assert "incidentdb server start adds TCP port" in after_load.stderr
    assert articles(url) == 2

    assert invoke("server", "stop").stdout == "stopped\n"
    stopped = invoke("server", "url")  # a stopped server is started, on TCP
    assert stopped.exit_code == 0, stopped.output
    first = stopped.stdout.strip()
    assert first.startswith("postgresql://postgres@127.0.0.1:")
    assert articles(first) == 2
    port = port_of(first)
    assert (home / "port").read_text() == f"{port}\n"

    # two restarts, one by `server start` and one by a command that needs the database
    invoke("server", "stop")
    restarted = invoke("server", "start")
    assert restarted.exit_code == 0, restarted.output
    assert restarted.stdout.strip() == first
    invoke("server", "stop")
    assert invoke("load", str(SEEDS)).exit_code == 0
    again = invoke("server", "url")
    assert (again.exit_code, again.stdout.strip(), again.stderr) == (0, first, "")
    assert articles(again.stdout.strip()) == 2


def test_a_remembered_port_held_by_another_program(home):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        (home / "port").write_text(f"{taken}\n")
        message = (f"TCP port {taken} on 127.0.0.1, remembered in {home}/port, is in use by "
                   "another program; stop it, or move to another port with incidentdb server "
                   "start --port N (a saved BI connection then needs the new port)")

        started = invoke("server", "start")
        assert (started.exit_code, started.stdout) == (1, "")
        assert started.stderr == f"Error: {message}\n"

        insisted = invoke("server", "url", "--tcp")
        assert (insisted.exit_code, insisted.stdout, insisted.stderr) == (
            1, "", f"Error: {message}\n")

        # without --tcp the URL still connects, through the socket, and says why
        fallback = invoke("server", "url")
        assert fallback.exit_code == 0, fallback.output
        assert fallback.stderr == f"Note: {message}; this URL uses the private socket instead\n"
        assert fallback.stdout.startswith("postgresql://postgres@/incidentdb?host=")
        with psycopg.connect(fallback.stdout.strip(), connect_timeout=10) as conn:
            assert conn.execute("select current_database()").fetchone() == ("incidentdb",)
    assert (home / "port").read_text() == f"{taken}\n"  # remembered, not replaced


def test_a_damaged_port_file_is_named(home):
    (home / "port").write_text("fifty\n")
    result = invoke("server", "status")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: {home}/port: not a TCP port ('fifty'); delete the file and "
                             "incidentdb server start chooses one again\n")


def test_connections_of_a_stopped_server_do_not_hold_its_port():
    """A server that closed its side of a connection leaves it in TIME_WAIT on its port; the
    restart must still find the port free (PostgreSQL binds with SO_REUSEADDR), while a
    program listening there still holds it."""
    from incidentdb.db.server import _port_free

    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert not _port_free("127.0.0.1", port)
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server side closes first: TIME_WAIT is on the server's port
        client.close()
    assert _port_free("127.0.0.1", port)
