"""The Spark job writes the same records as single-process `marsad extract`.

The Spark tests need pyspark and Java; they skip when either is missing, unless
MARSAD_REQUIRE_SPARK=1 (then missing is a failure). The layout tests need neither.

How records are compared (``comparable``): both sides are projected onto the Parquet layout
(a key the layout lacks cannot round-trip, and ``test_layout_covers_every_record_key``
catches it separately; a key absent from a JSON record, like ``dropped``, is null in
Parquet), floats are rounded to 7 decimals (about a centimetre: the JSON side goes through
decimal text, the Parquet side through binary doubles, and the comparison must not depend on
float formatting), and rows are sorted by doc_id (Spark writes partitions in any order; the
order of lists inside a record is kept and compared).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.article import InputFormat, RawDocument
from marsad.parallel import extract_records
from marsad.spark.layout import RECORD, as_dict, conform, uncovered_keys

SENTENCES = [
    "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب الجنوبي صباح الثلاثاء.",
    "قال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا في الغارات على حلب.",
    "أعلنت وزارة الدفاع الروسية عن هدنة إنسانية لمدة 72 ساعة في حلب.",
    "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام قرب مدينة درعا أمس.",
    "نفى المتحدث باسم الجيش وقوع أي غارات على الأحياء السكنية في دوما.",
    "خرج مئات المتظاهرين في ساحة التحرير ببغداد يوم الجمعة للمطالبة بالإصلاح.",
    "قتل 5 أشخاص وأصيب 20 آخرون بانفجار سيارة مفخخة في الموصل.",
]


def corpus_records(count: int = 12) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for n in range(count):
        picked = [SENTENCES[(n + k) % len(SENTENCES)] for k in range(4)]
        records.append(
            {
                "id": f"s{n:02d}",
                "title": f"خبر {n}",
                "published": f"2018-03-{n + 1:02d}",
                "source": "test",
                "text": "\n".join(picked),
            }
        )
    records.append({"id": "english", "text": "An English page that the language filter drops. " * 3})
    records.append({"title": "بلا معرف", "text": " ".join(SENTENCES[:3])})  # doc id from the line number
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]], bad_line: bool = True) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad_line:
        lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 7)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    shaped = as_dict(conform(record, RECORD), RECORD)
    shaped.pop("error", None)
    result: dict[str, Any] = _rounded(shaped)
    return result


# -- layout (no Spark needed) ---------------------------------------------------------------------


def test_layout_covers_every_record_key() -> None:
    raws = [RawDocument(r.get("id", "x"), r["text"], InputFormat.TEXT, "<test>") for r in corpus_records()]
    records = [r for r in extract_records(raws, workers=1) if isinstance(r, dict)]
    assert records
    missing = sorted({key for record in records for key in uncovered_keys(record)})
    assert missing == [], f"marsad/spark/layout.py has no column for {missing}"


def test_conform_orders_struct_fields_and_widens_ints_for_doubles() -> None:
    place = {"kind": "city", "lat": 36, "lon": 37.15, "name": "حلب", "extra": 1}
    row = conform({"doc_id": "a", "places": [place]}, RECORD)
    names = [name for name, _ in RECORD.fields]
    places = row[names.index("places")]
    assert places == [("حلب", None, 36.0, 37.15, None, None, "city")]
    assert isinstance(places[0][2], float)
    assert row[names.index("events")] is None  # absent stays null


def test_uncovered_keys_names_nested_paths() -> None:
    record = {"doc_id": "a", "events": [{"event_type": "battles", "provenance": {}}], "new": 1}
    assert sorted(uncovered_keys(record)) == ["events[].provenance", "new"]


# -- the Spark job ------------------------------------------------------------------------------


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "java is not installed"
    return None


@pytest.fixture(scope="module")
def spark() -> Any:
    reason = _spark_missing()
    if reason:
        if os.environ.get("MARSAD_REQUIRE_SPARK") == "1":
            pytest.fail(f"MARSAD_REQUIRE_SPARK=1 but {reason}")
        pytest.skip(reason)
    from marsad.spark.job import session

    spark = session("local[2]", app_name="marsad-test")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def cli_extract(path: Path) -> list[dict[str, Any]]:
    """What single-process `marsad extract` prints for ``path``."""
    done = subprocess.run(
        [sys.executable, "-m", "marsad", "extract", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr  # 1: some inputs failed (the bad line)
    return [json.loads(line) for line in done.stdout.splitlines()]


def parquet_rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return [as_dict(row, RECORD) for row in pq.read_table(path).to_pylist()]


@pytest.mark.spark
def test_spark_jsonl_job_matches_single_process_extract(spark: Any, tmp_path: Path) -> None:
    from marsad.settings import Settings
    from marsad.spark.job import extract_to_parquet

    source = write_jsonl(tmp_path / "news.jsonl", corpus_records())
    summary = extract_to_parquet(spark, str(source), str(tmp_path / "out"), Settings())
    rows = parquet_rows(tmp_path / "out")
    failed = [r for r in rows if r["error"] is not None]
    assert [(r["error"]["code"], r["error"]["stage"]) for r in failed] == [("M027", "ingest")]
    expected = sorted((comparable(r) for r in cli_extract(source)), key=lambda r: r["doc_id"])
    actual = sorted((comparable(r) for r in rows if r["error"] is None), key=lambda r: r["doc_id"])
    assert [r["doc_id"] for r in actual] == [r["doc_id"] for r in expected]
    assert actual == expected
    assert (summary.documents, summary.failed) == (len(rows), 1)
    assert summary.dropped == sum(1 for r in rows if r["dropped"] is not None) >= 1


@pytest.mark.spark
def test_spark_parquet_input_gives_the_same_records(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from marsad.settings import Settings
    from marsad.spark.job import extract_to_parquet

    records = [r for r in corpus_records() if "id" in r]
    table = pa.Table.from_pylist([{"title": None, "published": None, "source": None, **r} for r in records])
    pq.write_table(table, tmp_path / "news.parquet")
    extract_to_parquet(spark, str(tmp_path / "news.parquet"), str(tmp_path / "out"), Settings())
    expected = sorted(
        (comparable(r) for r in cli_extract(write_jsonl(tmp_path / "n.jsonl", records, False))),
        key=lambda r: r["doc_id"],
    )
    actual = sorted((comparable(r) for r in parquet_rows(tmp_path / "out")), key=lambda r: r["doc_id"])
    assert actual == expected


def write_warc(path: Path, records: list[dict[str, Any]]) -> Path:
    """A gzipped WARC with one HTML response per record (and a request record that is skipped)."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, record in enumerate(records):
            url = f"https://news.example/{n}"
            page = f"<html><head><title>{record.get('title', '')}</title></head><body><article>"
            page += (
                "".join(f"<p>{line}</p>" for line in record["text"].split("\n")) + "</article></body></html>"
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(page.encode()), http_headers=headers
                )
            )
    return path


@pytest.mark.spark
def test_spark_warc_input_gives_the_same_records(spark: Any, tmp_path: Path) -> None:
    from marsad.settings import Settings
    from marsad.spark.job import extract_to_parquet

    records = corpus_records(6)
    source = write_warc(tmp_path / "crawl.warc.gz", records)
    summary = extract_to_parquet(spark, str(source), str(tmp_path / "out"), Settings())
    expected = sorted((comparable(r) for r in cli_extract(source)), key=lambda r: r["doc_id"])
    actual = sorted((comparable(r) for r in parquet_rows(tmp_path / "out")), key=lambda r: r["doc_id"])
    assert len(expected) == len(records)
    assert actual == expected
    assert summary.failed == 0
