"""The ``incidentdb`` command: a thin layer that parses options and calls one library function.

User mistakes end as one line on stderr and exit status 1, never a traceback, and any URL shown
has its password masked.
"""

from __future__ import annotations

import functools
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from incidentdb.errors import IncidentDBError

app = typer.Typer(
    help="Turn news reports about drone and missile incidents into a PostgreSQL database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
server_app = typer.Typer(help="Run the embedded PostgreSQL server.", no_args_is_help=True)
app.add_typer(server_app, name="server")

err = Console(stderr=True, highlight=False, soft_wrap=True)

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="PostgreSQL URL; default INCIDENTDB_DATABASE_URL, DATABASE_URL, else the embedded "
        "server.",
        show_default=False,
    ),
]


DEBUG = {"on": False}


@app.callback()
def options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of a failure.")
    ] = False,
) -> None:
    """Turn news reports about drone and missile incidents into a PostgreSQL database."""
    DEBUG["on"] = debug


def fail(message: str) -> typer.Exit:
    err.print(f"Error: {message}", markup=False)
    return typer.Exit(code=1)


def explain(exc: BaseException) -> str:
    """One line for a failure outside the user's input: what happened and what to do."""
    import errno

    import psycopg
    from sqlalchemy.exc import DBAPIError

    from incidentdb.settings import mask_url

    if isinstance(exc, IncidentDBError):
        return str(exc)
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    first = mask_url(str(original).strip().splitlines()[0]) if str(original).strip() else ""
    if isinstance(original, psycopg.errors.DiskFull) or (
        isinstance(original, OSError) and original.errno == errno.ENOSPC
    ):
        return f"the disk is full ({first}); free space and run the command again"
    if isinstance(original, psycopg.OperationalError):  # AdminShutdown is one too
        return (f"lost the database connection ({first}); check that the server runs "
                "(incidentdb server status) and run the command again: work already stored "
                "is kept and skipped")
    if isinstance(original, psycopg.Error):
        return f"the database refused: {first}"
    if isinstance(original, OSError):
        return f"{original.filename or 'a file'}: {original.strerror or first}"
    return (f"unexpected {type(exc).__name__}: {first}; run again with --debug for the "
            "traceback, and please report it")


