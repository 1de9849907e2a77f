"""Every pattern file of the extractor carries its own examples: each pattern must find each of
its examples and none of its counter-examples. A new wording is a new line there, with the
sentence that needs it. Pure: no database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from incidentdb.extract.text import read_pattern_file

PATTERNS = Path(__file__).resolve().parent.parent / "incidentdb" / "extract" / "patterns"
ROWS = [(path.name, i, row) for path in sorted(PATTERNS.glob("*.jsonl"))
        for i, row in enumerate(read_pattern_file(path.name))]


def test_there_are_pattern_files_with_examples():
    assert ROWS
    assert all(row["examples"] for _, _, row in ROWS)


@pytest.mark.parametrize("name,index,row", ROWS, ids=[f"{n}:{i}" for n, i, _ in ROWS])
def test_each_pattern_finds_its_examples_and_not_its_counters(name, index, row):
    pattern = re.compile("(?i)" + row["pattern"])
    for example in row["examples"]:
        assert pattern.search(example), f"{name} line {index}: misses {example!r}"
    for counter in row.get("counter", []):
        assert not pattern.search(counter), f"{name} line {index}: finds {counter!r}"
