"""The API over PostgreSQL answers what it answers over SQLite (the same hand-built store)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.store import open_store
from tests.api.conftest import ALEPPO_TRUCE, fill, make_settings
from tests.store.conftest import pg_server_url, pg_url

__all__ = ["pg_server_url", "pg_url"]

pytestmark = pytest.mark.postgres

QUERIES = [
    ("/api/events", {"limit": 100}),
    ("/api/events", {"place": "الرقه"}),
    ("/api/events", {"actor": "الارهاب"}),
    ("/api/events", {"bbox": "36.0,33.0,38.0,37.0", "sort": "fatalities_desc"}),
    ("/api/events", {"truce": ALEPPO_TRUCE}),
    ("/api/map", {}),
    ("/api/timeline", {"type": "explosions_remote_violence"}),
    ("/api/articles", {"q": "الموصل"}),
    ("/api/places", {"q": "الرقه"}),
    ("/api/actors", {}),
    ("/api/claims", {"q": "الانقاذ"}),
    ("/api/announcements", {}),
    ("/api/truces", {}),
    ("/api/violations", {}),
    ("/api/incidents", {}),
    ("/api/contradictions", {}),
]


@pytest.fixture
def pg_client(pg_url: str) -> Iterator[TestClient]:
    with open_store(pg_url) as store:
        fill(store)
        with TestClient(create_app(make_settings(), store), raise_server_exceptions=False) as test_client:
            yield test_client


def _shape(body: dict[str, Any]) -> Any:
    """What must agree across backends: totals and the documents in order (ids may differ)."""
    if "points" in body:
        return sorted(str(p[3:]) for p in body["points"]), body["unlocated"]
    if "days" in body:
        return body["days"]
    return body["total"], [
        item.get("doc_id") or item.get("name") or item.get("truce_id") for item in body["items"]
    ]


def test_postgres_answers_like_sqlite(pg_client: TestClient, client: TestClient) -> None:
    for path, params in QUERIES:
        on_pg = pg_client.get(path, params=params)
        assert on_pg.status_code == 200, (path, on_pg.text)
        assert _shape(on_pg.json()) == _shape(client.get(path, params=params).json()), (path, params)
