"""Analytics on canonical places: a regions table and views that group by region at one level.

Revision ID: 8cd5f4b11443
Revises: 5a1c0de4e7b2
Create Date: 2026-11-30 09:00:00

Before, a view's region was "the first-level region as written, else the place, else the
country", so one column mixed levels ("Odesa region", "Odesa Oblast", "Sevastopol", "UA"). Now
every view takes an incident's region from ``incident_regions``: the ISO 3166-2 region of its
place (``incidents.admin1_code``, or for a city that is a region of its own, such as Kyiv, the
region that city is), shown by its English name from ``regions``. An incident known only at
country level has no region and says so in ``country_level``.

The ``regions`` rows come from the gazetteer packages (``incidentdb.db.regions``). The views
are the earlier revisions' SQL with the changes listed here as replacements, each checked to
apply exactly once, so what changed is read in one place and the older revisions stay true
(their SQL is what ``downgrade`` restores).
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "8cd5f4b11443"
down_revision: str | Sequence[str] | None = "7c3e91b0a2d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _earlier(filename: str) -> ModuleType:
    """An earlier revision of this folder, for its view SQL and comments."""
    path = Path(__file__).with_name(filename)
    spec = importlib.util.spec_from_file_location(f"incidentdb_revision_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


INITIAL = _earlier("20261122_0f6b23454158_initial_schema.py")
ANALYTICS = _earlier("20261122_f1d94b22e00f_analytics_views.py")
OLD_VIEWS = {name: (sql, comments) for name, sql, comments in ANALYTICS.VIEWS}
OLD_VIEWS["incident_summary"] = (INITIAL.INCIDENT_SUMMARY, INITIAL.INCIDENT_SUMMARY_COMMENTS)

INCIDENT_REGIONS = """
CREATE VIEW incident_regions AS
SELECT i.id AS incident_id,
       i.country,
       COALESCE(i.admin1_code, city.code) AS region_code,
       r.name AS region,
       (COALESCE(i.admin1_code, city.code) IS NULL AND i.admin1 IS NULL AND i.place IS NULL
        AND i.country IS NOT NULL) AS country_level
