"""``marsad serve`` as users start it (a subprocess): it binds 127.0.0.1 unless told otherwise,
static paths cannot climb out of the static folder (raw request lines, not a client that tidies
``..`` away), and the token never reaches the log or an answer, with ``--verbose``, on refusals
and on a server error.
"""

from __future__ import annotations

import json
import secrets
import shutil
import socket
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from marsad.settings import Settings, load_settings
from tests.security.live import LiveServer, listening_addresses, marsad_serve
from tests.store.conftest import pg_server_url, pg_url

__all__ = ["pg_server_url", "pg_url"]

SECRET = "tok-" + secrets.token_urlsafe(24)


@pytest.fixture(scope="module")
def live(filled_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("live")
    db = folder / "store.db"
    shutil.copyfile(filled_path, db)
    with marsad_serve(
        db, folder / "server.log", env={"MARSAD_TOKEN": SECRET}, cli_args=("--verbose",)
    ) as server:
        yield server


def raw_get(server: LiveServer, target: str, headers: str = "") -> tuple[int, bytes]:
    """Send ``GET target`` exactly as written; returns the status and the body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n".encode(
                "latin-1"
            )
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


# --- binding ------------------------------------------------------------------------------------


def test_the_default_address_is_loopback(tmp_path: Path) -> None:
    assert Settings().server.host == "127.0.0.1"
    assert load_settings(config=None, env={}).server.host == "127.0.0.1"


def test_serve_listens_on_loopback_only(live: LiveServer) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc/net/tcp to see the bound address")
    assert listening_addresses(live.port) == {"127.0.0.1"}
    assert f"http://127.0.0.1:{live.port}/" in live.log_text()


# --- static files ---------------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../views.py",
    "/static/../../api/security.py",
    "/static/../../../../../../../../etc/passwd",
    "/static/js/../../views.py",
    "/static/%2e%2e/views.py",
    "/static/%2E%2E/%2E%2E/api/security.py",
    "/static/..%2fviews.py",
    "/static/js/..%2f..%2fviews.py",
    "/static/.%2e/views.py",
    "/static/%252e%252e/views.py",
    "/static/..%5cviews.py",
    "/static/..\\views.py",
    "/static/..%c0%afviews.py",
    "/static/....//views.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/js/dashboard.js%00.png",
    "/static/",
    "/static/js/",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_static_paths_cannot_leave_the_static_folder(live: LiveServer, target: str) -> None:
    status, body = raw_get(live, target)
    assert status in {400, 404, 405}, (target, status)
    for leaked in (b"import ", b"def ", b"root:", b"marsad.api"):
        assert leaked not in body, (target, leaked)


def test_static_files_themselves_are_served(live: LiveServer) -> None:
    status, body = raw_get(live, "/static/js/dashboard.js")
    assert status == 200
    assert b"textContent" in body


# --- the token and the logs -------------------------------------------------------------------------


def _call(
    server: LiveServer, path: str, headers: dict[str, str], body: object | None = None
) -> tuple[int, str]:
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    request = urllib.request.Request(
        server.url + path, data=data, headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_token_never_reaches_the_log_or_an_answer(filled_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    shutil.copyfile(filled_path, db)
    document = {
        "id": "log-probe",
        "text": "قتل ثلاثة مدنيين في قصف جوي على مدينة دوما صباح اليوم.",
        "published": "2016-05-01",
    }
    near_misses = [SECRET[:-1], SECRET + "x", SECRET.upper(), f"{SECRET} {SECRET}"]
    answers: list[tuple[int, str]] = []
    with marsad_serve(
        db, tmp_path / "server.log", env={"MARSAD_TOKEN": SECRET}, cli_args=("--verbose",)
    ) as server:
        answers.append(_call(server, "/api/documents", {"Authorization": f"Bearer {SECRET}"}, document))
        for wrong in near_misses:
            answers.append(_call(server, "/api/documents", {"Authorization": f"Bearer {wrong}"}, document))
            answers.append(_call(server, "/api/ingest", {"X-Marsad-Token": wrong}, {"documents": [document]}))
        answers.append(_call(server, f"/api/events?token={SECRET}", {}))
        answers.append(
            _call(server, "/api/truces", {"Authorization": f"Bearer {SECRET}"}, {"name": "x"})
        )  # a 422
        _break_the_store(db)
        answers.append(_call(server, "/api/events", {"Authorization": f"Bearer {SECRET}"}))
        answers.append(
            _call(server, "/api/documents", {"Authorization": f"Bearer {SECRET}"}, {**document, "id": "p2"})
        )
    log = server.log_text()
    statuses = [status for status, _ in answers]
    assert statuses[0] == 200
    assert statuses.count(401) == 2 * len(near_misses)
    assert 422 in statuses
    assert statuses[-2] == 500
    assert "Traceback" in log or "unexpected error" in log  # the control: errors are logged
    assert SECRET not in log
    for status, body in answers:
        assert SECRET not in body, status
        if status == 500:
            assert "no such table" not in body
            assert "sqlite" not in body.lower()


def _break_the_store(db: Path) -> None:
    """Every later read of events fails inside the database: a 500 with a traceback in the log."""
    with sqlite3.connect(db) as connection:
        connection.execute("ALTER TABLE events RENAME TO events_gone")


@pytest.mark.postgres
def test_the_database_password_never_reaches_the_log(pg_url: str, tmp_path: Path) -> None:
    """The test server trusts local connections, so any password is accepted and must stay unseen."""
    password = "pw-" + secrets.token_urlsafe(12)
    url = make_url(pg_url).set(password=password).render_as_string(hide_password=False)
    with marsad_serve(url, tmp_path / "server.log", cli_args=("--verbose",)) as server:
        status, _ = _call(server, "/api/stats", {})
    assert status == 200
    assert "serving" in server.log_text()
    assert password not in server.log_text()
