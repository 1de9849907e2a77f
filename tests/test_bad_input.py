"""Bad input through the whole load: each file stored faithfully or refused with its reason in
load_errors and on stderr, the rest of the batch loaded, and a non-zero exit status."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from incidentdb.cli import app

runner = CliRunner()
GOOD = "A drone was shot down over the Kursk region on Tuesday, the governor said.\n"


def stored(url: str, sql: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).all()
    finally:
        engine.dispose()


def test_the_bad_input_matrix(db_url, tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "01_empty.txt").write_bytes(b"")
    (d / "02_binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "03_nul.txt").write_bytes(b"Title\n\nA drone\x00 was shot down over Kursk.\n")
    (d / "04_invalid_utf8.txt").write_bytes(
        b"Title\n\nDrone \xff\xfe\xfa attack \xc3\x28 on Kursk.\n"
    )
    (d / "05_cp1251.txt").write_bytes(
        "Беспилотник сбит над Курской областью\n\nСилы ПВО сбили беспилотник над Курской "
        "областью ночью, сообщил губернатор в Telegram. Пострадавших нет.\n".encode("cp1251")
    )
    (d / "06_utf16.txt").write_bytes(("Title\n\n" + GOOD).encode("utf-16"))
    (d / "07_big.txt").write_bytes(b"drone " * (50 * 1024 * 1024 // 6 + 1))
    (d / "08_lines.jsonl").write_text(
        json.dumps({"id": "a", "title": "One", "body": GOOD}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "b", "title": "Two", "body": "Second " + GOOD}) + "\n"
    )
    (d / "09_sql.txt").write_text("'; DROP TABLE articles; --\n\n" + GOOD)

    result = runner.invoke(app, ["load", str(d), "--database-url", db_url,
                                 "--max-bytes", str(10 * 1024 * 1024)])
    assert result.exit_code == 1

    refused = {path.rsplit("/", 1)[-1]: reason
               for path, reason in stored(db_url, "SELECT path, reason FROM load_errors")}
    assert set(refused) == {"01_empty.txt", "02_binary.txt", "07_big.txt", "08_lines.jsonl"}
    assert refused["01_empty.txt"] == "empty file"
    assert refused["02_binary.txt"] == "binary file, not text"
    assert refused["07_big.txt"].startswith("larger than 10485760 bytes")
    assert refused["08_lines.jsonl"].startswith("line 2: malformed json")
    for name, reason in refused.items():
        assert f"Error: {d / name}: {reason}" in result.stderr

    articles = {path.rsplit("/", 1)[-1]: (title, body) for path, title, body in stored(
        db_url, "SELECT path, title, body FROM articles")}
    assert set(articles) == {"03_nul.txt", "04_invalid_utf8.txt", "05_cp1251.txt",
                             "06_utf16.txt", "08_lines.jsonl#a", "08_lines.jsonl#b", "09_sql.txt"}
    assert articles["03_nul.txt"][1] == "A drone was shot down over Kursk."
    assert "\x00" not in "".join(body for _, body in articles.values())
    assert articles["05_cp1251.txt"][0] == "Беспилотник сбит над Курской областью"
    assert articles["06_utf16.txt"][1] == GOOD.strip()
    assert articles["09_sql.txt"][0] == "'; DROP TABLE articles; --"  # stored verbatim
    assert articles["04_invalid_utf8.txt"][1].startswith("Drone ")
    assert stored(db_url, "SELECT documents_new, documents_refused FROM load_runs") == [(7, 4)]


def test_a_thousand_files_some_bad(db_url, tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    bad = set()
    for n in range(1000):
        path = d / f"doc_{n:04d}.txt"
        if n % 97 == 0:
            path.write_bytes(b"")
            bad.add(path.name)
        else:
            path.write_text(f"Report {n}\n\nDrone number {n} was shot down over Kursk.\n")
    result = runner.invoke(app, ["load", str(d), "--database-url", db_url, "--silent"])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"Documents: {1000 - len(bad)} new, 0 unchanged, "
                                    f"{len(bad)} refused.")
    assert stored(db_url, "SELECT count(*) FROM articles") == [(1000 - len(bad),)]
    refused = {p.rsplit("/", 1)[-1] for (p,) in stored(db_url, "SELECT path FROM load_errors")}
    assert refused == bad


YAML_BOMB = "---\n" + "".join(
    f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9 if i else ['"lol"'] * 9) + "]\n"
    for i in range(8)
) + "title: [*l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7]\n---\n\n" + GOOD


def test_oversized_and_hostile_documents_are_refused_with_their_reason(db_url, tmp_path):
    """Bounded work per document: a text past the character cap (the body, trailing space
    trimmed) is refused before extraction,
    and front matter with YAML aliases (a 'billion laughs') is not expanded."""
    d = tmp_path / "hostile"
    d.mkdir()
    (d / "01_long.txt").write_text("Title\n\n" + "Air defence shot down a drone. " * 40_000)
    (d / "02_bomb.md").write_text(YAML_BOMB)
    (d / "03_good.txt").write_text("Title\n\n" + GOOD)
    result = runner.invoke(app, ["load", str(d), "--database-url", db_url])
    assert result.exit_code == 1
    refused = dict(stored(db_url, "SELECT path, reason FROM load_errors ORDER BY path"))
    assert refused == {
        str(d / "01_long.txt"): "1,239,999 characters, more than the 100,000 extracted per "
                                "document (raise --max-chars to extract it)",
        str(d / "02_bomb.md"): "front matter uses YAML aliases (&/*), which are not read",
    }
    assert [p for (p,) in stored(db_url, "SELECT path FROM articles")] == [str(d / "03_good.txt")]
    assert result.stderr.count("\n") == 2


def test_a_raised_cap_extracts_the_long_document(db_url, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("Title\n\n" + "Air defence shot down a drone over Kursk. " * 3_000)
    result = runner.invoke(app, ["load", str(long), "--database-url", db_url,
                                 "--max-chars", "200000"])
    assert result.exit_code == 0, result.output
    assert stored(db_url, "SELECT count(*) FROM articles") == [(1,)]


def test_a_crash_in_extraction_is_refused_logged_and_retried(db_url, tmp_path, monkeypatch,
                                                            caplog):
    """No silent failure: a rule that raises is not 'no incidents'. The document is refused
    with the reason, logged with its traceback, and a later run tries it again."""
    import incidentdb.extract as extraction

    good = tmp_path / "good.txt"
    good.write_text("Title\n\n" + GOOD)

    def broken(body, published):
        raise KeyError("a rule's table entry")

    monkeypatch.setattr(extraction, "build", broken)
    with caplog.at_level("ERROR", logger="incidentdb.load"):
        failed = runner.invoke(app, ["load", str(good), "--database-url", db_url])
    assert failed.exit_code == 1
    reason = stored(db_url, "SELECT reason FROM load_errors")[0][0]
    assert reason.startswith("extraction failed (KeyError: \"a rule's table entry\" at broken:")
    assert reason.endswith("); please report it")
    assert failed.stderr == f"Error: {good}: {reason}\n"
    assert "Traceback" in caplog.text or caplog.records[0].exc_info
    assert stored(db_url, "SELECT count(*) FROM articles") == [(0,)]

    monkeypatch.undo()
    retried = runner.invoke(app, ["load", str(good), "--database-url", db_url])
    assert retried.exit_code == 0
    assert stored(db_url, "SELECT count(*) FROM articles") == [(1,)]


def test_a_rule_test_can_tell_a_crash_from_no_incidents(monkeypatch):
    import pytest

    import incidentdb.extract as extraction
    from incidentdb.document import Document

    assert extraction.extract(Document(body="Nothing happened today.")).incidents == []
    monkeypatch.setattr(extraction, "build", lambda body, published: 1 / 0)
    with pytest.raises(extraction.ExtractionFailed, match="ZeroDivisionError"):
        extraction.extract(Document(body="Nothing happened today."))
