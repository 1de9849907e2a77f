"""Analytics views: one per question of SPEC section 8, each documented for BI tools.

Revision ID: f1d94b22e00f
Revises: 0f6b23454158
Create Date: 2026-11-22 04:35:00

Hand-written: the views' SQL lives here (replaceable objects), so a later change to a view is a
new revision with a new copy and this one stays true. ``child_casualty_incidents`` reads
``incident_summary``, so a revision that replaces the summary must recreate it too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f1d94b22e00f"
down_revision: str | Sequence[str] | None = "0f6b23454158"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Region, the same way in every view: the first-level region, else the place, else the country.
REGION = "COALESCE(i.admin1, i.place, i.country)"

DRONES_DESTROYED_WEEKLY = f"""
CREATE VIEW drones_destroyed_weekly AS
WITH report_drones AS (
    -- One figure per report: the drones (uav category) it says the attacker lost.
    SELECT r.incident_id, r.id AS report_id, SUM(w.quantity) AS destroyed
    FROM incident_reports r
    JOIN incident_weapons w ON w.report_id = r.id
    JOIN weapons wp ON wp.id = w.weapon_id
    WHERE wp.category = 'uav' AND w.role = 'attacker'
      AND w.outcome IN ('destroyed', 'intercepted')
    GROUP BY r.incident_id, r.id
),
incident_drones AS (
    -- The highest report per incident, so several reports of one incident never add up.
    SELECT incident_id, MAX(destroyed) AS destroyed
    FROM report_drones
    GROUP BY incident_id
)
SELECT CASE WHEN i.date_precision IS NULL OR i.date_precision IN ('day', 'week')
            THEN date_trunc('week', i.date::timestamp)::date END AS week,
       i.country,
       {REGION} AS region,
       COUNT(*) AS incidents,
       COUNT(*) FILTER (WHERE d.destroyed IS NULL) AS incidents_without_number,
       SUM(d.destroyed)::bigint AS drones_destroyed
FROM incident_drones d
JOIN incidents i ON i.id = d.incident_id
GROUP BY 1, 2, 3
"""

DRONES_DESTROYED_WEEKLY_COMMENTS = {
    None: "Q1: drones reported destroyed or intercepted, per region and ISO week. Each incident "
    "counts once, with the highest figure any of its reports gives.",
    "week": "Monday of the ISO week of the incident; null when the date is unknown or only "
    "known to the month or year.",
    "country": "ISO 3166-1 alpha-2 country code.",
    "region": "First-level region (admin1), else the place, else the country.",
    "incidents": "Incidents reporting drones destroyed or intercepted.",
    "incidents_without_number": "Of those, incidents that give only a vague amount (dozens).",
    "drones_destroyed": "Drones destroyed or intercepted: the sum over incidents of the highest "
    "report's figure; null when no incident gives a number.",
}

CHILD_CASUALTY_INCIDENTS = """
CREATE VIEW child_casualty_incidents AS
SELECT s.id AS incident_id, s.date, s.date_text, s.kind, s.country, s.admin1, s.place,
       s.children_killed, s.children_injured, s.killed, s.injured, s.reports, s.summary
FROM incident_summary s
WHERE s.children_killed > 0 OR s.children_injured > 0
"""

CHILD_CASUALTY_INCIDENTS_COMMENTS = {
    None: "Q2: incidents in which a report says children were killed or injured, with the "
    "figures of incident_summary.",
    "incident_id": "Incident id (incidents.id).",
    "date": "Local calendar date of the event, when known.",
    "date_text": "The phrase that dates the event, as written.",
    "kind": "interception, strike or other.",
    "country": "ISO 3166-1 alpha-2 country code.",
    "admin1": "First-level region as written.",
    "place": "Most specific named place.",
    "children_killed": "Children killed (highest report); null when no report counts them.",
    "children_injured": "Children injured (highest report); null when no report counts them.",
    "killed": "People killed, children included (incident_summary.killed).",
    "injured": "People injured, children included (incident_summary.injured).",
    "reports": "Number of reports of the incident.",
    "summary": "One-line summary.",
}

WEAPON_FREQUENCY = """
CREATE VIEW weapon_frequency AS
WITH report_figures AS (
    SELECT r.incident_id, w.weapon_id, w.role, w.outcome,
           COUNT(*) AS figures, SUM(w.quantity) AS quantity
    FROM incident_weapons w
    JOIN incident_reports r ON r.id = w.report_id
    GROUP BY r.incident_id, r.id, w.weapon_id, w.role, w.outcome
),
incident_figures AS (
    -- The largest figure per incident: "120 launched, 98 shot down" is 120, not 218, and a
    -- second report of the same incident adds nothing.
    SELECT incident_id, weapon_id, role, SUM(figures) AS figures, MAX(quantity) AS quantity
    FROM report_figures
    GROUP BY incident_id, weapon_id, role
)
SELECT wp.name AS weapon, wp.category, f.role,
       COUNT(*) AS incidents,
       SUM(f.figures)::bigint AS figures,
       SUM(f.quantity)::bigint AS total_quantity
