"""User-declared truces: read a YAML or JSON truce file into :class:`TruceRecord` values.

An analyst who knows a truce's terms better than the news does writes them down once; the
registry then attaches matching announcements to it. Zones are place names (resolved by the
caller's gazetteer lookup), ``{admin1, country}`` divisions, or ``{lat, lon, radius_km}``
circles. Every error names the file, the truce and the field. The format is in
docs/ceasefires.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from marsad.assemble.ceasefire import TruceOrigin, TruceRecord, truce_end
from marsad.assemble.ceasefire_zones import Zone
from marsad.errors import ConfigError
from marsad.event import Place, TruceKind

#: Error code for a truce file that cannot be read or is invalid.
TRUCE_FILE_CODE = "M015"

PlaceResolver = Callable[[str], Place | None]

_TRUCE_KEYS = frozenset(
    {"id", "name", "kind", "parties", "zones", "exclusions", "start", "end", "duration_hours", "notes"}
)
_ZONE_KEYS = frozenset({"place", "radius_km", "admin1", "country", "lat", "lon", "name"})


class _Problem(Exception):
    """A problem with one field; turned into a ConfigError naming the file and truce."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")


def load_truce_file(path: Path | str, resolve: PlaceResolver) -> list[TruceRecord]:
    """Read the truces declared in a ``.yaml``/``.yml``/``.json`` file.

    Args:
        path: the file; either a list of truces or a mapping with a ``truces`` list.
        resolve: looks a place name up in the gazetteer (None when unknown).

    Raises:
        ConfigError: (code M015) the file is missing, unparsable or invalid; the message
            names the file, the truce (number and name) and the field.
    """
    path = Path(path)
    data = _read(path)
    return parse_truces(data, str(path), resolve)


def _read(path: Path) -> Any:
    if not path.is_file():
        raise _error(f"{path}: truce file not found")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        if path.suffix.lower() in {".yaml", ".yml"}:
            return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise _error(f"{path}: not valid {path.suffix[1:].upper()}: {exc}") from exc
    raise _error(f"{path}: a truce file must end in .yaml, .yml or .json")


def _error(message: str) -> ConfigError:
    return ConfigError(message, code=TRUCE_FILE_CODE)


def parse_truces(data: Any, origin: str, resolve: PlaceResolver) -> list[TruceRecord]:
    """Truce records from already-parsed data (what a YAML/JSON file holds)."""
    entries = data.get("truces") if isinstance(data, Mapping) else data
    if not isinstance(entries, list) or not entries:
        raise _error(f"{origin}: expected a non-empty list of truces (or 'truces: [...]')")
    records: list[TruceRecord] = []
    for number, entry in enumerate(entries, start=1):
        label = _label(number, entry)
        try:
            record = _truce(entry, resolve)
        except _Problem as problem:
            raise _error(f"{origin}: {label}: {problem}") from None
        if any(r.truce_id == record.truce_id for r in records):
            raise _error(f"{origin}: {label}: id: {record.truce_id!r} is used twice")
        records.append(record)
    return records


def _label(number: int, entry: Any) -> str:
    name = entry.get("name") if isinstance(entry, Mapping) else None
    return f"truce #{number}" + (f" ({name!r})" if isinstance(name, str) else "")


def _truce(entry: Any, resolve: PlaceResolver) -> TruceRecord:
    if not isinstance(entry, Mapping):
        raise _Problem("truce", "must be a mapping of fields")
    unknown = sorted(set(entry) - _TRUCE_KEYS)
    if unknown:
        raise _Problem(unknown[0], f"unknown field (allowed: {', '.join(sorted(_TRUCE_KEYS))})")
    name = _text(entry, "name")
    start = _date(entry.get("start"), "start")
    if start is None:
        raise _Problem("start", "is required (YYYY-MM-DD)")
    end, duration = _end(entry, start)
    zones = _zones(entry.get("zones"), "zones", resolve)
    if not zones:
        raise _Problem("zones", "at least one zone is required")
    return TruceRecord(
        truce_id=_id(entry, name, start),
        name=name,
        kind=_kind(entry.get("kind")),
        start=start,
        zones=zones,
        exclusions=_zones(entry.get("exclusions"), "exclusions", resolve),
        parties=_parties(entry.get("parties")),
        end=end,
        duration_hours=duration,
        origin=TruceOrigin.USER,
        notes=_optional_text(entry, "notes"),
    )


