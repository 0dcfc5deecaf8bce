"""SQL injection: every query and path parameter of every read route and page (enumerated from the
app) gets quotes, UNION, comments, stacked ``; DROP``, LIKE wildcards, Arabic mixed with SQL and
NUL bytes. Each answer is a 4xx in the one error shape or an empty result, never a 500, and the
store's row counts are the same afterwards; on SQLite and on PostgreSQL.

An injection that worked would show as rows (``' OR '1'='1`` matching everything), a 500 (broken
SQL) or changed counts; the filters are bound parameters, so none may.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from marsad.api.app import create_app
from marsad.store import Store, open_store
from tests.api.conftest import assert_error_shape, fill, make_settings
from tests.security.conftest import body_items, read_operations, row_counts
from tests.store.conftest import pg_server_url, pg_url

__all__ = ["pg_server_url", "pg_url"]

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "') OR ('x'='x",
    "1 OR 1=1",
    "x'; DROP TABLE events; --",
    "1; DROP TABLE documents",
    "' UNION SELECT doc_id, title, body FROM documents --",
    "' UNION ALL SELECT NULL, sqlite_version() --",
    "x' AND 1=0 UNION SELECT name FROM sqlite_master --",
    "x'/**/OR/**/'a'='a",
    "*/ OR 1=1 /*",
    "%",
    "ح_ب",
    "ح%ب",
    "Al_ppo",
    "%' OR '%'='",
    "\\",
    "\\'; DELETE FROM events; --",
    "$$; DROP TABLE events; $$",
    "'; SELECT pg_sleep(3); --",
    "' || (SELECT version()) || '",
    "حلب' OR 'أ'='أ",
    'دوما"); DROP TABLE documents; --',
    "الرقة' UNION SELECT body FROM documents WHERE '1'='1",
    "قصف%' --",
    "\x00",
    "حلب\x00' OR 1=1 --",
    "x\x00'; DROP TABLE events; --",
]


def _check_answer(where: str, response: Any) -> None:
    """A 4xx in the error shape, or a 200 with no rows; never a 500."""
    status = response.status_code
    assert status in {200, 400, 404, 422}, (where, status, response.text[:300])
    content_type = response.headers.get("content-type", "")
    if status != 200:
        if content_type.startswith("application/json"):
            assert_error_shape(response.json(), status)
        return
    if content_type.startswith("application/json"):
        rows = body_items(response.json())
        assert rows in ([], None), (where, response.text[:300])
        if "total" in response.json():
            assert response.json()["total"] == 0, where
    elif content_type.startswith(("application/x-ndjson", "text/csv")):
        assert len(response.text.strip().splitlines()) <= 1, where  # at most the CSV header


#: For parameters with a type (numbers, dates, enums, patterns), which refuse any such text.
TYPED_PAYLOADS = ["' OR '1'='1", "1 OR 1=1", "x'; DROP TABLE events; --", "حلب\x00' OR 1=1 --"]


def _is_typed(test_client: TestClient, url: str, params: dict[str, str]) -> bool:
    """A parameter that refuses plain text (422) has a type; it gets the short payload list."""
    return test_client.get(url, params=params).status_code == 422


def sweep(test_client: TestClient, path_values: dict[str, str]) -> int:
    """Every payload into every parameter of every read; returns how many requests were made."""
    made = 0
    for op in read_operations(test_client.app):  # type: ignore[arg-type]
        url = op.url(path_values)
        for name in op.query_params:
            typed = _is_typed(test_client, url, {name: "zz"})
            for payload in TYPED_PAYLOADS if typed else PAYLOADS:
                _check_answer(f"{op} {name}={payload!r}", test_client.get(url, params={name: payload}))
                made += 1
        for name in op.path_params:
            typed = _is_typed(test_client, op.url({**path_values, name: "zz"}), {})
            for payload in TYPED_PAYLOADS if typed else PAYLOADS:
                response = test_client.get(op.url({**path_values, name: quote(payload, safe="")}))
                _check_answer(f"{op} {name}={payload!r}", response)
                made += 1
    return made


def _baseline_has_rows(test_client: TestClient, path_values: dict[str, str]) -> None:
    """Without the payloads the lists are not empty, so "no rows" above means something."""
    for path in ("/api/events", "/api/map", "/api/articles", "/api/places", "/api/incidents", "/api/claims"):
        rows = body_items(test_client.get(path).json())
        assert rows, path


def _tables(store: Store) -> set[str]:
    return set(inspect(store.engine).get_table_names())


def test_injection_in_every_parameter_finds_nothing_and_changes_nothing(
    client: TestClient, read_store: Store, path_values: dict[str, str], unchanged: dict[str, int]
) -> None:
    tables = _tables(read_store)
    _baseline_has_rows(client, path_values)
    assert sweep(client, path_values) > 1000
    assert _tables(read_store) == tables
    assert row_counts(read_store) == unchanged


def test_like_wildcards_are_literal_in_every_text_filter(client: TestClient) -> None:
    """As LIKE patterns these would match "حلب" / "Aleppo"; as the literal text they match nothing."""
    for path, name in [
        ("/api/events", "q"),
        ("/api/events", "place"),
        ("/api/events", "actor"),
        ("/api/articles", "q"),
        ("/api/places", "q"),
        ("/api/actors", "q"),
        ("/api/claims", "q"),
        ("/api/incidents", "place"),
        ("/api/violations", "actor"),
    ]:
        for wildcard in ("%", "ح%ب", "ح_ب", "A%o", "Al_ppo", "%%"):
            assert body_items(client.get(path, params={name: wildcard}).json()) == [], (path, name, wildcard)
    assert body_items(client.get("/api/places", params={"q": "Aleppo"}).json())  # the control


def test_a_nul_byte_is_a_400_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/api/events", params={"place": "حلب\x00"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"] == ["query", "place"]
    assert client.get("/api/articles/aleppo-1%00").status_code == 400
    assert client.get("/articles/aleppo-1%00", headers={"accept": "text/html"}).status_code == 400


@pytest.fixture
def pg_client(pg_url: str) -> Iterator[tuple[TestClient, Store]]:
    with open_store(pg_url) as store:
        fill(store)
        app = create_app(make_settings(), store)
        with TestClient(app, raise_server_exceptions=False) as test_client:
            yield test_client, store


@pytest.mark.postgres
def test_injection_on_postgresql_finds_nothing_and_changes_nothing(
    pg_client: tuple[TestClient, Store], path_values: dict[str, str]
) -> None:
    test_client, store = pg_client
    values = {**path_values, **_pg_ids(test_client)}
    before, tables = row_counts(store), _tables(store)
    _baseline_has_rows(test_client, values)
    assert sweep(test_client, values) > 1000
    assert _tables(store) == tables
    assert row_counts(store) == before


def _pg_ids(test_client: TestClient) -> dict[str, str]:
    """Ids are the database's own: read them from this store, not from the SQLite one."""
    event_id = test_client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    incident_id = test_client.get("/api/incidents", params={"limit": 1}).json()["items"][0]["incident_id"]
    return {"event_id": str(event_id), "incident_id": incident_id}
