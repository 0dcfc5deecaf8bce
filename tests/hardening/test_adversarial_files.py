"""Adversarial files: each gives a clear error or a clean result, and the batch goes on.

Empty and binary files, a 200 MB text file, a million-line JSONL with broken lines, gzip
bombs and truncated gzip, 100,000 nested divs, damaged and mixed encodings, bidi overrides
and zero-width characters inside words, and Arabic file names with spaces.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.article import Article, InputFormat, RawDocument
from marsad.clean.characters import INVISIBLE
from marsad.errors import INGEST_CODES, ExtractionError, IngestError
from marsad.ingest import iter_documents
from marsad.ingest.documents import MAX_HTML_DEPTH, ReadResult
from marsad.parallel import extract_articles
from marsad.settings import IngestSettings, Settings
from tests.hardening.conftest import FIGURES, PAGE

MB = 1024 * 1024


def read(path: Path, settings: IngestSettings | None = None) -> list[ReadResult]:
    return list(iter_documents([str(path)], settings or IngestSettings()))


def only_error(results: list[ReadResult]) -> IngestError:
    assert len(results) == 1, results
    (error,) = results
    assert isinstance(error, IngestError), error
    return error


def only_document(results: list[ReadResult]) -> RawDocument:
    assert len(results) == 1, results
    (document,) = results
    assert isinstance(document, RawDocument), document
    return document


def sparse_text_file(path: Path, size: int) -> Path:
    """``size`` bytes on paper, Arabic text at both ends, nothing stored in between."""
    head = PAGE.encode("utf-8")
    with path.open("wb") as stream:
        stream.write(head)
        stream.seek(size - len(head))
        stream.write(head)
    return path


def bomb(inflated: int, chunk: bytes = b"\x00") -> bytes:
    """A gzip file that inflates to ``inflated`` bytes: one small member repeated (gzip allows it)."""
    member = gzip.compress(chunk * (MB // len(chunk)), compresslevel=9)
    return member * (inflated // MB)


# ---------------------------------------------------------------------------------------------
# Empty, binary, too large


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.xml", "blank.txt"])
def test_empty_files_are_reported_as_empty(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b" \n\t\r\n" if name.startswith("blank") else b"")
    error = only_error(read(tmp_path / name))
    assert error.code == INGEST_CODES["empty"]
    assert name in str(error)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2000)),
        ("program.html", b"\x7fELF\x02\x01\x01" + os.urandom(2000)),
        ("noise.txt", bytes(range(256)) * 20),
        ("zeros.html", b"\x00" * 5000),
    ],
)
def test_binary_files_are_refused_as_binary(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    error = only_error(read(tmp_path / name))
    assert error.code == INGEST_CODES["binary"]
    assert "binary" in error.reason


def test_a_200_mb_text_file_is_refused_unread_with_the_default_limits(tmp_path: Path) -> None:
    """200 MB is under max_file_bytes (256 MiB) but cannot be one document of 5 M characters."""
    huge = sparse_text_file(tmp_path / "huge.txt", 200 * 1000 * 1000)
    tracemalloc.start()
    started = time.perf_counter()
    results = read(huge)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    error = only_error(results)
    assert error.code == INGEST_CODES["too_large"]
    assert "max_document_chars" in error.reason
    assert peak < 2 * MB, "refused from its size, not read"
    FIGURES.add("huge_text_file", {"bytes": huge.stat().st_size, "peak_bytes": peak, "seconds": seconds})


@pytest.mark.parametrize(("size", "refused"), [(4000, False), (4001, True)])
def test_the_file_size_limit_is_exact(tmp_path: Path, size: int, refused: bool) -> None:
    path = tmp_path / "edge.jsonl"
    record = json.dumps({"id": "edge", "text": PAGE}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(record + b"\n" + b" " * (size - len(record) - 2) + b"\n")
    assert path.stat().st_size == size
    results = read(path, IngestSettings(max_file_bytes=4000))
    if refused:
        assert only_error(results).code == INGEST_CODES["too_large"]
    else:
        assert only_document(results).doc_id == "edge"


@pytest.mark.parametrize(("chars", "refused"), [(len(PAGE), False), (len(PAGE) - 1, True)])
def test_the_document_length_limit_is_exact(tmp_path: Path, chars: int, refused: bool) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    results = read(tmp_path / "page.txt", IngestSettings(max_document_chars=chars))
    if refused:
        assert only_error(results).code == INGEST_CODES["too_large"]
    else:
        assert only_document(results).content == PAGE


# ---------------------------------------------------------------------------------------------
# A million-line JSONL

MILLION_LINES = 1_000_000
BROKEN_EVERY = 9973  # a prime, so broken lines fall at scattered positions

READ_MILLION = """
import json, os, resource, sys, time
from marsad.errors import IngestError
from marsad.ingest import iter_documents
started = time.perf_counter()
documents, broken = 0, []
for result in iter_documents([sys.argv[1]]):
    if isinstance(result, IngestError):
        broken.append([result.origin.rsplit(":", 1)[1], result.code])
    else:
        documents += 1