def friendly(fn):
    """Every failure becomes one line and exit status 1; the traceback only with --debug."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if DEBUG["on"]:
                raise
            message = explain(exc)
            raise fail(message) from None

    return wrapper


def _engine(url: str | None):
    from incidentdb.db.engine import connect

    return connect(url)


def _ready_engine(url: str | None):
    """An engine whose schema is at head: commands other than migrate bring it there."""
    from incidentdb.db.migrate import ensure_head

    engine = _engine(url)
    ensure_head(engine)
    return engine


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    from dateutil import parser

    try:
        return parser.isoparse(value).date()
    except ValueError:
        raise IncidentDBError(f"--published: not a date (use YYYY-MM-DD): {value}") from None


# -- load -------------------------------------------------------------------------------------


@app.command()
@friendly
def load(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to load; - reads stdin.")],
    database_url: DatabaseUrl = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes (default: the number of cores).",
                     show_default=False),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(help="Extract on a Dask cluster: tcp://HOST:8786, or local to start one "
                     "with --jobs workers (needs the 'cluster' extra).", show_default=False),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for files without one.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Extract and print JSON Lines; write nothing.")
    ] = False,
    reextract: Annotated[
        bool,
        typer.Option("--reextract", help="Re-run extraction on stored articles of older rules."),
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse files larger than this many bytes.")
    ] = 20 * 1024 * 1024,
    max_chars: Annotated[
        int, typer.Option(help="Refuse documents longer than this many characters, unextracted.")
    ] = 100_000,
    silent: Annotated[bool, typer.Option("--silent", help="No progress bar.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every file a folder walk skipped.")
    ] = False,
) -> None:
    """Read, extract and store documents; the database is migrated to head first."""
    from incidentdb import load as loader
    from incidentdb.read import read_paths
    from incidentdb.work import cores

    when = _parse_date(published)
    jobs = jobs or cores()
    if jobs < 1:
        raise IncidentDBError(f"--jobs must be at least 1, not {jobs}")
    if dry_run:
        refused = 0
        skipped: list = []
        items = read_paths(paths, published=when, max_bytes=max_bytes, on_skip=skipped.append)
        for item in loader.extracted(items, jobs, max_chars):
            if isinstance(item, loader.Refusal):
                refused += 1
                err.print(f"Error: {item.path}: {item.reason}", markup=False)
                continue
            document, extraction = item
            for incident in extraction.incidents:
                record = {"article": document.path, **incident.record()}
                typer.echo(json.dumps(record, ensure_ascii=False))
        for line in _skipped_lines(skipped, verbose):
            err.print(line, markup=False)  # stdout holds only the JSON Lines
        if refused:
            raise typer.Exit(code=1)
        return

    engine = _ready_engine(database_url)
    if reextract:
        summary = loader.reextract(engine)
        typer.echo(
            f"Re-extracted {summary.new} articles: {summary.incidents} incidents, "
            f"{summary.weapons} weapon figures, {summary.casualties} casualty figures."
        )
        if not paths:
            return

    progress = _LoadProgress() if not silent and sys.stderr.isatty() and "-" not in paths else None

    def on_refusal(refusal) -> None:
        err.print(f"Error: {refusal.path}: {refusal.reason}", markup=False)

    try:
        summary = loader.load(
            engine, paths, published=when, jobs=jobs, cluster=cluster, max_bytes=max_bytes,
            max_chars=max_chars, arguments=_masked_arguments(sys.argv[1:] or paths),
            on_refusal=on_refusal, on_document=progress.advance if progress else None,
        )
    finally:
        if progress is not None:
            progress.stop()
    typer.echo(
        f"Documents: {summary.new} new, {summary.unchanged} unchanged, {summary.refused} refused. "
        f"Added {summary.incidents} incidents, {summary.weapons} weapon figures, "
        f"{summary.casualties} casualty figures (load run {summary.run_id})."
    )
    for line in _skipped_lines(summary.skipped, verbose):
        typer.echo(line)
    if summary.refused:
        raise typer.Exit(code=1)


def _skipped_lines(skipped: list, verbose: bool, names: int = 10) -> list[str]:
    """Files a folder walk passed over: counted and named by reason ("2 skipped: photo.png,
    report.pdf (unsupported type)"), the first ``names`` of them; ``verbose`` lists each."""
    if not skipped:
        return []
    by_reason: dict[str, list[str]] = {}
    for skip in skipped[:names]:
        by_reason.setdefault(skip.reason, []).append(Path(skip.path).name)
    groups = "; ".join(f"{', '.join(files)} ({reason})" for reason, files in by_reason.items())
    more = len(skipped) - names
    tail = f"; and {more} more{'' if verbose else ' (--verbose lists each)'}" if more > 0 else ""
    lines = [f"{len(skipped)} skipped: {groups}{tail}."]
    if verbose:
        lines += [f"skipped {skip.path} ({skip.reason})" for skip in skipped]
    return lines


class _LoadProgress:
    """Documents and words loaded, each with its rate, on a terminal only."""

    def __init__(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        rate = "{task.completed:,} {task.fields[unit]} ({task.fields[rate]}/s)"
        self.progress = Progress(SpinnerColumn(), TextColumn(rate), TimeElapsedColumn(),
                                 console=err, transient=True)
        self.docs = self.progress.add_task("documents", total=None, unit="documents", rate="-")
        self.words = self.progress.add_task("words", total=None, unit="words", rate="-")
        self.progress.start()

    def advance(self, document, written) -> None:
        for task, amount in ((self.docs, 1), (self.words, document.word_count)):
            self.progress.advance(task, amount)
            speed = self.progress.tasks[task].speed
            self.progress.update(task, rate=f"{speed:,.0f}" if speed else "-")

    def stop(self) -> None:
        self.progress.stop()


def _masked_arguments(args: list[str]) -> str:
    """The command line as stored in load_runs, which readers see: no password in it."""
    from incidentdb.settings import mask_url

    return " ".join(mask_url(arg) for arg in args)


# -- schema -----------------------------------------------------------------------------------


@app.command()
@friendly
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    database_url: DatabaseUrl = None,
) -> None:
    """Upgrade the schema (Alembic under the hood)."""
    from incidentdb.db import migrate as m

    engine = _engine(database_url)
    m.upgrade(engine, revision)
    typer.echo(f"Schema at {m.current_revision(engine) or 'base'}.")


@app.command()
@friendly
def downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. -1 or base.")],
    database_url: DatabaseUrl = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Drop data without asking (for scripts).")
    ] = False,
) -> None:
    """Downgrade the schema to a revision; asks first when that drops stored data."""
    from incidentdb.db import migrate as m
    from incidentdb.settings import mask_url

    engine = _engine(database_url)
    dropping = m.data_dropped_by_downgrade(engine, revision)
    if dropping and not yes:
        where = mask_url(engine.url.render_as_string(hide_password=True))
        question = (f"Downgrading {where} to {revision} drops {dropping} and every row in "
                    "them. Continue?")
        if not sys.stdin.isatty():
            raise IncidentDBError(f"refusing to drop {dropping} without --yes")
        if not typer.confirm(question, default=False, err=True):
            raise fail("nothing changed")
    m.downgrade(engine, revision)
    typer.echo(f"Schema at {m.current_revision(engine) or 'base'}.")


