"""Fast event queries: substring search indexes on the folded text, two more event indexes.

SQLite gets ``events_search``, an FTS5 table with the trigram tokenizer over the three folded
columns of ``events`` (external content: it stores the index, not a second copy of the text),
kept in step by triggers; a quoted phrase of three characters or more then finds exactly the
rows a ``LIKE '%phrase%'`` finds, from the index. PostgreSQL gets pg_trgm GIN indexes on the
same columns, which its planner uses for ``LIKE '%...%'`` itself (skipped, with a warning,
where the extension cannot be created), and an index for newest-first pages (PostgreSQL sorts
NULL dates first in a plain index; ``date NULLS FIRST`` read backwards is "newest first,
undated last"). Both get ``(country, date, event_type)`` and ``fatalities`` indexes.

None of these objects but the two plain indexes can be declared on the models;
``marsad.store.models.UNMODELLED`` names them for the schema comparison.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

SEARCH_TABLE = "events_search"
SEARCHED = ("text_folded", "actors_folded", "place_folded")
TRIGGERS = ("events_search_insert", "events_search_delete", "events_search_update")
PG_TRIGRAM_INDEXES = {f"ix_events_{name}_trgm": name for name in SEARCHED}
PG_NEWEST_FIRST = "ix_events_date_nulls_first_id"


def upgrade() -> None:
    op.create_index(
        op.f("ix_events_country_date_event_type"), "events", ["country", "date", "event_type"], unique=False
    )
    op.create_index(op.f("ix_events_fatalities"), "events", ["fatalities"], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _create_sqlite_search()
    elif dialect == "postgresql":
        _create_postgres_search()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    elif dialect == "postgresql":
        for name in (*PG_TRIGRAM_INDEXES, PG_NEWEST_FIRST):
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index(op.f("ix_events_fatalities"), table_name="events")
    op.drop_index(op.f("ix_events_country_date_event_type"), table_name="events")


def _create_sqlite_search() -> None:
    columns = ", ".join(SEARCHED)
    new_values = ", ".join(f"new.{name}" for name in SEARCHED)
    old_values = ", ".join(f"old.{name}" for name in SEARCHED)
    # columnsize=0: no per-row token counts (they serve ranking, which marsad does not do).
    op.execute(
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5({columns}, content='events', "
        "content_rowid='id', tokenize='trigram', columnsize=0)"
    )
    # An external-content index must be told the old text to take a row out of it.
    remove = f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, {columns}) "
    remove += f"VALUES ('delete', old.id, {old_values});"
    add = f"INSERT INTO {SEARCH_TABLE}(rowid, {columns}) VALUES (new.id, {new_values});"
    op.execute(f"CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN {add} END")
    op.execute(f"CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN {remove} END")
    op.execute(
        f"CREATE TRIGGER events_search_update AFTER UPDATE OF {columns} ON events BEGIN {remove} {add} END"
    )
    op.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')")


def _create_postgres_search() -> None:
    op.execute(f"CREATE INDEX {PG_NEWEST_FIRST} ON events (date NULLS FIRST, id)")
    connection = op.get_bind()
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as exc:
        log.warning("pg_trgm is not available (%s); text filters will scan the events table", exc.orig)
        return
    for name, column in PG_TRIGRAM_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON events USING gin ({column} gin_trgm_ops)")
