"""A small key/value table for the store's own bookkeeping.

Its first use: ``tracking_basis``, what the documents table looked like (kept articles and
their latest processing time) when the cross-article tables were last recomputed. A batch
killed during its recompute, or a reprocessing run whose documents keep their fingerprints,
leaves a basis that no longer matches, and the next ingest recomputes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("store_state")
