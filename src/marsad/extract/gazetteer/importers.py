"""Add villages to the gazetteer from a GeoNames dump or an OCHA admin-boundary table.

cities500 knows only towns of 500 people or more that GeoNames has an Arabic name for (~300
in Syria). Users who need villages can import:

- a GeoNames dump (``allCountries.txt`` or a country file such as ``SY.txt``), with the
  ``alternateNamesV2.txt`` file for the Arabic names: :func:`import_geonames`;
- an OCHA common operational dataset table (CSV with ``ADM1_EN``, ``ADM1_AR``, ``ADM1_PCODE``
  ... columns, e.g. Syria's admin-4 communities): :func:`import_ocha_csv`.

Each import writes one TSV file (the shape of ``lexicons/places/towns.tsv``) under
``<data dir>/gazetteer/``; the next ``load_gazetteer`` sees the new file and rebuilds its
cache. Files are streamed, so the 1.5 GB allCountries dump is fine when ``countries`` limits
what is kept.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import IngestError
from marsad.event import PlaceKind
from marsad.extract.gazetteer.index import IMPORT_SUBDIR
from marsad.extract.gazetteer.sources import admin1_names, settlement_kind, settlement_radius
from marsad.settings import user_data_dir

log = logging.getLogger(__name__)

COLUMNS = ("id", "kind", "country", "admin1", "name_en", "lat", "lon", "radius_km", "population", "names")
DEFAULT_FEATURE_CLASSES = frozenset({"P", "A", "S"})
GEONAMES_FIELDS = 19
_ARABIC = re.compile(r"[\u0621-\u064a]")
_SAFE_STEM = re.compile(r"[^A-Za-z0-9_.-]+")

#: GeoNames feature codes with a kind of their own (other populated places go by population).
FEATURE_KINDS = {
    "ADM1": PlaceKind.ADMIN1,
    "ADM2": PlaceKind.ADMIN2,
    "ADM3": PlaceKind.OTHER,
    "ADM4": PlaceKind.OTHER,
    "PPLX": PlaceKind.NEIGHBOURHOOD,
    "PPLC": PlaceKind.CITY,
    "PPLA": PlaceKind.CITY,
    "RD": PlaceKind.ROAD,
    "RDJCT": PlaceKind.ROAD,
}
CLASS_KINDS = {
    "A": PlaceKind.ADMIN2,
    "S": PlaceKind.FACILITY,
    "L": PlaceKind.REGION,
    "T": PlaceKind.REGION,
    "R": PlaceKind.ROAD,
    "H": PlaceKind.OTHER,
    "V": PlaceKind.REGION,
    "U": PlaceKind.OTHER,
}
OCHA_LEVEL_KINDS = {1: PlaceKind.ADMIN1, 2: PlaceKind.ADMIN2, 3: PlaceKind.OTHER, 4: PlaceKind.VILLAGE}
OCHA_RADIUS_KM = {1: 50.0, 2: 15.0, 3: 6.0, 4: 1.0}
LAT_COLUMNS = ("latitude", "lat", "lat_y", "y", "point_y", "centroid_y")
LON_COLUMNS = ("longitude", "lon", "long", "lng", "lon_x", "x", "point_x", "centroid_x")


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import wrote: the file, how many places and Arabic names, and how many lacked coordinates."""

    source: Path
    output: Path
    places: int
    names: int
    without_coordinates: int = 0


def import_geonames(
    path: Path,
    *,
    alternate_names: Path | None = None,
    countries: Iterable[str] | None = None,
    feature_classes: Iterable[str] = DEFAULT_FEATURE_CLASSES,
    min_population: int = 0,
    admin1_codes: Path | None = None,
    data_dir: Path | None = None,
) -> ImportReport:
    """Import the places of a GeoNames dump that have an Arabic name.

    Args:
        path: ``allCountries.txt`` or a country file (``SY.txt``), tab-separated, 19 columns.
        alternate_names: ``alternateNamesV2.txt`` (or ``alternateNames.txt``); its Arabic
            (``ar``) names are added to those found in the dump's own alternate-name column.
        countries: ISO2 codes to keep (all when None).
        feature_classes: GeoNames feature classes to keep (P populated places, A
            administrative areas, S spots such as airports; also L, T, R, H, V, U).
        min_population: drop populated places smaller than this (0 keeps villages of
            unknown size).
        admin1_codes: ``admin1CodesASCII.txt``, to name provinces outside the countries
            marsad curates.
        data_dir: where the user's gazetteer lives (default: the marsad user data directory).
    """
    wanted = {c.upper() for c in countries} if countries else None
    classes = frozenset(feature_classes)
    provinces = admin1_names() | (_read_admin1_codes(admin1_codes) if admin1_codes else {})
    places = {row[0]: row for row in _geonames_rows(path) if _keep(row, wanted, classes, min_population)}
    names: dict[str, list[str]] = {gid: _arabic_names(row[3].split(",")) for gid, row in places.items()}
    if alternate_names is not None:
        for gid, name in _alternate_arabic(alternate_names, places.keys()):
            if name not in names[gid]:
                names[gid].append(name)
    rows = [_geonames_record(row, names[gid], provinces) for gid, row in places.items() if names[gid]]
    return _write(path, "geonames", rows, data_dir)


