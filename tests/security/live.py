"""``marsad serve`` as a real subprocess on a free port of 127.0.0.1, its stderr kept in a file.

Shared by the security tests (binding, logs) and the load test: they need the server exactly as
a user starts it, not an app object in the test's own process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class LiveServer:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def marsad_serve(
    db: Path | str,
    log: Path,
    *,
    env: dict[str, str] | None = None,
    cli_args: tuple[str, ...] = (),
    timeout: float = 60,
) -> Iterator[LiveServer]:
    """Run ``marsad [cli_args] serve --db DB --port P`` (no --host: the default address).

    ``db`` is a SQLite path or a database URL.
    """
    port = free_port()
    command = [sys.executable, "-m", "marsad", *cli_args, "serve", "--db", str(db), "--port", str(port)]
    environment = {**os.environ, **(env or {})}
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=environment)
    server = LiveServer(f"http://127.0.0.1:{port}", port, process, log)
    try:
        _wait_until_up(server, timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait_until_up(server: LiveServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"marsad serve exited with {server.process.returncode}: {server.log_text()[-2000:]}"
            )
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"marsad serve did not answer within {timeout} s: {server.log_text()[-2000:]}")


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (Linux /proc/net), e.g. {"127.0.0.1"}."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, _, hex_port = fields[1].partition(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(_address(address, width))
    return found


def _address(hex_address: str, width: int) -> str:
    if width == 8:  # IPv4, little-endian
        return ".".join(str(int(hex_address[i : i + 2], 16)) for i in (6, 4, 2, 0))
    return "::" if int(hex_address, 16) == 0 else hex_address
