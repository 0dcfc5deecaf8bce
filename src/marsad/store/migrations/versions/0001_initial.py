"""The initial marsad schema: documents and everything derived from them.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("author", sa.String(length=512), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=64), nullable=True),
        sa.Column("format", sa.String(length=64), nullable=False),
        sa.Column("encoding", sa.String(length=64), nullable=True),
        sa.Column("crawl_date", sa.Date(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.Column("dropped", sa.Boolean(), nullable=False),
        sa.Column("text_folded", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
        sa.UniqueConstraint("doc_id", name=op.f("uq_documents_doc_id")),
    )
    op.create_index(op.f("ix_documents_published"), "documents", ["published"], unique=False)
    op.create_index(op.f("ix_documents_source"), "documents", ["source"], unique=False)
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_failures")),
    )
    op.create_index(op.f("ix_ingest_failures_code"), "ingest_failures", ["code"], unique=False)
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_key", sa.String(length=512), nullable=False),
        sa.Column("gazetteer_id", sa.String(length=512), nullable=True),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("name_en", sa.String(length=512), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("admin1", sa.String(length=512), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=True),
        sa.Column("precision_km", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint("place_key", name=op.f("uq_places_place_key")),
    )
    op.create_index(op.f("ix_places_country"), "places", ["country"], unique=False)
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=512), nullable=False),
        sa.Column("speaker_en", sa.String(length=512), nullable=True),
        sa.Column("stance", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("about", sa.String(length=64), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_claims_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_document_id"), "claims", ["document_id"], unique=False)
    op.create_index(op.f("ix_claims_stance"), "claims", ["stance"], unique=False)
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=512), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("when_text", sa.String(length=512), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_comments_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    op.create_index(op.f("ix_comments_document_id"), "comments", ["document_id"], unique=False)
    op.create_table(
        "document_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_places_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_document_places_place_id_places")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_places")),
    )
    op.create_index(op.f("ix_document_places_document_id"), "document_places", ["document_id"], unique=False)
    op.create_index(op.f("ix_document_places_place_id"), "document_places", ["place_id"], unique=False)
    op.create_table(
        "drops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_drops_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drops")),
    )
    op.create_index(op.f("ix_drops_document_id"), "drops", ["document_id"], unique=False)
    op.create_index(op.f("ix_drops_reason"), "drops", ["reason"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=64), nullable=True),
        sa.Column("place_name", sa.String(length=512), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("place_name_en", sa.String(length=512), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(length=64), nullable=True),
        sa.Column("admin1", sa.String(length=512), nullable=True),
        sa.Column("place_kind", sa.String(length=64), nullable=True),
        sa.Column("actor1", sa.String(length=512), nullable=True),
        sa.Column("actor1_en", sa.String(length=512), nullable=True),
        sa.Column("actor2", sa.String(length=512), nullable=True),
        sa.Column("actor2_en", sa.String(length=512), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("target", sa.String(length=512), nullable=True),
        sa.Column("weapon", sa.String(length=512), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("aggregate", sa.Boolean(), nullable=False),
        sa.Column("reported_by", sa.String(length=512), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("text_folded", sa.Text(), nullable=False),
        sa.Column("actors_folded", sa.Text(), nullable=False),
        sa.Column("place_folded", sa.Text(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_events_place_id_places")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_country_admin1"), "events", ["country", "admin1"], unique=False)
    op.create_index(op.f("ix_events_date"), "events", ["date"], unique=False)
    op.create_index(op.f("ix_events_document_id"), "events", ["document_id"], unique=False)
    op.create_index(op.f("ix_events_event_type_date"), "events", ["event_type", "date"], unique=False)
    op.create_index(op.f("ix_events_lat_lon"), "events", ["lat", "lon"], unique=False)
    op.create_index(op.f("ix_events_place_id"), "events", ["place_id"], unique=False)
    op.create_index(op.f("ix_events_sub_event_type_date"), "events", ["sub_event_type", "date"], unique=False)
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(length=512), nullable=True),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("value_upper", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=64), nullable=True),
        sa.Column("relative", sa.Boolean(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("as_location", sa.Boolean(), nullable=True),
        sa.Column("actor_id", sa.String(length=512), nullable=True),
        sa.Column("actor_kind", sa.String(length=64), nullable=True),
        sa.Column("side", sa.String(length=512), nullable=True),
        sa.Column("weapon", sa.String(length=512), nullable=True),
        sa.Column("lemma", sa.String(length=512), nullable=True),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "kind IN ('place', 'actor', 'quantity', 'date', 'trigger')", name=op.f("ck_mentions_kind")
        ),
        sa.CheckConstraint('"end" >= start', name=op.f("ck_mentions_span")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_mentions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_mentions_place_id_places")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    op.create_index(op.f("ix_mentions_document_id_kind"), "mentions", ["document_id", "kind"], unique=False)
    op.create_index(op.f("ix_mentions_place_id"), "mentions", ["place_id"], unique=False)
    op.create_table(
        "truces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("duration_hours", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_truces_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_truces")),
    )
    op.create_index(op.f("ix_truces_document_id"), "truces", ["document_id"], unique=False)
    op.create_index(op.f("ix_truces_kind"), "truces", ["kind"], unique=False)
    op.create_index(op.f("ix_truces_start_date"), "truces", ["start_date"], unique=False)
    op.create_table(
        "field_spans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("truce_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.CheckConstraint('"end" >= start', name=op.f("ck_field_spans_span")),
        sa.CheckConstraint(
            "(CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN claim_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN truce_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_field_spans_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_field_spans_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_field_spans_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_field_spans_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["truce_id"], ["truces.id"], name=op.f("fk_field_spans_truce_id_truces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_spans")),
    )
    op.create_index(op.f("ix_field_spans_claim_id"), "field_spans", ["claim_id"], unique=False)
    op.create_index(op.f("ix_field_spans_document_id"), "field_spans", ["document_id"], unique=False)
    op.create_index(op.f("ix_field_spans_event_id"), "field_spans", ["event_id"], unique=False)
    op.create_index(op.f("ix_field_spans_truce_id"), "field_spans", ["truce_id"], unique=False)
    op.create_table(
        "truce_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("truce_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["truce_id"], ["truces.id"], name=op.f("fk_truce_parties_truce_id_truces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_truce_parties")),
    )
    op.create_index(op.f("ix_truce_parties_truce_id"), "truce_parties", ["truce_id"], unique=False)
    op.create_table(
        "truce_zones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("truce_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_truce_zones_place_id_places")),
        sa.ForeignKeyConstraint(
            ["truce_id"], ["truces.id"], name=op.f("fk_truce_zones_truce_id_truces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_truce_zones")),
    )
    op.create_index(op.f("ix_truce_zones_place_id"), "truce_zones", ["place_id"], unique=False)
    op.create_index(op.f("ix_truce_zones_truce_id"), "truce_zones", ["truce_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_truce_zones_truce_id"), table_name="truce_zones")
    op.drop_index(op.f("ix_truce_zones_place_id"), table_name="truce_zones")
    op.drop_table("truce_zones")
    op.drop_index(op.f("ix_truce_parties_truce_id"), table_name="truce_parties")
    op.drop_table("truce_parties")
    op.drop_index(op.f("ix_field_spans_truce_id"), table_name="field_spans")
    op.drop_index(op.f("ix_field_spans_event_id"), table_name="field_spans")
    op.drop_index(op.f("ix_field_spans_document_id"), table_name="field_spans")
    op.drop_index(op.f("ix_field_spans_claim_id"), table_name="field_spans")
    op.drop_table("field_spans")
    op.drop_index(op.f("ix_truces_start_date"), table_name="truces")
    op.drop_index(op.f("ix_truces_kind"), table_name="truces")
    op.drop_index(op.f("ix_truces_document_id"), table_name="truces")
    op.drop_table("truces")
    op.drop_index(op.f("ix_mentions_place_id"), table_name="mentions")
    op.drop_index(op.f("ix_mentions_document_id_kind"), table_name="mentions")
    op.drop_table("mentions")
    op.drop_index(op.f("ix_events_sub_event_type_date"), table_name="events")
    op.drop_index(op.f("ix_events_place_id"), table_name="events")
    op.drop_index(op.f("ix_events_lat_lon"), table_name="events")
    op.drop_index(op.f("ix_events_event_type_date"), table_name="events")
    op.drop_index(op.f("ix_events_document_id"), table_name="events")
    op.drop_index(op.f("ix_events_date"), table_name="events")
    op.drop_index(op.f("ix_events_country_admin1"), table_name="events")
    op.drop_table("events")
    op.drop_index(op.f("ix_drops_reason"), table_name="drops")
    op.drop_index(op.f("ix_drops_document_id"), table_name="drops")
    op.drop_table("drops")
    op.drop_index(op.f("ix_document_places_place_id"), table_name="document_places")
    op.drop_index(op.f("ix_document_places_document_id"), table_name="document_places")
    op.drop_table("document_places")
    op.drop_index(op.f("ix_comments_document_id"), table_name="comments")
    op.drop_table("comments")
    op.drop_index(op.f("ix_claims_stance"), table_name="claims")
    op.drop_index(op.f("ix_claims_document_id"), table_name="claims")
    op.drop_table("claims")
    op.drop_index(op.f("ix_places_country"), table_name="places")
    op.drop_table("places")
    op.drop_index(op.f("ix_ingest_failures_code"), table_name="ingest_failures")
    op.drop_table("ingest_failures")
    op.drop_index(op.f("ix_documents_source"), table_name="documents")
    op.drop_index(op.f("ix_documents_published"), table_name="documents")
    op.drop_table("documents")