# VmHWM: this process image's own peak (ru_maxrss would include the forking parent's)
status = "/proc/self/status"
peak = [line for line in open(status) if line.startswith("VmHWM:")] if os.path.exists(status) else []
peak_kb = int(peak[0].split()[1]) if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"documents": documents, "broken": broken, "seconds": time.perf_counter() - started,
                  "max_rss_kb": peak_kb}))
"""


def write_million_lines(path: Path) -> set[int]:
    broken: set[int] = set()
    with path.open("wb") as stream:
        for number in range(1, MILLION_LINES + 1):
            if number % BROKEN_EVERY == 0:
                broken.add(number)
                stream.write(b'{"id": "cut-short", "text": "\xd9\x82\xd8\xb5\xd9\x81\n')
            else:
                stream.write(
                    b'{"id":"n%d","text":"\xd9\x82\xd8\xb5\xd9\x81 \xd8\xb9\xd9\x84\xd9\x89 %d"}\n'
                    % (number, number)
                )
    return broken


@pytest.mark.slow
def test_a_million_line_jsonl_reports_each_broken_line_and_reads_the_rest(tmp_path: Path) -> None:
    """Read in a child process, so its peak memory is its own: one line at a time, not the file."""
    path = tmp_path / "crawl.jsonl"
    broken = write_million_lines(path)
    done = subprocess.run(
        [sys.executable, "-c", READ_MILLION, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcome = json.loads(done.stdout)
    assert outcome["documents"] == MILLION_LINES - len(broken)
    assert {int(number) for number, _ in outcome["broken"]} == broken
    assert {code for _, code in outcome["broken"]} == {INGEST_CODES["bad_record"]}
    assert outcome["max_rss_kb"] < 200 * 1024, "memory holds a line, not the 47 MB file decoded"
    FIGURES.add(
        "million_line_jsonl",
        {
            "lines": MILLION_LINES,
            "file_bytes": path.stat().st_size,
            "broken_lines_reported": len(outcome["broken"]),
            "documents": outcome["documents"],
            "read_seconds": round(outcome["seconds"], 2),
            "child_max_rss_mb": outcome["max_rss_kb"] // 1024,
        },
    )


# ---------------------------------------------------------------------------------------------
# Compression


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.html.gz", "bomb.gz"])
def test_a_gzip_bomb_stops_at_the_limit(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bomb(1024 * MB, b"\xd9\x82 "))  # 1 GiB of "ق " in ~1 MB
    settings = IngestSettings(max_decompressed_bytes=8 * MB)
    tracemalloc.start()
    error = only_error(read(path, settings))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert error.code == INGEST_CODES["too_large"]
    assert "gzip bomb" in error.reason
    assert peak < 4 * settings.max_decompressed_bytes
    FIGURES.add(
        f"gzip_bomb.{name}",
        {"compressed_bytes": path.stat().st_size, "inflates_to": 1024 * MB, "peak_bytes": peak},
    )


def test_a_gzip_bomb_as_one_document_stops_early_with_the_default_limits(tmp_path: Path) -> None:
    """One text document cannot be over 4 bytes x max_document_chars: no need to inflate 512 MB."""
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(bomb(1024 * MB, b"\xd9\x82 "))
    tracemalloc.start()
    error = only_error(read(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert error.code == INGEST_CODES["too_large"]
    assert peak < 64 * MB


def test_a_jsonl_gzip_bomb_keeps_the_records_before_the_limit(tmp_path: Path) -> None:
    line = json.dumps({"text": PAGE}, ensure_ascii=False).encode("utf-8") + b"\n"
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(bomb(256 * MB, line))
    results = read(path, IngestSettings(max_decompressed_bytes=4 * MB))
    *documents, error = results
    assert all(isinstance(d, RawDocument) for d in documents)
    assert len(documents) == (4 * MB) // len(line)
    assert isinstance(error, IngestError)
    assert error.code == INGEST_CODES["too_large"]


def test_a_warc_record_bomb_is_refused_and_the_archive_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body in (
            ("https://x/bomb", b"<p>" + b"\xd9\x82 " * (4 * MB)),
            ("https://x/ok", PAGE.encode()),
        ):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    first, second = read(path, IngestSettings(max_document_chars=100_000))
    assert isinstance(first, IngestError)
    assert first.code == INGEST_CODES["too_large"]
    assert isinstance(second, RawDocument)
    assert second.url == "https://x/ok"


@pytest.mark.parametrize("name", ["cut.txt.gz", "cut.html.gz", "cut.jsonl.gz"])
def test_a_truncated_gzip_is_reported_as_corrupt(tmp_path: Path, name: str) -> None:
    lines = "\n".join(json.dumps({"id": f"r{n}", "text": PAGE}, ensure_ascii=False) for n in range(200))
    data = gzip.compress((lines if name.endswith("jsonl.gz") else PAGE * 50).encode("utf-8"))
    (tmp_path / name).write_bytes(data[: len(data) * 2 // 3])
    results = read(tmp_path / name)
    error = results[-1]
    assert isinstance(error, IngestError)
    assert error.code == INGEST_CODES["corrupt"]
    assert "truncated gzip" in error.reason
    kept = [r for r in results if isinstance(r, RawDocument)]
    if name.endswith("jsonl.gz"):
        assert 0 < len(kept) < 200, "the records before the cut are kept"
        assert [d.doc_id for d in kept] == [f"r{n}" for n in range(len(kept))]


# ---------------------------------------------------------------------------------------------
# Markup and characters


def run_pipeline(raw: RawDocument) -> Article | ExtractionError:
    settings = Settings().with_overrides("extract", document_timeout_s=60, workers=1)
    (result,) = list(extract_articles([raw], settings))
    assert isinstance(result, Article | ExtractionError)
    return result


def nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + f"<p>{PAGE}</p>" + "</div>" * depth + "</body></html>"


def test_100k_nested_divs_are_refused_at_once(tmp_path: Path) -> None:
    """Parsing them would take selectolax ~30 s and grows with the square of the depth."""
    (tmp_path / "nested.html").write_text(nested(100_000), encoding="utf-8")
    started = time.perf_counter()
    error = only_error(read(tmp_path / "nested.html"))
    seconds = time.perf_counter() - started
    assert error.code == INGEST_CODES["too_large"]
    assert f"more than {MAX_HTML_DEPTH} deep" in error.reason
    FIGURES.add("nested_divs_100k", {"refused_in_seconds": round(seconds, 3)})


@pytest.mark.parametrize("depth", [200, MAX_HTML_DEPTH - 10])
def test_nesting_within_the_limit_gives_a_clean_result(tmp_path: Path, depth: int) -> None:
    """Read and processed; past lxml's own depth limit (256) trafilatura finds no text: a drop."""
    (tmp_path / "nested.html").write_text(nested(depth), encoding="utf-8")
    document = only_document(read(tmp_path / "nested.html"))
    started = time.perf_counter()
    result = run_pipeline(document)
    seconds = time.perf_counter() - started
    assert isinstance(result, Article), result
    if depth < 256:
        assert result.events
    else:
        assert result.events or (result.dropped is not None and result.dropped.reason == "no_body")
    FIGURES.add(f"nested_divs_{depth}", {"pipeline_seconds": round(seconds, 2), "events": len(result.events)})


