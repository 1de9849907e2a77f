"""Safe by default, tried as an adversarial user would: read-only SQL that no trick turns into a
write, a program or a file read; an embedded server that other users of the machine cannot
enter; private files; destructive commands that ask; no secret stored or logged."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from incidentdb.cli import app
from incidentdb.db.server import QUERY_ROLE, SUPERUSER, EmbeddedServer, free_port
from tests.conftest import READER_PASSWORD, SEEDS, _admin, _fresh, url_for

runner = CliRunner()
MARKER = Path(tempfile.gettempdir()) / "incidentdb-escape-marker"

# Each of these was tried against `incidentdb sql` (no --write); none may write, run a
# program or read a server file, and each must fail with one line and a non-zero exit.
ESCAPES = [
    "commit; drop table articles",
    "rollback; drop table articles",
    "commit; do $$ begin execute 'drop table articles'; end $$",
    "begin; delete from articles",
    "end; delete from articles",
    "set transaction read write; delete from articles",
    "select 1; drop table articles",
    "select set_config('default_transaction_read_only', 'off', false); delete from articles",
    "reset role; delete from articles",
    "set role postgres",
    "set session authorization postgres",
    f"copy (select 1) to program 'id > {MARKER}'",
    f"copy articles to '{MARKER}'",
    "copy articles from '/etc/hostname'",
    "select pg_read_file('/etc/passwd')",
    "select pg_ls_dir('/')",
    "select lo_import('/etc/passwd')",
    "select pg_reload_conf()",
    "delete from articles",
    "with gone as (delete from articles returning 1) select count(*) from gone",
    "explain analyze delete from articles",
    "select * into stolen from articles",
    "create table evil (x int)",
    "insert into articles (title) values ('x')",
    "do $$ begin execute 'drop table articles'; end $$",
    "alter role current_user superuser",
    "grant all on articles to public",
    "select nextval('articles_id_seq')",
    "lock table articles in access exclusive mode",
    "vacuum articles",
    "prepare p as delete from articles",
]


def invoke(*args: str, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def articles_and_tables(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            count = conn.execute(text("select count(*) from articles")).scalar()
            tables = conn.execute(text(
                "select count(*) from pg_tables where schemaname = 'public'")).scalar()
    finally:
        engine.dispose()
    return count, tables


def assert_refused(result) -> None:
    assert result.exit_code != 0, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "root:" not in result.stdout and "root:" not in result.stderr


@pytest.fixture(scope="module")
def loaded_reader(admin_url, template_db) -> tuple[str, str]:
    """The seeds and a read-only login, made once for the tests that only try to read (each
    attempt is refused, and each test checks that nothing changed)."""
    from incidentdb.db.roles import grant_reader

    name = _fresh(admin_url, template_db)
    db_url = url_for(admin_url, name)
    assert invoke("load", str(SEEDS), "--database-url", db_url).exit_code == 0
    role = f"idb_sql_{uuid.uuid4().hex[:10]}"
    engine = create_engine(db_url)
    grant_reader(engine, role, password=READER_PASSWORD)
    engine.dispose()
    yield db_url, make_url(db_url).set(username=role, password=READER_PASSWORD).render_as_string(
        hide_password=False)
    _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'DROP ROLE "{role}"')


@pytest.mark.parametrize("attempt", ESCAPES)
def test_read_only_sql_cannot_be_escaped_by_a_reader(loaded_reader, attempt):
    db_url, reader_url = loaded_reader
    before = articles_and_tables(db_url)
    MARKER.unlink(missing_ok=True)
    assert_refused(invoke("sql", attempt, "--database-url", reader_url))
    assert articles_and_tables(db_url) == before == (2, before[1])
    assert not MARKER.exists()


def test_a_file_with_commit_in_it_is_refused(loaded_reader, tmp_path):
    db_url, reader_url = loaded_reader
    script = tmp_path / "sneaky.sql"
    script.write_text("select 1;\ncommit;\ndelete from articles;\n")
    assert_refused(invoke("sql", "--file", str(script), "--database-url", reader_url))
    assert articles_and_tables(db_url)[0] == 2


def test_a_superuser_url_is_refused_for_reading(db_url):
    """Read-only means a role that cannot read files or run programs, not a promise."""
    result = invoke("sql", "select 1", "--database-url", db_url)
    assert_refused(result)
    assert "will not run as" in result.stderr


def test_write_commits_what_it_ran(db_url, reader_url):
    made = invoke("sql", "create table notes (id int); insert into notes values (7) returning id",
                  "--write", "--database-url", db_url, "--format", "csv")
    assert (made.exit_code, made.stdout) == (0, "id\n7\n")
    kept = invoke("sql", "select id from notes", "--database-url", db_url, "--write",
                  "--format", "csv")
    assert kept.stdout == "id\n7\n"
    inside = invoke("sql", "insert into notes values (8); commit", "--write",
                    "--database-url", db_url)
    assert_refused(inside)  # transaction control stays ours even with --write


# -- the embedded server: yours alone ---------------------------------------------------------


@pytest.fixture(scope="module")
def embedded():
    """The default path: no URL anywhere, so commands start the embedded server themselves."""
    home = Path(tempfile.mkdtemp(prefix="incidentdb-safety-"))
    parents = {p: p.stat().st_mode for p in home.parents}
    previous = os.environ.get("INCIDENTDB_HOME")
    os.environ["INCIDENTDB_HOME"] = str(home)
    server = EmbeddedServer(home)
    try:
        server.start(port=free_port())
        loaded = invoke("load", str(SEEDS))
        assert loaded.exit_code == 0, loaded.output
        yield server, parents
    finally:
        server.stop()
        if previous is None:
            os.environ.pop("INCIDENTDB_HOME", None)
        else:
            os.environ["INCIDENTDB_HOME"] = previous
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("attempt", ESCAPES)
def test_read_only_sql_cannot_be_escaped_on_the_embedded_server(embedded, attempt):
    server, _ = embedded
    MARKER.unlink(missing_ok=True)
    assert_refused(invoke("sql", attempt))
    assert articles_and_tables(server.url())[0] == 2
    assert not MARKER.exists()


def test_embedded_sql_reads_as_the_query_role(embedded):
    result = invoke("sql", "select current_user, (select count(*) from incidents) as n",
                    "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, f"current_user,n\n{QUERY_ROLE},4\n")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_files_and_untouched_parents(embedded):
    server, parents = embedded
    st = server.status()
    assert {p: p.stat().st_mode for p in server.root.parents} == parents
    assert mode(Path(st.socket_dir)) == 0o700
    assert mode(server.passfile) == 0o600
    assert mode(server.logfile) == 0o600
    assert mode(server.pgdata) == 0o700
    assert mode(server.root) in (0o700, 0o711)  # 0711: root's system user must pass through
    if os.geteuid() == 0:  # the server runs as a system user, with no root group
        status = Path(f"/proc/{st.pid}/status").read_text()
        ids = {line.split(":")[0]: line.split()[1:] for line in status.splitlines()}
        assert ids["Uid"][0] != "0" and ids["Gid"][0] != "0"
        assert "0" not in ids["Groups"]


def test_a_long_home_keeps_its_socket_private():
    home = Path(tempfile.mkdtemp(prefix="incidentdb-" + "long-" * 14))
    server = EmbeddedServer(home)
    try:
        st = server.start()
        socket_dir = Path(st.socket_dir)
        assert socket_dir.parent == Path(tempfile.gettempdir())  # too long for the home
        assert mode(socket_dir) == 0o700
        assert not mode(socket_dir) & stat.S_IWOTH
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    assert not socket_dir.exists()


def test_every_role_needs_its_password(embedded):
    server, _ = embedded
    st = server.status()
    for role in (SUPERUSER, QUERY_ROLE):
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(host=st.tcp_host, port=st.port, user=role, dbname="incidentdb",
                            password="wrong", connect_timeout=5)
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(host=st.tcp_host, port=st.port, user=role, dbname="incidentdb",
                            passfile="/nonexistent", connect_timeout=5)
    with psycopg.connect(server.url(tcp=True, show_password=True)) as conn:
        assert conn.execute("select current_user").fetchone() == (SUPERUSER,)


def test_a_reader_with_a_wrong_password_is_refused(embedded):
    server, _ = embedded
    granted = invoke("grant-reader", "idb_bi", env={"INCIDENTDB_READER_PASSWORD": "right one"})
    assert granted.exit_code == 0, granted.output
    st = server.status()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host=st.tcp_host, port=st.port, user="idb_bi", dbname="incidentdb",
                        password="wrong one", connect_timeout=5)
    with psycopg.connect(host=st.tcp_host, port=st.port, user="idb_bi", dbname="incidentdb",
                         password="right one", connect_timeout=5) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (2,)
    log = server.logfile.read_text(errors="replace")
    assert "right one" not in log  # the password went pre-hashed


def test_url_keeps_the_password_private_unless_asked(embedded):
    server, _ = embedded
    shown = invoke("server", "url")
    assert shown.exit_code == 0
    assert server.password() not in shown.stdout
    assert f"passfile={server.passfile}" in shown.stdout
    with psycopg.connect(shown.stdout.strip()) as conn:  # works as printed, as psql would
        assert conn.execute("select 1").fetchone() == (1,)
    revealed = invoke("server", "url", "--show-password")
    assert server.password() in revealed.stdout


OTHER_USER = "idb_other_user"


@pytest.fixture(scope="module")
def other_user():
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("psql"):
        pytest.skip("needs root (to add a user) and psql")
    try:
        pwd.getpwnam(OTHER_USER)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        OTHER_USER], check=True)
    return OTHER_USER


def as_other(user: str, *command: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PGCONNECT_TIMEOUT": "5"}
    entry = pwd.getpwnam(user)
    return subprocess.run(list(command), user=entry.pw_uid, group=entry.pw_gid, extra_groups=[],
                          env=env, capture_output=True, text=True, timeout=60, cwd="/")


def test_another_user_of_the_machine_cannot_get_in(embedded, other_user):
    server, _ = embedded
    st = server.status()
    psql = shutil.which("psql")
    tcp = as_other(other_user, psql, "-w", f"host=127.0.0.1 port={st.port} user={SUPERUSER} "
                   "dbname=incidentdb", "-c", "select 1")
    assert tcp.returncode != 0 and "password" in tcp.stderr, tcp.stderr
    sock = as_other(other_user, psql, "-w", f"host={st.socket_dir} port={st.port} "
                    f"user={SUPERUSER} dbname=incidentdb", "-c", "select 1")
    assert sock.returncode != 0 and "Permission denied" in sock.stderr, sock.stderr
    with_file = as_other(other_user, psql, "-w", f"host=127.0.0.1 port={st.port} "
                         f"user={SUPERUSER} dbname=incidentdb passfile={server.passfile}",
                         "-c", "select 1")
    assert with_file.returncode != 0
    read = as_other(other_user, "/bin/cat", str(server.passfile))
    assert read.returncode != 0 and "Permission denied" in read.stderr


# -- destructive commands ask; no secret kept ------------------------------------------------


def test_downgrade_to_base_asks_first(db_url):
    refused = invoke("downgrade", "base", "--database-url", db_url)
    assert_refused(refused)
    assert "without --yes" in refused.stderr
    assert articles_and_tables(db_url)[1] > 0
    done = invoke("downgrade", "base", "--yes", "--database-url", db_url)
    assert done.exit_code == 0, done.output
    assert done.stdout == "Schema at base.\n"


def test_the_stored_command_line_holds_no_password():
    from incidentdb.cli import _masked_arguments

    given = ["load", "x/", "--database-url", "postgresql://u:p@ss:w/rd@db.example:5432/i",
             "--database-url=postgres://me:s3cret@h/db?password=also"]
    assert _masked_arguments(given) == (
        "load x/ --database-url postgresql://u:***@db.example:5432/i "
        "--database-url=postgres://me:***@h/db?password=***"
    )
