"""Reports of one event become the same incidents whatever the order they are loaded in, and
however the corpus is split between loaders running at the same time."""

from __future__ import annotations

import json
import random
import subprocess
import sys

from sqlalchemy import create_engine, text

from incidentdb.export import incident_records
from incidentdb.load import load
from incidentdb.read import walk_paths
from tests.conftest import ROOT, _admin, _fresh, url_for

CORPUS = [ROOT / "tests" / "heldout", ROOT / "tests" / "heldout2", ROOT / "samples"]


def canonical_export(url: str) -> list[str]:
    """The export with the lists that follow row ids (loading order) sorted; reported_via,
    the first channel in loading order, becomes the sorted set of channels."""
    engine = create_engine(url)
    try:
        records = []
        for record in incident_records(engine):
            for key in ("weapons", "articles", "evidence", "reported_by"):
                record[key] = sorted(record[key], key=lambda v: json.dumps(v, sort_keys=True))
            records.append(record)
        with engine.connect() as conn:
            channels = dict(conn.execute(text(
                "SELECT i.uid, array_agg(DISTINCT r.channel) FILTER (WHERE r.channel IS NOT NULL)"
                " FROM incidents i JOIN incident_reports r ON r.incident_id = i.id"
                " GROUP BY i.uid")).all())
    finally:
        engine.dispose()
    for record in records:
        record["reported_via"] = channels.get(record["id"])
    return sorted(json.dumps(r, sort_keys=True) for r in records)


def loaded(admin_url: str, template: str, *orders: list[str]) -> str:
    name = _fresh(admin_url, template)
    url = url_for(admin_url, name)
    engine = create_engine(url)
    for paths in orders:
        summary = load(engine, paths, jobs=2)
        assert summary.refused == 0, summary.refusals
    engine.dispose()
    return url


def test_three_orders_and_two_concurrent_halves_give_one_export(admin_url, db_url):
    template = db_url.rsplit("/", 1)[-1].split("?")[0]
    files = [f for f in walk_paths(map(str, CORPUS))
             if isinstance(f, str) and not f.rsplit("/", 1)[-1].startswith("gold")]
    shuffled = random.Random(11).sample(files, len(files))
    urls = [
        loaded(admin_url, template, files),
        loaded(admin_url, template, files[::-1]),
        loaded(admin_url, template, shuffled[:40], shuffled[40:]),
    ]
    halves = [shuffled[::2], shuffled[1::2]]
    procs = [subprocess.Popen(
        [sys.executable, "-m", "incidentdb.cli", "load", *half, "--database-url", db_url,
         "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for half in halves]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in results]
    exports = [canonical_export(url) for url in [*urls, db_url]]
    assert len(exports[0]) > 100
    merged = sum(1 for r in exports[0] if len(json.loads(r)["articles"]) > 1)
    assert merged >= 5  # the corpus does hold several reports of one event
    for n, other in enumerate(exports[1:], 1):
        assert other == exports[0], f"load {n} differs from the first"
    for url in urls:
        _admin(admin_url, f'DROP DATABASE "{url.rsplit("/", 1)[-1].split("?")[0]}" WITH (FORCE)')


PLACES = [(None, None, None, None), ("Kharkiv", 706483, "Kharkiv Oblast", "UA-63"),
          ("Kharkov", None, None, None), ("Chuhuiv", None, "Kharkiv Oblast", "UA-63"),
          (None, None, "Kharkiv region", None), (None, None, "Kyiv Oblast", "UA-32"),
          ("Kyiv", 703448, None, "UA-30")]


def test_clusters_are_the_same_for_every_order():
    """merge.cluster sees a set: any permutation of the claims gives the same incidents."""
    from datetime import date

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from incidentdb import merge

    claim = st.builds(
        lambda n, where, kind, day: merge.Claim(
            f"u{n:03d}", kind, date(2025, 3, day), "UA", where[2], where[0], where[1], where[3]),
        st.integers(0, 999), st.sampled_from(PLACES), st.sampled_from(["strike", "interception"]),
        st.integers(1, 2))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(claim, max_size=12, unique_by=lambda c: c.uid), st.randoms())
    def same_for_any_order(claims, rng):
        shuffled = claims[:]
        rng.shuffle(shuffled)
        assert merge.cluster(shuffled) == merge.cluster(claims)

    same_for_any_order()


def test_a_region_joins_its_one_town_and_not_two():
    from datetime import date

    from incidentdb import merge

    day = date(2025, 3, 1)
    town = merge.Claim("a", "strike", day, "UA", "Kharkiv Oblast", "Kharkiv", 706483, "UA-63")
    region = merge.Claim("b", "strike", day, "UA", "Kharkiv region", None, None, None)
    other = merge.Claim("c", "strike", day, "UA", "Kharkiv Oblast", "Chuhuiv", None, "UA-63")
    assert merge.cluster([region, town]) == [[town, region]]
    assert merge.cluster([other, region, town]) == [[town], [region], [other]]
    assert merge.representative([region, town]) == town
