"""Initial schema: every table of SPEC section 4 and the incident_summary view.

Revision ID: 0f6b23454158
Revises:
Create Date: 2026-11-22 04:20:01.242851
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0f6b23454158"
down_revision: str | Sequence[str] | None = None
# read by `incidentdb downgrade`, which asks before undoing a revision that drops stored rows
downgrade_drops_data = True
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The view's SQL lives in the migration that creates it (Alembic's replaceable-objects advice):
# a later change to the view is a new migration with a new copy, so old revisions stay true.
INCIDENT_SUMMARY = """
CREATE VIEW incident_summary AS
WITH report_casualties AS (
    -- One figure per report and outcome: the stated total, else the larger breakdown, so a
    -- total and its parts ("seven, six adults and one child") are never added together.
    SELECT r.incident_id, r.id AS report_id, a.published, c.outcome,
           COALESCE(
               MAX(c.count) FILTER (WHERE c."group" = 'total'),
               GREATEST(
                   COALESCE(SUM(c.count) FILTER (WHERE c."group" IN ('civilians', 'military')), 0),
                   COALESCE(SUM(c.count) FILTER (WHERE c."group" IN ('children', 'adults')), 0))
           ) AS people,
           MAX(c.count) FILTER (WHERE c."group" = 'children') AS children
    FROM incident_reports r
    JOIN articles a ON a.id = r.article_id
    JOIN casualties c ON c.report_id = r.id
    GROUP BY r.incident_id, r.id, a.published, c.outcome
),
casualty_figures AS (
    -- best: the most recently published report's figure (the highest on a tie)
    SELECT incident_id,
           (array_agg(people ORDER BY published DESC NULLS LAST, people DESC)
               FILTER (WHERE outcome = 'killed'))[1] AS killed,
           MIN(people) FILTER (WHERE outcome = 'killed') AS killed_low,
           MAX(people) FILTER (WHERE outcome = 'killed') AS killed_high,
           (array_agg(people ORDER BY published DESC NULLS LAST, people DESC)
               FILTER (WHERE outcome = 'injured'))[1] AS injured,
           MIN(people) FILTER (WHERE outcome = 'injured') AS injured_low,
           MAX(people) FILTER (WHERE outcome = 'injured') AS injured_high,
           MAX(children) FILTER (WHERE outcome = 'killed') AS children_killed,
           MAX(children) FILTER (WHERE outcome = 'injured') AS children_injured
    FROM report_casualties
    GROUP BY incident_id
),
report_weapons AS (
    SELECT r.incident_id, r.id AS report_id,
           SUM(w.quantity) FILTER (WHERE w.role = 'attacker' AND w.outcome = 'launched')
               AS launched,
           SUM(w.quantity) FILTER (WHERE w.role = 'attacker'
                                     AND w.outcome IN ('destroyed', 'intercepted'))
               AS destroyed
    FROM incident_reports r
    JOIN incident_weapons w ON w.report_id = r.id
    GROUP BY r.incident_id, r.id
),
weapon_figures AS (
    SELECT incident_id, MAX(launched) AS launched, MAX(destroyed) AS destroyed
    FROM report_weapons
    GROUP BY incident_id
),
weapon_names AS (
    SELECT r.incident_id, string_agg(DISTINCT wp.name, ', ' ORDER BY wp.name) AS weapons
    FROM incident_reports r
    JOIN incident_weapons w ON w.report_id = r.id
    JOIN weapons wp ON wp.id = w.weapon_id
    GROUP BY r.incident_id
),
report_counts AS (
    SELECT r.incident_id,
           COUNT(*) AS reports,
           COUNT(DISTINCT a.source_id) AS outlets,
           string_agg(DISTINCT r.reported_by, '; ') AS reported_by,
           MIN(a.published) AS first_published
    FROM incident_reports r
    JOIN articles a ON a.id = r.article_id
    GROUP BY r.incident_id
)
SELECT i.id, i.uid, i.date, i.kind, i.place, i.admin1, i.country,
       i.latitude, i.longitude, i.geo_precision, i.date_text, i.time_text, i.part_of_day,
       wn.weapons,
       wf.launched AS attacker_launched,
       wf.destroyed AS attacker_destroyed,
       cf.killed, cf.killed_low, cf.killed_high, cf.injured, cf.injured_low, cf.injured_high,
       cf.children_killed, cf.children_injured,
       COALESCE(rc.reports, 0) AS reports,
       COALESCE(rc.outlets, 0) AS outlets,
       rc.reported_by, rc.first_published, i.damage, i.summary
