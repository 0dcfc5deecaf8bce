"""One error shape for every failure, the token, the body limit and the security headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api import routes
from marsad.api.app import create_app
from marsad.api.security import content_security_policy
from marsad.store import Store
from tests.api.conftest import TOKEN, assert_error_shape, auth, make_settings

TRUCE = {
    "name": "Test calm",
    "kind": "calm",
    "start": "2016-04-20",
    "zones": [{"lat": 36.2, "lon": 37.1, "radius_km": 20}],
}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/api/events", {"params": {"bbox": "1,2,3"}}, 422),  # not four numbers
        ("GET", "/api/events", {"params": {"bbox": "10,50,20,40"}}, 400),  # south > north
        ("GET", "/api/events", {"params": {"bbox": "200,0,210,10"}}, 400),  # out of range
        ("GET", "/api/events", {"params": {"since": "2016-05-01", "until": "2016-04-01"}}, 400),
        ("GET", "/api/events", {"params": {"type": "volcano"}}, 422),
        ("GET", "/api/events", {"params": {"limit": 0}}, 422),
        ("GET", "/api/events", {"params": {"since": "yesterday"}}, 422),
        ("GET", "/api/events", {"params": {"country": "SYR"}}, 422),
        ("GET", "/api/events/not-a-number", {}, 422),
        ("GET", "/api/no-such-endpoint", {}, 404),
        ("GET", "/api/articles/none", {}, 404),
        ("DELETE", "/api/events", {}, 405),
        ("POST", "/api/documents", {"json": {"text": "نص"}}, 401),
        ("POST", "/api/truces", {"json": TRUCE}, 401),
    ],
)
def test_every_error_has_the_one_shape(
    client: TestClient, method: str, path: str, kwargs: dict[str, object], status: int
) -> None:
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert_error_shape(response.json(), status)


def test_validation_errors_name_the_parameter(client: TestClient) -> None:
    body = client.get("/api/events", params={"type": "volcano"}).json()
    assert body["errors"][0]["loc"] == ["query", "type", 0]
    assert "type" in body["error"]


def test_a_bug_is_a_500_in_the_same_shape_with_no_internals(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(routes.query, "stats", broken)
    response = client.get("/api/stats")
    assert response.status_code == 500
    assert_error_shape(response.json(), 500)
    assert "secret" not in response.text
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_browsers_get_the_error_as_a_page(client: TestClient) -> None:
    response = client.get("/no-such-page", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'data-status="404"' in response.text


# --- writes and the token -------------------------------------------------------------------


def test_writes_need_the_right_token(writer: TestClient) -> None:
    missing = writer.post("/api/truces", json=TRUCE)
    wrong = writer.post("/api/truces", json=TRUCE, headers={"Authorization": "Bearer nope"})
    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert missing.headers["www-authenticate"] == "Bearer"
    assert_error_shape(wrong.json(), 401)
    assert wrong.json()["errors"][0]["type"] == "token_invalid"


def test_token_also_accepted_in_its_own_header(writer: TestClient) -> None:
    response = writer.post("/api/truces", json=TRUCE, headers={"X-Marsad-Token": TOKEN})
    assert response.status_code == 201


def test_adding_a_truce_recomputes_its_violations(writer: TestClient) -> None:
    response = writer.post(
        "/api/truces", json={**TRUCE, "id": "test-calm", "end": "2016-05-10"}, headers=auth()
    )
    assert response.status_code == 201, response.text
    item = response.json()["item"]
    assert (item["truce_id"], item["origin"]) == ("test-calm", "user")
    violations = writer.get("/api/violations", params={"truce": "test-calm"}).json()["items"]
    assert [v["doc_id"] for v in violations] == ["aleppo-1"]


def test_a_bad_truce_is_a_422_naming_the_field(writer: TestClient) -> None:
    bad_id = writer.post("/api/truces", json={**TRUCE, "id": "tru-taken"}, headers=auth())
    assert bad_id.status_code == 422
    assert_error_shape(bad_id.json(), 422)
    no_zone = writer.post("/api/truces", json={**TRUCE, "zones": []}, headers=auth())
    assert no_zone.status_code == 422
    assert no_zone.json()["errors"][0]["loc"][:2] == ["body", "zones"]


def test_malformed_json_is_a_400(writer: TestClient) -> None:
    response = writer.post(
        "/api/truces", content=b'{"name": ', headers={**auth(), "content-type": "application/json"}
    )
    assert response.status_code == 400
    assert_error_shape(response.json(), 400)


def test_no_server_token_means_no_writes(client: TestClient) -> None:
    response = client.post("/api/truces", json=TRUCE, headers=auth())
    assert response.status_code == 401
    assert response.json()["errors"][0]["type"] == "token_not_configured"


@pytest.fixture
def guarded(write_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    app = create_app(make_settings(protect_reads=True), write_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/api/events", "/api/truces", "/api/export/csv", "/", "/articles/aleppo-1"])
def test_protected_reads_need_the_token(guarded: TestClient, path: str) -> None:
    refused = guarded.get(path)
    assert refused.status_code == 401
    assert_error_shape(refused.json(), 401)
    assert guarded.get(path, headers=auth()).status_code == 200


def test_health_and_static_files_stay_open_when_reads_are_protected(guarded: TestClient) -> None:
    assert guarded.get("/healthz").status_code == 200
    assert guarded.get("/static/js/dashboard.js").status_code == 200


# --- body size ---------------------------------------------------------------------------------


@pytest.fixture
def small_body(write_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    app = create_app(make_settings(max_body_bytes=200), write_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_declared_large_body_is_a_413(small_body: TestClient) -> None:
    response = small_body.post("/api/documents", json={"text": "ا" * 500}, headers=auth())
    assert response.status_code == 413
    assert_error_shape(response.json(), 413)
    assert "x-content-type-options" in response.headers


def test_a_streamed_large_body_is_a_413(small_body: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 50

    headers = {**auth(), "content-type": "application/json"}
    response = small_body.post("/api/documents", content=chunks(), headers=headers)
    assert response.status_code == 413
    assert_error_shape(response.json(), 413)


def test_a_small_body_passes_the_limit(small_body: TestClient) -> None:
    response = small_body.post(
        "/api/documents", content=b"{}", headers={**auth(), "content-type": "application/json"}
    )
    assert response.status_code == 422  # reached validation: no text or html... and no 413


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/api/events", "/api/nowhere", "/static/css/marsad.css", "/openapi.json", "/articles/evil-1"],
)
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_tile_server_is_allowed_for_images_only() -> None:
    csp = content_security_policy("https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tiles.example.org" in csp
    assert "script-src 'self';" in csp
    assert "tiles.example" not in csp.split("img-src")[0]


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/map",
        "/api/timeline",
        "/api/articles",
        "/api/articles/{doc_id}",
        "/api/places",
        "/api/actors",
        "/api/claims",
        "/api/announcements",
        "/api/truces",
        "/api/truces/{truce_id}",
        "/api/violations",
        "/api/undetermined",
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/contradictions",
        "/api/export/{export_format}",
        "/api/documents",
        "/api/ingest",
        "/api/stats",
    } <= paths


def test_api_reference_page_is_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/api/docs").text
    assert "/api/events" in page
    assert "cdn" not in page.lower()


def test_docs_mention_every_endpoint(client: TestClient) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    for path in client.get("/openapi.json").json()["paths"]:
        assert f" {path}`" in docs, path