@app.command()
@friendly
def current(database_url: DatabaseUrl = None) -> None:
    """Print the schema revision of the database."""
    from incidentdb.db import migrate as m

    rev = m.current_revision(_engine(database_url))
    head = m.head_revision()
    typer.echo(f"{rev or 'base'}{' (head)' if rev == head else f' (head is {head})'}")


@app.command()
def history() -> None:
    """List the migrations, newest first."""
    from incidentdb.db import migrate as m

    for line in m.history():
        typer.echo(line)


# -- queries ----------------------------------------------------------------------------------


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
@friendly
def sql(
    query: Annotated[str | None, typer.Argument(help="One SQL statement.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the statement from a .sql file.")
    ] = None,
    database_url: DatabaseUrl = None,
    write: Annotated[bool, typer.Option("--write", help="Allow writes.")] = False,
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Run SQL in a read-only transaction (unless --write) and print the rows."""
    from incidentdb.query import format_result, run_sql

    if (query is None) == (file is None):
        raise IncidentDBError("give one SQL statement or --file FILE")
    if file is not None:
        try:
            query = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise IncidentDBError(f"{file}: {exc.strerror.lower()}") from None
    from incidentdb.db.engine import query_conninfo
    from incidentdb.settings import reader_url

    if write or not reader_url():
        _ready_engine(database_url).dispose()
    result = run_sql(query_conninfo(database_url, write=write), query, write=write)
    if result.columns:
        typer.echo(format_result(result, output.value))


@app.command()
@friendly
def export(
    database_url: DatabaseUrl = None,
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default stdout.")
    ] = None,
    table: Annotated[
        str | None,
        typer.Option("--table", "-t", help="Export this table or view instead of incidents."),
    ] = None,
) -> None:
    """Export incidents as JSON Lines (SPEC section 7), CSV or Parquet, or any table or view."""
    from incidentdb import export as exporter

    engine = _ready_engine(database_url)
    if output_format is ExportFormat.parquet and output is None:
        raise IncidentDBError("--format parquet needs --output FILE")
    parquet = output_format is ExportFormat.parquet
    if table is None:
        records = exporter.incident_records(engine)
        schema = exporter.incident_schema(engine) if parquet else None
    else:
        records = exporter.table_records(engine, table)
        schema = exporter.table_schema(engine, table) if parquet else None
    if output_format is ExportFormat.parquet:
        exporter.write_parquet(records, output, schema=schema)
        return
    writer = exporter.write_jsonl if output_format is ExportFormat.jsonl else exporter.write_csv
    if output is None:
        writer(records, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as handle:
            writer(records, handle)


@app.command("eval")
@friendly
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON Lines, one article a line).")],
    articles: Annotated[Path, typer.Argument(help="Folder with the articles named in the gold.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    detail: Annotated[bool, typer.Option("--detail", help="List every miss and extra.")] = False,
) -> None:
    """Score extraction against hand-made gold annotations; no database needed."""
    from incidentdb.evaluate import evaluate_dir

    if not gold.is_file():
        raise IncidentDBError(f"{gold}: no such file")
    if not articles.is_dir():
        raise IncidentDBError(f"{articles}: not a directory")
    report = evaluate_dir(gold, articles)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(report.format_text(detail=detail))


@app.command()
@friendly
def stats(
    database_url: DatabaseUrl = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Count rows per table and incidents per kind, country and month."""
    from incidentdb.stats import collect, format_text

    figures = collect(_ready_engine(database_url))
    if as_json:
        typer.echo(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        typer.echo(format_text(figures))


# -- access -----------------------------------------------------------------------------------


@app.command("grant-reader")
@friendly
def grant_reader(
    role: Annotated[str, typer.Argument(help="Login role to create or update, e.g. metabase.")],
    password: Annotated[
        str | None,
        typer.Option(help="Password for the role (visible to other users in ps: prefer the "
                     "prompt or INCIDENTDB_READER_PASSWORD)."),
    ] = None,
    keep_password: Annotated[
        bool, typer.Option("--keep-password", help="Leave an existing role's password as is.")
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Give a BI tool a login that reads every table and view, now and later, and writes none."""
    import os

    from incidentdb.db.roles import check_role_name
    from incidentdb.db.roles import grant_reader as grant

    check_role_name(role)
    if password is None and not keep_password:
        password = os.environ.get("INCIDENTDB_READER_PASSWORD")
    if password is None and not keep_password:
        if not sys.stdin.isatty():
            raise IncidentDBError(
                "give the reader a password: set INCIDENTDB_READER_PASSWORD, run on a terminal "
                "to be asked, or pass --keep-password for an existing role"
            )
        password = typer.prompt(f"Password for {role}", hide_input=True,
                                confirmation_prompt=True, err=True)
    granted = grant(_ready_engine(database_url), role, password=password)
    for warning in granted.warnings:
        err.print(f"Warning: {warning}", markup=False)
    done = "created" if granted.created else "updated"
    limit = "; see the warnings above" if granted.warnings else " and write nothing"
    typer.echo(f"Role {granted.role} {done}: it can read every table and view of database "
               f"{granted.database}{limit}.")


# -- the embedded server ----------------------------------------------------------------------


@server_app.command("start")
@friendly
def server_start(
    port: Annotated[
        int | None,
        typer.Option(help="TCP port, remembered for later starts (default: the remembered one, "
                     "else 5433 or a free one; 0 picks a free one)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
) -> None:
    """Start the embedded server, listening on a unix socket and on TCP for psql and BI tools."""
    from incidentdb.db.engine import embedded_server
    from incidentdb.db.server import free_port

    server = embedded_server()
    st = server.status()
    if port:
        chosen = port
    elif st.running and st.tcp_host:
        chosen = st.port
    else:
        chosen = free_port(host) if port == 0 else server.tcp_port(host)
    server.start(port=chosen, host=host)
    typer.echo(server.url(tcp=True))


@server_app.command("stop")
@friendly
def server_stop() -> None:
    """Stop the embedded server."""
    from incidentdb.db.engine import embedded_server

    stopped = embedded_server().stop()
    typer.echo("stopped" if stopped else "not running")


@server_app.command("status")
@friendly
def server_status() -> None:
    """Say whether the embedded server runs, where its data is, and how to reach it."""
    from incidentdb.db.engine import embedded_server

    server = embedded_server()
    st = server.status()
    remembered = server.remembered_port()
    typer.echo(f"data: {server.pgdata}")
    if remembered:
        typer.echo(f"tcp port: {remembered} (remembered in {server.portfile})")
    if not st.running:
        typer.echo("not running")
        raise typer.Exit(code=3)
    where = f"tcp {st.tcp_host}:{st.port}" if st.tcp_host else "unix socket only"
    typer.echo(f"running (pid {st.pid}, {where}, socket {st.socket_dir})")


@server_app.command("url")
@friendly
def server_url(
    tcp: Annotated[
        bool | None,
        typer.Option("--tcp/--socket", help="Insist on the TCP form (for BI tools and "
                     "containers) or the unix socket form; default TCP when the server listens "
                     "there, else the socket.", show_default=False),
    ] = None,
    show_password: Annotated[
        bool,
        typer.Option("--show-password",
                     help="Put the password in the URL, for tools that do not read a passfile."),
    ] = False,
    reader: Annotated[
        bool, typer.Option("--reader", help="The read-only login instead of the owner.")
    ] = False,
) -> None:
    """Print a URL that connects, starting the server (on TCP) when it is stopped; the password
    stays in a private passfile."""
    from incidentdb.db.engine import embedded_server
    from incidentdb.db.server import QUERY_ROLE, SUPERUSER

    role = QUERY_ROLE if reader else SUPERUSER
    url, note = embedded_server().client_url(tcp=tcp, role=role, show_password=show_password)
    if note:
        err.print(f"Note: {note}", markup=False)
    typer.echo(url)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
