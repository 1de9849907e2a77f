"""Progress a person can see: `incidentdb load` run in a real terminal (tmux), its screen read
with capture-pane while it works. Skipped where tmux is missing."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from tests.conftest import _admin, _fresh, url_for
from tests.corpus import write_corpus

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COUNT = re.compile(r"\b[1-9]\d*\s*(?:docs?|documents?)\b")  # some already done
RATE = re.compile(r"\d\s*(?:docs?|documents?)\s*\(\s*[\d,]+/s\)")  # "44 documents (12/s)"


def screen_while_loading(db_url: str, folder, timeout: float = 60) -> str:
    """Start a load in a detached tmux session of its own and return its screen a second after
    a progress line first shows (or the last screen), then end the session and the load."""
    socket = f"incidentdb-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket]
    command = [sys.executable, "-m", "incidentdb.cli", "load", str(folder), "--jobs", "1",
               "--database-url", db_url]
    subprocess.run([*tmux, "new-session", "-d", "-x", "160", "-y", "20",
                    shlex.join(command) + "; sleep 30"], check=True)
    screen, shown = "", None
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True,
                                    text=True, check=True).stdout
            if "Documents:" in screen or RATE.search(screen) or (
                    shown and time.monotonic() - shown > 15):
                break  # a rate shows once a few documents are done
            if shown is None and COUNT.search(screen):
                shown = time.monotonic()  # a second more, for a rate to be measured
            time.sleep(0.2)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)
    return screen


@pytest.fixture(scope="module")
def screen(admin_url, template_db, tmp_path_factory) -> str:
    """One load, watched once: the screen both tests read."""
    folder = tmp_path_factory.mktemp("progress") / "corpus"
    write_corpus(folder, 3000)  # more than a load finishes before the screen is read
    name = _fresh(admin_url, template_db)
    try:
        yield screen_while_loading(url_for(admin_url, name), folder)
    finally:
        _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_load_on_a_terminal_shows_how_many_documents_are_done(screen):
    line = next((line for line in screen.splitlines() if COUNT.search(line)), None)
    assert line is not None, screen
    assert "Documents:" not in screen  # seen while the load was still at work


def test_the_progress_bar_shows_documents_per_second(screen):
    assert RATE.search(screen), screen
