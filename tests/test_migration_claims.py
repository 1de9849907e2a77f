"""The revision that gives every report its own claim fills it for reports stored before."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from incidentdb.db import migrate


def test_reports_stored_before_take_their_incidents_fields(empty_db_url):
    engine = create_engine(empty_db_url)
    migrate.upgrade(engine, "5a1c0de4e7b2")
    with engine.begin() as conn:
        conn.execute(text("""
            INSERT INTO articles (id, body, sha256, word_count, extractor_version)
            VALUES (1, 'Body.', 'x', 1, '1.0');
            INSERT INTO incidents (id, uid, kind, date, country, place, summary, confidence)
            VALUES (7, 'u7', 'strike', '2025-03-01', 'UA', 'Kharkiv', 'A strike.', 0.9);
            INSERT INTO incident_reports (incident_id, article_id, ordinal, evidence,
                                          evidence_start, evidence_end)
            VALUES (7, 1, 0, 'Body.', 0, 5)""".replace(";\n", ";")))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        claim = conn.execute(text("SELECT claim FROM incident_reports")).scalar_one()
    engine.dispose()
    assert {k: claim[k] for k in ("uid", "kind", "date", "country", "place", "occurrence")} == {
        "uid": "u7", "kind": "strike", "date": "2025-03-01", "country": "UA",
        "place": "Kharkiv", "occurrence": 1}
    assert "id" not in claim