def import_ocha_csv(
    path: Path,
    *,
    country: str | None = None,
    level: int | None = None,
    data_dir: Path | None = None,
) -> ImportReport:
    """Import an OCHA admin-boundary (COD-AB) or populated-places table.

    Args:
        path: a CSV with ``ADM<n>_EN``, ``ADM<n>_AR`` and ``ADM<n>_PCODE`` columns (any case),
            and ``latitude``/``longitude`` (or ``lat``/``lon``, ``y``/``x``) columns when the
            table has points or centroids.
        country: ISO2 code; default: the first two letters of ``ADM0_PCODE`` (OCHA p-codes
            start with the ISO2 code).
        level: the admin level to import (1-4); default: the deepest level the table has.
        data_dir: where the user's gazetteer lives (default: the marsad user data directory).
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = {name.lower(): name for name in reader.fieldnames or []}
        depth = level or _deepest_level(header)
        if depth is None:
            raise IngestError(str(path), "no ADM<n>_AR / ADM<n>_PCODE columns: not an OCHA admin table")
        rows = [r for r in (_ocha_record(row, header, depth, country) for row in reader) if r is not None]
    return _write(path, "ocha", rows, data_dir)


def _geonames_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < GEONAMES_FIELDS - 4:
                log.warning(
                    "%s line %d: %d columns, expected %d; skipped", path, number, len(cells), GEONAMES_FIELDS
                )
                continue
            yield cells


def _keep(row: list[str], countries: set[str] | None, classes: frozenset[str], min_population: int) -> bool:
    if countries is not None and row[8] not in countries:
        return False
    if row[6] not in classes:
        return False
    return not (row[6] == "P" and _int(row[14]) < min_population)


def _alternate_arabic(path: Path, wanted: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(geonameid, Arabic name) from alternateNames: language ``ar``, not historic."""
    ids = set(wanted)
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4 or cells[1] not in ids or cells[2] != "ar":
                continue
            historic = len(cells) > 7 and cells[7] == "1"
            if not historic and _ARABIC.search(cells[3]):
                yield cells[1], cells[3].strip()


def _arabic_names(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        name = name.strip()
        if name and _ARABIC.search(name) and name not in out:
            out.append(name)
    return out


def _geonames_record(row: list[str], names: list[str], provinces: dict[str, str]) -> dict[str, str]:
    population = _int(row[14])
    kind = _geonames_kind(row[6], row[7], population)
    radius = (
        settlement_radius(population) if kind in {PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE} else 2.0
    )
    return {
        "id": f"geonames:{row[0]}",
        "kind": kind.value,
        "country": row[8],
        "admin1": provinces.get(f"{row[8]}.{row[10]}", ""),
        "name_en": row[1],
        "lat": row[4],
        "lon": row[5],
        "radius_km": str(radius),
        "population": str(population),
        "names": "|".join(_clean(n) for n in names),
    }


def _geonames_kind(feature_class: str, code: str, population: int) -> PlaceKind:
    if code in FEATURE_KINDS:
        return FEATURE_KINDS[code]
    if feature_class == "P":
        return settlement_kind(population) if population else PlaceKind.VILLAGE
    return CLASS_KINDS.get(feature_class, PlaceKind.OTHER)


def _read_admin1_codes(path: Path) -> dict[str, str]:
    """``admin1CodesASCII.txt``: "SY.09<TAB>Aleppo<TAB>..." -> {"SY.09": "Aleppo"}."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2:
            out[cells[0]] = cells[1]
    return out


def _deepest_level(header: dict[str, str]) -> int | None:
    levels = [n for n in (4, 3, 2, 1) if f"adm{n}_ar" in header and f"adm{n}_pcode" in header]
    return levels[0] if levels else None


def _ocha_record(
    row: dict[str, str], header: dict[str, str], level: int, country: str | None
) -> dict[str, str] | None:
    def cell(name: str) -> str:
        column = header.get(name)
        return (row.get(column) or "").strip() if column else ""

    arabic, pcode = cell(f"adm{level}_ar"), cell(f"adm{level}_pcode")
    if not arabic or not pcode:
        return None
    iso2 = (country or cell("adm0_pcode")[:2] or pcode[:2]).upper()
    return {
        "id": f"ocha:{pcode}",
        "kind": OCHA_LEVEL_KINDS.get(level, PlaceKind.OTHER).value,
        "country": iso2,
        "admin1": cell("adm1_en"),
        "name_en": cell(f"adm{level}_en") or arabic,
        "lat": _first(cell, LAT_COLUMNS),
        "lon": _first(cell, LON_COLUMNS),
        "radius_km": str(OCHA_RADIUS_KM.get(level, 2.0)),
        "population": "0",
        "names": "|".join(_clean(n) for n in re.split(r"[/،]", arabic) if n.strip()),
    }


def _first(cell: Callable[[str], str], columns: tuple[str, ...]) -> str:
    for column in columns:
        value = cell(column)
        if value:
            try:
                return str(float(value))
            except ValueError:
                continue
    return ""


def _clean(name: str) -> str:
    return " ".join(name.replace("|", " ").replace("\t", " ").split())


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def _write(source: Path, prefix: str, rows: list[dict[str, str]], data_dir: Path | None) -> ImportReport:
    folder = (data_dir or user_data_dir()) / IMPORT_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / f"{prefix}-{_SAFE_STEM.sub('_', source.stem)}.tsv"
    buffer = io.StringIO()
    buffer.write(f"# Imported by marsad from {source.name}\n# source: {prefix} ({source.name})\n")
    buffer.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        buffer.write("\t".join(row[column] for column in COLUMNS) + "\n")
    output.write_text(buffer.getvalue(), encoding="utf-8")
    names = sum(len(row["names"].split("|")) for row in rows)
    missing = sum(1 for row in rows if not row["lat"] or not row["lon"])
    log.info("imported %d places (%d Arabic names) from %s into %s", len(rows), names, source, output)
    return ImportReport(source, output, len(rows), names, missing)
