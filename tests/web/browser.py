"""Helpers for the browser tests: a marsad server on 127.0.0.1 in a thread, and Debian's Chromium
driven by Playwright (never a downloaded browser: ``playwright install`` is not used).

The browser is ``$MARSAD_CHROMIUM`` or /usr/bin/chromium; without it the tests skip, unless
``MARSAD_REQUIRE_BROWSER=1``, where that is a failure. Screenshots go to ``$MARSAD_ARTIFACTS``
(default ./artifacts).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str:
    """The Chromium to drive, or a skip (a failure with MARSAD_REQUIRE_BROWSER=1)."""
    path = os.environ.get("MARSAD_CHROMIUM") or "/usr/bin/chromium"
    found = path if Path(path).is_file() else shutil.which(path)
    problem = None
    if not found:
        problem = f"no Chromium at {path} (set MARSAD_CHROMIUM)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed"
    if problem:
        if os.environ.get("MARSAD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MARSAD_REQUIRE_BROWSER=1 but {problem}")
        pytest.skip(problem)
    assert found is not None
    return found


def artifacts_dir() -> Path:
    path = Path(os.environ.get("MARSAD_ARTIFACTS", "artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