def test_deeply_nested_json_is_one_bad_line(tmp_path: Path) -> None:
    (tmp_path / "deep.jsonl").write_text(
        "[" * 100_000 + "\n" + json.dumps({"id": "ok", "text": PAGE}, ensure_ascii=False), encoding="utf-8"
    )
    first, second = read(tmp_path / "deep.jsonl")
    assert isinstance(first, IngestError)
    assert first.code == INGEST_CODES["bad_record"]
    assert first.origin.endswith(":1")
    assert isinstance(second, RawDocument)


def test_a_billion_laughs_feed_is_refused_quickly(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "هه">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    feed = (
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE rss [{entities}]>'
        f"<rss><channel><title>t</title><item><title>x</title><description>&a9;</description></item></channel></rss>"
    )
    (tmp_path / "laughs.xml").write_text(feed, encoding="utf-8")
    started = time.perf_counter()
    results = read(tmp_path / "laughs.xml")
    assert time.perf_counter() - started < 30
    for result in results:
        assert isinstance(result, IngestError | RawDocument)
        if isinstance(result, RawDocument):
            assert len(result.content) <= IngestSettings().max_document_chars


def test_damaged_utf8_names_the_first_bad_byte(tmp_path: Path) -> None:
    data = bytearray(PAGE.encode("utf-8"))
    first_bad = next(i for i in range(200, len(data)) if data[i] >= 0xC0)  # the lead byte of a letter
    data[first_bad] = 0xFF
    (tmp_path / "damaged.txt").write_bytes(bytes(data))
    error = only_error(read(tmp_path / "damaged.txt"))
    assert error.code == INGEST_CODES["encoding"]
    assert f"the first at byte {first_bad}" in error.reason


def test_a_text_file_half_utf8_half_cp1256_is_refused_not_garbled(tmp_path: Path) -> None:
    lines = PAGE.split("\n")
    data = "\n".join(lines[:4]).encode("utf-8") + b"\n" + "\n".join(lines[4:]).encode("cp1256")
    (tmp_path / "mixed.txt").write_bytes(data)
    error = only_error(read(tmp_path / "mixed.txt"))
    assert error.code == INGEST_CODES["encoding"]
    assert "mixed encodings" in error.reason


def test_a_jsonl_with_a_line_in_another_encoding_loses_only_that_line(tmp_path: Path) -> None:
    good = [json.dumps({"id": f"u{n}", "text": PAGE}, ensure_ascii=False).encode("utf-8") for n in range(3)]
    legacy = json.dumps({"id": "cp", "text": PAGE}, ensure_ascii=False).encode("cp1256")
    (tmp_path / "mixed.jsonl").write_bytes(b"\n".join([good[0], legacy, good[1], good[2]]))
    results = read(tmp_path / "mixed.jsonl")
    assert [r.doc_id for r in results if isinstance(r, RawDocument)] == ["u0", "u1", "u2"]
    (error,) = [r for r in results if isinstance(r, IngestError)]
    assert error.code == INGEST_CODES["encoding"]
    assert error.origin.endswith("mixed.jsonl:2")


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16", "utf-16-le", "utf-8-sig"])
def test_whole_files_in_other_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "page.txt").write_bytes(PAGE.encode(encoding))
    assert only_document(read(tmp_path / "page.txt")).content == PAGE
    lines = "\n".join(json.dumps({"id": f"r{n}", "text": PAGE}, ensure_ascii=False) for n in range(2))
    (tmp_path / "records.jsonl").write_bytes(lines.encode(encoding))
    assert [r.content for r in read(tmp_path / "records.jsonl")] == [PAGE, PAGE]


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path) -> None:
    """``"\\ud83d"`` is valid JSON but not UTF-8: the database and stdout would refuse it."""
    line = json.dumps({"id": "s\ud800", "text": PAGE + " \udc00"})
    (tmp_path / "surrogates.jsonl").write_text(line, encoding="utf-8")
    document = only_document(read(tmp_path / "surrogates.jsonl"))
    assert document.doc_id == "s\ufffd"
    assert document.content.endswith(" \ufffd")
    document.content.encode("utf-8")


