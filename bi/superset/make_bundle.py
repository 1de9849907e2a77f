"""Write the Superset bundle in bi/superset/bundle/: a database, a dataset per analytics view
(columns, types and descriptions read from the database's own catalog and comments), a chart
per question of SPEC section 8, and one dashboard.

    python bi/superset/make_bundle.py [--database-url URL] [--output DIR]

Run it after a migration changes a view, and commit the result; tests/test_bi.py fails while
the committed bundle and the views disagree. Identifiers are UUIDs derived from names, so the
output only changes when the views or the charts do. Chart ids 1-6 are placeholders that
Superset's import replaces, as it does the datasource of every chart.
"""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, text

BUNDLE = Path(__file__).resolve().parent / "bundle"
VERSION = "1.0.0"
DATABASE_NAME = "incidentdb"
# The run script puts the real host, port and reader in its place, and the password beside it.
URI_PLACEHOLDER = "postgresql+psycopg2://superset:XXXXXXXXXX@127.0.0.1:5433/incidentdb"

# view -> the column Superset offers as its time axis
VIEWS = {
    "drones_destroyed_weekly": "week",
    "child_casualty_incidents": "date",
    "weapon_frequency": None,
    "multi_report_incidents": "date",
    "casualty_incidents_by_region": None,
    "outlet_place_articles": "published",
    "incident_summary": "date",
}

# One label per row for charts that draw regions: the region, else what the row stands for.
AREA = {
    "expressionType": "SQL",
    "label": "area",
    "sqlExpression": "COALESCE(region, CASE WHEN country_level THEN 'nationwide tally ' || "
    "COALESCE(country, '') ELSE 'region unknown ' || COALESCE(country, '') END)",
}


def ident(kind: str, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"incidentdb/superset/{kind}/{name}"))


def sql_metric(expression: str, label: str) -> dict:
    return {"expressionType": "SQL", "sqlExpression": expression, "label": label}


def where(expression: str) -> dict:
    return {"expressionType": "SQL", "clause": "WHERE", "sqlExpression": expression}


# -- charts: one per question -----------------------------------------------------------------


def bar_chart(x_axis: str | dict, metrics: list[dict], *, groupby: list | None = None,
              time_grain: str | None = None, filters: list[dict] | None = None) -> dict:
    """An ECharts bar chart: x axis (a date with its grain, or a category), stacked series."""
    params = {
        "viz_type": "echarts_timeseries_bar", "x_axis": x_axis, "metrics": metrics,
        "groupby": groupby or [], "adhoc_filters": filters or [], "row_limit": 10000,
        "time_range": "No filter", "stack": "Stack", "show_legend": True,
        "rich_tooltip": True, "order_desc": True, "color_scheme": "supersetColors",
    }
    if time_grain:
        params["time_grain_sqla"] = time_grain
    axis = x_axis if isinstance(x_axis, dict) else {
        "expressionType": "SQL", "sqlExpression": x_axis, "label": x_axis}
    axis = {**axis, "columnType": "BASE_AXIS", **({"timeGrain": time_grain} if time_grain else {})}
    query = {"columns": [axis, *params["groupby"]], "series_columns": params["groupby"],
             "metrics": metrics, "orderby": [[metrics[0], False]]}
    return {"params": params, "query": query}


def table_chart(columns: list[str], order: list[tuple[str, bool]], *,
                filters: list[dict] | None = None) -> dict:
    """A table of the view's own rows, in a stated order."""
    params = {
        "viz_type": "table", "query_mode": "raw", "all_columns": columns,
        "order_by_cols": [json.dumps([c, asc]) for c, asc in order],
        "adhoc_filters": filters or [], "row_limit": 1000, "server_page_length": 10,
        "include_search": True, "time_range": "No filter",
    }
    # no "metrics" at all: with them, even an empty list, Superset groups by every column
    query = {"columns": columns, "orderby": [[c, asc] for c, asc in order]}
    return {"params": params, "query": query}


