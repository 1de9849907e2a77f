"""What is in the database at a glance: rows per table, incidents per kind, country and month."""

from __future__ import annotations

from sqlalchemy import Engine, func, literal_column, select

from incidentdb.db.models import Base, Incident

# Labels for the groups whose key is null, in the text output only (JSON keeps null).
NO_VALUE = {"country": "(none)", "month": "(unknown)"}


def collect(engine: Engine) -> dict:
    """Exact counts (not planner estimates), so the numbers can be trusted in a report."""
    # A literal format, not a bound one, so SELECT and GROUP BY hold the very same expression.
    month = func.to_char(Incident.date, literal_column("'YYYY-MM'"))
    groups = {
        "kind": Incident.kind,
        "country": Incident.country,
        "month": month,
    }
    with engine.connect() as conn:
        tables = {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name)
        }
        stats: dict = {"tables": tables}
        for key, column in groups.items():
            rows = conn.execute(
                select(column.label(key), func.count().label("incidents"))
                .group_by(column)
                .order_by(column.asc().nulls_last())
            ).all()
            stats[f"incidents_by_{key}"] = [
                {key: value, "incidents": count} for value, count in rows
            ]
    return stats


TITLES = {
    "tables": "Rows per table",
    "incidents_by_kind": "Incidents per kind",
    "incidents_by_country": "Incidents per country",
    "incidents_by_month": "Incidents per month",
}


def format_text(stats: dict) -> str:
    """Aligned sections, one count per line: plain text that pipes and diffs well."""
    sections: list[tuple[str, list[tuple[str, int]]]] = [
        (TITLES["tables"], list(stats["tables"].items()))
    ]
    for key in ("kind", "country", "month"):
        entries = stats[f"incidents_by_{key}"]
        lines = [(e[key] if e[key] is not None else NO_VALUE[key], e["incidents"]) for e in entries]
        sections.append((TITLES[f"incidents_by_{key}"], lines))
    width = max((len(label) for _, lines in sections for label, _ in lines), default=0) + 2
    digits = max((len(str(n)) for _, lines in sections for _, n in lines), default=1)
    out: list[str] = []
    for title, lines in sections:
        out.append(title)
        out.extend(f"  {label:<{width}}{count:>{digits}}" for label, count in lines)
        if not lines:
            out.append("  (none)")
    return "\n".join(out)
