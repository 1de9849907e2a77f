#!/usr/bin/env bash
# Apache Superset on incidentdb's embedded server, from nothing to a checked dashboard:
#   1. installs Superset in a virtual environment of its own (with the pins it needs),
#   2. starts the embedded server on TCP and makes a read-only login for Superset with
#      `incidentdb grant-reader superset`,
#   3. starts Superset on 127.0.0.1, imports bi/superset/bundle (the database, a dataset per
#      analytics view, a chart per question, one dashboard),
#   4. checks through Superset's API that every chart returns rows, and photographs the
#      dashboard with headless Chromium.
#
#   bi/superset/run.sh [--samples] [--stop]
#     --samples  load samples/ and seeds/ first (into the database incidentdb uses)
#     --stop     stop Superset at the end (it is left running otherwise)
#
# Run it with incidentdb's own environment active (the `incidentdb` command on PATH). Needs
# Chromium and its driver for the screenshot (Debian: apt-get install chromium chromium-driver).
# Superset keeps its settings, secret key and admin password in INCIDENTDB_SUPERSET_HOME
# (default ~/.cache/incidentdb/superset, mode 0700); nothing secret is printed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="6.1.0"
venv="${INCIDENTDB_SUPERSET_VENV:-$HOME/.cache/incidentdb/superset-venv}"
home="${INCIDENTDB_SUPERSET_HOME:-$HOME/.cache/incidentdb/superset}"
port="${INCIDENTDB_SUPERSET_PORT:-8088}"
samples=0 stop=0
for arg in "$@"; do
    case "$arg" in
        --samples) samples=1 ;;
        --stop) stop=1 ;;
        *) echo "usage: $0 [--samples] [--stop]" >&2; exit 2 ;;
    esac
done
command -v incidentdb >/dev/null || { echo "Error: incidentdb is not on PATH (activate its venv)" >&2; exit 1; }

step() { printf '== %s\n' "$*"; }

# -- 1. Superset in its own environment ---------------------------------------------------------
installed="$("$venv/bin/pip" show apache-superset 2>/dev/null | sed -n 's/^Version: //p' || true)"
if [ "$installed" != "$version" ]; then
    step "installing apache-superset $version in $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    # Superset 6.1.0 imports rich and cachetools without declaring them, and did not start
    # with flask-caching 2.4 when first tried; psycopg2 is its PostgreSQL driver.
    "$venv/bin/pip" install --quiet "apache-superset==$version" rich "flask-caching<2.4" \
        cachetools psycopg2-binary
fi

mkdir -p "$home" && chmod 700 "$home"
secret() { [ -s "$1" ] || (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > "$1"); }
secret "$home/secret_key"
secret "$home/admin_password"
secret "$home/reader_password"
export INCIDENTDB_SUPERSET_HOME="$home" SUPERSET_CONFIG_PATH="$here/superset_config.py" FLASK_APP=superset
superset="$venv/bin/superset"

step "Superset metadata database and admin user ($home)"
"$superset" db upgrade >"$home/setup.log" 2>&1
"$superset" fab create-admin --username admin --firstname incidentdb --lastname admin \
    --email admin@localhost --password "$(cat "$home/admin_password")" >>"$home/setup.log" 2>&1
"$superset" init >>"$home/setup.log" 2>&1

# -- 2. the embedded server on TCP, and a reader for Superset -----------------------------------
step "incidentdb: the server on TCP and a read-only login for Superset"
incidentdb server start >/dev/null
if [ "$samples" = 1 ]; then incidentdb load "$repo/samples" "$repo/seeds"; fi
INCIDENTDB_READER_PASSWORD="$(cat "$home/reader_password")" incidentdb grant-reader superset
address="$(incidentdb server url --tcp | sed -E 's#^postgresql://[^@]*@([^/]+)/.*#\1#')"
uri="postgresql+psycopg2://superset:XXXXXXXXXX@$address/incidentdb"

# -- 3. Superset itself -------------------------------------------------------------------------
if [ -s "$home/superset.pid" ] && kill -0 "$(cat "$home/superset.pid")" 2>/dev/null; then
    step "Superset already runs (pid $(cat "$home/superset.pid"))"
else
    step "starting Superset on http://127.0.0.1:$port (log: $home/superset.log)"
    nohup "$superset" run -h 127.0.0.1 -p "$port" --with-threads >"$home/superset.log" 2>&1 &
    echo $! >"$home/superset.pid"
fi
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 1
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "Error: Superset did not start; see $home/superset.log" >&2; exit 1; }

# -- 4. import, check, photograph ----------------------------------------------------------------
step "importing the bundle and asking Superset for every chart's rows"
status=0
"$venv/bin/python" "$here/check.py" --url "http://127.0.0.1:$port" \
    --password-file "$home/admin_password" --database-uri "$uri" \
    --reader-password-file "$home/reader_password" --screenshot "$home/dashboard.png" || status=$?

if [ "$stop" = 1 ]; then
    kill "$(cat "$home/superset.pid")" && rm -f "$home/superset.pid"
    step "Superset stopped"
else
    step "Superset runs at http://127.0.0.1:$port/superset/dashboard/incidentdb/ (user admin, password in $home/admin_password; stop: kill \$(cat $home/superset.pid))"
fi
exit "$status"
