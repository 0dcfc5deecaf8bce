"""Exports parse back: CSV with ACLED column names, valid GeoJSON points, JSON Lines, Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from marsad.event import EventType, SubEventType
from marsad.store import EventFilter, Store
from marsad.store.export import (
    ACLED_EVENT_TYPES,
    ACLED_SUB_EVENT_TYPES,
    COLUMNS,
    ExportFormat,
    export_events,
)
from tests.store.conftest import ALEPPO, article, rich_article, strike

V1 = "0.1.0+aaaaaaaa"
ACLED_COLUMNS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
]  # fmt: skip


@pytest.fixture
def two_events(store: Store) -> Store:
    store.save_article(rich_article(), V1)
    sentence = "قصف مدفعي على منطقة غير محددة"
    store.save_article(article("nowhere", sentence, events=[strike(sentence, sentence, place=None)]), V1)
    return store


def text_export(store: Store, fmt: ExportFormat) -> str:
    out = io.StringIO()
    export_events(store.iter_events(), fmt, out)
    return out.getvalue()


def test_every_type_has_an_acled_label() -> None:
    assert set(ACLED_EVENT_TYPES) == set(EventType)
    assert set(ACLED_SUB_EVENT_TYPES) == set(SubEventType)


def test_csv_has_acled_columns_and_parses_back(two_events: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(text_export(two_events, ExportFormat.CSV))))
    assert len(rows) == 2
    assert set(ACLED_COLUMNS) <= set(rows[0])
    aleppo = next(r for r in rows if r["doc_id"] == "aleppo-1")
    assert aleppo["event_type"] == "Explosions/Remote violence"
    assert aleppo["sub_event_type"] == "Air/drone strike"
    assert aleppo["country"] == "Syria"
    assert aleppo["iso"] == "760"
    assert aleppo["event_id_cnty"].startswith("SYR")
    assert (aleppo["location"], aleppo["location_ar"]) == ("Aleppo", "حلب")
    assert float(aleppo["latitude"]) == pytest.approx(ALEPPO.lat)
    assert aleppo["geo_precision"] == "1"
    assert aleppo["fatalities"] == "27"
    assert aleppo["actor1"] == "Military aircraft"
    assert aleppo["notes"].startswith("قصفت طائرات حربية")


def test_geojson_is_a_feature_collection_of_points(two_events: Store) -> None:
    collection = json.loads(text_export(two_events, ExportFormat.GEOJSON))
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]  # the event without coordinates is left out
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [ALEPPO.lon, ALEPPO.lat]}
    assert feature["properties"]["sub_event_type_id"] == "air_drone_strike"


def test_empty_geojson_is_still_valid(store: Store) -> None:
    assert json.loads(text_export(store, ExportFormat.GEOJSON)) == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_jsonl_one_event_per_line(two_events: Store) -> None:
    lines = text_export(two_events, ExportFormat.JSONL).splitlines()
    records = [json.loads(line) for line in lines]
    assert sorted(r["doc_id"] for r in records) == ["aleppo-1", "nowhere"]
    assert next(r for r in records if r["doc_id"] == "nowhere")["location"] is None


def test_parquet_is_readable_with_typed_columns(two_events: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    result = export_events(two_events.iter_events(), ExportFormat.PARQUET, path)
    table = pq.read_table(path)
    assert result.written == table.num_rows == 2
    assert table.column_names == list(COLUMNS)
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    assert sorted(table.column("doc_id").to_pylist()) == ["aleppo-1", "nowhere"]


def test_parquet_needs_a_path(store: Store) -> None:
    with pytest.raises(ValueError, match="path"):
        export_events(store.iter_events(), ExportFormat.PARQUET, io.StringIO())


def test_export_respects_filters(two_events: Store) -> None:
    out = io.StringIO()
    result = export_events(two_events.iter_events(EventFilter(country="SY")), ExportFormat.JSONL, out)
    assert result.written == 1