CHARTS: list[tuple[str, str, dict]] = [
    ("Q1. Drones reported destroyed per region per week", "drones_destroyed_weekly",
     bar_chart("week", [sql_metric("SUM(drones_destroyed)", "drones destroyed")],
               groupby=[AREA], time_grain="P1W", filters=[where("week IS NOT NULL")])),
    ("Q2. Incidents that injured or killed children", "child_casualty_incidents",
     table_chart(["date", "region", "place", "kind", "children_killed", "children_injured",
                  "killed", "injured", "reports"], [("date", True), ("incident_id", True)])),
    ("Q3. Weapons that appear most often, by role", "weapon_frequency",
     bar_chart("weapon", [sql_metric("SUM(incidents)", "incidents")], groupby=["role"])),
    ("Q4. Incidents reported by more than one article: do the figures agree?",
     "multi_report_incidents",
     table_chart(["date", "place", "region", "reports", "figure", "low", "high", "agree",
                  "claims"], [("date", True), ("incident_id", True), ("figure", True)],
                 filters=[where("figure IS NOT NULL")])),
    ("Q5. Incidents with and without casualties, per region", "casualty_incidents_by_region",
     bar_chart(AREA, [sql_metric("SUM(with_casualties)", "with casualties"),
                      sql_metric("SUM(without_casualties)", "without casualties"),
                      sql_metric("SUM(casualties_not_stated)", "casualties not stated")])),
    ("Q6. Everything an outlet published about a place", "outlet_place_articles",
     table_chart(["outlet", "published", "title", "place", "region", "incident_date", "kind"],
                 [("outlet", True), ("published", True)])),
]


def chart_file(number: int, name: str, view: str, spec: dict) -> dict:
    """A chart with a saved query context, so Superset's chart data API answers for it."""
    params = {**spec["params"], "datasource": "1__table", "slice_id": number}
    extras = [f"({f['sqlExpression']})" for f in params["adhoc_filters"]]
    query = {
        "filters": [], "extras": {"having": "", "where": " AND ".join(extras)},
        "applied_time_extras": {}, "annotation_layers": [], "row_limit": params["row_limit"],
        "series_limit": 0, "order_desc": True, "url_params": {}, "custom_params": {},
        "custom_form_data": {}, "time_range": "No filter", "post_processing": [],
        **spec["query"],
    }
    context = {"datasource": {"id": 1, "type": "table"}, "force": False, "queries": [query],
               "form_data": params, "result_format": "json", "result_type": "full"}
    return {
        "slice_name": name, "description": None, "certified_by": None,
        "certification_details": None, "viz_type": params["viz_type"], "params": params,
        "query_context": json.dumps(context), "cache_timeout": None,
        "uuid": ident("chart", name), "version": VERSION, "dataset_uuid": ident("dataset", view),
    }


# -- datasets from the catalog ----------------------------------------------------------------

CATALOG = """
SELECT a.attname AS name, upper(format_type(a.atttypid, a.atttypmod)) AS type,
       col_description(c.oid, a.attnum) AS comment, obj_description(c.oid, 'pg_class') AS about
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relname = :view AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
"""


def dataset_file(engine: Engine, view: str, time_column: str | None) -> dict:
    with engine.connect() as conn:
        rows = conn.execute(text(CATALOG), {"view": view}).all()
    if not rows:
        raise SystemExit(f"no view {view} in the database: migrate it first")
    columns = [{
        "column_name": row.name, "verbose_name": None, "is_dttm": row.type.startswith(
            ("DATE", "TIMESTAMP")), "is_active": True, "type": row.type, "groupby": True,
        "filterable": True, "expression": None, "description": row.comment,
        "python_date_format": None, "extra": None, "advanced_data_type": None,
    } for row in rows]
    return {
        "table_name": view, "main_dttm_col": time_column, "description": rows[0].about,
        "default_endpoint": None, "offset": 0, "cache_timeout": None, "schema": "public",
        "sql": None, "params": None, "template_params": None, "filter_select_enabled": True,
        "fetch_values_predicate": None, "extra": None, "normalize_columns": False,
        "uuid": ident("dataset", view),
        "metrics": [{"metric_name": "count", "verbose_name": "rows", "metric_type": "count",
                     "expression": "COUNT(*)", "description": "Rows of the view.",
                     "d3format": None, "extra": None, "warning_text": None}],
        "columns": columns, "version": VERSION, "database_uuid": ident("database", DATABASE_NAME),
    }


# -- the dashboard ----------------------------------------------------------------------------