def _text(entry: Mapping[str, Any], field: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(field, "is required and must be text")
    return value.strip()


def _optional_text(entry: Mapping[str, Any], field: str) -> str | None:
    return _text(entry, field) if entry.get(field) is not None else None


def _id(entry: Mapping[str, Any], name: str, start: dt.date) -> str:
    if entry.get("id") is not None:
        return _text(entry, "id")
    return "user-" + hashlib.sha1(f"{name}|{start}".encode()).hexdigest()[:10]


def _kind(value: Any) -> TruceKind:
    try:
        return TruceKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in TruceKind)
        raise _Problem("kind", f"{value!r} is not one of {allowed}") from None


def _date(value: Any, field: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise _Problem(field, f"{value!r} is not a date (YYYY-MM-DD)")


def _end(entry: Mapping[str, Any], start: dt.date) -> tuple[dt.date | None, int | None]:
    end = _date(entry.get("end"), "end")
    duration = entry.get("duration_hours")
    if end is not None and duration is not None:
        raise _Problem("end", "give end or duration_hours, not both")
    if duration is not None and (type(duration) is not int or duration <= 0):
        raise _Problem("duration_hours", f"{duration!r} is not a positive whole number of hours")
    if end is not None and end < start:
        raise _Problem("end", f"{end} is before start {start}")
    return truce_end(start, end, duration), duration


def _parties(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise _Problem("parties", "must be a list of names")
    return tuple(p.strip() for p in value)


def _zones(value: Any, field: str, resolve: PlaceResolver) -> tuple[Zone, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _Problem(field, "must be a list of zones")
    return tuple(_zone(item, f"{field}[{i}]", resolve) for i, item in enumerate(value))


def _zone(item: Any, field: str, resolve: PlaceResolver) -> Zone:
    if isinstance(item, str):
        return Zone.of_place(_resolve(item, field, resolve))
    if not isinstance(item, Mapping):
        shapes = "{place}, {admin1, country} or {lat, lon, radius_km}"
        raise _Problem(field, f"must be a place name or a mapping: {shapes}")
    unknown = sorted(set(item) - _ZONE_KEYS)
    if unknown:
        raise _Problem(field, f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_ZONE_KEYS))})")
    if "place" in item:
        return _place_zone(item, field, resolve)
    if "lat" in item or "lon" in item:
        return _radius_zone(item, field)
    if "admin1" in item or "country" in item:
        admin1, country = _opt_str(item, "admin1", field), _opt_str(item, "country", field)
        return Zone.of_admin(admin1, country, _opt_str(item, "name", field))
    raise _Problem(field, "needs 'place', 'lat'/'lon'/'radius_km' or 'admin1'/'country'")


def _resolve(name: str, field: str, resolve: PlaceResolver) -> Place:
    place = resolve(name)
    if place is None:
        raise _Problem(field, f"place {name!r} is not in the gazetteer; give {{lat, lon, radius_km}} instead")
    return place


def _place_zone(item: Mapping[str, Any], field: str, resolve: PlaceResolver) -> Zone:
    name = item["place"]
    if not isinstance(name, str) or not name.strip():
        raise _Problem(f"{field}.place", "must be a place name")
    place = _resolve(name.strip(), field, resolve)
    if item.get("radius_km") is not None:
        place = replace(place, precision_km=_positive(item["radius_km"], f"{field}.radius_km"))
    return Zone.of_place(place)


def _radius_zone(item: Mapping[str, Any], field: str) -> Zone:
    lat = _number(item.get("lat"), f"{field}.lat", -90, 90)
    lon = _number(item.get("lon"), f"{field}.lon", -180, 180)
    radius = _positive(item.get("radius_km"), f"{field}.radius_km")
    return Zone.of_radius(lat, lon, radius, _opt_str(item, "name", field))


def _number(value: Any, field: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _Problem(field, f"{value!r} is not a number between {low:g} and {high:g}")
    return float(value)


def _positive(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise _Problem(field, f"{value!r} is not a positive number of km")
    return float(value)


def _opt_str(item: Mapping[str, Any], key: str, field: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"{field}.{key}", "must be text")
    return value.strip()


def describe_truce_file_fields() -> Sequence[str]:
    """The fields a truce entry may have (for CLI help and docs checks)."""
    return sorted(_TRUCE_KEYS)
