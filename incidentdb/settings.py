"""Where the data lives and which database to talk to, resolved the same way everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

URL_VARIABLES = ("INCIDENTDB_DATABASE_URL", "DATABASE_URL")


SYSTEM_HOME = Path("/var/lib/incidentdb")


def home() -> Path:
    """The folder for the embedded server's data: ``INCIDENTDB_HOME``, else the user data dir;
    for root a system folder, since the server then runs as a system user who cannot enter
    root's home (and we will not open it up)."""
    configured = os.environ.get("INCIDENTDB_HOME")
    if configured:
        path = Path(configured)
    elif hasattr(os, "geteuid") and os.geteuid() == 0:
        path = SYSTEM_HOME
    else:
        path = Path(platformdirs.user_data_dir("incidentdb"))
    return path.expanduser().resolve()


def reader_url() -> str | None:
    """A read-only login for ``incidentdb sql`` on a server we do not run ourselves."""
    return os.environ.get("INCIDENTDB_READER_URL") or None


def configured_url(explicit: str | None = None) -> str | None:
    """The URL the user asked for, or None to mean the embedded server (SPEC section 6)."""
    if explicit:
        return explicit
    for name in URL_VARIABLES:
        value = os.environ.get(name)
        if value:
            return value
    return None


def sqlalchemy_url(url: str) -> str:
    """Accept the URLs people paste (postgres://, postgresql://) and pin the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def mask_url(url: str) -> str:
    """The URL with any password replaced, for every message a user may paste somewhere. The
    userinfo ends at the last '@' before the host, so a password holding '@' or ':' is masked
    whole; a URL we cannot parse loses all of its userinfo."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    body, qsep, query = rest.partition("?")
    userinfo, at, after = body.rpartition("@")
    if at:
        user, colon, _ = userinfo.partition(":")
        body = f"{user}:***@{after}" if colon else f"{user}@{after}"
    return _mask_query_password(f"{scheme}://{body}{qsep}{query}")


def _mask_query_password(url: str) -> str:
    """``?password=...`` is another way to put a secret in a URL."""
    head, sep, query = url.partition("?")
    if not sep:
        return url
    parts = [
        (p.split("=", 1)[0] + "=***") if p.split("=", 1)[0].lower() == "password" else p
        for p in query.split("&")
    ]
    return head + "?" + "&".join(parts)
