"""Gazetteer keys on incidents: the GeoNames geonameid of the place and the ISO 3166-2 region code.

Revision ID: 5a1c0de4e7b2
Revises: f1d94b22e00f
Create Date: 2026-11-29 18:00:00

Names stay as written for display; these keys are what reports of one place agree on whatever
their spelling (Kharkov and Kharkiv, Kiev region and Kyiv Oblast). Rows stored before this
revision get them from ``incidentdb load --reextract``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5a1c0de4e7b2"
down_revision: str | Sequence[str] | None = "f1d94b22e00f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column(
        "geonameid", sa.BigInteger(), nullable=True,
        comment="GeoNames geonameid of the place when it is a known city: one key for every "
        "spelling (GeoNames' own name for it; not a key of this database).",
    ))
    op.add_column("incidents", sa.Column(
        "admin1_code", sa.String(length=10), nullable=True,
        comment="ISO 3166-2 code of the first-level region (UA-63), from the text or the "
        "gazetteer: one key for Kiev region and Kyiv Oblast.",
    ))
    op.create_index(op.f("ix_incidents_admin1_code"), "incidents", ["admin1_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_incidents_admin1_code"), table_name="incidents")
    op.drop_column("incidents", "admin1_code")
    op.drop_column("incidents", "geonameid")
