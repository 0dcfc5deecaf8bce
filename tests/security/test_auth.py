"""The token: every write endpoint (enumerated from the OpenAPI document, so a new one cannot slip
through) refuses a request without it or with a wrong one and changes nothing; with
``server.protect_reads`` every read route and page (enumerated from the app) refuses it too.

tests/api/test_errors_and_security.py checks one write and five reads; this sweeps them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.store import Store
from tests.api.conftest import TOKEN, assert_error_shape, make_settings
from tests.security.conftest import (
    Operation,
    read_operations,
    route_operations,
    row_counts,
    write_operations,
)

DOCUMENT = {
    "id": "auth-probe",
    "text": "قتل ثلاثة مدنيين في قصف جوي على مدينة دوما صباح اليوم بحسب الدفاع المدني.",
    "published": "2016-05-01",
}
TRUCE = {
    "name": "Probe calm",
    "kind": "calm",
    "start": "2016-04-20",
    "zones": [{"lat": 36.2, "lon": 37.1, "radius_km": 20}],
}
#: A body each known write would accept with the token, so a missing guard shows as a success.
VALID_BODIES: dict[str, Any] = {
    "POST /api/documents": DOCUMENT,
    "POST /api/ingest": {"documents": [DOCUMENT]},
    "POST /api/truces": TRUCE,
}

#: Ways of not presenting the server's token: (headers, query parameters).
WRONG_CREDENTIALS: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
    "none": ({}, {}),
    "wrong bearer": ({"Authorization": "Bearer not-the-token"}, {}),
    "wrong header": ({"X-Marsad-Token": "not-the-token"}, {}),
    "empty bearer": ({"Authorization": "Bearer "}, {}),
    "prefix of the token": ({"Authorization": f"Bearer {TOKEN[:-1]}"}, {}),
    "token and more": ({"Authorization": f"Bearer {TOKEN}x"}, {}),
    "token in another case": ({"Authorization": f"Bearer {TOKEN.upper()}"}, {}),
    "token under another scheme": ({"Authorization": f"Basic {TOKEN}"}, {}),
    "bare token": ({"Authorization": TOKEN}, {}),
    "token in the query": ({}, {"token": TOKEN, "access_token": TOKEN}),
    "token as a cookie name": ({"Cookie": f"marsad_token={TOKEN}"}, {}),
    "non-ascii token": ({"X-Marsad-Token": "رمز".encode()}, {}),
}


def _body(op: Operation) -> Any:
    return VALID_BODIES.get(str(op), {})


def _app_client(
    store: Store, monkeypatch: pytest.MonkeyPatch, token: str | None, **server: Any
) -> TestClient:
    if token is None:
        monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    else:
        monkeypatch.setenv("MARSAD_TOKEN", token)
    return TestClient(create_app(make_settings(**server), store), raise_server_exceptions=False)


@pytest.fixture
def guarded(write_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """Token set, reads protected, over a private copy of the filled store."""
    with _app_client(write_store, monkeypatch, TOKEN, protect_reads=True) as test_client:
        yield test_client


# --- the enumeration itself -----------------------------------------------------------------


def test_every_route_that_changes_data_is_in_the_openapi_document(client: TestClient) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    documented = {str(op) for op in write_operations(app)}
    served = {str(op) for op in route_operations(app) if op.method not in {"GET", "HEAD", "OPTIONS"}}
    assert served == documented
    assert {"POST /api/documents", "POST /api/ingest", "POST /api/truces"} <= documented


def test_every_write_is_tagged_as_needing_the_token(client: TestClient) -> None:
    spec = client.app.openapi()  # type: ignore[attr-defined]
    for op in write_operations(client.app):  # type: ignore[arg-type]
        assert "writes" in spec["paths"][op.path][op.method.lower()]["tags"], op


# --- writes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("credentials", sorted(WRONG_CREDENTIALS))
def test_writes_refuse_a_missing_or_wrong_token_and_change_nothing(
    writer: TestClient, write_store: Store, credentials: str
) -> None:
    headers, params = WRONG_CREDENTIALS[credentials]
    before = row_counts(write_store)
    for op in write_operations(writer.app):  # type: ignore[arg-type]
        response = writer.request(op.method, op.path, json=_body(op), headers=headers, params=params)
        assert response.status_code == 401, (op, response.text)
        assert response.headers["www-authenticate"] == "Bearer"
        assert_error_shape(response.json(), 401)
        assert TOKEN not in response.text
    assert row_counts(write_store) == before


def test_the_same_writes_pass_with_the_token(writer: TestClient, write_store: Store) -> None:
    """The control for the refusals above: the bodies are good, only the token was missing."""
    before = row_counts(write_store)
    for op in write_operations(writer.app):  # type: ignore[arg-type]
        response = writer.request(op.method, op.path, json=_body(op), headers={"X-Marsad-Token": TOKEN})
        assert 200 <= response.status_code < 300, (op, response.text)
    after = row_counts(write_store)
    assert after["documents"] > before["documents"]
    assert after["tracked_truces"] > before["tracked_truces"]


@pytest.mark.parametrize("server_token", [None, ""], ids=["unset", "empty"])
def test_without_a_server_token_every_write_is_refused(
    write_store: Store, monkeypatch: pytest.MonkeyPatch, server_token: str | None
) -> None:
    before = row_counts(write_store)
    with _app_client(write_store, monkeypatch, server_token) as test_client:
        for headers in (
            {},
            {"Authorization": "Bearer "},
            {"X-Marsad-Token": ""},
            {"Authorization": "Bearer None"},
        ):
            for op in write_operations(test_client.app):  # type: ignore[arg-type]
                response = test_client.request(op.method, op.path, json=_body(op), headers=headers)
                assert response.status_code == 401, (op, headers)
                assert response.json()["errors"][0]["type"] == "token_not_configured"
    assert row_counts(write_store) == before


# --- protected reads ----------------------------------------------------------------------------


def test_protected_reads_cover_every_read_route_and_page(
    guarded: TestClient, path_values: dict[str, str]
) -> None:
    operations = read_operations(guarded.app)  # type: ignore[arg-type]
    assert {"/api/events", "/api/export/{export_format}", "/", "/articles/{doc_id}", "/api/docs"} <= {
        op.path for op in operations
    }
    for op in operations:
        url = op.url(path_values)
        for credentials, (headers, params) in WRONG_CREDENTIALS.items():
            refused = guarded.get(url, headers=headers, params=params)
            assert refused.status_code == 401, (url, credentials)
            assert_error_shape(refused.json(), 401)
        allowed = guarded.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
        assert allowed.status_code == 200, (url, allowed.text[:200])


def test_a_protected_page_refused_to_a_browser_shows_no_data(guarded: TestClient) -> None:
    refused = guarded.get("/articles/aleppo-1", headers={"accept": "text/html"})
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("text/html")
    allowed = guarded.get("/articles/aleppo-1", headers={"Authorization": f"Bearer {TOKEN}"})
    evidence = allowed.text.split('id="article-title">', 1)[1].split("<", 1)[0]
    assert evidence
    assert evidence not in refused.text


def test_the_openapi_document_stays_open_and_holds_no_data(guarded: TestClient) -> None:
    """The route list is public (the code is); no stored text may be in it."""
    spec = guarded.get("/openapi.json")
    assert spec.status_code == 200
    assert "aleppo-1" not in spec.text
    assert "halab-today" not in spec.text


def test_protected_reads_without_a_server_token_refuse_everyone(
    write_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _app_client(write_store, monkeypatch, None, protect_reads=True) as test_client:
        for path in ("/api/events", "/", "/api/stats"):
            for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
                assert test_client.get(path, headers=headers).status_code == 401, (path, headers)
        assert test_client.get("/healthz").status_code == 200


def test_health_and_static_files_stay_open(guarded: TestClient) -> None:
    for path in ("/healthz", "/static/js/dashboard.js", "/static/vendor/leaflet/leaflet.js"):
        assert guarded.get(path).status_code == 200, path