FROM incidents i
LEFT JOIN casualty_figures cf ON cf.incident_id = i.id
LEFT JOIN weapon_figures wf ON wf.incident_id = i.id
LEFT JOIN weapon_names wn ON wn.incident_id = i.id
LEFT JOIN report_counts rc ON rc.incident_id = i.id
"""

INCIDENT_SUMMARY_COMMENTS = {
    None: "One flat row per incident for BI tools: when, where, weapons, figures, reports. "
    "Each figure is the best claim (the latest report's); *_low and *_high give the range.",
    "id": "Incident id (incidents.id).",
    "uid": "Stable incident identifier.",
    "date": "Local calendar date of the event, when known.",
    "kind": "interception, strike or other.",
    "place": "Most specific named place.",
    "admin1": "First-level region as written.",
    "country": "ISO 3166-1 alpha-2 country code.",
    "latitude": "WGS 84 latitude.",
    "longitude": "WGS 84 longitude.",
    "geo_precision": "What the coordinates stand for.",
    "date_text": "The phrase that dates the event.",
    "time_text": "Clock time HH:MM or range.",
    "part_of_day": "night, morning, afternoon or evening.",
    "weapons": "Catalog names of the weapons reported, comma-separated.",
    "attacker_launched": "Attacking weapons reported launched (highest report).",
    "attacker_destroyed": "Attacking weapons reported destroyed or intercepted (highest report).",
    "killed": "People killed: the most recently published report's figure.",
    "killed_low": "People killed: lowest figure across reports.",
    "killed_high": "People killed: highest figure across reports.",
    "injured": "People injured: the most recently published report's figure.",
    "injured_low": "People injured: lowest figure across reports.",
    "injured_high": "People injured: highest figure across reports.",
    "children_killed": "Children killed, when reports count them.",
    "children_injured": "Children injured, when reports count them.",
    "reports": "Number of reports (claims) of this incident.",
    "outlets": "Number of distinct outlets reporting it.",
    "reported_by": "Sources the reports cite.",
    "first_published": "Earliest publication date among its articles.",
    "damage": "Damage as stated.",
    "summary": "One-line summary.",
}


def create_view(name: str, sql: str, comments: dict) -> None:
    op.execute(sql)
    for column, comment in comments.items():
        target = f"VIEW {name}" if column is None else f"COLUMN {name}.{column}"
        op.execute(sa.text(f"COMMENT ON {target} IS " + "'" + comment.replace("'", "''") + "'"))


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "incidents",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column(
            "uid",
            sa.String(length=32),
            nullable=False,
            comment="Stable identifier that survives re-extraction of its first article.",
        ),
        sa.Column(
            "kind", sa.String(length=16), nullable=False, comment="interception, strike or other."
        ),
        sa.Column(
            "date",
            sa.Date(),
            nullable=True,
            comment="Local calendar date of the event; null when the year cannot be known.",
        ),
        sa.Column(
            "date_precision",
            sa.String(length=8),
            nullable=True,
            comment="day, week, month or year.",
        ),
        sa.Column(
            "date_text",
            sa.Text(),
            nullable=True,
            comment="The phrase that dates the event, as written.",
        ),
        sa.Column(
            "year_inferred",
            sa.Boolean(),
            server_default="false",
            nullable=False,
            comment="True when the year is not stated for the date.",
        ),
        sa.Column(
            "year_source",
            sa.Text(),
            nullable=True,
            comment="Where an inferred year came from: published date or text.",
        ),
        sa.Column(
            "time_text",
            sa.Text(),
            nullable=True,
            comment="Clock time as HH:MM or HH:MM-HH:MM in the first time zone given.",
        ),
        sa.Column(
            "start_time",
            postgresql.TIMESTAMP(timezone=True),
            nullable=True,
            comment="Start instant, when date and clock time are known.",
        ),
        sa.Column(
            "end_time",
            postgresql.TIMESTAMP(timezone=True),
            nullable=True,
            comment="End instant of a stated time range.",
        ),
        sa.Column(
            "part_of_day",
            sa.String(length=16),
            nullable=True,
            comment="night, morning, afternoon or evening, when stated.",
        ),
        sa.Column(
            "country",
            sa.String(length=2),
            nullable=True,
            comment="ISO 3166-1 alpha-2; null for seas and places spanning countries.",
        ),
        sa.Column(
            "admin1",
            sa.Text(),
            nullable=True,
            comment="First-level region as written (Kaluga region, Kharkiv Oblast).",
        ),
        sa.Column(
            "place",
            sa.Text(),
            nullable=True,
            comment="Most specific named place as written: city, village, district, sea.",
        ),
        sa.Column("latitude", sa.Double(), nullable=True, comment="WGS 84 latitude."),
        sa.Column("longitude", sa.Double(), nullable=True, comment="WGS 84 longitude."),
        sa.Column(
            "geo_precision",
            sa.String(length=8),
            nullable=True,
            comment="What the coordinates stand for: place, district, admin1, country.",
        ),
        sa.Column("target", sa.Text(), nullable=True, comment="Target as stated."),
        sa.Column("damage", sa.Text(), nullable=True, comment="Damage as stated."),
        sa.Column(
            "no_damage",
            sa.Boolean(),
            server_default="false",
            nullable=False,
            comment="True when the text says there was no damage.",
        ),
        sa.Column("attacker", sa.Text(), nullable=True, comment="Attacker as stated."),
        sa.Column("summary", sa.Text(), nullable=False, comment="One-line summary."),
        sa.Column(
            "confidence",
            sa.Double(),
            nullable=False,
            comment="Extractor's confidence that this is a real incident, 0 to 1.",
        ),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the incident was first stored.",
        ),
        sa.CheckConstraint(
            "date_precision IS NULL OR date_precision IN ('day', 'week', 'month', 'year')",
            name=op.f("ck_incidents_date_precision"),
        ),
        sa.CheckConstraint(
            "geo_precision IS NULL OR geo_precision IN ('place', 'district', 'admin1', 'country')",
            name=op.f("ck_incidents_geo_precision"),
        ),
        sa.CheckConstraint(
            "kind IN ('interception', 'strike', 'other')", name=op.f("ck_incidents_kind")
        ),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_incidents_confidence")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("uid", name=op.f("uq_incidents_uid")),
        comment="One event at one place and time; reports of it are in incident_reports.",
    )
    op.create_index(
        op.f("ix_incidents_country_admin1"), "incidents", ["country", "admin1"], unique=False
    )
    op.create_index(op.f("ix_incidents_date"), "incidents", ["date"], unique=False)
    op.create_table(
        "load_runs",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column(
            "started_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the load began.",
        ),
        sa.Column(
            "finished_at",
            postgresql.TIMESTAMP(timezone=True),
            nullable=True,
            comment="When it ended; null while running or after a crash.",
        ),
        sa.Column("arguments", sa.Text(), nullable=True, comment="Paths and options given."),
        sa.Column(
            "extractor_version", sa.String(length=32), nullable=False, comment="Extractor version."
        ),
        sa.Column(
            "documents_new",
            sa.Integer(),
            server_default="0",
            nullable=False,
            comment="Documents stored for the first time.",
        ),
        sa.Column(
            "documents_unchanged",
            sa.Integer(),
            server_default="0",
            nullable=False,
            comment="Documents already stored with the same sha256.",
        ),
        sa.Column(
            "documents_refused",
            sa.Integer(),
            server_default="0",
            nullable=False,
            comment="Files refused; reasons in load_errors.",
        ),
        sa.Column(
            "incidents_added",
            sa.Integer(),
            server_default="0",
            nullable=False,
            comment="Incidents created.",
        ),
        sa.Column(
            "weapons_added",
            sa.Integer(),
            server_default="0",
            nullable=False,
            comment="Weapon figures stored.",
        ),
        sa.Column(
            "casualties_added",
            sa.Integer(),
            server_default="0",
            nullable=False,
            comment="Casualty figures stored.",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_load_runs")),
        comment="Every incidentdb load call, with its counts.",
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column("name", sa.Text(), nullable=False, comment="Name as first written in a report."),
        sa.Column(
            "normalized_name",
            sa.Text(),
            nullable=False,
            comment="Lower-cased, whitespace-folded name; with kind, the natural key.",
        ),
        sa.Column(
            "kind",
            sa.String(length=16),
            nullable=False,
            comment="outlet, government, military, official, channel or other.",
        ),
        sa.Column(
            "country",
            sa.String(length=2),
            nullable=True,
            comment="ISO 3166-1 alpha-2 code of the source's country, when known.",
        ),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the source was first seen.",
        ),
        sa.CheckConstraint(
            "kind IN ('outlet', 'government', 'military', 'official', 'channel', 'other')",
            name=op.f("ck_sources_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint(
            "normalized_name", "kind", name=op.f("uq_sources_normalized_name_kind")
        ),
        comment="Who published or stated information: outlets, ministries, governors, mayors, channels.",
    )
    op.create_table(
        "weapons",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column("name", sa.Text(), nullable=False, comment="Canonical name (UAV, HIMARS)."),
        sa.Column(
            "category",
            sa.String(length=24),
            nullable=False,
            comment="uav, cruise_missile, ballistic_missile, guided_bomb, rocket, sam_system, aircraft or other.",
        ),
        sa.Column(
            "aliases",
            postgresql.ARRAY(sa.Text()),
            server_default="{}",
            nullable=False,
            comment="Other names the catalog recognises.",
        ),
        sa.Column(
            "country_of_origin",
            sa.String(length=2),
            nullable=True,
            comment="ISO 3166-1 alpha-2 of the maker's country, when known.",
        ),
        sa.CheckConstraint(
            "category IN ('uav', 'cruise_missile', 'ballistic_missile', 'guided_bomb', 'rocket', 'sam_system', 'aircraft', 'other')",
            name=op.f("ck_weapons_category"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weapons")),
        sa.UniqueConstraint("name", name=op.f("uq_weapons_name")),
        comment="Weapon catalog: canonical names, categories and aliases.",
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column(
            "source_id", sa.BigInteger(), nullable=True, comment="The outlet that published it."
        ),
        sa.Column("title", sa.Text(), nullable=True, comment="Headline, when the file has one."),
        sa.Column("section", sa.Text(), nullable=True, comment="Section label such as News."),
        sa.Column(
            "body",
            sa.Text(),
            nullable=False,
            comment="Normalised body text; evidence offsets point into it.",
        ),
        sa.Column(
            "published",
            sa.Date(),
            nullable=True,
            comment="Publication date, when known; relative dates are resolved against it.",
        ),
        sa.Column("url", sa.Text(), nullable=True, comment="Address of the original report."),
        sa.Column(
            "language", sa.String(length=16), nullable=True, comment="Language code, if given."
        ),
        sa.Column(
            "path",
            sa.Text(),
            nullable=True,
            comment="Path the document was read from (file#id for JSON Lines).",
        ),
        sa.Column(
            "sha256",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of the normalised title and body.",
        ),
        sa.Column("word_count", sa.Integer(), nullable=False, comment="Words in the body."),
        sa.Column(
            "ingested_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the article was loaded.",
        ),
        sa.Column(
            "extractor_version",
            sa.String(length=32),
            nullable=False,
            comment="Version of the extraction rules that produced its claims.",
        ),
        sa.Column(
            "load_run_id", sa.BigInteger(), nullable=True, comment="The load that stored it."
        ),
        sa.ForeignKeyConstraint(
            ["load_run_id"],
            ["load_runs.id"],
            name=op.f("fk_articles_load_run_id_load_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_articles_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("sha256", name=op.f("uq_articles_sha256")),
        comment="One row per loaded document; sha256 of the normalised text makes re-loading idempotent.",
    )
    op.create_index(op.f("ix_articles_published"), "articles", ["published"], unique=False)
    op.create_index(op.f("ix_articles_source_id"), "articles", ["source_id"], unique=False)
    op.create_table(
        "load_errors",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column(
            "load_run_id", sa.BigInteger(), nullable=False, comment="The load that refused it."
        ),
        sa.Column("path", sa.Text(), nullable=False, comment="The file (or file#line) refused."),
        sa.Column("reason", sa.Text(), nullable=False, comment="Why it was refused."),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When it was refused.",
        ),
        sa.ForeignKeyConstraint(
            ["load_run_id"],
            ["load_runs.id"],
            name=op.f("fk_load_errors_load_run_id_load_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_load_errors")),
        comment="Every refused file, with the reason, so nothing is dropped silently.",
    )
    op.create_index(
        op.f("ix_load_errors_load_run_id"), "load_errors", ["load_run_id"], unique=False
    )
    op.create_table(
        "incident_reports",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column("incident_id", sa.BigInteger(), nullable=False, comment="The incident reported."),
        sa.Column(
            "article_id", sa.BigInteger(), nullable=False, comment="The article that reports it."
        ),
        sa.Column(
            "ordinal",
            sa.Integer(),
            nullable=False,
            comment="Position of this incident among the article's incidents.",
        ),
        sa.Column(
            "source_id",
            sa.BigInteger(),
            nullable=True,
            comment="Who the article cites (ministry, governor); null for the outlet's own word.",
        ),
        sa.Column(
            "reported_by",
            sa.Text(),
            nullable=True,
            comment="Every cited source as written, joined with '; '.",
        ),
        sa.Column(
            "channel",
            sa.Text(),
            nullable=True,
            comment="Channel of the statement: Telegram, Max, social media.",
        ),
        sa.Column(
            "evidence",
            sa.Text(),
            nullable=False,
            comment="Sentences that state the incident, joined with ' || '.",
        ),
        sa.Column(
            "evidence_start",
            sa.Integer(),
            nullable=False,
            comment="Offset of the first evidence character in the article body.",
        ),
        sa.Column(
            "evidence_end",
            sa.Integer(),
            nullable=False,
            comment="Offset just past the last evidence character.",
        ),
        sa.Column(
            "match_score",
            sa.Double(),
            nullable=True,
            comment="Similarity to the stored incident this report was merged into.",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_incident_reports_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_reports_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_incident_reports_source_id_sources"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_reports")),
        sa.UniqueConstraint(
            "article_id", "ordinal", name=op.f("uq_incident_reports_article_id_ordinal")
        ),
        comment="One claim: an article reporting an incident, citing a source.",
    )
    op.create_index(
        op.f("ix_incident_reports_incident_id"), "incident_reports", ["incident_id"], unique=False
    )
    op.create_index(
        op.f("ix_incident_reports_source_id"), "incident_reports", ["source_id"], unique=False
    )
    op.create_table(
        "casualties",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column("report_id", sa.BigInteger(), nullable=False, comment="The claim it belongs to."),
        sa.Column("outcome", sa.String(length=8), nullable=False, comment="killed or injured."),
        sa.Column(
            "group",
            sa.String(length=12),
            nullable=False,
            comment="total, civilians, children, adults or military.",
        ),
        sa.Column("count", sa.Integer(), nullable=False, comment="Number of people."),
        sa.Column(
            "is_minimum",
            sa.Boolean(),
            server_default="false",
            nullable=False,
            comment="True for 'at least N'.",
        ),
        sa.Column("count_text", sa.Text(), nullable=True, comment="The figure as written."),
        sa.Column(
            "evidence_start", sa.Integer(), nullable=False, comment="Offset of the evidence."
        ),
        sa.Column(
            "evidence_end", sa.Integer(), nullable=False, comment="End offset of the evidence."
        ),
        sa.CheckConstraint(
            "\"group\" IN ('total', 'civilians', 'children', 'adults', 'military')",
            name=op.f("ck_casualties_group"),
        ),
        sa.CheckConstraint("outcome IN ('killed', 'injured')", name=op.f("ck_casualties_outcome")),
        sa.CheckConstraint("count >= 0", name=op.f("ck_casualties_count")),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["incident_reports.id"],
            name=op.f("fk_casualties_report_id_incident_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_casualties")),
        comment="A casualty figure as one report states it; 0 only when the text says so.",
    )
    op.create_index(op.f("ix_casualties_report_id"), "casualties", ["report_id"], unique=False)
    op.create_table(
        "incident_weapons",
        sa.Column("id", sa.BigInteger(), nullable=False, comment="Surrogate key."),
        sa.Column("report_id", sa.BigInteger(), nullable=False, comment="The claim it belongs to."),
        sa.Column("weapon_id", sa.BigInteger(), nullable=False, comment="The catalog weapon."),
        sa.Column("name", sa.Text(), nullable=False, comment="The weapon as the report names it."),
        sa.Column("role", sa.String(length=8), nullable=False, comment="attacker or defender."),
        sa.Column(
            "outcome",
            sa.String(length=12),
            nullable=True,
            comment="launched, destroyed, intercepted or hit; null when not stated.",
        ),
        sa.Column(
            "quantity",
            sa.Integer(),
            nullable=True,
            comment="Number stated; null for vague amounts. Never guessed.",
        ),
        sa.Column(
            "quantity_text",
            sa.Text(),
            nullable=True,
            comment="The amount as written: forty-two, dozens, at least 3.",
        ),
        sa.Column(
            "evidence_start", sa.Integer(), nullable=False, comment="Offset of the evidence."
        ),
        sa.Column(
            "evidence_end", sa.Integer(), nullable=False, comment="End offset of the evidence."
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('launched', 'destroyed', 'intercepted', 'hit')",
            name=op.f("ck_incident_weapons_outcome"),
        ),
        sa.CheckConstraint(
            "role IN ('attacker', 'defender')", name=op.f("ck_incident_weapons_role")
        ),
        sa.CheckConstraint(
            "quantity IS NULL OR quantity >= 0", name=op.f("ck_incident_weapons_quantity")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["incident_reports.id"],
            name=op.f("fk_incident_weapons_report_id_incident_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["weapon_id"], ["weapons.id"], name=op.f("fk_incident_weapons_weapon_id_weapons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_weapons")),
        comment="A weapon figure as one report states it.",
    )
    op.create_index(
        op.f("ix_incident_weapons_report_id"), "incident_weapons", ["report_id"], unique=False
    )
    op.create_index(
        op.f("ix_incident_weapons_weapon_id"), "incident_weapons", ["weapon_id"], unique=False
    )
    # ### end Alembic commands ###
    create_view("incident_summary", INCIDENT_SUMMARY, INCIDENT_SUMMARY_COMMENTS)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS incident_summary")
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_index(op.f("ix_incident_weapons_weapon_id"), table_name="incident_weapons")
    op.drop_index(op.f("ix_incident_weapons_report_id"), table_name="incident_weapons")
    op.drop_table("incident_weapons")
    op.drop_index(op.f("ix_casualties_report_id"), table_name="casualties")
    op.drop_table("casualties")
    op.drop_index(op.f("ix_incident_reports_source_id"), table_name="incident_reports")
    op.drop_index(op.f("ix_incident_reports_incident_id"), table_name="incident_reports")
    op.drop_table("incident_reports")
    op.drop_index(op.f("ix_load_errors_load_run_id"), table_name="load_errors")
    op.drop_table("load_errors")
    op.drop_index(op.f("ix_articles_source_id"), table_name="articles")
    op.drop_index(op.f("ix_articles_published"), table_name="articles")
    op.drop_table("articles")
    op.drop_table("weapons")
    op.drop_table("sources")
    op.drop_table("load_runs")
    op.drop_index(op.f("ix_incidents_date"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_country_admin1"), table_name="incidents")
    op.drop_table("incidents")
    # ### end Alembic commands ###
