"""The dev-gold gate: extract ../shared/data/dev (ant40 + seeds), score it, fail below the floors.

Floors live in tests/eval_baseline.json. The seeds test asks more: every gold event, claim
and truce of the two seed documents is found, by the scorer's own matching rules.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from marsad.assemble.record import to_record
from marsad.ingest import iter_documents
from marsad.pipeline import build_pipeline
from marsad.settings import Settings

pytestmark = pytest.mark.devgold
BASELINE = Path(__file__).with_name("eval_baseline.json")


@pytest.fixture(scope="module")
def scorer(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_dev_score", shared_dir / "eval" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def predictions(shared_dir: Path) -> dict[str, dict[str, Any]]:
    settings = Settings()
    pipeline = build_pipeline(settings)
    dev = shared_dir / "data" / "dev"
    paths = [str(dev / "ant40.inputs.jsonl"), *sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))]
    records = {}
    for item in iter_documents(paths, settings.ingest):
        assert not isinstance(item, Exception), item
        record = to_record(pipeline.process(item))
        records[record["doc_id"]] = json.loads(json.dumps(record, ensure_ascii=False))
    return records


def _gold(shared_dir: Path, *names: str) -> Iterator[dict[str, Any]]:
    for name in names:
        with open(shared_dir / "data" / "dev" / name, encoding="utf-8") as fh:
            yield from (json.loads(line) for line in fh if line.strip())


def test_dev_gold_figures_stay_above_their_floors(
    shared_dir: Path, scorer: ModuleType, predictions: dict[str, dict[str, Any]]
) -> None:
    totals = scorer.Scores()
    for gold in _gold(shared_dir, "ant40.gold.jsonl", "seeds.gold.jsonl"):
        scorer.score_doc(predictions.get(gold["doc_id"], {"doc_id": gold["doc_id"]}), gold, totals)
    figures = scorer.summary(totals)
    print("\n" + "\n".join(f"{k:24s} {v if v is None else round(v, 3)}" for k, v in figures.items()))
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    low = {k: (figures[k], floor) for k, floor in floors.items() if figures[k] is None or figures[k] < floor}
    assert not low, f"below the floors of {BASELINE.name}: {low}"


def test_every_seed_event_claim_and_truce_is_found(
    shared_dir: Path, scorer: ModuleType, predictions: dict[str, dict[str, Any]]
) -> None:
    missed = []
    for gold in _gold(shared_dir, "seeds.gold.jsonl"):
        pred = predictions[gold["doc_id"]]
        missed += [
            f"{gold['doc_id']} event {e['sub_event_type']}@{e['location']['name']}"
            for e in _unmatched(scorer, pred["events"], gold["events"], _event_match(scorer))
        ]
        missed += [
            f"{gold['doc_id']} claim {c['speaker']}"
            for c in _unmatched(scorer, pred["claims"], gold["claims"], _claim_match(scorer))
        ]
        missed += [
            f"{gold['doc_id']} truce {[z['name'] for z in t['zones']]}"
            for t in _unmatched(scorer, pred["truces"], gold["truces"], _truce_match(scorer))
        ]
    assert not missed, "\n".join(missed)


def _unmatched(scorer: ModuleType, preds: list[Any], golds: list[Any], ok: Any) -> list[Any]:
    matched = {gi for _, gi in scorer.greedy_pairs(preds, golds, ok)}
    return [g for gi, g in enumerate(golds) if gi not in matched]


def _event_match(scorer: ModuleType) -> Any:
    return lambda p, g: (
        p["event_type"] == g["event_type"] and scorer.event_places_match(p.get("location"), g.get("location"))
    )


def _claim_match(scorer: ModuleType) -> Any:
    return lambda p, g: (
        scorer.names_match(p.get("speaker"), g.get("speaker"))
        or scorer.names_match(p.get("speaker_en"), g.get("speaker_en"))
    )


def _truce_match(scorer: ModuleType) -> Any:
    return lambda p, g: any(
        scorer.places_match(a, b) for a in p.get("zones") or [] for b in g.get("zones") or []
    )
