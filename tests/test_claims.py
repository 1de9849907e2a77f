"""Every figure is a claim of one report; reports of one event share one incident."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

import incidentdb.load as loader
from incidentdb import merge
from incidentdb.document import Document
from incidentdb.extract.model import (
    CasualtyFigure,
    Extraction,
    Incident,
    Reporter,
    Span,
    WeaponFigure,
)
from incidentdb.load import write_document


def span(body: str, phrase: str) -> Span:
    start = body.index(phrase)
    return Span(start, start + len(phrase), phrase)


def report(body: str, *, outlet: str, published: date, place: str | None, admin1: str | None,
           drones: int, killed: int | None, kind: str = "strike", day: date | None = None,
           reporter: str = "Governor Andrei Bocharov") -> tuple[Document, Extraction]:
    """A hand-written article and the extraction we expect of it, independent of the rules."""
    doc = Document(body=body, title=None, outlet=outlet, published=published)
    sentence = span(body, body.split(". ")[0])
    incident = Incident(
        kind=kind, date=day or published, date_precision="day", date_text="overnight",
        country="RU", admin1=admin1, place=place, summary=sentence.text,
        weapons=[WeaponFigure("drones", "UAV", "uav", "attacker", "destroyed", drones,
                              str(drones), sentence)],
        casualties=[CasualtyFigure("killed", "total", killed, False, str(killed), sentence)]
        if killed is not None else [],
        reporters=[Reporter(reporter, "official", "RU", "Telegram", sentence)],
        evidence=[sentence],
    )
    return doc, Extraction("test", [incident])


DAY = date(2025, 8, 19)
THREE_OUTLETS = [
    report("Air defences downed 10 drones over Volgograd overnight and one person was killed. "
           "A refinery caught fire.", outlet="Outlet A", published=DAY, place="Volgograd",
           admin1="Volgograd region", drones=10, killed=1),
    report("Thirteen drones were shot down over Volgograd, three people died. Officials said so.",
           outlet="Outlet B", published=DAY, place="Volgograd", admin1=None, drones=13, killed=3),
    report("A day later Russia said 12 drones were destroyed near Volgograd city; two dead. More.",
           outlet="Outlet C", published=date(2025, 8, 20), day=DAY, place="Volgograd city",
           admin1=None, drones=12, killed=2),
]


def write_all(engine, reports) -> None:
    for doc, extraction in reports:
        with engine.begin() as conn:
            write_document(conn, doc, extraction, None)


def one(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).one()


def test_three_reports_of_one_event_make_one_incident(engine):
    write_all(engine, THREE_OUTLETS)
    assert one(engine, "SELECT count(*) FROM incidents") == (1,)
    summary = one(engine, """
        SELECT reports, outlets, killed, killed_low, killed_high, attacker_destroyed
        FROM incident_summary""")
    # best is the latest report's figure; the range spans every claim
    assert tuple(summary) == (3, 3, 2, 1, 3, 13)
    scores = one(engine, "SELECT array_agg(match_score ORDER BY id) FROM incident_reports")[0]
    assert scores == [None, 1.0, 1.0]
    # every figure stays the claim of its own report
    claims = one(engine, """
        SELECT array_agg(w.quantity ORDER BY s.name)
        FROM incident_weapons w JOIN incident_reports r ON r.id = w.report_id
        JOIN articles a ON a.id = r.article_id JOIN sources s ON s.id = a.source_id""")[0]
    assert claims == [10, 13, 12]


def test_another_day_or_kind_stays_a_separate_incident(engine):
    other_day = report("Drones were shot down over Volgograd: 4 of them. Nobody hurt.",
                       outlet="Outlet D", published=date(2025, 8, 20), place="Volgograd",
                       admin1=None, drones=4, killed=None)
    interception = report("Air defence destroyed 9 drones over Volgograd. No damage.",
                          outlet="Outlet E", published=DAY, place="Volgograd", admin1=None,
                          drones=9, killed=None, kind="interception")
    write_all(engine, [THREE_OUTLETS[0], other_day, interception])
    assert one(engine, "SELECT count(*) FROM incidents") == (3,)


def test_an_ambiguous_match_stays_separate(engine):
    # two towns of one region struck on one day: a report naming only the region cannot tell
    # which it repeats, whether it comes first, between them or last
    towns = [
        report(f"Drones struck {town} overnight: {n} shot down. More to follow.",
               outlet=f"Wire {n}", published=DAY, place=town, admin1="Volgograd region",
               drones=n, killed=None, reporter=f"Mayor of {town}")
        for town, n in (("Volgograd", 20), ("Kamyshin", 21))
    ]
    region = report("Over the Volgograd region 22 drones were destroyed overnight. No more.",
                    outlet="Wire 22", published=DAY, place=None, admin1="Volgograd region",
                    drones=22, killed=None)
    write_all(engine, [region, *towns])
    assert one(engine, "SELECT count(*) FROM incidents") == (3,)
    assert one(engine, "SELECT count(*) FROM incident_reports WHERE match_score IS NOT NULL") == (
        0,)


def test_reextraction_keeps_ids_of_unchanged_incidents(engine, monkeypatch):
    (doc_a, ext_a), (doc_b, ext_b) = THREE_OUTLETS[0], report(
        "Drones hit Rostov overnight: 3 shot down. Separately drones hit Bataysk.",
        outlet="Outlet F", published=DAY, place="Rostov-on-Don", admin1="Rostov region",
        drones=3, killed=None)
    extra = Incident(kind="strike", date=DAY, country="RU", place="Bataysk",
                     summary="Bataysk", evidence=[span(doc_b.body, "Separately drones hit")])
    ext_b.incidents.append(extra)
    write_all(engine, [(doc_a, ext_a), (doc_b, ext_b)])
    before = dict(one(engine, "SELECT json_object_agg(place, id) FROM incidents")[0])
    with engine.begin() as conn:
        conn.execute(text("UPDATE articles SET extractor_version = 'old'"))

    def newer_rules(document):
        """The new rules no longer see the Bataysk incident."""
        if document.sha256 == doc_b.sha256:
            return Extraction("new", [ext_b.incidents[0]])
        return Extraction("new", ext_a.incidents)

    monkeypatch.setattr(loader, "extract", newer_rules)
    monkeypatch.setattr(loader, "EXTRACTOR_VERSION", "new")
    summary = loader.reextract(engine)
    assert summary.new == 2
    after = dict(one(engine, "SELECT json_object_agg(place, id) FROM incidents")[0])
    assert after == {"Volgograd": before["Volgograd"], "Rostov-on-Don": before["Rostov-on-Don"]}
    assert one(engine, "SELECT count(*) FROM incident_reports") == (2,)
    assert one(engine, "SELECT array_agg(DISTINCT extractor_version) FROM articles")[0] == ["new"]


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (dict(place="Volgograd", admin1=None), 1.0),
        (dict(place="Volgograd City", admin1="Volgograd region"), 1.0),
        (dict(place="Kamyshin", admin1="Volgograd region"), 0.0),
        (dict(place=None, admin1="Volgograd Oblast"), 0.75),
        (dict(place=None, admin1=None), 0.0),
    ],
)
def test_merge_score(stored, expected):
    new = merge.Candidate(0, "strike", DAY, "RU", "Volgograd region", "Volgograd")
    assert merge.score(new, merge.Candidate(1, "strike", DAY, "RU", **stored)) == expected


SPELLINGS = {
    "a.txt": "Drone hits Kharkov\n\nA Russian drone hit a house in Kharkov on Tuesday, injuring "
             "two people, the mayor said.\n",
    "b.txt": "Drone strike on Kharkiv\n\nA drone struck a residential building in Kharkiv on "
             "Tuesday. Two people were injured.\n",
    "c.txt": "Kiev region attacked\n\nAir defence shot down 12 drones over the Kiev region "
             "overnight, the governor said.\n",
    "d.txt": "Drones downed over Kyiv Oblast\n\nAir defence destroyed 12 drones over Kyiv Oblast "
             "overnight, officials said.\n",
}


def test_spellings_of_one_place_merge_across_outlets(engine, tmp_path):
    """Merging uses the normaliser scoring uses: Kharkov/Kharkiv and 'Kiev region'/'Kyiv
    Oblast' reports of one event are one incident with two reports."""
    for name, body in SPELLINGS.items():
        (tmp_path / name).write_text(body)
    summary = loader.load(engine, [str(tmp_path)], published=date(2025, 3, 12))
    assert (summary.new, summary.refused) == (4, 0)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT i.kind, count(r.id), string_agg(a.path, ',' ORDER BY a.path) "
            "FROM incidents i JOIN incident_reports r ON r.incident_id = i.id "
            "JOIN articles a ON a.id = r.article_id GROUP BY i.id, i.kind ORDER BY i.kind"
        )).all()
    assert [(kind, n, [p.rsplit("/", 1)[-1] for p in paths.split(",")])
            for kind, n, paths in rows] == [
        ("interception", 2, ["c.txt", "d.txt"]),
        ("strike", 2, ["a.txt", "b.txt"]),
    ]
    with engine.connect() as conn:
        keys = conn.execute(text(
            "SELECT kind, place, admin1, geonameid, admin1_code FROM incidents ORDER BY kind"
        )).all()
    # names stay as the first report wrote them; the gazetteer keys are what the reports share
    assert [(k, g, c) for k, _p, _a, g, c in keys] == [
        ("interception", None, "UA-32"), ("strike", 706483, "UA-63")]


def test_merge_keys_agree_with_scoring():
    from incidentdb.evaluate import names_match

    for a, b in (("Kharkov", "Kharkiv"), ("Kiev region", "Kyiv Oblast"), ("Lugansk", "Luhansk")):
        assert merge.location_key(a) == merge.location_key(b)
        assert names_match(a, b)
    assert merge.location_key("Kharkiv") != merge.location_key("Kherson")
