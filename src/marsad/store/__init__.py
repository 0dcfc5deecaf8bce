"""The store: documents and everything extracted from them, in SQLite or PostgreSQL.

``open_store(url)`` gives a migrated :class:`Store`; ``Store.save_article`` is the write path
and :mod:`marsad.store.query` the read layer (the CLI, the API and the dashboard all read
through it; there is no SQL outside this package). See docs/store.md.
"""

from marsad.store.core import Store, open_store
from marsad.store.database import DEFAULT_DB_NAME, DEMO_DB_NAME, data_dir, resolve_url
from marsad.store.query import (
    ArticleSummary,
    ArticleView,
    BBox,
    EventFilter,
    EventRow,
    EventSort,
    StoreStats,
)
from marsad.store.writer import SaveResult, SaveStatus

__all__ = [
    "DEFAULT_DB_NAME",
    "DEMO_DB_NAME",
    "ArticleSummary",
    "ArticleView",
    "BBox",
    "EventFilter",
    "EventRow",
    "EventSort",
    "SaveResult",
    "SaveStatus",
    "Store",
    "StoreStats",
    "data_dir",
    "open_store",
    "resolve_url",
]