FROM incident_figures f
JOIN weapons wp ON wp.id = f.weapon_id
GROUP BY wp.id, wp.name, wp.category, f.role
"""

WEAPON_FREQUENCY_COMMENTS = {
    None: "Q3: how often each catalog weapon appears, by role (attacker or defender).",
    "weapon": "Canonical catalog name (weapons.name).",
    "category": "Weapon category: uav, cruise_missile, ballistic_missile, ...",
    "role": "attacker or defender.",
    "incidents": "Incidents in which the weapon appears in this role.",
    "figures": "Weapon figures stated for it, over all reports (incident_weapons rows).",
    "total_quantity": "Sum over incidents of the largest number any report states for it; "
    "null when no report gives a number.",
}

MULTI_REPORT_INCIDENTS = """
CREATE VIEW multi_report_incidents AS
WITH multi AS (
    SELECT incident_id, COUNT(*) AS reports
    FROM incident_reports
    GROUP BY incident_id
    HAVING COUNT(*) > 1
),
report_figures AS (
    -- One value per report and figure: weapon figures summed within the report (as
    -- incident_summary does), casualty figures the highest the report gives.
    SELECT r.incident_id, r.id AS report_id, r.article_id,
           concat_ws(' ', wp.name, w.role, w.outcome) AS figure,
           SUM(w.quantity) AS value,
           string_agg(w.quantity_text, ', ' ORDER BY w.id) AS value_text
    FROM multi m
    JOIN incident_reports r ON r.incident_id = m.incident_id
    JOIN incident_weapons w ON w.report_id = r.id
    JOIN weapons wp ON wp.id = w.weapon_id
    GROUP BY r.incident_id, r.id, r.article_id, wp.name, w.role, w.outcome
    UNION ALL
    SELECT r.incident_id, r.id, r.article_id,
           concat_ws(' ', c.outcome, c."group"),
           MAX(c.count),
           string_agg(c.count_text, ', ' ORDER BY c.id)
    FROM multi m
    JOIN incident_reports r ON r.incident_id = m.incident_id
    JOIN casualties c ON c.report_id = r.id
    GROUP BY r.incident_id, r.id, r.article_id, c.outcome, c."group"
),
figures AS (
    SELECT f.incident_id, f.figure,
           COUNT(f.value) AS reports_stating,
           MIN(f.value) AS low,
           MAX(f.value) AS high,
           string_agg(COALESCE(s.name, a.title, 'article ' || a.id) || ': '
                      || COALESCE(f.value::text, f.value_text, 'no number'),
                      '; ' ORDER BY f.report_id) AS claims
    FROM report_figures f
    JOIN articles a ON a.id = f.article_id
    LEFT JOIN sources s ON s.id = a.source_id
    GROUP BY f.incident_id, f.figure
)
SELECT i.id AS incident_id, i.date, i.country, i.admin1, i.place, m.reports,
       f.figure, f.reports_stating, f.low, f.high,
       CASE WHEN f.reports_stating > 1 THEN f.low = f.high END AS agree,
       f.claims
