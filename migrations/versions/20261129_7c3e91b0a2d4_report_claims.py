"""Each report keeps the incident as it alone states it, so merging can be redone from the set.

Revision ID: 7c3e91b0a2d4
Revises: 5a1c0de4e7b2
Create Date: 2026-11-29 20:00:00

Which reports are one incident is decided again, for the whole set of reports of a day, each
time reports of that day arrive (incidentdb/merge.py), so the incidents do not depend on the
order of loading. That needs every report's own claim, not just the fields of the incident it
was merged into. Reports stored before this revision take their incident's fields; ``incidentdb
load --reextract`` gives them their own.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "7c3e91b0a2d4"
down_revision: str | Sequence[str] | None = "5a1c0de4e7b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMENT = (
    "The incident as this report alone states it (the columns of incidents, its uid, and "
    "occurrence among its article's claims of one place and day): merging is decided from "
    "these, and the incident shows the fields of its most specific report. Null for a report "
    "written by other means, which then stands for its incident's fields."
)


def upgrade() -> None:
    op.add_column("incident_reports", sa.Column(
        "claim", postgresql.JSONB(astext_type=sa.Text()), nullable=True, comment=COMMENT))
    op.execute("""
        UPDATE incident_reports r
        SET claim = (to_jsonb(i) - 'id' - 'created_at') || '{"occurrence": 1}'::jsonb
        FROM incidents i WHERE i.id = r.incident_id
    """)


def downgrade() -> None:
    op.drop_column("incident_reports", "claim")
