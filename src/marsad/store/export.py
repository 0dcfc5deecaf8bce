"""Export events as CSV (ACLED-compatible column names), GeoJSON, JSON Lines or Parquet.

The CSV and Parquet columns start with ACLED's names where the meaning is the same
(``event_date``, ``event_type``, ``sub_event_type``, ``actor1``, ``country``, ``admin1``,
``location``, ``latitude``, ``longitude``, ``geo_precision``, ``source``, ``notes``,
``fatalities``...), with ACLED's labels ("Air/drone strike") in the type columns, so files
drop into tools built for ACLED; marsad's own fields follow. Names are English where the
gazetteer gives one; the Arabic as written is kept in ``*_ar`` columns.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from marsad.event import EventType, PlaceKind, SubEventType
from marsad.store.query import EventRow

log = logging.getLogger(__name__)


class ExportFormat(StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    JSONL = "jsonl"
    PARQUET = "parquet"

    @property
    def is_binary(self) -> bool:
        return self is ExportFormat.PARQUET


#: ACLED's display labels for our event type ids.
ACLED_EVENT_TYPES = {
    EventType.BATTLES: "Battles",
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: "Explosions/Remote violence",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "Violence against civilians",
    EventType.PROTESTS: "Protests",
    EventType.RIOTS: "Riots",
    EventType.STRATEGIC_DEVELOPMENTS: "Strategic developments",
}
_S = SubEventType
ACLED_SUB_EVENT_TYPES = {
    _S.ARMED_CLASH: "Armed clash",
    _S.GOVERNMENT_REGAINS_TERRITORY: "Government regains territory",
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: "Non-state actor overtakes territory",
    _S.CHEMICAL_WEAPON: "Chemical weapon",
    _S.AIR_DRONE_STRIKE: "Air/drone strike",
    _S.SUICIDE_BOMB: "Suicide bomb",
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: "Shelling/artillery/missile attack",
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: "Remote explosive/landmine/IED",
    _S.GRENADE: "Grenade",
    _S.SEXUAL_VIOLENCE: "Sexual violence",
    _S.ATTACK: "Attack",
    _S.ABDUCTION_FORCED_DISAPPEARANCE: "Abduction/forced disappearance",
    _S.PEACEFUL_PROTEST: "Peaceful protest",
    _S.PROTEST_WITH_INTERVENTION: "Protest with intervention",
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: "Excessive force against protesters",
    _S.VIOLENT_DEMONSTRATION: "Violent demonstration",
    _S.MOB_VIOLENCE: "Mob violence",
    _S.AGREEMENT: "Agreement",
    _S.ARRESTS: "Arrests",
    _S.CHANGE_TO_GROUP_ACTIVITY: "Change to group/activity",
    _S.DISRUPTED_WEAPONS_USE: "Disrupted weapons use",
    _S.HEADQUARTERS_OR_BASE_ESTABLISHED: "Headquarters or base established",
    _S.LOOTING_PROPERTY_DESTRUCTION: "Looting/property destruction",
    _S.NON_VIOLENT_TRANSFER_OF_TERRITORY: "Non-violent transfer of territory",
    _S.OTHER: "Other",
}

#: ACLED geo_precision: 1 the named town itself, 2 part of a region / near a town, 3 a province.
_GEO_PRECISION = {
    **dict.fromkeys(
        (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY), 1
    ),
    **dict.fromkeys((PlaceKind.ROAD, PlaceKind.ADMIN2, PlaceKind.REGION, PlaceKind.OTHER), 2),
    **dict.fromkeys((PlaceKind.ADMIN1, PlaceKind.COUNTRY), 3),
}
#: ACLED time_precision: 1 the day, 2 within a week or so, 3 the month or vaguer.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

#: Column name -> value type, in file order (ACLED's names first, then marsad's).
COLUMNS: dict[str, type] = {
    "event_id_cnty": str,
    "event_date": str,
    "year": int,
    "time_precision": int,
    "event_type": str,
    "sub_event_type": str,
    "actor1": str,
    "actor2": str,
    "iso": int,
    "country": str,
    "admin1": str,
    "location": str,
    "latitude": float,
    "longitude": float,
    "geo_precision": int,
    "source": str,
    "notes": str,
    "fatalities": int,
    "marsad_id": int,
    "doc_id": str,
    "url": str,
    "published": str,
    "event_type_id": str,
    "sub_event_type_id": str,
    "date_precision": str,
    "country_code": str,
    "location_ar": str,
    "place_kind": str,
    "actor1_ar": str,
    "actor2_ar": str,
    "injuries": int,
    "target": str,
    "weapon": str,
    "negated": bool,
    "aggregate": bool,
    "reported_by": str,
    "evidence_start": int,
    "evidence_end": int,
    "pipeline_version": str,
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    written: int
    skipped: int = 0  # GeoJSON: events without coordinates


def flat_record(row: EventRow) -> dict[str, Any]:
    """One event as a flat record with the :data:`COLUMNS` keys (None for unknown)."""
    place = row.place
    country = _country(place.country if place else None)
    return {
        "event_id_cnty": f"{country[1] or 'XXX'}{row.id}",
        "event_date": row.date.isoformat() if row.date else None,
        "year": row.date.year if row.date else None,
        "time_precision": _TIME_PRECISION.get(row.date_precision or ""),
        "event_type": ACLED_EVENT_TYPES.get(EventType(row.event_type), row.event_type),
        "sub_event_type": ACLED_SUB_EVENT_TYPES.get(SubEventType(row.sub_event_type), row.sub_event_type),
        "actor1": row.actor1_en or row.actor1,
        "actor2": row.actor2_en or row.actor2,
        "iso": country[2],
        "country": country[0],
        "admin1": place.admin1 if place else None,
        "location": (place.name_en or place.name) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": _GEO_PRECISION.get(PlaceKind(place.kind)) if place and place.kind else None,
        "source": row.source,
        "notes": row.evidence,
        "fatalities": row.fatalities,
        "marsad_id": row.id,
        "doc_id": row.doc_id,
        "url": row.url,
        "published": row.published.isoformat() if row.published else None,
        "event_type_id": row.event_type,
        "sub_event_type_id": row.sub_event_type,
        "date_precision": row.date_precision,
        "country_code": place.country if place else None,
        "location_ar": place.name if place else None,
        "place_kind": place.kind if place else None,
        "actor1_ar": row.actor1,
        "actor2_ar": row.actor2,
        "injuries": row.injuries,
        "target": row.target,
        "weapon": row.weapon,
        "negated": row.negated,
        "aggregate": row.aggregate,
        "reported_by": row.reported_by,
        "evidence_start": row.evidence_start,
        "evidence_end": row.evidence_end,
        "pipeline_version": row.pipeline_version,
    }


def _country(alpha2: str | None) -> tuple[str | None, str | None, int | None]:
    """(English name, ISO alpha-3, ISO numeric) of an alpha-2 code."""
    if not alpha2:
        return None, None, None
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2.upper())
    if found is None:
        return alpha2, None, None
    # ACLED uses short names: "Syria", "Palestine" (pycountry: "Syrian Arab Republic", "Palestine, State of").
    name = getattr(found, "common_name", None) or found.name.split(",")[0]
    return name, found.alpha_3, int(found.numeric)


def write_csv(rows: Iterable[EventRow], out: IO[str]) -> ExportResult:
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(flat_record(row))
        written += 1
    return ExportResult(written)


def write_jsonl(rows: Iterable[EventRow], out: IO[str]) -> ExportResult:
    written = 0
    for row in rows:
        out.write(json.dumps(row.as_record(), ensure_ascii=False) + "\n")
        written += 1
    return ExportResult(written)


def geojson_feature(row: EventRow) -> dict[str, Any] | None:
    """A GeoJSON Point feature for an event with coordinates (None without them)."""
    place = row.place
    if place is None or place.lat is None or place.lon is None:
        return None
    properties = {k: v for k, v in flat_record(row).items() if k not in ("latitude", "longitude")}
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def write_geojson(rows: Iterable[EventRow], out: IO[str]) -> ExportResult:
    """A FeatureCollection of the events that have coordinates, streamed feature by feature."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = skipped = 0
    for row in rows:
        feature = geojson_feature(row)
        if feature is None:
            skipped += 1
            continue
        out.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    if skipped:
        log.info("%d events without coordinates left out of the GeoJSON", skipped)
    return ExportResult(written, skipped)


def write_parquet(rows: Iterable[EventRow], path: Path) -> ExportResult:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    schema = pa.schema([(name, kinds[kind]) for name, kind in COLUMNS.items()])
    records = [flat_record(row) for row in rows]
    table = pa.Table.from_pylist(records, schema=schema)
    pq.write_table(table, str(path))
    return ExportResult(len(records))


def export_events(rows: Iterator[EventRow], fmt: ExportFormat, out: IO[str] | Path) -> ExportResult:
    """Write ``rows`` in ``fmt`` to a text stream, or to a file path (required for Parquet)."""
    if fmt is ExportFormat.PARQUET:
        if not isinstance(out, Path):
            raise ValueError("Parquet is written to a file; give a path")
        return write_parquet(rows, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return export_events(rows, fmt, handle)
    writers = {
        ExportFormat.CSV: write_csv,
        ExportFormat.GEOJSON: write_geojson,
        ExportFormat.JSONL: write_jsonl,
    }
    return writers[fmt](rows, out)
