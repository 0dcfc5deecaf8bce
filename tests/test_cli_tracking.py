"""The tracking commands: truce add/remove, truces, violations, incidents, contradictions, recompute."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from marsad.cli import EXIT_NOTHING, EXIT_USAGE, GradeChoice, app
from marsad.dedup.incidents import Grade
from marsad.store import open_store
from marsad.store.tracking import recompute_tracking
from tests.store.tracking_builders import everything

TRUCE_FILE = """
truces:
  - id: latakia-calm
    name: Calm regime, Latakia countryside
    kind: calm
    parties: [روسيا, الولايات المتحدة]
    start: 2016-09-12
    end: 2016-09-15
    zones: [ريف اللاذقية]
    exclusions: [اللاذقية]
"""


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config or database leaks in; a wide terminal so tables are not cut."""
    for name in ("MARSAD_DB", "MARSAD_CONFIG", "MARSAD_STORE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("marsad.store.database.data_dir", lambda: tmp_path / "data")


@pytest.fixture
def tracked_db(tmp_path: Path) -> str:
    """A store with a calm regime, strikes in and out of it, a reprinted wire story and a denial."""
    path = str(tmp_path / "tracked.db")
    with open_store(path) as store:
        everything(store)
        recompute_tracking(store)
    return path


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def as_json(*args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "command",
    [
        ["truce"],
        ["truce", "add"],
        ["truce", "remove"],
        ["truces"],
        ["violations"],
        ["incidents"],
        ["contradictions"],
        ["recompute"],
    ],
)
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout


def test_the_grade_choices_are_the_grades() -> None:
    assert {choice.value for choice in GradeChoice} == {grade.value for grade in Grade}


def test_truces_as_a_table_and_as_json(tracked_db: str) -> None:
    [truce] = as_json("truces", "--db", tracked_db)
    assert (truce["kind"], truce["origin"], truce["start"], truce["end"]) == (
        "calm",
        "extracted",
        "2016-09-12",
        "2016-09-15",
    )
    assert [z["name"] for z in truce["exclusions"]] == ["اللاذقية"]
    assert truce["violations"] == {"incidents": 2, "reports": 2}

    table = run("truces", "--db", tracked_db)
    assert table.exit_code == 0, table.output
    assert truce["truce_id"] in table.stdout
    assert "ريف اللاذقية" in table.stdout
    assert as_json("truces", "--db", tracked_db, "--active-on", "2016-09-20") == []
    assert as_json("truces", "--db", tracked_db, "--origin", "user") == []


def test_violations_undetermined_and_counts(tracked_db: str) -> None:
    rows = as_json("violations", "--db", tracked_db)
    assert sorted(r["doc_id"] for r in rows) == ["kabani-pub", "salma-13"]
    assert {r["actor"] for r in rows} == {"Russian air force", None}
    assert [r["doc_id"] for r in as_json("violations", "--db", tracked_db, "--actor", "الروسي")] == [
        "salma-13"
    ]
    assert [r["reason"] for r in as_json("violations", "--db", tracked_db, "--undetermined")] == [
        "exclusion_unclear"
    ]

    truce_id = rows[0]["truce_id"]
    counts = as_json("violations", "--db", tracked_db, "--truce", truce_id, "--counts")
    assert counts["by_party"] == [
        {"party": "Russian air force", "incidents": 1},
        {"party": "unattributed", "incidents": 1},
    ]
    table = run("violations", "--db", tracked_db, "--truce", truce_id, "--counts")
    assert table.exit_code == 0, table.output
    assert "unattributed" in table.stdout
    listing = run("violations", "--db", tracked_db)
    assert "Russian air force" in listing.stdout
    assert "كباني" in listing.stdout


def test_violation_counts_need_a_truce(tracked_db: str) -> None:
    assert run("violations", "--db", tracked_db, "--counts").exit_code == EXIT_USAGE
    assert run("violations", "--db", tracked_db, "--truce", "tru-none", "--counts").exit_code == EXIT_NOTHING


def test_incidents_and_one_incident_side_by_side(tracked_db: str) -> None:
    [contested] = as_json("incidents", "--db", tracked_db, "--grade", "contested")
    assert contested["fatalities"]["text"] == "20-27"
    assert contested["independent_sources"] == 1  # a reprint is not a second source
    detail = as_json("incidents", "--db", tracked_db, "--id", contested["incident_id"])
    assert sorted(m["doc_id"] for m in detail["members"]) == ["reprint-1", "wire-1"]
    assert len(detail["contradictions"]) == 2

    table = run("incidents", "--db", tracked_db, "--id", contested["incident_id"])
    assert table.exit_code == 0, table.output
    assert "reprint-1" in table.stdout
    assert "denied by Russian Ministry of Defence" in table.stdout
    assert run("incidents", "--db", tracked_db, "--id", "inc-none").exit_code == EXIT_NOTHING
    assert len(as_json("incidents", "--db", tracked_db, "--place", "سلمى")) == 2


def test_contradictions(tracked_db: str) -> None:
    rows = as_json("contradictions", "--db", tracked_db)
    assert sorted(r["report"]["doc_id"] for r in rows) == ["reprint-1", "wire-1"]
    assert {r["denial"]["speaker"] for r in rows} == {"Russian Ministry of Defence"}
    assert len(as_json("contradictions", "--db", tracked_db, "--doc", "wire-1")) == 1
    table = run("contradictions", "--db", tracked_db)
    assert table.exit_code == 0, table.output
    assert "Russian Ministry of Defence" in table.stdout


def test_recompute_reports_what_it_found(tracked_db: str) -> None:
    summary = as_json("recompute", "--db", tracked_db)
    assert (summary["violations"], summary["contradictions"], summary["fingerprinted"]) == (2, 2, 0)
    assert "contradictions: 2" in run("recompute", "--db", tracked_db).stdout


def test_a_truce_file_added_through_the_cli(tracked_db: str, tmp_path: Path) -> None:
    path = tmp_path / "truces.yaml"
    path.write_text(TRUCE_FILE, encoding="utf-8")
    added = run("truce", "add", str(path), "--db", tracked_db)
    assert added.exit_code == 0, added.output
    assert "added latakia-calm" in added.stdout

    [truce] = as_json("truces", "--db", tracked_db)  # the announcement joined the declared truce
    assert (truce["truce_id"], truce["origin"], truce["articles"]) == ("latakia-calm", "user", 1)
    assert truce["zones"][0]["place"]["name_en"] == "Latakia countryside"
    assert truce["exclusions"][0]["place"]["name_en"] == "Latakia"
    docs = {r["doc_id"] for r in as_json("violations", "--db", tracked_db, "--truce", "latakia-calm")}
    assert "salma-13" in docs
    assert "city-13" not in docs

    again = as_json("truce", "add", str(path), "--db", tracked_db)  # the same file twice: an update
    assert again["added"] == ["latakia-calm"]
    assert len(as_json("truces", "--db", tracked_db)) == 1

    removed = run("truce", "remove", "latakia-calm", "--db", tracked_db)
    assert removed.exit_code == 0, removed.output
    assert [t["origin"] for t in as_json("truces", "--db", tracked_db)] == ["extracted"]
    assert run("truce", "remove", "latakia-calm", "--db", tracked_db).exit_code == EXIT_NOTHING


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[اللاذقية]", "[مدينة لا وجود لها]"), "exclusions[0]"),
        (("id: latakia-calm", "id: tru-123"), "kept for extracted truces"),
        (("end: 2016-09-15", "end: 2016-09-01"), "end"),
    ],
)
def test_a_bad_truce_file_is_a_usage_error(
    tracked_db: str, tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(TRUCE_FILE.replace(*change), encoding="utf-8")
    result = run("truce", "add", str(path), "--db", tracked_db)
    assert result.exit_code == EXIT_USAGE
    assert "M015" in result.output
    assert message in result.output
    assert [t["origin"] for t in as_json("truces", "--db", tracked_db)] == ["extracted"]
