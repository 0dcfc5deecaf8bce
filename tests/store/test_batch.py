"""Batch ingest: idempotent over the same inputs, failures recorded, extraction skipped for duplicates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.article import Article, InputFormat, RawDocument
from marsad.errors import ExtractionError, IngestError
from marsad.ingest import iter_documents
from marsad.store import SaveStatus, Store
from marsad.store.batch import ingest, sequential
from tests.store.conftest import strike

V1 = "0.1.0+aaaaaaaa"


def fake_pipeline(calls: list[str]) -> Callable[[RawDocument], Article]:
    """Stands in for the real pipeline: one air strike per document, on its first sentence."""

    def process(raw: RawDocument) -> Article:
        calls.append(raw.doc_id)
        if "انهيار" in raw.content:
            raise ExtractionError("extract.fake", raw.doc_id, ValueError("boom"))
        body = raw.content.strip()
        sentence = body.split(".")[0]
        return Article(raw=raw, body=body, language="ar", events=[strike(body, sentence)])

    return process


def corpus(folder: Path) -> Path:
    folder.mkdir()
    for n in range(4):
        (folder / f"page{n}.txt").write_text(f"قصفت طائرات حربية مدينة حلب للمرة {n}. وسقط قتلى.", "utf-8")
    (folder / "broken.txt").write_text("قصف على حلب وانهيار. ثم ماذا", "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    return folder


def test_same_folder_twice_second_run_all_duplicates(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    calls: list[str] = []
    extract = sequential(fake_pipeline(calls))

    first = ingest(store, iter_documents([str(folder)]), extract, V1)
    calls.clear()
    second = ingest(store, iter_documents([str(folder)]), extract, V1)

    assert first.count(SaveStatus.NEW) == 4
    assert first.failed == 2
    assert first.events == 4
    assert second.count(SaveStatus.DUPLICATE) == 4
    assert second.count(SaveStatus.NEW) == 0
    assert calls == ["broken"]  # stored documents are not extracted again; the failed one is retried
    assert store.stats().documents == 4
    assert store.count_events() == 4


def test_failures_are_recorded_with_origin_and_code(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    seen: list[tuple[str, SaveStatus | None]] = []
    summary = ingest(
        store,
        iter_documents([str(folder)]),
        sequential(fake_pipeline([])),
        V1,
        on_item=lambda origin, status: seen.append((Path(origin).name, status)),
    )
    assert {(f.origin.rsplit("/", 1)[-1], f.code) for f in summary.failures} == {
        ("broken.txt", "M030"),
        ("empty.txt", "M021"),
    }
    assert ("broken.txt", None) in seen
    assert ("page0.txt", SaveStatus.NEW) in seen
    assert store.stats().failures_by_code == {"M030": 1, "M021": 1}


def test_reprocess_extracts_everything_again(store: Store, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    calls: list[str] = []
    extract = sequential(fake_pipeline(calls))
    ingest(store, iter_documents([str(folder)]), extract, V1)
    again = ingest(store, iter_documents([str(folder)]), extract, V1, reprocess=True)
    assert again.count(SaveStatus.REPROCESSED) == 4
    assert store.count_events() == 4


def test_extractor_results_are_matched_to_inputs_in_order(store: Store) -> None:
    items: list[RawDocument | IngestError] = [
        IngestError("/in/missing.txt", "no such file", code="M028"),
        RawDocument("ok", "قصف على حلب. تتمة", InputFormat.TEXT, "/in/ok.txt"),
    ]
    summary = ingest(store, items, sequential(fake_pipeline([])), V1)
    assert [f.origin for f in summary.failures] == ["/in/missing.txt"]
    assert summary.count(SaveStatus.NEW) == 1
    assert summary.as_record()["failed"] == 1
