"""The seed documents' facts (issue 2), asserted exactly. Pure: no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentdb.document import Document
from incidentdb.extract import EXTRACTOR_VERSION, extract

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(stem: str, header_lines: int) -> Document:
    """The seeds' layout: optional outlet, section and title lines, then the body."""
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    head = [ln for ln in lines if ln.strip()][:header_lines]
    rest = lines[lines.index(head[-1]) + 1:] if head else lines
    body = "\n".join(rest).strip("\n")
    kwargs = {}
    if header_lines == 3:
        kwargs = {"outlet": head[0], "section": head[1], "title": head[2]}
    return Document(body=body, **kwargs)


@pytest.fixture(scope="module")
def moscow_tver():
    return extract(_seed("000_be506d096dbecfb0", 3))


@pytest.fixture(scope="module")
def kaluga():
    return extract(_seed("004_8d23766123bdefe9", 0))


def _weapons(incident):
    return [(w.canonical, w.category, w.quantity, w.role, w.outcome) for w in incident.weapons]


def test_version(moscow_tver):
    assert moscow_tver.extractor_version == EXTRACTOR_VERSION


def test_000_has_two_incidents(moscow_tver):
    assert [i.place for i in moscow_tver.incidents] == ["Moscow", "Tver"]


def test_moscow_interception(moscow_tver):
    moscow = moscow_tver.incidents[0]
    assert moscow.kind == "interception"
    assert (moscow.country, moscow.admin1, moscow.place) == ("RU", None, "Moscow")
    assert moscow.date is None
    assert moscow.date_text == "on the night of December 12"
    assert moscow.year_inferred is False
    assert _weapons(moscow) == [("UAV", "uav", 3, "attacker", "destroyed")]
    assert moscow.weapons[0].quantity_text == "three"
    assert moscow.casualties == []
    assert [(r.name, r.kind, r.channel) for r in moscow.reporters] == [
        ("Mayor Sergei Sobyanin", "official", "Max")]
    record = moscow.record()
    assert record["reported_via"] == "Max"
    assert record["killed"] is None and record["injured"] is None


def test_tver_strike(moscow_tver):
    tver = moscow_tver.incidents[1]
    assert tver.kind == "strike"
    assert (tver.country, tver.place, tver.admin1) == ("RU", "Tver", "Tver Oblast")
    assert tver.date is None
    assert tver.total("injured") == 7
    assert tver.total("injured", "adults") == 6
    assert tver.total("injured", "children") == 1
    assert tver.total("killed") is None
    record = tver.record()
    assert (record["injured"], record["children_injured"], record["killed"]) == (7, 1, None)
    assert [w.category for w in tver.weapons] == ["uav"]
    assert tver.weapons[0].role == "attacker"
    assert tver.weapons[0].outcome == "hit"
    assert tver.weapons[0].quantity == 1  # "a UAV strike ... the drone targeted": one UAV
    for words in ("windows", "structural elements", "neighboring properties", "parked vehicles"):
        assert words in tver.damage


def test_no_oreshnik(moscow_tver):
    for incident in moscow_tver.incidents:
        assert all(w.canonical != "Oreshnik" for w in incident.weapons)
        assert all("Oreshnik" not in s.text for s in incident.evidence)


def test_004_has_two_incidents(kaluga):
    assert len(kaluga.incidents) == 2


def test_kaluga_interception(kaluga):
    inc = kaluga.incidents[0]
    assert inc.kind == "interception"
    assert inc.country == "RU"
    assert inc.admin1 == "Kaluga region"
    assert inc.place == "Maloyaroslavets and Zhukovsky districts"
    assert inc.geo_precision == "district"
    assert inc.latitude is None  # not the coordinates of Zhukovsky near Moscow
    assert _weapons(inc) == [("S-200", "sam_system", 1, "attacker", "destroyed")]
    assert (inc.total("killed"), inc.total("injured")) == (0, 0)
    assert inc.no_damage is True
    assert inc.time_text == "00:30"
    assert inc.date is None and inc.date_text is None
    assert [(r.name, r.channel) for r in inc.reporters] == [
        ("governor", "Telegram"), ("Ministry of Defense of the Russian Federation", None)]
    assert inc.record()["reported_via"] == "Telegram"


def test_mod_country_tally(kaluga):
    inc = kaluga.incidents[1]
    assert inc.kind == "interception"
    assert (inc.country, inc.admin1, inc.place, inc.geo_precision) == ("RU", None, None, "country")
    assert sorted(_weapons(inc)) == [
        ("HIMARS", "rocket", 4, "attacker", "destroyed"),
        ("UAV", "uav", 42, "attacker", "destroyed"),
    ]
    assert [w.quantity_text for w in inc.weapons] == ["four", "forty-two"]
    assert [r.name for r in inc.reporters] == ["Ministry of Defense"]


def test_nothing_for_february_24_2022(kaluga):
    for inc in kaluga.incidents:
        assert inc.date is None
        assert all("2022" not in s.text for s in inc.evidence)


@pytest.mark.parametrize("stem,header", [("000_be506d096dbecfb0", 3), ("004_8d23766123bdefe9", 0)])
def test_spans_point_into_body(stem, header):
    doc = _seed(stem, header)
    for inc in extract(doc).incidents:
        spans = list(inc.evidence)
        spans += [w.span for w in inc.weapons] + [c.span for c in inc.casualties]
        spans += [r.span for r in inc.reporters]
        for s in spans:
            assert doc.body[s.start:s.end] == s.text
        assert inc.summary and 0 <= inc.confidence <= 1
