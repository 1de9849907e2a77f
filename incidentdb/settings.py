"""Where the data lives and which database to talk to, resolved the same way everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url

URL_VARIABLES = ("INCIDENTDB_DATABASE_URL", "DATABASE_URL")


def home() -> Path:
    """The folder for the embedded server's data: ``INCIDENTDB_HOME`` or the user data dir."""
    configured = os.environ.get("INCIDENTDB_HOME")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("incidentdb"))
    return path.expanduser().resolve()


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
    """The URL with any password replaced, for every message a user may paste somewhere."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL we cannot parse is shown without its userinfo
        head, _, tail = url.rpartition("@")
        return ("***@" + tail) if head else url