@pytest.mark.parametrize("store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_nul_characters_are_stored_on_both_backends(
    tmp_path: Path, request: pytest.FixtureRequest, store: str
) -> None:
    """PostgreSQL text cannot hold NUL: one "\\u0000" record must not stop the ingest (exit 3)."""
    db = str(tmp_path / "store.db") if store == "sqlite" else str(request.getfixturevalue("pg_url"))
    records = [
        {"id": "nul\x00id", "title": "عنوان\x00", "text": PAGE.replace("خمسة", "خمسة\x00")},
        {"id": "plain", "text": PAGE.replace("خمسة", "ستة")},
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nul.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (folder / "late-nul.txt").write_bytes(PAGE.encode() + b"\n" * 9000 + b"\x00" + PAGE.encode())
    done = marsad("ingest", str(folder), "--db", db, "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new"] == 3


def test_a_raw_nul_byte_costs_a_jsonl_file_one_line(tmp_path: Path) -> None:
    """Read whole, the file looked binary (a NUL in its first 8 KB) and every record was lost."""
    lines = [json.dumps({"id": f"r{n}", "text": PAGE}, ensure_ascii=False).encode() for n in range(3)]
    lines[1] = lines[1][:40] + b"\x00" + lines[1][40:]
    (tmp_path / "nul.jsonl").write_bytes(b"\n".join(lines))
    first, second, third = read(tmp_path / "nul.jsonl")
    assert isinstance(second, IngestError)
    assert second.code == INGEST_CODES["bad_record"]
    assert second.origin.endswith(":2")
    assert [first.doc_id, third.doc_id] == ["r0", "r2"]  # type: ignore[union-attr]


def test_line_separators_inside_json_strings_do_not_split_records(tmp_path: Path) -> None:
    text = PAGE.replace("\n", "\u2028") + "\u2029\x85"
    lines = [json.dumps({"id": "a", "text": text}, ensure_ascii=False), json.dumps({"id": "b", "text": PAGE})]
    (tmp_path / "separators.jsonl").write_text("\n".join(lines), encoding="utf-8")
    first, second = read(tmp_path / "separators.jsonl")
    assert isinstance(first, RawDocument)
    assert first.content == text
    assert isinstance(second, RawDocument)
    assert second.origin.endswith(":2")


#: Controls a crawler's text can carry: overrides, isolates, marks, zero-width joiners, a BOM.
HIDDEN = ["\u202e", "\u202c", "\u2067", "\u2069", "\u200f", "\u200e", "\u200d", "\u200c", "\u200b", "\ufeff"]


def salted(text: str) -> str:
    """``text`` with a hidden control after every fifth character, cycling through them."""
    out = []
    for index, char in enumerate(text):
        out.append(char)
        if index % 5 == 4:
            out.append(HIDDEN[(index // 5) % len(HIDDEN)])
    return "".join(out)


@pytest.mark.parametrize("fmt", [InputFormat.TEXT, InputFormat.HTML])
def test_bidi_and_zero_width_controls_are_cleaned_and_spans_stay_right(fmt: InputFormat) -> None:
    plain = run_pipeline(
        RawDocument("plain", PAGE, InputFormat.TEXT, "plain.txt", crawl_date=dt.date(2019, 5, 22))
    )
    content = salted(PAGE)
    if fmt is InputFormat.HTML:
        paragraphs = "".join(f"<p>{line}</p>" for line in content.split("\n"))
        head = f"<head><title>{salted('قصف')}</title></head>"
        content = f"<html>{head}<body><article>{paragraphs}</article></body></html>"
    result = run_pipeline(RawDocument("salted", content, fmt, "salted", crawl_date=dt.date(2019, 5, 22)))
    assert isinstance(plain, Article)
    assert isinstance(result, Article)
    assert not set(result.body) & set(INVISIBLE)
    assert result.events, "the controls do not hide the event"
    assert [(e.sub_event_type, e.fatalities) for e in result.events] == [
        (e.sub_event_type, e.fatalities) for e in plain.events
    ]
    for event in result.events:
        assert event.evidence.sentence_span.slice(result.body) == event.evidence.sentence
        for _name, span in event.evidence.field_spans:
            assert span.slice(result.body) == span.slice(plain.body) or fmt is InputFormat.HTML
    if fmt is InputFormat.TEXT:
        assert result.body_map is not None
        for event in result.events:
            span = event.evidence.sentence_span
            source = result.body_map.to_source(span.start, span.end).slice(content)
            assert "".join(c for c in source if c not in INVISIBLE) == event.evidence.sentence


# ---------------------------------------------------------------------------------------------
# File names, and a whole batch through the command line


def test_arabic_file_names_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "أخبار اليوم"
    folder.mkdir()
    (folder / "قصف على إدلب 2019.txt").write_text(PAGE, encoding="utf-8")
    (folder / "ملف فارغ.txt").write_bytes(b"")
    document, error = read(folder)
    assert isinstance(document, RawDocument)
    assert document.doc_id == "قصف على إدلب 2019"
    assert document.origin.endswith("أخبار اليوم/قصف على إدلب 2019.txt")
    assert isinstance(error, IngestError)
    assert "ملف فارغ.txt" in str(error)


def test_a_file_name_that_is_not_utf8_is_read_and_stored(tmp_path: Path) -> None:
    """Linux names are bytes: b"\\xff" comes to Python as a lone surrogate, which no store takes."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"report-\xff-" + "حلب".encode("cp1256") + b".txt")
    (folder / name).write_text(PAGE, encoding="utf-8")
    done = marsad("ingest", str(folder), "--db", str(tmp_path / "store.db"), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new"] == 1
    document = only_document(read(folder))
    assert document.doc_id.startswith("report-\ufffd-")
    document.origin.encode("utf-8")


def adversarial_folder(root: Path) -> tuple[Path, int, int]:
    """A crawl folder: good pages among bad files. Returns it, the good count, the bad count."""
    folder = root / "crawl مجلد"
    folder.mkdir()
    good = {
        "خبر أول.txt": PAGE,
        "second.txt": PAGE.replace("خمسة", "سبعة"),
        "records.jsonl": "\n".join(
            [json.dumps({"id": "j1", "text": PAGE.replace("خمسة", "ستة")}, ensure_ascii=False), "{broken", ""]
        ),
    }
    for name, text in good.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    (folder / "cut.txt.gz").write_bytes(gzip.compress(PAGE.encode() * 20)[:300])
    (folder / "damaged.txt").write_bytes(PAGE.encode()[:300] + b"\xff" + PAGE.encode()[300:])
    (folder / "bomb.html.gz").write_bytes(bomb(64 * MB))
    (folder / "rlo.txt").write_text(salted(PAGE.replace("خمسة", "ثمانية")), encoding="utf-8")
    return folder, 4, 6  # good: 2 pages + 1 record + the salted page; bad: 5 files + 1 broken line


def marsad(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MARSAD_INGEST_MAX_DECOMPRESSED_BYTES": str(8 * MB)}
    env.pop("MARSAD_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_a_batch_of_bad_files_goes_on_and_exits_partial(tmp_path: Path) -> None:
    folder, good, bad = adversarial_folder(tmp_path)
    db = tmp_path / "store.db"
    done = marsad("ingest", str(folder), "--db", str(db), "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # some inputs failed, the rest were stored
    summary = json.loads(done.stdout)
    assert summary["new"] == good
    assert summary["failed"] == bad
    codes = sorted(f["code"] for f in summary["failures"])
    assert codes == sorted(
        INGEST_CODES[k] for k in ("empty", "binary", "corrupt", "encoding", "too_large", "bad_record")
    )
    assert "Traceback" not in done.stderr
    extracted = marsad("extract", str(folder), cwd=tmp_path)
    assert extracted.returncode == 1
    assert len(extracted.stdout.splitlines()) == good
    assert "Traceback" not in extracted.stderr
    FIGURES.add("adversarial_batch", {"good": good, "bad": bad, "exit_code": done.returncode})


def test_a_batch_of_only_bad_files_exits_nothing_processed(tmp_path: Path) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    (tmp_path / "bad" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    done = marsad("ingest", str(tmp_path / "bad"), "--db", str(tmp_path / "s.db"), cwd=tmp_path)
    assert done.returncode == 4
    assert "Traceback" not in done.stderr
