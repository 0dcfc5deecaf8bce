"""``kill -9`` in the middle of ``marsad ingest``, again and again, then a rerun to the end.

After every kill the store must be intact (integrity check, foreign keys, no orphan rows) and
every stored document must have exactly the rows a clean run gives it: a killed transaction
leaves nothing behind. After the final rerun the store must equal a clean single run:
nothing lost, nothing twice, the cross-article tables (incidents, fingerprints) included.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.conftest import FIGURES
from tests.faults.corpus import Snapshot, check_sqlite_store, child_env, marsad, write_crawl

DOCUMENTS = 200
KILLS = 10
SEED = 20261122


def start_ingest(crawl: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "marsad", "ingest", str(crawl), "--db", str(db), "--format", "json", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        start_new_session=True,  # its own process group: workers it started can be found and checked
    )


def live_members(group: int) -> list[int]:
    """Processes of the killed run's group still running (zombies waiting to be reaped excluded)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, _parent, process_group = stat[stat.rindex(")") + 2 :].split()[:3]
        if int(process_group) == group and state != "Z":
            members.append(int(entry.name))
    return members


def orphans_after_kill(group: int, grace_s: float = 10.0) -> list[int]:
    """Workers of a killed ingest must exit by themselves; whatever is left is killed here."""
    deadline = time.monotonic() + grace_s
    while (left := live_members(group)) and time.monotonic() < deadline:
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    return left


def assert_matches(snapshot: Snapshot, reference: Snapshot) -> None:
    """Every stored document has all of its rows, exactly as in the clean run."""
    for doc_id, rows in snapshot.rows_per_document.items():
        assert rows == reference.rows_per_document[doc_id], f"{doc_id} is stored partly: {rows}"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_crawl(tmp_path_factory.mktemp("kill") / "crawl", range(DOCUMENTS))


@pytest.fixture(scope="module")
def reference(crawl: Path) -> tuple[Snapshot, float]:
    """A clean single run, and how long start-up takes (to aim the first kill at it)."""
    root = crawl.parent
    (root / "nothing").mkdir()
    started = time.perf_counter()
    marsad("ingest", str(root / "nothing"), "--db", str(root / "startup.db"))
    startup = time.perf_counter() - started
    done = marsad("ingest", str(crawl), "--db", str(root / "reference.db"), "--format", "json")
    assert done.returncode == 0, done.stderr
    return check_sqlite_store(root / "reference.db"), startup


def stored(db: Path) -> int:
    """Documents committed so far (read-only; WAL lets it read while the run writes)."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created, or not migrated yet


def kill_when(run: subprocess.Popen[str], db: Path, target: int, chance: random.Random) -> bool:
    """SIGKILL the run once ``target`` documents are stored, a moment later (inside the next
    article's transaction, most likely). False when the run ended first."""
    while stored(db) < target:
        if run.poll() is not None:
            return False
        time.sleep(0.01)
    time.sleep(chance.uniform(0, 0.02))
    run.kill()  # SIGKILL to the ingest process alone, as `kill -9 PID` does
    run.wait(timeout=30)
    return True


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_repeated_kill_9_never_loses_or_duplicates(
    crawl: Path, reference: tuple[Snapshot, float], tmp_path: Path, workers: int
) -> None:
    clean, startup = reference
    db = tmp_path / "killed.db"
    chance = random.Random(SEED + workers)
    after_each_kill: list[int] = []
    for kill in range(KILLS):
        run = start_ingest(crawl, db, "--workers", str(workers))
        if kill == 0:  # the first one during start-up: store creation, migrations, pipeline
            time.sleep(chance.uniform(0, startup))
            run.kill()
            run.wait(timeout=30)
        else:
            target = min(stored(db) + chance.randint(1, 5), DOCUMENTS - 20)  # the end is the rerun's
            assert kill_when(run, db, target, chance), "the run ended before its kill"
        if Path("/proc").is_dir():
            assert orphans_after_kill(run.pid) == [], "no worker outlives a killed ingest"
        snapshot = check_sqlite_store(db) if db.exists() else None
        if snapshot is not None:
            assert_matches(snapshot, clean)
        after_each_kill.append(snapshot.documents if snapshot else 0)

    done = marsad("ingest", str(crawl), "--db", str(db), "--workers", str(workers), "--format", "json")
    assert done.returncode == 0, done.stderr
    final = check_sqlite_store(db)
    assert final.rows_per_document == clean.rows_per_document, "nothing lost, nothing twice"
    assert final.tracked == clean.tracked
    FIGURES.add(
        f"kill_9.workers_{workers}",
        {
            "kills_survived": KILLS,
            "documents_stored_after_each_kill": after_each_kill,
            "documents_checked": final.documents,
            "derived_rows_checked": final.derived_rows,
            "seed": SEED + workers,
        },
    )


KILL_IN_TRACKING = """
import os, signal, sys
import marsad.store.batch as batch
def die(store):
    os.kill(os.getpid(), signal.SIGKILL)  # every article is stored; the cross-article tables are not
batch.recompute_tracking = die
from marsad.cli import main
sys.argv = ["marsad", "ingest", sys.argv[1], "--db", sys.argv[2]]
main()
"""


@pytest.mark.slow
def test_a_kill_during_the_tracking_recompute_is_made_good_by_the_rerun(
    crawl: Path, reference: tuple[Snapshot, float], tmp_path: Path
) -> None:
    """All articles stored, then killed in the one-transaction recompute: a rerun stores
    nothing new, and must still bring incidents and fingerprints up to date."""
    clean, _ = reference
    db = tmp_path / "tracking.db"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_IN_TRACKING, str(crawl), str(db)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL
    assert check_sqlite_store(db).tracked["article_fingerprints"] == 0
    done = marsad("ingest", str(crawl), "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    final = check_sqlite_store(db)
    assert final.rows_per_document == clean.rows_per_document
    assert final.tracked == clean.tracked, "the rerun recomputes what the killed run did not"
