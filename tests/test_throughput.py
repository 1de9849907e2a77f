"""The loader's fast paths: stored documents skipped before extraction, batches written whole."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import incidentdb.load as loader
from tests.conftest import SEEDS


def count(engine, sql: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_a_stored_document_is_not_extracted_again(engine, monkeypatch):
    first = loader.load(engine, [str(SEEDS)])

    def no_extraction(*args, **kwargs):
        raise AssertionError("a stored document was extracted again")

    monkeypatch.setattr(loader, "extract", no_extraction)
    second = loader.load(engine, [str(SEEDS)])
    assert (first.new, first.unchanged) == (2, 0)
    assert (second.new, second.unchanged, second.refused) == (0, 2, 0)
    assert count(engine, "SELECT documents_unchanged FROM load_runs ORDER BY id DESC LIMIT 1") == 2


def test_a_large_json_lines_file_is_read_in_parts_exactly_as_whole(tmp_path):
    """Workers share a large JSON Lines file part by part: same documents, same refusals,
    same line numbers as reading it whole."""
    import json

    from incidentdb.read import jsonl_parts, read_jsonl_part, read_paths

    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": n, "title": f"Report {n}",
                         "body": f"Drone {n} was shot down over Kursk overnight. " * 5})
             for n in range(40)]
    lines.insert(7, "{not json")
    path.write_text("\n".join(lines) + "\n")
    parts = list(jsonl_parts(str(path), part_bytes=1000))
    assert len(parts) > 5
    assert [p[0] for p in parts[1:]] == [p[1] for p in parts[:-1]]  # no gap, no overlap
    read = [item for start, stop, first in parts
            for item in read_jsonl_part(str(path), start, stop, first)]
    assert read == list(read_paths([str(path)]))
    assert [r.reason for r in read if isinstance(r, loader.Refusal)] == ["line 8: malformed json"]


def test_a_batch_is_all_or_nothing(engine, monkeypatch):
    """A failure while a batch is written leaves none of its documents, and no counts."""
    from incidentdb.db import batch

    def broken(self):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(batch.Plan, "_drop_empty", broken)
    with pytest.raises(RuntimeError, match="the disk went away"):
        loader.load(engine, [str(SEEDS)])
    assert count(engine, "SELECT count(*) FROM articles") == 0
    assert count(engine, "SELECT count(*) FROM incidents") == 0
    assert count(engine, "SELECT documents_new FROM load_runs") == 0
    monkeypatch.undo()
    again = loader.load(engine, [str(SEEDS)])
    assert (again.new, again.incidents) == (2, 4)
