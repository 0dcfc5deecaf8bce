"""Security headers on every kind of answer: each read route and page, every error status (400, 401,
404, 405, 413, 422, 500, as JSON and as a page), static files (200, 304, 404, HEAD), exports,
the OpenAPI document and the health probe; each header exactly once. The policy is parsed and
checked directive by directive rather than by substring.
"""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from marsad.api import routes
from marsad.api.app import create_app
from marsad.store import Store
from tests.api.conftest import make_settings
from tests.security.conftest import read_operations

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


def policy(response: httpx.Response) -> dict[str, list[str]]:
    """The Content-Security-Policy as {directive: sources}; it must be sent exactly once."""
    sent = response.headers.get_list("content-security-policy")
    assert len(sent) == 1, sent
    directives: dict[str, list[str]] = {}
    for part in sent[0].split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = sources
    return directives


def assert_secure(response: httpx.Response) -> None:
    where = f"{response.request.method} {response.request.url} -> {response.status_code}"
    csp = policy(response)
    assert csp["default-src"] == ["'self'"], where
    assert csp["script-src"] == ["'self'"], where  # no 'unsafe-inline', 'unsafe-eval', hosts or data:
    assert csp["style-src"] == ["'self'"], where
    assert csp["object-src"] == ["'none'"], where
    assert csp["base-uri"] == ["'none'"], where
    assert csp["frame-ancestors"] == ["'none'"], where
    assert csp["form-action"] == ["'self'"], where
    assert "*" not in " ".join(" ".join(v) for v in csp.values()), where
    for name, value in EXPECTED.items():
        assert response.headers.get_list(name) == [value], (where, name)
    assert "geolocation=()" in response.headers["permissions-policy"], where


def test_every_read_route_and_page(client: TestClient, path_values: dict[str, str]) -> None:
    for op in read_operations(client.app):  # type: ignore[arg-type]
        response = client.get(op.url(path_values))
        assert response.status_code == 200, op
        assert_secure(response)


@pytest.mark.parametrize(
    ("method", "path", "params", "accept", "status"),
    [
        ("GET", "/api/events", {"since": "2016-05-01", "until": "2016-04-01"}, "application/json", 400),
        ("GET", "/", {"since": "2016-05-01", "until": "2016-04-01"}, "text/html", 400),
        ("POST", "/api/documents", {}, "application/json", 401),
        ("GET", "/api/nowhere", {}, "application/json", 404),
        ("GET", "/nowhere", {}, "text/html", 404),
        ("GET", "/articles/no-such-article", {}, "text/html", 404),
        ("DELETE", "/api/events", {}, "application/json", 405),
        ("PUT", "/", {}, "text/html", 405),
        ("GET", "/api/events", {"limit": "-1"}, "application/json", 422),
        ("GET", "/", {"type": "volcano"}, "text/html", 422),
    ],
)
def test_every_error_status(
    client: TestClient, method: str, path: str, params: dict[str, str], accept: str, status: int
) -> None:
    response = client.request(method, path, params=params, headers={"accept": accept})
    assert response.status_code == status
    assert response.headers["content-type"].startswith(accept)
    assert_secure(response)


def test_a_body_too_large(write_store: Store) -> None:
    with TestClient(create_app(make_settings(max_body_bytes=10), write_store)) as small:
        response = small.post("/api/ingest", content=b"x" * 100, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert_secure(response)


@pytest.fixture
def broken(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    def fail(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(routes.query, "stats", fail)
    return client


def test_a_server_error(broken: TestClient) -> None:
    response = broken.get("/api/stats")
    assert response.status_code == 500
    assert_secure(response)


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/static/css/marsad.css", "text/css"),
        ("/static/js/dashboard.js", "text/javascript"),
        ("/static/vendor/leaflet/leaflet.js", "text/javascript"),
        ("/static/vendor/leaflet/images/marker-icon.png", "image/png"),
        ("/static/geo/region.geojson", ""),
    ],
)
def test_static_files_with_their_type(client: TestClient, path: str, media: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)  # nosniff needs the right type
    assert_secure(response)
    head = client.head(path)
    assert head.status_code == 200
    assert_secure(head)
    etag = response.headers["etag"]
    cached = client.get(path, headers={"if-none-match": etag})
    assert cached.status_code == 304
    assert_secure(cached)


def test_static_not_found_exports_openapi_and_health(client: TestClient) -> None:
    for path, status in [
        ("/static/js/none.js", 404),
        ("/api/export/csv", 200),
        ("/api/export/parquet", 200),
        ("/openapi.json", 200),
        ("/healthz", 200),
    ]:
        response = client.get(path)
        assert response.status_code == status, path
        assert_secure(response)


def test_the_language_cookie_is_not_readable_by_scripts(client: TestClient) -> None:
    cookie = client.get("/", params={"lang": "ar"}).headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
