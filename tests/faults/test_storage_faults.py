"""The store's disk fails under it: full, or read-only. Each ends with a StorageError and exit 3.

A full disk is made two real ways: SQLite's own page limit (``PRAGMA max_page_count``, set on
every connection the child opens through SQLAlchemy's public ``connect`` event: SQLite then
answers "database or disk is full" exactly as on a full disk; works for any user) and, where
this process may mount one, a 2 MB tmpfs (the kernel's ENOSPC). A read-only store is a file
(or folder) the ingesting process may not write: ``chmod`` for a normal user; as root, whom
file modes do not stop, the immutable attribute (``chattr +i``). After a failure the store is
intact, and once there is room again a rerun finishes the batch.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.faults.conftest import FIGURES
from tests.faults.corpus import check_sqlite_store, child_env, marsad, write_crawl

DOCUMENTS = 30
EXIT_STORAGE = 3


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_crawl(tmp_path_factory.mktemp("faults") / "crawl", range(DOCUMENTS))


def fresh_store(db: Path) -> None:
    """A migrated, empty store: the disk fills while documents are written, not at creation."""
    done = marsad("stats", "--db", str(db))
    assert done.returncode == 0, done.stderr


#: Runs ``marsad`` with every SQLite connection capped at a number of pages: a disk that fills up.
CAPPED_MARSAD = """
import sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

PAGES = int(sys.argv[1])

@event.listens_for(Engine, "connect")
def cap(dbapi_connection, _record):
    dbapi_connection.execute(f"PRAGMA max_page_count = {PAGES}")

from marsad.cli import main
sys.argv = ["marsad", *sys.argv[2:]]
main()
"""


def assert_storage_failure(done: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert done.returncode == EXIT_STORAGE, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert "[M04" in done.stderr, done.stderr
    assert any(phrase in done.stderr for phrase in phrases), done.stderr


def test_a_full_database_stops_with_exit_3_and_a_rerun_finishes(crawl: Path, tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    fresh_store(db)
    with sqlite3.connect(db) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    done = subprocess.run(
        [sys.executable, "-c", CAPPED_MARSAD, str(pages + 40), "ingest", str(crawl), "--db", str(db)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=300,
    )
    assert_storage_failure(done, "database or disk is full")
    before = check_sqlite_store(db)
    assert 0 < before.documents < DOCUMENTS, "it stopped part way, keeping the articles before"
    rerun = marsad("ingest", str(crawl), "--db", str(db), "--format", "json")
    assert rerun.returncode == 0, rerun.stderr
    after = check_sqlite_store(db)
    assert after.documents == DOCUMENTS
    FIGURES.add(
        "disk_full_sqlite_page_limit",
        {
            "exit_code": done.returncode,
            "stored_before_full": before.documents,
            "after_rerun": after.documents,
        },
    )


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, where this process may mount one (root with CAP_SYS_ADMIN)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_tmpfs_stops_with_exit_3(crawl: Path, tmp_path: Path, tiny_disk: Path) -> None:
    big_crawl = write_crawl(tmp_path / "big", range(400))
    db = tiny_disk / "store.db"
    done = marsad("ingest", str(big_crawl), "--db", str(db))
    assert_storage_failure(done, "disk is full", "disk I/O error")
    snapshot = check_sqlite_store(db)
    assert 0 < snapshot.documents < 400
    FIGURES.add("disk_full_tmpfs", {"exit_code": done.returncode, "stored_before_full": snapshot.documents})


def protect(path: Path) -> Callable[[], None]:
    """Make ``path`` unwritable for this user; returns how to undo it."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        return lambda: path.chmod(mode)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"root, and no immutable attribute here: {done.stderr.strip()}")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def ingest_into_protected(crawl: Path, tmp_path: Path, protected: Callable[[Path], Path]) -> str:
    """Store the crawl, protect part of the store, try to ingest three more pages."""
    db = tmp_path / "store" / "store.db"
    assert marsad("ingest", str(crawl), "--db", str(db)).returncode == 0
    undo = protect(protected(db))
    try:
        more = write_crawl(tmp_path / "more", range(DOCUMENTS, DOCUMENTS + 3))
        done = marsad("ingest", str(more), "--db", str(db))
    finally:
        undo()
    assert_storage_failure(done, "readonly", "read-only", "unable to open", "attempt to write")
    assert check_sqlite_store(db).documents == DOCUMENTS, "the stored documents are untouched"
    return done.stderr.strip()


def test_a_read_only_database_file_stops_with_exit_3(crawl: Path, tmp_path: Path) -> None:
    message = ingest_into_protected(crawl, tmp_path, lambda db: db)
    FIGURES.add("read_only_database_file", {"exit_code": EXIT_STORAGE, "message": message[-300:]})


def test_a_read_only_folder_stops_with_exit_3(crawl: Path, tmp_path: Path) -> None:
    """The file is writable but its folder is not: SQLite cannot create its -wal/-shm files."""

    def folder_without_journal(db: Path) -> Path:
        for name in ("store.db-wal", "store.db-shm"):
            (db.parent / name).unlink(missing_ok=True)
        return db.parent

    message = ingest_into_protected(crawl, tmp_path, folder_without_journal)
    FIGURES.add("read_only_database_folder", {"exit_code": EXIT_STORAGE, "message": message[-300:]})
