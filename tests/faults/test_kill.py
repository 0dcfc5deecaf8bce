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
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.conftest import FIGURES
from tests.faults.corpus import Snapshot, check_sqlite_store, child_env, marsad, write_crawl

DOCUMENTS = 120
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
def reference(crawl: Path) -> tuple[Snapshot, float, float]:
    """A clean single run; also the start-up time and the time per document, to aim the kills."""
    root = crawl.parent
    (root / "nothing").mkdir()
    started = time.perf_counter()
    marsad("ingest", str(root / "nothing"), "--db", str(root / "startup.db"))
    startup = time.perf_counter() - started
    started = time.perf_counter()
    done = marsad("ingest", str(crawl), "--db", str(root / "reference.db"), "--format", "json")
    total = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    per_document = max(total - startup, 0.5) / DOCUMENTS
    return check_sqlite_store(root / "reference.db"), startup, per_document


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_repeated_kill_9_never_loses_or_duplicates(
    crawl: Path, reference: tuple[Snapshot, float, float], tmp_path: Path, workers: int
) -> None:
    clean, startup, per_document = reference
    db = tmp_path / "killed.db"
    chance = random.Random(SEED + workers)
    stored_after_kill: list[int] = []
    for _ in range(KILLS):
        # aim at the batch itself: past start-up, within the next dozen documents
        delay = startup * chance.uniform(0.8, 1.2) + per_document * chance.uniform(0, 12)
        run = start_ingest(crawl, db, "--workers", str(workers))
        time.sleep(delay)
        run.kill()  # SIGKILL to the ingest process alone, as `kill -9 PID` does
        run.wait(timeout=30)
        if Path("/proc").is_dir():
            assert orphans_after_kill(run.pid) == [], "no worker outlives a killed ingest"
        snapshot = check_sqlite_store(db) if db.exists() else None
        if snapshot is not None:
            assert_matches(snapshot, clean)
        stored_after_kill.append(snapshot.documents if snapshot else 0)
    assert stored_after_kill[-1] < DOCUMENTS, "the kills landed before the end of the batch"

    done = marsad("ingest", str(crawl), "--db", str(db), "--workers", str(workers), "--format", "json")
    assert done.returncode == 0, done.stderr
    final = check_sqlite_store(db)
    assert final.rows_per_document == clean.rows_per_document, "nothing lost, nothing twice"
    assert final.tracked == clean.tracked
    FIGURES.add(
        f"kill_9.workers_{workers}",
        {
            "kills_survived": KILLS,
            "documents_stored_after_each_kill": stored_after_kill,
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
    crawl: Path, reference: tuple[Snapshot, float, float], tmp_path: Path
) -> None:
    """All articles stored, then killed in the one-transaction recompute: a rerun stores
    nothing new, and must still bring incidents and fingerprints up to date."""
    clean, _, _ = reference
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
