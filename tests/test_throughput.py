"""The loader's fast paths: stored documents skipped before extraction, batches written whole."""

from __future__ import annotations

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
