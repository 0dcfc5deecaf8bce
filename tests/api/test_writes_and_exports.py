"""Ingesting through the API (the real pipeline and writer) and the export files."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from marsad.store.export import COLUMNS
from tests.api.conftest import auth

STRIKE = (
    "قتل خمسة مدنيين وأصيب عشرة آخرون في قصف مدفعي استهدف مدينة دوما في ريف دمشق صباح اليوم، "
    "بحسب ما أفاد به الدفاع المدني في المدينة."
)


def test_ingest_one_document_then_the_same_again(writer: TestClient) -> None:
    document = {"id": "api-doc-1", "text": STRIKE, "published": "2016-05-05", "source": "api-outlet"}
    first = writer.post("/api/documents", json=document, headers=auth())
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["documents"] == [
        {"index": 0, "doc_id": "api-doc-1", "status": "new", "code": None, "reason": None}
    ]
    assert body["events"] >= 1
    stored = writer.get("/api/events", params={"doc_id": "api-doc-1"}).json()["items"]
    assert stored[0]["location"]["name_en"]
    again = writer.post("/api/documents", json=document, headers=auth()).json()
    assert again["documents"][0]["status"] == "duplicate"
    assert again["counts"]["duplicate"] == 1


def test_ingest_batch_reports_each_document(writer: TestClient) -> None:
    batch = {
        "documents": [
            {"id": "batch-1", "text": STRIKE, "published": "2016-05-06"},
            {
                "id": "batch-2",
                "html": "<html><body><p>English only, no Arabic here at all.</p></body></html>",
            },
        ]
    }
    response = writer.post("/api/ingest", json=batch, headers=auth())
    assert response.status_code == 200, response.text
    statuses = [(d["doc_id"], d["status"]) for d in response.json()["documents"]]
    assert statuses[0] == ("batch-1", "new")
    assert statuses[1][1] in {"dropped", "failed"}
    assert writer.get("/api/articles/batch-1").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"documents": []},
        {"documents": [{"id": "x"}]},  # neither text nor html
        {"documents": [{"text": STRIKE, "colour": "red"}]},  # unknown field
    ],
)
def test_invalid_batches_are_422(writer: TestClient, body: dict[str, object]) -> None:
    response = writer.post("/api/ingest", json=body, headers=auth())
    assert response.status_code == 422
    assert response.json()["ok"] is False


# --- exports ---------------------------------------------------------------------------------


def test_csv_export_uses_acled_column_names(client: TestClient) -> None:
    response = client.get("/api/export/csv", params={"country": "SY"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 5
    aleppo = next(r for r in rows if r["doc_id"] == "aleppo-1")
    assert (aleppo["event_type"], aleppo["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (aleppo["country"], aleppo["location"], aleppo["fatalities"]) == ("Syria", "Aleppo", "27")


def test_geojson_export_has_the_located_events(client: TestClient) -> None:
    collection = client.get("/api/export/geojson").json()
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 6
    assert collection["features"][0]["geometry"]["type"] == "Point"


def test_jsonl_export_follows_the_filters(client: TestClient) -> None:
    lines = client.get("/api/export/jsonl", params={"type": "battles"}).text.splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["mosul-1"]


def test_parquet_export_is_readable(client: TestClient) -> None:
    response = client.get("/api/export/parquet")
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == 7
    assert table.column_names == list(COLUMNS)


def test_unknown_export_format_is_a_422(client: TestClient) -> None:
    assert client.get("/api/export/xlsx").status_code == 422
