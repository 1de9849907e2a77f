"""Import the bundle into a running Superset, check through its API that every chart of the
dashboard returns rows, and take a screenshot of the dashboard with headless Chromium.

Run by bi/superset/run.sh with the Superset virtual environment's Python (it uses requests and
selenium from there). Prints one line per chart and the screenshot's path; exits 1 when a
chart returns no rows or an error.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
import zipfile
from pathlib import Path

import requests

BUNDLE = Path(__file__).resolve().parent / "bundle"
DATABASE_FILE = "databases/incidentdb.yaml"
PLACEHOLDER = "postgresql+psycopg2://superset:XXXXXXXXXX@127.0.0.1:5433/incidentdb"


class Superset:
    """The few REST calls this check needs, as the admin user."""

    def __init__(self, base: str, user: str, password: str) -> None:
        self.base = base.rstrip("/")
        self.http = requests.Session()
        login = self.http.post(f"{self.base}/api/v1/security/login", json={
            "username": user, "password": password, "provider": "db", "refresh": False},
            timeout=60)
        login.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        csrf = self.http.get(f"{self.base}/api/v1/security/csrf_token/", timeout=60)
        csrf.raise_for_status()
        self.http.headers.update({"X-CSRFToken": csrf.json()["result"], "Referer": self.base})

    def get(self, path: str) -> dict:
        answer = self.http.get(f"{self.base}{path}", timeout=120)
        if answer.status_code >= 400:
            raise SystemExit(f"GET {path}: {answer.status_code} {answer.text[:500]}")
        return answer.json()

    def import_assets(self, bundle: bytes, password: str) -> None:
        """The assets import, which overwrites the database, datasets and charts of an earlier
        run too (the dashboard import keeps them as they were)."""
        answer = self.http.post(
            f"{self.base}/api/v1/assets/import/",
            files={"bundle": ("incidentdb.zip", bundle, "application/zip")},
            data={"passwords": json.dumps({DATABASE_FILE: password})},
            timeout=300,
        )
        if answer.status_code >= 400:
            raise SystemExit(f"import refused: {answer.status_code} {answer.text[:2000]}")


def zipped_bundle(uri: str) -> bytes:
    """The bundle as Superset imports it (one root folder), pointed at this machine's server."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(BUNDLE.rglob("*.yaml")):
            relative = path.relative_to(BUNDLE).as_posix()
            content = path.read_text(encoding="utf-8")
            if relative == DATABASE_FILE:
                if PLACEHOLDER not in content:
                    raise SystemExit(f"{path}: no placeholder URI to replace")
                content = content.replace(PLACEHOLDER, uri)
            archive.writestr(f"incidentdb/{relative}", content)
    return buffer.getvalue()


def chart_rows(api: Superset, slug: str) -> list[tuple[str, int | str]]:
    """(chart name, rows or the error) for every chart of the dashboard, in question order."""
    dashboard = api.get(f"/api/v1/dashboard/{slug}")["result"]
    charts = api.get(f"/api/v1/dashboard/{dashboard['id']}/charts")["result"]
    found = []
    for chart in sorted(charts, key=lambda c: c["slice_name"]):
        answer = api.http.get(f"{api.base}/api/v1/chart/{chart['id']}/data/", timeout=300)
        if answer.status_code >= 400:
            found.append((chart["slice_name"], f"error {answer.status_code}: "
                          f"{answer.text[:300]}"))
            continue
        found.append((chart["slice_name"],
                      sum(len(r.get("data") or []) for r in answer.json()["result"])))
    return found


def screenshot(base: str, user: str, password: str, slug: str, target: Path) -> Path:
    """Log in through the form and photograph the dashboard once its charts have drawn."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--window-size=1600,2200", "--hide-scrollbars"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(f"{base}/login/")
        wait_for(lambda: driver.find_elements(By.ID, "username"), "the login form")
        driver.find_element(By.ID, "username").send_keys(user)
        driver.find_element(By.ID, "password").send_keys(password + "\n")
        wait_for(lambda: "/login" not in driver.current_url, "the login")
        driver.get(f"{base}/superset/dashboard/{slug}/?standalone=1")
        wait_for(lambda: len(driver.find_elements(By.CSS_SELECTOR, ".chart-container")) >= 6
                 and not driver.find_elements(By.CSS_SELECTOR, ".loading"), "the charts")
        time.sleep(3)  # animations settle
        target.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(target))
    finally:
        driver.quit()
    return target


def wait_for(ready, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.5)
    raise SystemExit(f"timed out waiting for {what}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="Superset, e.g. http://127.0.0.1:8088")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password-file", type=Path, required=True)
    parser.add_argument("--database-uri", required=True,
                        help="postgresql+psycopg2://READER:XXXXXXXXXX@HOST:PORT/incidentdb")
    parser.add_argument("--reader-password-file", type=Path, required=True)
    parser.add_argument("--screenshot", type=Path, required=True)
    args = parser.parse_args()
    password = args.password_file.read_text().strip()
    api = Superset(args.url, args.user, password)
    api.import_assets(zipped_bundle(args.database_uri),
                         args.reader_password_file.read_text().strip())
    print("imported bi/superset/bundle (1 database, 7 datasets, 6 charts, 1 dashboard)")
    results = chart_rows(api, "incidentdb")
    for name, rows in results:
        print(f"  {rows if isinstance(rows, str) else f'{rows:4d} rows'}  {name}")
    empty = [name for name, rows in results if not isinstance(rows, int) or rows == 0]
    if len(results) != 6 or empty:
        print(f"charts without rows: {empty or 'missing charts'}", file=sys.stderr)
        return 1
    shot = screenshot(args.url, args.user, password, "incidentdb", args.screenshot)
    print(f"screenshot: {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
