"""Cross-article tracking: the truce registry, violations, incidents, contradictions, copies.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("family", sa.String(length=64), nullable=False),
        sa.Column("grade", sa.String(length=64), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("place_name", sa.String(length=512), nullable=True),
        sa.Column("place_name_en", sa.String(length=512), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("admin1", sa.String(length=512), nullable=True),
        sa.Column("place_kind", sa.String(length=64), nullable=True),
        sa.Column("place_folded", sa.Text(), nullable=False),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("injuries_low", sa.Integer(), nullable=True),
        sa.Column("injuries_high", sa.Integer(), nullable=True),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("sub_event_types", sa.JSON(), nullable=False),
        sa.Column("outlets", sa.JSON(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("aggregate", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("incident_id", name=op.f("uq_incidents_incident_id")),
    )
    op.create_index(op.f("ix_incidents_family"), "incidents", ["family"], unique=False)
    op.create_index(
        op.f("ix_incidents_first_day_last_day"), "incidents", ["first_day", "last_day"], unique=False
    )
    op.create_index(op.f("ix_incidents_grade"), "incidents", ["grade"], unique=False)
    op.create_table(
        "tracked_truces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("truce_id", sa.String(length=512), nullable=False),
        sa.Column("origin", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("checked_until", sa.Date(), nullable=True),
        sa.Column("duration_hours", sa.Integer(), nullable=True),
        sa.Column("start_inferred", sa.Boolean(), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("last_mentioned", sa.Date(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracked_truces")),
        sa.UniqueConstraint("truce_id", name=op.f("uq_tracked_truces_truce_id")),
    )
    op.create_index(op.f("ix_tracked_truces_kind"), "tracked_truces", ["kind"], unique=False)
    op.create_index(op.f("ix_tracked_truces_origin"), "tracked_truces", ["origin"], unique=False)
    op.create_index(op.f("ix_tracked_truces_start_date"), "tracked_truces", ["start_date"], unique=False)
    op.create_table(
        "article_fingerprints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("copy_group", sa.String(length=512), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_article_fingerprints_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_fingerprints")),
        sa.UniqueConstraint("doc_id", name=op.f("uq_article_fingerprints_doc_id")),
        sa.UniqueConstraint("document_id", name=op.f("uq_article_fingerprints_document_id")),
    )
    op.create_index(
        op.f("ix_article_fingerprints_copy_group"), "article_fingerprints", ["copy_group"], unique=False
    )
    op.create_table(
        "tracked_truce_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("truce_id", sa.String(length=512), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("truce_key", sa.String(length=512), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["truce_id"],
            ["tracked_truces.truce_id"],
            name=op.f("fk_tracked_truce_sources_truce_id_tracked_truces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracked_truce_sources")),
    )
    op.create_index(
        op.f("ix_tracked_truce_sources_doc_id"), "tracked_truce_sources", ["doc_id"], unique=False
    )
    op.create_index(
        op.f("ix_tracked_truce_sources_truce_id"), "tracked_truce_sources", ["truce_id"], unique=False
    )
    op.create_table(
        "tracked_truce_zones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("truce_id", sa.String(length=512), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("place_name", sa.String(length=512), nullable=True),
        sa.Column("place_name_en", sa.String(length=512), nullable=True),
        sa.Column("place_lat", sa.Float(), nullable=True),
        sa.Column("place_lon", sa.Float(), nullable=True),
        sa.Column("place_country", sa.String(length=64), nullable=True),
        sa.Column("place_admin1", sa.String(length=512), nullable=True),
        sa.Column("place_kind", sa.String(length=64), nullable=True),
        sa.Column("place_gazetteer_id", sa.String(length=512), nullable=True),
        sa.Column("place_precision_km", sa.Float(), nullable=True),
        sa.Column("admin1", sa.String(length=512), nullable=True),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("radius_km", sa.Float(), nullable=True),
        sa.CheckConstraint("kind IN ('place', 'admin', 'radius')", name=op.f("ck_tracked_truce_zones_kind")),
        sa.CheckConstraint("role IN ('zone', 'exclusion')", name=op.f("ck_tracked_truce_zones_role")),
        sa.ForeignKeyConstraint(
            ["truce_id"],
            ["tracked_truces.truce_id"],
            name=op.f("fk_tracked_truce_zones_truce_id_tracked_truces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracked_truce_zones")),
    )
    op.create_index(
        op.f("ix_tracked_truce_zones_truce_id"), "tracked_truce_zones", ["truce_id"], unique=False
    )
    op.create_table(
        "article_lsh_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint_id", sa.Integer(), nullable=False),
        sa.Column("band_key", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fingerprint_id"],
            ["article_fingerprints.id"],
            name=op.f("fk_article_lsh_bands_fingerprint_id_article_fingerprints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_lsh_bands")),
    )
    op.create_index(op.f("ix_article_lsh_bands_band_key"), "article_lsh_bands", ["band_key"], unique=False)
    op.create_index(
        op.f("ix_article_lsh_bands_fingerprint_id"), "article_lsh_bands", ["fingerprint_id"], unique=False
    )
    op.create_table(
        "contradictions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contradiction_id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("denial_key", sa.String(length=512), nullable=False),
        sa.Column("denial_kind", sa.String(length=64), nullable=False),
        sa.Column("denial_event_id", sa.Integer(), nullable=True),
        sa.Column("denial_claim_id", sa.Integer(), nullable=True),
        sa.Column("denial_doc_id", sa.String(length=512), nullable=False),
        sa.Column("denial_speaker", sa.String(length=512), nullable=True),
        sa.Column("denial_text", sa.Text(), nullable=False),
        sa.Column("denial_evidence", sa.Text(), nullable=False),
        sa.Column("denial_evidence_start", sa.Integer(), nullable=False),
        sa.Column("denial_evidence_end", sa.Integer(), nullable=False),
        sa.Column("denial_places", sa.JSON(), nullable=False),
        sa.Column("denial_first_day", sa.Date(), nullable=False),
        sa.Column("denial_last_day", sa.Date(), nullable=False),
        sa.Column("denial_source", sa.String(length=512), nullable=True),
        sa.Column("denial_url", sa.Text(), nullable=True),
        sa.Column("denial_published", sa.Date(), nullable=True),
        sa.Column("report_event_key", sa.String(length=512), nullable=False),
        sa.Column("report_event_id", sa.Integer(), nullable=True),
        sa.Column("report_doc_id", sa.String(length=512), nullable=False),
        sa.Column("report_sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("report_evidence", sa.Text(), nullable=False),
        sa.Column("report_evidence_start", sa.Integer(), nullable=False),
        sa.Column("report_evidence_end", sa.Integer(), nullable=False),
        sa.Column("report_first_day", sa.Date(), nullable=True),
        sa.Column("report_last_day", sa.Date(), nullable=True),
        sa.Column("report_place_name", sa.String(length=512), nullable=True),
        sa.Column("report_actor", sa.String(length=512), nullable=True),
        sa.Column("report_fatalities", sa.Integer(), nullable=True),
        sa.Column("report_source", sa.String(length=512), nullable=True),
        sa.Column("report_url", sa.Text(), nullable=True),
        sa.Column("report_published", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["denial_claim_id"],
            ["claims.id"],
            name=op.f("fk_contradictions_denial_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["denial_event_id"],
            ["events.id"],
            name=op.f("fk_contradictions_denial_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_event_id"],
            ["events.id"],
            name=op.f("fk_contradictions_report_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contradictions")),
        sa.UniqueConstraint("contradiction_id", name=op.f("uq_contradictions_contradiction_id")),
    )
    op.create_index(
        op.f("ix_contradictions_denial_claim_id"), "contradictions", ["denial_claim_id"], unique=False
    )
    op.create_index(
        op.f("ix_contradictions_denial_doc_id"), "contradictions", ["denial_doc_id"], unique=False
    )
    op.create_index(
        op.f("ix_contradictions_denial_event_id"), "contradictions", ["denial_event_id"], unique=False
    )
    op.create_index(op.f("ix_contradictions_denial_key"), "contradictions", ["denial_key"], unique=False)
    op.create_index(op.f("ix_contradictions_incident_id"), "contradictions", ["incident_id"], unique=False)
    op.create_index(
        op.f("ix_contradictions_report_doc_id"), "contradictions", ["report_doc_id"], unique=False
    )
    op.create_index(
        op.f("ix_contradictions_report_event_id"), "contradictions", ["report_event_id"], unique=False
    )
    op.create_index(
        op.f("ix_contradictions_report_event_key"), "contradictions", ["report_event_key"], unique=False
    )
    op.create_table(
        "incident_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(length=512), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("copy_group", sa.String(length=512), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("place_name", sa.String(length=512), nullable=True),
        sa.Column("actor", sa.String(length=512), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("reported_by", sa.String(length=512), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_incident_members_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.incident_id"],
            name=op.f("fk_incident_members_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_members")),
        sa.UniqueConstraint("event_key", name=op.f("uq_incident_members_event_key")),
    )
    op.create_index(op.f("ix_incident_members_doc_id"), "incident_members", ["doc_id"], unique=False)
    op.create_index(op.f("ix_incident_members_event_id"), "incident_members", ["event_id"], unique=False)
    op.create_index(
        op.f("ix_incident_members_incident_id"), "incident_members", ["incident_id"], unique=False
    )
    op.create_table(
        "violations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("truce_id", sa.String(length=512), nullable=False),
        sa.Column("event_key", sa.String(length=512), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("zone", sa.String(length=512), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=512), nullable=True),
        sa.Column("actor_folded", sa.Text(), nullable=False),
        sa.Column("actor_is_party", sa.Boolean(), nullable=True),
        sa.Column("place_name", sa.String(length=512), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("date_from_published", sa.Boolean(), nullable=False),
        sa.Column("on_boundary", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_violations_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["truce_id"],
            ["tracked_truces.truce_id"],
            name=op.f("fk_violations_truce_id_tracked_truces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_violations")),
        sa.UniqueConstraint("truce_id", "event_key", name=op.f("uq_violations_truce_id_event_key")),
    )
    op.create_index(op.f("ix_violations_day"), "violations", ["day"], unique=False)
    op.create_index(op.f("ix_violations_event_id"), "violations", ["event_id"], unique=False)
    op.create_index(op.f("ix_violations_event_key"), "violations", ["event_key"], unique=False)
    op.create_index(op.f("ix_violations_incident_id"), "violations", ["incident_id"], unique=False)
    op.create_index(op.f("ix_violations_truce_id"), "violations", ["truce_id"], unique=False)
    op.create_table(
        "violations_undetermined",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("truce_id", sa.String(length=512), nullable=False),
        sa.Column("event_key", sa.String(length=512), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("place_name", sa.String(length=512), nullable=True),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_violations_undetermined_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["truce_id"],
            ["tracked_truces.truce_id"],
            name=op.f("fk_violations_undetermined_truce_id_tracked_truces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_violations_undetermined")),
        sa.UniqueConstraint(
            "truce_id", "event_key", name=op.f("uq_violations_undetermined_truce_id_event_key")
        ),
    )
    op.create_index(
        op.f("ix_violations_undetermined_event_id"), "violations_undetermined", ["event_id"], unique=False
    )
    op.create_index(
        op.f("ix_violations_undetermined_event_key"), "violations_undetermined", ["event_key"], unique=False
    )
    op.create_index(
        op.f("ix_violations_undetermined_reason"), "violations_undetermined", ["reason"], unique=False
    )
    op.create_index(
        op.f("ix_violations_undetermined_truce_id"), "violations_undetermined", ["truce_id"], unique=False
    )


def downgrade() -> None:
    # Dropping a table drops its indexes; children first.
    op.drop_table("violations_undetermined")
    op.drop_table("violations")
    op.drop_table("incident_members")
    op.drop_table("contradictions")
    op.drop_table("article_lsh_bands")
    op.drop_table("tracked_truce_zones")
    op.drop_table("tracked_truce_sources")
    op.drop_table("article_fingerprints")
    op.drop_table("tracked_truces")
    op.drop_table("incidents")
