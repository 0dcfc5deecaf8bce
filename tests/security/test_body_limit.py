"""Request bodies over ``server.max_body_bytes`` are answered 413 in the one error shape, on every
write endpoint, whether the size is declared (Content-Length) or streamed (chunked), before any
route reads them and with nothing written. The last tests speak raw HTTP to a real server: a
declared size is refused before the body is sent at all.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.store import Store
from tests.api.conftest import TOKEN, assert_error_shape, make_settings
from tests.security.conftest import row_counts, write_operations
from tests.web.browser import serve

LIMIT = 2_000
AUTH = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}


def _big_document(size: int) -> bytes:
    text = "قصف على دوما " * (size // 20 + 1)
    return json.dumps({"text": text, "documents": [{"text": text}]}, ensure_ascii=False).encode()


@pytest.fixture
def limited(write_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    app = create_app(make_settings(max_body_bytes=LIMIT), write_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _assert_too_large(status: int, body: object) -> None:
    assert status == 413
    assert_error_shape(body, 413)
    assert isinstance(body, dict)
    assert body["errors"][0]["type"] == "body_too_large"


@pytest.mark.parametrize("headers", [AUTH, {"content-type": "application/json"}], ids=["token", "no-token"])
def test_a_declared_large_body_is_refused_on_every_write(
    limited: TestClient, write_store: Store, headers: dict[str, str]
) -> None:
    before = row_counts(write_store)
    payload = _big_document(LIMIT * 3)
    for op in write_operations(limited.app):  # type: ignore[arg-type]
        response = limited.request(op.method, op.path, content=payload, headers=headers)
        _assert_too_large(response.status_code, response.json())
        assert response.headers["x-content-type-options"] == "nosniff"
    assert row_counts(write_store) == before


def test_a_streamed_large_body_is_refused_on_every_write(limited: TestClient, write_store: Store) -> None:
    before = row_counts(write_store)
    payload = _big_document(LIMIT * 3)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the client sends it chunked
        for start in range(0, len(payload), 256):
            yield payload[start : start + 256]

    for op in write_operations(limited.app):  # type: ignore[arg-type]
        response = limited.request(op.method, op.path, content=chunks(), headers=AUTH)
        _assert_too_large(response.status_code, response.json())
    assert row_counts(write_store) == before


def test_a_body_just_under_the_limit_reaches_the_route(limited: TestClient) -> None:
    document = {"id": "small", "text": "قتل مدني في قصف على دوما"}
    payload = json.dumps(document, ensure_ascii=False).encode()
    padded = payload[:-1] + b" " * (LIMIT - len(payload)) + b"}"
    assert len(padded) == LIMIT
    response = limited.post("/api/documents", content=padded, headers=AUTH)
    assert response.status_code == 200, response.text


# --- raw HTTP against a real server -----------------------------------------------------------


@pytest.fixture
def live(write_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    with serve(create_app(make_settings(max_body_bytes=LIMIT), write_store)) as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port)


def _request_head(path: str, extra: str) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: application/json\r\n{extra}\r\n"
    ).encode("latin-1")


def _status_and_body(sock: socket.socket) -> tuple[int, dict[str, object]]:
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body[body.index(b"{") :])


def test_a_declared_size_is_refused_before_the_body_is_sent(live: tuple[str, int]) -> None:
    with socket.create_connection(live, timeout=10) as sock:
        sock.sendall(_request_head("/api/documents", f"Content-Length: {100 * 1024 * 1024}\r\n"))
        status, body = _status_and_body(sock)  # nothing of the 100 MiB was sent
    _assert_too_large(status, body)


def test_a_chunked_body_is_cut_off_once_over_the_limit(live: tuple[str, int]) -> None:
    with socket.create_connection(live, timeout=10) as sock:
        sock.sendall(_request_head("/api/ingest", "Transfer-Encoding: chunked\r\n"))
        piece = b"x" * 500
        for _ in range(LIMIT // len(piece) + 2):
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        status, body = _status_and_body(sock)  # answered without the final 0-length chunk
    _assert_too_large(status, body)