FROM multi m
JOIN incidents i ON i.id = m.incident_id
LEFT JOIN figures f ON f.incident_id = m.incident_id
"""

MULTI_REPORT_INCIDENTS_COMMENTS = {
    None: "Q4: incidents reported by more than one article, one row per figure the reports "
    "state, with the low-high range across reports and whether they agree.",
    "incident_id": "Incident id (incidents.id).",
    "date": "Local calendar date of the event, when known.",
    "country": "ISO 3166-1 alpha-2 country code.",
    "admin1": "First-level region as written.",
    "place": "Most specific named place.",
    "reports": "Number of reports of the incident.",
    "figure": "What is counted: weapon, role and outcome (UAV attacker destroyed), or casualty "
    "outcome and group (injured total); null when no report states any figure.",
    "reports_stating": "Reports that give a number for this figure.",
    "low": "Lowest number any report gives.",
    "high": "Highest number any report gives.",
    "agree": "True when every report that gives a number gives the same one, false when they "
    "differ, null when fewer than two reports give a number.",
    "claims": "Who said what: the outlet (else the article title) and its figure, per report.",
}

CASUALTY_INCIDENTS_BY_REGION = f"""
CREATE VIEW casualty_incidents_by_region AS
WITH incident_casualties AS (
    SELECT r.incident_id, MAX(c.count) AS most
    FROM incident_reports r
    JOIN casualties c ON c.report_id = r.id
    GROUP BY r.incident_id
)
SELECT i.country,
       {REGION} AS region,
       COUNT(*) FILTER (WHERE ic.most > 0) AS with_casualties,
       COUNT(*) FILTER (WHERE ic.most = 0) AS without_casualties,
       COUNT(*) FILTER (WHERE ic.incident_id IS NULL) AS casualties_not_stated,
       COUNT(*) AS incidents
FROM incidents i
LEFT JOIN incident_casualties ic ON ic.incident_id = i.id
GROUP BY 1, 2
"""

CASUALTY_INCIDENTS_BY_REGION_COMMENTS = {
    None: "Q5: incidents with and without casualties, per region. Silence is not zero: "
    "incidents whose reports say nothing about casualties are counted apart.",
    "country": "ISO 3166-1 alpha-2 country code.",
    "region": "First-level region (admin1), else the place, else the country.",
    "with_casualties": "Incidents in which a report gives someone killed or injured.",
    "without_casualties": "Incidents whose reports say no one was killed or injured.",
    "casualties_not_stated": "Incidents whose reports say nothing about casualties.",
    "incidents": "All incidents in the region.",
}

OUTLET_PLACE_ARTICLES = """
CREATE VIEW outlet_place_articles AS
SELECT s.name AS outlet, i.country, i.admin1, i.place,
       a.published, a.title, a.url, a.id AS article_id,
       i.id AS incident_id, i.date AS incident_date, i.kind
FROM incident_reports r
JOIN articles a ON a.id = r.article_id
JOIN incidents i ON i.id = r.incident_id
LEFT JOIN sources s ON s.id = a.source_id
"""

OUTLET_PLACE_ARTICLES_COMMENTS = {
    None: "Q6: every article with the places of the incidents it reports; filter by outlet "
    "and place (or admin1, country) to see what one outlet published about one place.",
    "outlet": "The outlet that published the article; null when unknown.",
    "country": "ISO 3166-1 alpha-2 country code of the incident.",
    "admin1": "First-level region of the incident, as written.",
    "place": "Most specific named place of the incident.",
    "published": "Publication date of the article, when known.",
    "title": "Headline of the article.",
    "url": "Address of the article.",
    "article_id": "Article id (articles.id).",
    "incident_id": "Incident id (incidents.id).",
    "incident_date": "Local calendar date of the incident, when known.",
    "kind": "interception, strike or other.",
}

VIEWS = [
    ("drones_destroyed_weekly", DRONES_DESTROYED_WEEKLY, DRONES_DESTROYED_WEEKLY_COMMENTS),
    ("child_casualty_incidents", CHILD_CASUALTY_INCIDENTS, CHILD_CASUALTY_INCIDENTS_COMMENTS),
    ("weapon_frequency", WEAPON_FREQUENCY, WEAPON_FREQUENCY_COMMENTS),
    ("multi_report_incidents", MULTI_REPORT_INCIDENTS, MULTI_REPORT_INCIDENTS_COMMENTS),
    (
        "casualty_incidents_by_region",
        CASUALTY_INCIDENTS_BY_REGION,
        CASUALTY_INCIDENTS_BY_REGION_COMMENTS,
    ),
    ("outlet_place_articles", OUTLET_PLACE_ARTICLES, OUTLET_PLACE_ARTICLES_COMMENTS),
]


def create_view(name: str, sql: str, comments: dict) -> None:
    op.execute(sql)
    for column, comment in comments.items():
        target = f"VIEW {name}" if column is None else f"COLUMN {name}.{column}"
        op.execute(sa.text(f"COMMENT ON {target} IS " + "'" + comment.replace("'", "''") + "'"))


def upgrade() -> None:
    for name, sql, comments in VIEWS:
        create_view(name, sql, comments)


def downgrade() -> None:
    for name, _, _ in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
