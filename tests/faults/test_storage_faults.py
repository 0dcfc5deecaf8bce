"""The store's disk fails under it: full, or read-only. Each ends with a StorageError and exit 3.

A full disk is made two real ways: ``RLIMIT_FSIZE`` on the child (the kernel refuses writes
past the limit: works for any user) and, where this process may mount, a 2 MB tmpfs (ENOSPC).
A read-only store is a file the ingesting user may not write; as root, whom file modes do
not stop, the child drops to ``nobody``. After a failure the store is intact, and once the
disk has room again a rerun finishes the batch.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.faults.conftest import FIGURES
from tests.faults.corpus import check_sqlite_store, child_env, marsad, write_crawl

DOCUMENTS = 30
NOBODY = 65534
EXIT_STORAGE = 3


@pytest.fixture(scope="module")
def crawl() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="marsad-faults-"))
    folder.chmod(0o755)  # readable by the unprivileged child of the read-only test
    write_crawl(folder / "crawl", range(DOCUMENTS))
    (folder / "crawl").chmod(0o755)
    yield folder / "crawl"
    shutil.rmtree(folder, ignore_errors=True)


def fresh_store(db: Path) -> None:
    """A migrated, empty store: the disk fills while documents are written, not at creation."""
    done = marsad("stats", "--db", str(db))
    assert done.returncode == 0, done.stderr


def file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG from write(), not death by signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def assert_storage_failure(done: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert done.returncode == EXIT_STORAGE, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert "[M04" in done.stderr, done.stderr
    assert any(phrase in done.stderr for phrase in phrases), done.stderr


def test_a_full_disk_by_file_size_limit_stops_with_exit_3_and_a_rerun_finishes(
    crawl: Path, tmp_path: Path
) -> None:
    db = tmp_path / "full.db"
    fresh_store(db)
    room = sum(p.stat().st_size for p in tmp_path.glob("full.db*")) + 64 * 1024
    done = subprocess.run(
        [sys.executable, "-m", "marsad", "ingest", str(crawl), "--db", str(db)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=300,
        preexec_fn=file_size_limit(room),
    )
    assert_storage_failure(done, "disk is full", "disk I/O error")
    before = check_sqlite_store(db)
    assert before.documents < DOCUMENTS
    rerun = marsad("ingest", str(crawl), "--db", str(db), "--format", "json")
    assert rerun.returncode == 0, rerun.stderr
    after = check_sqlite_store(db)
    assert after.documents == DOCUMENTS
    FIGURES.add(
        "disk_full_rlimit",
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


def as_unprivileged() -> Callable[[], None] | None:
    """Drop to nobody in the child when we are root: file modes do not stop root."""
    if os.geteuid() != 0:
        return None

    def drop() -> None:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)

    return drop


def read_only_store(crawl: Path, make_read_only: Callable[[Path], None]) -> subprocess.CompletedProcess[str]:
    folder = Path(tempfile.mkdtemp(prefix="marsad-ro-"))
    try:
        folder.chmod(0o755)
        db = folder / "store.db"
        fresh_store(db)
        marsad("ingest", str(crawl), "--db", str(db))  # a store with documents in it
        for path in folder.iterdir():
            path.chmod(0o644)
        make_read_only(folder)
        env = child_env({"MARSAD_CACHE_DIR": str(folder / "cache"), "HOME": str(folder)})
        extra = write_crawl(folder / "more", range(DOCUMENTS, DOCUMENTS + 3))
        extra.chmod(0o755)
        done = subprocess.run(
            [sys.executable, "-m", "marsad", "ingest", str(extra), "--db", str(db)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            preexec_fn=as_unprivileged(),
        )
        folder.chmod(0o755)
        assert check_sqlite_store(db).documents == DOCUMENTS, "the stored documents are untouched"
        return done
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_read_only_database_file_stops_with_exit_3(crawl: Path) -> None:
    def read_only_file(folder: Path) -> None:
        db = folder / "store.db"
        db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        if os.geteuid() != 0:
            folder.chmod(0o555)

    done = read_only_store(crawl, read_only_file)
    assert_storage_failure(done, "readonly", "read-only", "unable to open")
    FIGURES.add("read_only_database", {"exit_code": done.returncode, "message": done.stderr.strip()[-300:]})


def test_a_read_only_folder_stops_with_exit_3(crawl: Path) -> None:
    """The file is writable but its folder is not: SQLite cannot create its -wal/-shm files."""

    def read_only_folder(folder: Path) -> None:
        for name in ("store.db-wal", "store.db-shm"):
            (folder / name).unlink(missing_ok=True)
        (folder / "store.db").chmod(0o666)
        folder.chmod(0o555)

    done = read_only_store(crawl, read_only_folder)
    assert_storage_failure(done, "readonly", "read-only", "unable to open")