def native_filter(label: str, column: str, scope_excluded: list[int]) -> dict:
    return {
        "id": f"NATIVE_FILTER-{column}", "name": label, "filterType": "filter_select",
        "type": "NATIVE_FILTER", "description": "", "cascadeParentIds": [],
        "controlValues": {"multiSelect": True, "enableEmptyFilter": False,
                          "defaultToFirstItem": False, "inverseSelection": False,
                          "searchAllOptions": False},
        "defaultDataMask": {"extraFormData": {}, "filterState": {}, "ownState": {}},
        "scope": {"rootPath": ["ROOT_ID"], "excluded": scope_excluded},
        "targets": [{"column": {"name": column},
                     "datasetUuid": ident("dataset", "outlet_place_articles")}],
    }


def dashboard_file() -> dict:
    """Two charts a row, in question order; outlet and place filters for question 6 only."""
    position: dict[str, Any] = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"id": "ROOT_ID", "type": "ROOT", "children": ["GRID_ID"]},
        "GRID_ID": {"id": "GRID_ID", "type": "GRID", "children": [],
                    "parents": ["ROOT_ID"]},
        "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER",
                      "meta": {"text": "incidentdb: the six questions"}},
    }
    for row_number in range(3):
        row = f"ROW-{row_number + 1}"
        position["GRID_ID"]["children"].append(row)
        position[row] = {"id": row, "type": "ROW", "children": [],
                         "parents": ["ROOT_ID", "GRID_ID"],
                         "meta": {"background": "BACKGROUND_TRANSPARENT"}}
        for number in (2 * row_number + 1, 2 * row_number + 2):
            name = CHARTS[number - 1][0]
            key = f"CHART-{number}"
            position[row]["children"].append(key)
            position[key] = {"id": key, "type": "CHART", "children": [],
                             "parents": ["ROOT_ID", "GRID_ID", row],
                             "meta": {"chartId": number, "sliceName": name, "width": 6,
                                      "height": 60, "uuid": ident("chart", name)}}
    others = [1, 2, 3, 4, 5]
    metadata = {
        "native_filter_configuration": [native_filter("Outlet", "outlet", others),
                                        native_filter("Place", "place", others)],
        "color_scheme": "supersetColors", "refresh_frequency": 0, "expanded_slices": {},
        "timed_refresh_immune_slices": [], "default_filters": "{}",
        "cross_filters_enabled": False, "chart_configuration": {},
        "global_chart_configuration": {}, "label_colors": {}, "shared_label_colors": [],
    }
    return {
        "dashboard_title": "incidentdb: the six questions", "description": None, "css": "",
        "slug": "incidentdb", "certified_by": "", "certification_details": "",
        "published": True, "uuid": ident("dashboard", "incidentdb"), "position": position,
        "metadata": metadata, "version": VERSION,
    }


def database_file() -> dict:
    return {
        "database_name": DATABASE_NAME, "sqlalchemy_uri": URI_PLACEHOLDER, "cache_timeout": None,
        "expose_in_sqllab": True, "allow_run_async": False, "allow_ctas": False,
        "allow_cvas": False, "allow_dml": False, "allow_file_upload": False,
        "extra": {"allows_virtual_table_explore": True},
        "uuid": ident("database", DATABASE_NAME), "version": VERSION,
    }


def bundle_files(engine: Engine) -> dict[str, dict]:
    """Relative path -> content of every file of the bundle."""
    files = {
        # no "type": the assets import (which updates what an earlier run imported) and the
        # dashboard import both take it
        "metadata.yaml": {"version": VERSION, "timestamp": "2026-11-30T00:00:00+00:00"},
        f"databases/{DATABASE_NAME}.yaml": database_file(),
        "dashboards/incidentdb.yaml": dashboard_file(),
    }
    for view, time_column in VIEWS.items():
        files[f"datasets/{DATABASE_NAME}/{view}.yaml"] = dataset_file(engine, view, time_column)
    for number, (name, view, spec) in enumerate(CHARTS, 1):
        files[f"charts/q{number}_{view}.yaml"] = chart_file(number, name, view, spec)
    return files


def render(content: dict) -> str:
    return yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=100)


def write_bundle(engine: Engine, folder: Path = BUNDLE) -> list[Path]:
    written = []
    for relative, content in bundle_files(engine).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(content), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    from incidentdb.db.engine import connect
    from incidentdb.db.migrate import ensure_head

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: incidentdb's own (embedded server)")
    parser.add_argument("--output", type=Path, default=BUNDLE)
    args = parser.parse_args()
    engine = connect(args.database_url)
    ensure_head(engine)
    for path in write_bundle(engine, args.output):
        print(path)


if __name__ == "__main__":
    main()
