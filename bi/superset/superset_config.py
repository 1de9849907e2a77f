"""Superset settings for a local instance attached to incidentdb (read by `superset` through
SUPERSET_CONFIG_PATH, which bi/superset/run.sh sets). Its own data stays in
INCIDENTDB_SUPERSET_HOME; the secret key is generated there, never written here."""

import os
from pathlib import Path

_HOME = Path(os.environ["INCIDENTDB_SUPERSET_HOME"])

SECRET_KEY = (_HOME / "secret_key").read_text().strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_HOME / 'superset.db'}"
# a local instance on http://127.0.0.1: no HTTPS to enforce
TALISMAN_ENABLED = False
# the metadata database is SQLite: keep Superset's own examples out of it
SUPERSET_LOAD_EXAMPLES = False
