"""The dev-gold gate for cleaning: body token F1 and comment counts on the seeds and ANT-40."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from marsad.article import Article, RawDocument
from marsad.clean.stages import clean_stage, language_stage
from marsad.ingest import iter_documents
from marsad.pipeline import Pipeline
from marsad.settings import Settings

pytestmark = pytest.mark.devgold
MIN_BODY_F1 = 0.97


def scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_dev_scorer", shared / "eval" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def cleaned(paths: list[Path]) -> dict[str, Article]:
    settings = Settings()
    pipeline = Pipeline([clean_stage(settings), language_stage(settings)])
    articles = {}
    for item in iter_documents([str(p) for p in paths], settings.ingest):
        assert isinstance(item, RawDocument), item
        articles[item.doc_id] = pipeline(Article(raw=item))
    return articles


def gold(path: Path) -> dict[str, dict[str, object]]:
    with path.open(encoding="utf-8") as lines:  # not splitlines(): U+2028 may sit inside a string
        return {record["doc_id"]: record for record in map(json.loads, lines)}


def test_seed_pages(shared_dir: Path) -> None:
    score = scorer(shared_dir)
    articles = cleaned(sorted((shared_dir / "seeds").glob("*.txt")))
    golds = gold(shared_dir / "data" / "dev" / "seeds.gold.jsonl")
    f1 = [score.token_f1(articles[doc_id].body, record["body"]) for doc_id, record in golds.items()]
    assert sum(f1) / len(f1) >= MIN_BODY_F1
    for doc_id, record in golds.items():
        assert len(articles[doc_id].comments) == len(record["comments"])  # type: ignore[arg-type]


def test_ant_records(shared_dir: Path) -> None:
    score = scorer(shared_dir)
    articles = cleaned([shared_dir / "data" / "dev" / "ant40.inputs.jsonl"])
    golds = gold(shared_dir / "data" / "dev" / "ant40.gold.jsonl")
    f1 = [score.token_f1(articles[doc_id].body, record["body"]) for doc_id, record in golds.items()]
    assert sum(f1) / len(f1) >= MIN_BODY_F1
