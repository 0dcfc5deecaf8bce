"""The command line: every command through CliRunner, exit codes, and one real subprocess run."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import EXIT_NOTHING, EXIT_PARTIAL, EXIT_STORAGE, EXIT_USAGE, app
from marsad.store import open_store
from tests.store.conftest import article, rich_article, strike

REPO = Path(__file__).resolve().parent.parent
V1 = "0.1.0+aaaaaaaa"

# A page as a scraper saves it: headline, outlet line, article, then the site's widgets.
SCRAPED_PAGE = "\n\n".join(
    [
        "قصف مدفعي يستهدف أحياء في مدينة درعا",
        "درعا 24 – خاص",
        "استهدفت قوات النظام بقذائف المدفعية الثقيلة صباح اليوم الثلاثاء حي طريق السد في مدينة درعا، ما أدى "
        "إلى مقتل ثلاثة مدنيين بينهم طفل وإصابة سبعة آخرين، بحسب ما أفاد به الدفاع المدني في المحافظة.",
        "وقال ناشطون إن القصف طال أيضاً مخيم درعا للاجئين الفلسطينيين، وسط تحليق مكثف لطيران الاستطلاع.",
        "شارك على مواقع التواصل الاجتماعي:",
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    ]
)


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config, database or data folder leaks into a test."""
    for name in ("MARSAD_DB", "MARSAD_CONFIG", "MARSAD_STORE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("marsad.store.database.data_dir", lambda: tmp_path / "data")


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def pages(folder: Path, count: int = 3) -> Path:
    folder.mkdir(exist_ok=True)
    for n in range(count):
        (folder / f"page{n}.txt").write_text(SCRAPED_PAGE.replace("ثلاثة", f"ثلاثة ({n})"), encoding="utf-8")
    return folder


@pytest.fixture
def filled_db(tmp_path: Path) -> str:
    """A store with two events written directly (no extraction involved)."""
    path = str(tmp_path / "filled.db")
    with open_store(path) as store:
        store.save_article(rich_article(), V1)
        sentence = "اشتباكات عنيفة في محيط الموصل"
        store.save_article(
            article("iraq", sentence, events=[strike(sentence, sentence, place=None, day=None)]), V1
        )
    return path


@pytest.mark.parametrize(
    "command",
    [[], ["extract"], ["ingest"], ["events"], ["export"], ["stats"], ["serve"], ["demo"], ["pipeline"]],
)
def test_help_everywhere(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("marsad ")


def test_ingest_twice_second_run_all_duplicates(tmp_path: Path) -> None:
    folder = pages(tmp_path / "in")
    db = str(tmp_path / "m.db")
    first = invoke("ingest", str(folder), "--db", db, "--format", "json")
    second = invoke("ingest", str(folder), "--db", db, "--format", "json")
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert json.loads(first.stdout)["new"] == 3
    summary = json.loads(second.stdout)
    assert (summary["duplicate"], summary["new"], summary["failed"]) == (3, 0, 0)


def test_ingest_reprocess(tmp_path: Path) -> None:
    folder = pages(tmp_path / "in", 2)
    db = str(tmp_path / "m.db")
    invoke("ingest", str(folder), "--db", db)
    result = invoke("ingest", str(folder), "--db", db, "--reprocess", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["reprocessed"] == 2


def test_ingest_table_summary(tmp_path: Path) -> None:
    result = invoke("ingest", str(pages(tmp_path / "in", 1)), "--db", str(tmp_path / "m.db"))
    assert result.exit_code == 0, result.output
    assert "new" in result.stdout
    assert "duplicate" in result.stdout


def test_some_inputs_failed_exit_1(tmp_path: Path) -> None:
    folder = pages(tmp_path / "in", 1)
    result = invoke(
        "ingest", str(folder), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "m.db"), "-f", "json"
    )
    assert result.exit_code == EXIT_PARTIAL
    summary = json.loads(result.stdout)
    assert summary["failed"] == 1
    assert summary["failures"][0]["code"] == "M028"


def test_nothing_processed_exit_4(tmp_path: Path) -> None:
    assert (
        invoke("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "m.db")).exit_code
        == EXIT_NOTHING
    )
    (tmp_path / "empty").mkdir()
    assert invoke("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "m.db")).exit_code == EXIT_NOTHING


def test_bad_config_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[store]\nnosuch = 1\n", encoding="utf-8")
    result = invoke("stats", "--config", str(config), "--db", str(tmp_path / "m.db"))
    assert result.exit_code == EXIT_USAGE
    assert "[M011]" in result.stderr


def test_unusable_database_exit_3(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("stats", "--db", str(blocker / "m.db"))
    assert result.exit_code == EXIT_STORAGE
    assert "M04" in result.stderr


def test_db_option_overrides_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    invoke("stats", "--db", str(tmp_path / "option.db"))
    assert (tmp_path / "option.db").exists()
    assert not (tmp_path / "env.db").exists()
    invoke("stats")
    assert (tmp_path / "env.db").exists()


def test_events_json_with_filters(filled_db: str) -> None:
    result = invoke(
        "events",
        "--db",
        filled_db,
        "--format",
        "json",
        "--country",
        "SY",
        "--type",
        "explosions_remote_violence",
    )
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["doc_id"] == "aleppo-1"
    assert record["location"]["name_en"] == "Aleppo"
    assert json.loads(invoke("events", "--db", filled_db, "-f", "json", "--place", "دوما").stdout) == []


def test_events_table(filled_db: str) -> None:
    result = invoke("events", "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert "of 2" in result.stdout
    assert "Aleppo" in result.stdout


@pytest.mark.parametrize(
    "options",
    [
        ["--type", "war"],
        ["--sub-type", "bombing"],
        ["--since", "yesterday"],
        ["--bbox", "1,2,3"],
        ["--limit", "0"],
    ],
)
def test_events_bad_options_exit_2(filled_db: str, options: list[str]) -> None:
    assert invoke("events", "--db", filled_db, *options).exit_code == EXIT_USAGE


def test_export_csv_to_stdout(filled_db: str) -> None:
    result = invoke("export", "--db", filled_db, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["doc_id"] for r in rows) == ["aleppo-1", "iraq"]
    assert "exported 2 events" in result.stderr


def test_export_geojson_file(filled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    result = invoke("export", "--db", filled_db, "--format", "geojson", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 1
    assert "1 without coordinates" in result.stderr


def test_export_jsonl_filtered(filled_db: str) -> None:
    result = invoke("export", "--db", filled_db, "-f", "jsonl", "--since", "2016-01-01")
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["aleppo-1"]


def test_export_parquet(filled_db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert invoke("export", "--db", filled_db, "--format", "parquet").exit_code == EXIT_USAGE
    out = tmp_path / "e.parquet"
    assert invoke("export", "--db", filled_db, "--format", "parquet", "-o", str(out)).exit_code == 0
    assert pq.read_table(out).num_rows == 2


def test_stats(filled_db: str) -> None:
    result = invoke("stats", "--db", filled_db, "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["documents"], record["events"], record["truces"]) == (2, 2, 1)
    assert invoke("stats", "--db", filled_db).exit_code == 0


def test_serve_runs_the_app_on_the_given_address(filled_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    calls: list[tuple[object, str, int]] = []
    monkeypatch.setattr("uvicorn.run", lambda served, host, port, **kw: calls.append((served, host, port)))
    result = invoke("serve", "--db", filled_db, "--port", "8999")
    assert result.exit_code == 0, result.output
    ((served, host, port),) = calls
    assert (host, port) == ("127.0.0.1", 8999)
    page = TestClient(served).get("/")  # type: ignore[arg-type]
    assert page.status_code == 200
    assert "air_drone_strike" in page.text
    assert TestClient(served).get("/api/stats").json()["events"] == 2  # type: ignore[arg-type]


def test_demo_ingests_the_bundled_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("uvicorn.run", lambda *a, **kw: pytest.fail("--no-serve must not serve"))
    db = tmp_path / "demo.db"
    result = invoke("demo", "--no-serve", "--db", str(db))
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        stats = store.stats()
        undated = [a.doc_id for a in store.list_articles(limit=100) if a.published is None]
    assert stats.documents >= 40
    assert stats.drops_by_reason == {"not_arabic": 1, "no_body": 1}  # the 404-style HTML page
    assert stats.failures == 0
    assert undated == []  # every demo article carries its date
    again = invoke("demo", "--no-serve", "--db", str(db))
    assert re.search(r"duplicate\W+42\b", again.stdout), again.stdout  # all duplicates the second time


def test_demo_uses_its_own_database_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marsad.demo.corpus_paths", lambda: [pages(tmp_path / "in", 1) / "page0.txt"])
    result = invoke("demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "demo.db").exists()
    assert not (tmp_path / "data" / "marsad.db").exists()


def test_extract_in_a_real_process(tmp_path: Path) -> None:
    page = tmp_path / "daraa-shelling.txt"
    page.write_text(SCRAPED_PAGE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "marsad", "extract", str(page)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    record = json.loads(line)
    assert record["doc_id"] == "daraa-shelling"
    assert "حي طريق السد" in record["body"]


def test_extract_missing_file_exit_4(tmp_path: Path) -> None:
    assert invoke("extract", str(tmp_path / "absent.txt")).exit_code == EXIT_NOTHING


def test_cli_docs_are_up_to_date() -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        from gen_cli_docs import render
    finally:
        sys.path.pop(0)
    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale: run .venv/bin/python tools/gen_cli_docs.py"
    )
