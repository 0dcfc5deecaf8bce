"""Files, folders and stdin: formats, document ids, and a clear error per bad input."""

from __future__ import annotations

import gzip
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from marsad.article import InputFormat
from marsad.errors import INGEST_CODES
from marsad.ingest import iter_documents
from marsad.settings import IngestSettings
from tests.ingest.conftest import ARABIC, HTML, documents, errors


def read(*paths: Path | str, settings: IngestSettings | None = None) -> list:
    return list(iter_documents([str(p) for p in paths], settings or IngestSettings()))


def test_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "b2.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "c3.HTM").write_text(HTML, encoding="utf-8")
    docs = documents(read(tmp_path / "a1.txt", tmp_path / "b2.html", tmp_path / "c3.HTM"))
    assert [(d.doc_id, d.format, d.encoding) for d in docs] == [
        ("a1", InputFormat.TEXT, "utf-8"),
        ("b2", InputFormat.HTML, "utf-8"),
        ("c3", InputFormat.HTML, "utf-8"),
    ]
    assert docs[0].content == ARABIC
    assert docs[0].origin == str(tmp_path / "a1.txt")


def test_folders_are_read_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner").mkdir()
    (tmp_path / "b" / "inner" / "z.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "b" / "y.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(ARABIC, encoding="utf-8")
    assert [d.doc_id for d in documents(read(tmp_path))] == ["a", "z", "y"]


def error_code(results: list) -> str:
    (error,) = errors(results)
    return error.code


def test_a_missing_path_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ARABIC, encoding="utf-8")
    results = read(tmp_path / "ok.txt", tmp_path / "missing.txt", tmp_path / "ok.txt")
    assert [type(r).__name__ for r in results] == ["RawDocument", "IngestError", "RawDocument"]
    assert error_code(results) == INGEST_CODES["not_found"]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("noise.txt", bytes(range(256)) * 4, "binary"),
        ("damaged.txt", ARABIC.encode()[:40] + b"\xff\xfe" + ARABIC.encode()[40:], "encoding"),
        (
            "nobody.html",
            b"<html><head><title>x</title><script>var a;</script></head><body> </body></html>",
            "no_body",
        ),
        ("doc.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_bad_inputs_get_a_clear_error(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    (tmp_path / name).write_bytes(data)
    results = read(tmp_path / name)
    assert error_code(results) == INGEST_CODES[kind]
    assert name in str(errors(results)[0])


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:  # sparse: 200 MB on paper, nothing on disk
        stream.truncate(200 * 1024 * 1024)
    settings = IngestSettings(max_file_bytes=100 * 1024 * 1024)
    tracemalloc.start()
    results = read(huge, settings=settings)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert error_code(results) == INGEST_CODES["too_large"]
    assert peak < 5 * 1024 * 1024


def test_a_document_over_max_document_chars_is_refused(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(ARABIC * 10, encoding="utf-8")
    results = read(tmp_path / "long.txt", settings=IngestSettings(max_document_chars=100))
    assert error_code(results) == INGEST_CODES["too_large"]


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "fmt", "doc_id"),
    [
        (ARABIC.encode(), InputFormat.TEXT, "stdin"),
        (HTML.encode(), InputFormat.HTML, "stdin"),
        (ARABIC.encode("utf-16"), InputFormat.TEXT, "stdin"),
        (gzip.compress(HTML.encode()), InputFormat.HTML, "stdin"),
        (json.dumps({"id": "r7", "text": ARABIC}, ensure_ascii=False).encode(), InputFormat.TEXT, "r7"),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: InputFormat, doc_id: str) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    (doc,) = documents(read("-"))
    assert (doc.format, doc.doc_id) == (fmt, doc_id)
    assert ARABIC[:20] in doc.content


def test_empty_stdin_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b""))
    assert error_code(read("-")) == INGEST_CODES["empty"]
