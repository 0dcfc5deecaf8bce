"""Alembic environment for the marsad store.

Migrations run only through :func:`marsad.store.database.upgrade`, which hands over an open
connection in ``config.attributes["connection"]``; there is no alembic.ini and no URL here.
"""

from __future__ import annotations

from alembic import context

from marsad.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("marsad migrations run through marsad.store.open_store(), not the alembic command")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
