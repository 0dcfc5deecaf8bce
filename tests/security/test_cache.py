"""The read cache (marsad.api.cache) that lets one server process keep up with 200 reads a second:
it must never hand a protected answer to a request without the token, never outlive a write
made through the server, keep no error and no cookie, and serve nothing older than twice its
time to live. The middleware is driven directly (a fake clock, a counting app) and through the
real app.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.api.cache import ReadCacheMiddleware
from marsad.api.security import Guard, Message
from marsad.store import Store
from tests.api.conftest import TOKEN, make_settings
from tests.security.test_auth import DOCUMENT

TTL = 10.0


class CountingApp:
    """An ASGI app answering ``answer <n>`` with the number of times it was called."""

    def __init__(self, status: int = 200, headers: list[tuple[bytes, bytes]] | None = None) -> None:
        self.calls = 0
        self.status = status
        self.headers = headers or [(b"content-type", b"text/plain")]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls += 1
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": f"answer {self.calls}".encode()})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _scope(
    path: str = "/api/map", method: str = "GET", headers: list[tuple[bytes, bytes]] | None = None
) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "query_string": b"", "headers": headers or []}


async def _call(
    middleware: ReadCacheMiddleware, scope: dict[str, Any]
) -> tuple[int, bytes, dict[bytes, bytes]]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await middleware(scope, receive, send)
    await asyncio.sleep(0)  # let a background refresh, if one was started, run
    for task in list(middleware._refreshes):
        await task
    start = sent[0]
    return start["status"], b"".join(m.get("body", b"") for m in sent[1:]), dict(start["headers"])


def run(middleware: ReadCacheMiddleware, *scopes: dict[str, Any]) -> list[bytes]:
    async def calls() -> list[bytes]:
        return [(await _call(middleware, scope))[1] for scope in scopes]

    return asyncio.run(calls())


@pytest.fixture
def clock() -> Clock:
    return Clock()


def cached(app: Any, clock: Clock, guard: Guard | None = None) -> ReadCacheMiddleware:
    return ReadCacheMiddleware(app, ttl_s=TTL, guard=guard or Guard(None, False), clock=clock)


def test_a_repeated_read_is_answered_from_memory(clock: Clock) -> None:
    app = CountingApp()
    assert run(cached(app, clock), _scope(), _scope()) == [b"answer 1", b"answer 1"]
    assert app.calls == 1


def test_urls_differing_in_query_or_language_are_kept_apart(clock: Clock) -> None:
    app = CountingApp()
    arabic = _scope("/", headers=[(b"cookie", b"marsad_lang=ar")])
    english = _scope("/", headers=[(b"cookie", b"marsad_lang=en")])
    filtered = {**_scope("/"), "query_string": b"type=battles"}
    answers = run(cached(app, clock), arabic, english, filtered, arabic)
    assert answers == [b"answer 1", b"answer 2", b"answer 3", b"answer 1"]


def test_an_old_answer_is_refreshed_in_the_background_and_never_served_past_twice_its_age(
    clock: Clock,
) -> None:
    app = CountingApp()
    middleware = cached(app, clock)
    assert run(middleware, _scope()) == [b"answer 1"]
    clock.now += TTL + 1  # stale: served once more while the refresh runs
    assert run(middleware, _scope()) == [b"answer 1"]
    assert app.calls == 2
    assert run(middleware, _scope()) == [b"answer 2"]
    clock.now += 2 * TTL  # too old to serve at all
    assert run(middleware, _scope()) == [b"answer 3"]


def test_any_write_empties_the_cache(clock: Clock) -> None:
    app = CountingApp()
    answers = run(cached(app, clock), _scope(), _scope("/api/ingest", "POST"), _scope())
    assert answers == [b"answer 1", b"answer 2", b"answer 3"]


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (404, [(b"content-type", b"application/json")]),
        (500, [(b"content-type", b"application/json")]),
        (200, [(b"content-type", b"text/html"), (b"set-cookie", b"marsad_lang=ar")]),
    ],
    ids=["404", "500", "set-cookie"],
)
def test_errors_and_answers_setting_cookies_are_not_kept(
    clock: Clock, status: int, headers: list[tuple[bytes, bytes]]
) -> None:
    app = CountingApp(status, headers)
    assert run(cached(app, clock), _scope(), _scope()) == [b"answer 1", b"answer 2"]


@pytest.mark.parametrize("path", ["/static/js/dashboard.js", "/api/export/csv", "/healthz", "/openapi.json"])
def test_files_exports_and_probes_are_not_kept(clock: Clock, path: str) -> None:
    assert run(cached(CountingApp(), clock), _scope(path), _scope(path)) == [b"answer 1", b"answer 2"]


def test_protected_answers_go_only_to_requests_with_the_token(clock: Clock) -> None:
    app = CountingApp()
    middleware = cached(app, clock, Guard(TOKEN, protect_reads=True))
    with_token = _scope(headers=[(b"authorization", f"Bearer {TOKEN}".encode())])
    wrong = _scope(headers=[(b"authorization", b"Bearer nope")])
    answers = run(middleware, with_token, _scope(), wrong, with_token)
    assert answers == [b"answer 1", b"answer 2", b"answer 3", b"answer 1"]  # the others reach the app


def test_a_read_that_overlaps_a_write_is_not_kept(clock: Clock) -> None:
    """A read that began before a write finished may hold the old data: it must not be kept."""
    middleware = cached(CountingApp(), clock)

    class WriteMidway(CountingApp):
        async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
            middleware.answers.invalidate()  # a write completes while this read runs
            await super().__call__(scope, receive, send)

    middleware.app = WriteMidway()
    run(middleware, _scope())
    assert len(middleware.answers) == 0


def test_off_when_the_time_to_live_is_zero(clock: Clock) -> None:
    app = CountingApp()
    middleware = ReadCacheMiddleware(app, ttl_s=0, guard=Guard(None, False), clock=clock)
    assert run(middleware, _scope(), _scope()) == [b"answer 1", b"answer 2"]


def test_the_byte_budget_drops_the_least_recently_used(clock: Clock) -> None:
    middleware = ReadCacheMiddleware(
        CountingApp(), ttl_s=TTL, guard=Guard(None, False), max_bytes=40, clock=clock
    )
    run(middleware, *(_scope(f"/api/p{n}") for n in range(10)))
    assert 0 < len(middleware.answers) < 10
    assert middleware.answers._bytes <= 40


# --- through the real app -----------------------------------------------------------------------


@pytest.fixture
def cached_app(write_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    app = create_app(make_settings(cache_ttl_s=600, protect_reads=True), write_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_app_never_serves_a_cached_page_without_the_token(cached_app: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for path in ("/api/events", "/api/map", "/", "/articles/aleppo-1"):
        assert cached_app.get(path, headers=auth).status_code == 200
        assert cached_app.get(path, headers=auth).headers.get("age") is not None, path  # now cached
        assert cached_app.get(path).status_code == 401, path
        assert cached_app.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401, path


def test_a_write_through_the_api_is_visible_at_once(cached_app: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = cached_app.get("/api/articles", headers=auth).json()["total"]
    assert cached_app.get("/api/articles", headers=auth).json()["total"] == before
    assert cached_app.post("/api/documents", json=DOCUMENT, headers=auth).status_code == 200
    assert cached_app.get("/api/articles", headers=auth).json()["total"] == before + 1
