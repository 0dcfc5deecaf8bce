"""The parallel runner: input order kept, per-document errors and timeouts, bounded reading.

Most tests use a tiny pipeline defined here (it must be module-level: workers import it by
name under 'spawn'/'forkserver'); one runs the real pipeline on a small Arabic corpus.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.article import Article, InputFormat, RawDocument
from marsad.errors import ConfigError, ExtractionError, IngestError, MarsadError
from marsad.parallel import (
    WORKER_STAGE,
    extract_articles,
    extract_json_lines,
    extract_records,
)
from marsad.pipeline import Pipeline, stage
from marsad.settings import Settings


@stage("t.text", requires={"raw"}, assigns={"text.body"})
def copy_text(article: Article) -> Article:
    article.body = article.raw.content
    return article


@stage("t.work", requires={"text.body"}, assigns={"events"})
def misbehave(article: Article) -> Article:
    """Misbehaves on request: the body says how."""
    body = article.body
    if body.startswith("JITTER"):
        time.sleep(random.uniform(0, 0.02))
    elif body.startswith("FAIL"):
        raise ValueError("asked to fail")
    elif body.startswith("HANG"):
        time.sleep(120)
    elif body.startswith("CRASH"):
        os._exit(7)
    return article


def tiny_pipeline(settings: Settings) -> Pipeline:
    return Pipeline([copy_text, misbehave])


def broken_factory(settings: Settings) -> Pipeline:
    raise FileNotFoundError("gazetteer.tsv")


def docs(*bodies: str) -> list[RawDocument]:
    return [RawDocument(f"d{n}", body, InputFormat.TEXT, "<test>") for n, body in enumerate(bodies)]


def limited(seconds: int) -> Settings:
    return Settings().with_overrides("extract", document_timeout_s=seconds)


def ids_and_kinds(results: list[object]) -> list[tuple[str, str]]:
    """(doc id, "ok" or the error stage) per result, for order-and-outcome comparisons."""
    out = []
    for result in results:
        if isinstance(result, ExtractionError):
            out.append((result.doc_id, result.stage))
        elif isinstance(result, IngestError):
            out.append((result.origin, "ingest"))
        else:
            assert isinstance(result, dict)
            out.append((result["doc_id"], "ok"))
    return out


def test_jittered_workers_return_results_in_input_order() -> None:
    raws = docs(*[f"JITTER {n}" for n in range(40)])
    results = list(extract_records(raws, workers=2, pipeline_factory=tiny_pipeline, window=8))
    assert [r["doc_id"] for r in results] == [r.doc_id for r in raws]  # type: ignore[index]


def test_failed_document_comes_back_in_its_place_and_the_rest_go_on() -> None:
    raws = docs("JITTER a", "FAIL b", "JITTER c", "FAIL d", "JITTER e")
    results = list(extract_records(raws, workers=2, pipeline_factory=tiny_pipeline))
    assert ids_and_kinds(results) == [
        ("d0", "ok"),
        ("d1", "t.work"),
        ("d2", "ok"),
        ("d3", "t.work"),
        ("d4", "ok"),
    ]
    error = results[1]
    assert isinstance(error, ExtractionError)
    assert "ValueError: asked to fail" in str(error)
    assert error.code == "M030"


def test_ingest_errors_pass_through_in_order() -> None:
    bad = IngestError("broken.jsonl:3", "not valid JSON")
    items: list[RawDocument | IngestError] = [*docs("JITTER a"), bad, *docs("JITTER b")]
    results = list(extract_records(items, workers=2, pipeline_factory=tiny_pipeline))
    assert results[1] is bad
    assert [r["doc_id"] for r in results if isinstance(r, dict)] == ["d0", "d0"]


def test_hanging_document_times_out_names_its_stage_and_the_rest_go_on() -> None:
    raws = docs("JITTER a", "HANG b", *[f"JITTER {n}" for n in range(10)])
    results = list(extract_records(raws, limited(1), workers=2, pipeline_factory=tiny_pipeline))
    assert [kind for _, kind in ids_and_kinds(results)] == ["ok", "t.work"] + ["ok"] * 10
    assert "DocumentTimeout" in str(results[1])
    assert "document_timeout_s" in str(results[1])


def test_crashed_worker_fails_its_document_and_is_replaced() -> None:
    raws = docs("JITTER a", "CRASH b", "JITTER c", "JITTER d", "JITTER e")
    results = list(extract_records(raws, workers=2, pipeline_factory=tiny_pipeline))
    assert [kind for _, kind in ids_and_kinds(results)] == ["ok", "t.work", "ok", "ok", "ok"]
    assert "exited" in str(results[1])


def test_in_process_timer_times_out_a_hanging_stage() -> None:
    raws = docs("JITTER a", "HANG b", "JITTER c")
    results = list(extract_records(raws, limited(1), workers=1, pipeline_factory=tiny_pipeline))
    assert ids_and_kinds(results) == [("d0", "ok"), ("d1", "t.work"), ("d2", "ok")]


def test_worker_that_cannot_build_its_pipeline_fails_the_run() -> None:
    with pytest.raises(ConfigError, match=r"gazetteer\.tsv"):
        list(extract_records(docs("a"), workers=2, pipeline_factory=broken_factory))


def test_spawn_start_method_works() -> None:
    raws = docs(*[f"JITTER {n}" for n in range(6)])
    results = list(extract_records(raws, workers=2, pipeline_factory=tiny_pipeline, start_method="spawn"))
    assert [r["doc_id"] for r in results] == [r.doc_id for r in raws]  # type: ignore[index]


def test_articles_come_back_with_raw_content_and_without_tokens_unless_kept() -> None:
    raws = docs("JITTER first", "JITTER second")
    slim = list(extract_articles(raws, workers=2, pipeline_factory=tiny_pipeline))
    assert [a.raw for a in slim] == raws  # type: ignore[union-attr]
    assert [a.body for a in slim] == ["JITTER first", "JITTER second"]  # type: ignore[union-attr]


def test_input_is_read_lazily_within_the_window() -> None:
    pulled = []

    def source() -> Iterator[RawDocument]:
        for raw in docs(*[f"JITTER {n}" for n in range(200)]):
            pulled.append(raw.doc_id)
            yield raw

    results = extract_records(source(), workers=2, pipeline_factory=tiny_pipeline, window=10)
    first = next(results)
    assert isinstance(first, dict)
    assert len(pulled) <= 10 + 1
    assert sum(1 for _ in results) == 199


def test_extraction_error_survives_pickling_with_its_fields() -> None:
    error = ExtractionError("extract.places", "doc-7", KeyError("حلب"))
    copy = pickle.loads(pickle.dumps(error))
    fields = (copy.stage, copy.doc_id, copy.code, str(copy))
    assert fields == (error.stage, error.doc_id, error.code, str(error))


def test_worker_stage_name_is_not_a_pipeline_stage() -> None:
    assert WORKER_STAGE not in tiny_pipeline(Settings()).names


# -- the real pipeline ----------------------------------------------------------------------------

_SENTENCES = [
    "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب الجنوبي صباح الثلاثاء.",
    "قال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا في الغارات.",
    "أعلنت وزارة الدفاع الروسية عن هدنة إنسانية لمدة 72 ساعة في حلب.",
    "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام قرب مدينة درعا.",
    "نفى المتحدث باسم الجيش وقوع أي غارات على الأحياء السكنية.",
    "خرج مئات المتظاهرين في ساحة التحرير ببغداد للمطالبة بالإصلاح.",
]


def arabic_docs(count: int) -> list[RawDocument]:
    rng = random.Random(7)
    return [
        RawDocument(f"ar{n}", " ".join(rng.sample(_SENTENCES, 4)), InputFormat.TEXT, "<test>")
        for n in range(count)
    ] + [RawDocument("en", "An English page the language filter drops. " * 3, InputFormat.TEXT, "<test>")]


def test_real_pipeline_two_workers_match_one_process() -> None:
    raws = arabic_docs(24)
    single = list(extract_json_lines(raws, workers=1))
    parallel = list(extract_json_lines(raws, workers=2))
    assert all(isinstance(line, str) for line in single)
    assert parallel == single


def test_errors_are_marsad_errors() -> None:
    results = list(extract_records(docs("FAIL x"), workers=1, pipeline_factory=tiny_pipeline))
    assert isinstance(results[0], MarsadError)


def test_articles_keep_their_tokens_when_asked() -> None:
    raws = [RawDocument("k", " ".join(_SENTENCES), InputFormat.TEXT, "<test>")]
    kept = list(extract_articles(raws, workers=2, keep_tokens=True))
    slim = list(extract_articles(raws, workers=2))
    assert isinstance(kept[0], Article)
    assert kept[0].tokens
    assert isinstance(slim[0], Article)
    assert slim[0].tokens == []
    assert [e.as_record() for e in kept[0].events] == [e.as_record() for e in slim[0].events]


def test_cli_extract_with_workers_prints_what_one_process_prints(tmp_path: Path) -> None:
    lines = [json.dumps({"id": r.doc_id, "text": r.content}, ensure_ascii=False) for r in arabic_docs(8)]
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join([*lines[:3], "{broken", *lines[3:]]) + "\n", encoding="utf-8")

    def extract(workers: int) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "marsad", "extract", str(source), "--workers", str(workers)]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    one, two = extract(1), extract(2)
    assert (one.returncode, two.returncode) == (1, 1)  # the broken line: partial success
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == len(lines)
    assert "M027" in two.stderr