FROM incidents i
LEFT JOIN regions city ON city.geonameid = i.geonameid
LEFT JOIN regions r ON r.code = COALESCE(i.admin1_code, city.code)
"""

REGION = {
    "region_code": "ISO 3166-2 code of the incident's first-level region (UA-63): the region of "
    "its place from the gazetteer, whatever the report called it; null when unknown.",
    "region": "English name of that region (regions.name), one level for every incident: never "
    "a place or a country; null when the incident has no known region.",
    "country_level": "True when the incident is known only at country level (a nationwide "
    "tally): it has no region, and is counted here rather than as one.",
}

INCIDENT_REGIONS_COMMENTS = {
    None: "The region of every incident at one level, as every analytics view groups it: the "
    "ISO 3166-2 region of its place, by its English name.",
    "incident_id": "Incident id (incidents.id).",
    "country": "ISO 3166-1 alpha-2 country code.",
    **REGION,
}

JOIN = "JOIN incident_regions g ON g.incident_id = i.id\n"

# view -> (replacements in its SQL, comments added or changed)
CHANGES: dict[str, tuple[list[tuple[str, str]], dict]] = {
    "incident_summary": (
        [("i.admin1, i.country,", "i.admin1, g.region_code, g.region, i.country, g.country_level,"),
         ("FROM incidents i\n", "FROM incidents i\n" + JOIN)],
        REGION,
    ),
    "drones_destroyed_weekly": (
        [("       i.country,\n       COALESCE(i.admin1, i.place, i.country) AS region,\n",
          "       g.country, g.region_code, g.region, g.country_level,\n"),
         ("JOIN incidents i ON i.id = d.incident_id\n",
          "JOIN incidents i ON i.id = d.incident_id\n" + JOIN),
         ("GROUP BY 1, 2, 3\n", "GROUP BY 1, 2, 3, 4, 5\n")],
        REGION,
    ),
    "child_casualty_incidents": (
        [("s.country, s.admin1, s.place,", "s.country, s.region_code, s.region, s.admin1, s.place,")],
        {"region_code": REGION["region_code"], "region": REGION["region"]},
    ),
    "multi_report_incidents": (
        [("SELECT i.id AS incident_id, i.date, i.country, i.admin1, i.place,",
          "SELECT i.id AS incident_id, i.date, i.country, g.region_code, g.region, i.admin1, "
          "i.place,"),
         ("JOIN incidents i ON i.id = m.incident_id\n",
          "JOIN incidents i ON i.id = m.incident_id\n" + JOIN)],
        {"region_code": REGION["region_code"], "region": REGION["region"]},
    ),
    "casualty_incidents_by_region": (
        [("SELECT i.country,\n       COALESCE(i.admin1, i.place, i.country) AS region,\n",
          "SELECT g.country, g.region_code, g.region, g.country_level,\n"),
         ("FROM incidents i\n", "FROM incidents i\n" + JOIN),
         ("GROUP BY 1, 2\n", "GROUP BY 1, 2, 3, 4\n")],
        REGION,
    ),
    "outlet_place_articles": (
        [("SELECT s.name AS outlet, i.country, i.admin1, i.place,",
          "SELECT s.name AS outlet, i.country, g.region_code, g.region, i.admin1, i.place,"),
         ("JOIN incidents i ON i.id = r.incident_id\n",
          "JOIN incidents i ON i.id = r.incident_id\n" + JOIN)],
        {"region_code": REGION["region_code"], "region": REGION["region"]},
    ),
}
# child_casualty_incidents reads incident_summary: dropped first, created after it
ORDER = ["incident_summary", "drones_destroyed_weekly", "child_casualty_incidents",
         "multi_report_incidents", "casualty_incidents_by_region", "outlet_place_articles"]


def replaced(sql: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        if sql.count(old) != 1:
            raise RuntimeError(f"view SQL changed under this revision: {old!r}")
        sql = sql.replace(old, new)
    return sql


def new_view(name: str) -> tuple[str, dict]:
    sql, comments = OLD_VIEWS[name]
    replacements, added = CHANGES[name]
    return replaced(sql, replacements), {**comments, **added}


def create_regions() -> None:
    from incidentdb.db.regions import region_rows

    regions = op.create_table(
        "regions",
        sa.Column("id", sa.Integer(), nullable=False, comment="Surrogate key."),
        sa.Column("code", sa.String(length=10), nullable=False,
                  comment="ISO 3166-2 code (UA-63); the natural key."),
        sa.Column("country", sa.String(length=2), nullable=False,
                  comment="ISO 3166-1 alpha-2 country code."),
        sa.Column("name", sa.Text(), nullable=False,
                  comment="English name to show (Kharkiv Oblast, Belgorod Oblast, Kyiv)."),
        sa.Column("geonameid", sa.BigInteger(), nullable=True,
                  comment="For a region that is one city (Kyiv, Moscow, Sevastopol): the GeoNames "
                  "id of the city, so an incident in it is in this region; null otherwise."),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regions")),
        sa.UniqueConstraint("code", name=op.f("uq_regions_code")),
        sa.UniqueConstraint("geonameid", name=op.f("uq_regions_geonameid")),
        comment="Reference: every ISO 3166-2 subdivision with an English name, filled from the "
        "gazetteer packages by a migration; the views show incidents' regions through it "
        "(incidents.admin1_code = regions.code).",
    )
    # one multi-row INSERT, not executemany: a server lost mid-migration is then one plain
    # error, not a broken psycopg pipeline that also complains on the way out
    op.execute(regions.insert().values(list(region_rows())))


def upgrade() -> None:
    create_regions()
    for name in reversed(ORDER):
        op.execute(f"DROP VIEW {name}")
    ANALYTICS.create_view("incident_regions", INCIDENT_REGIONS, INCIDENT_REGIONS_COMMENTS)
    for name in ORDER:
        ANALYTICS.create_view(name, *new_view(name))


def downgrade() -> None:
    for name in reversed(ORDER):
        op.execute(f"DROP VIEW {name}")
    op.execute("DROP VIEW incident_regions")
    op.drop_table("regions")
    for name in ORDER:
        ANALYTICS.create_view(name, *OLD_VIEWS[name])
