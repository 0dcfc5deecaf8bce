"""Distances between places, how far a place name reaches, and a lat/lon grid for neighbour search.

A place name covers an area, not a point: "Aleppo" (a city) reaches about 15 km from its
centre, "the Latakia countryside" (a region) about 50 km, a village a few km. Matching two
reports, or an event against a truce zone, compares distances with these reaches. The numbers
are deliberately round; ``Place.precision_km`` overrides them when the gazetteer knows better.
See docs/decisions/0002-grid-cells.md for why a plain degree grid is enough here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from enum import IntEnum
from typing import Generic, TypeVar

from marsad.event import Place, PlaceKind
from marsad.normalize import fold

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = 111.32

#: Distinct places of the same level closer than this are taken for one place spelled twice
#: (two gazetteer entries, a transliteration variant); farther apart they are different places.
SAME_SPOT_KM = 2.0


class PlaceLevel(IntEnum):
    """How coarse a place is; a place can only contain places of a lower level."""

    SITE = 0  # neighbourhood, facility, road
    SETTLEMENT = 1  # village, town, city
    AREA = 2  # admin2, region ("ريف حلب"), other named areas
    ADMIN1 = 3
    COUNTRY = 4


_K = PlaceKind
PLACE_LEVEL: dict[PlaceKind, PlaceLevel] = {
    _K.NEIGHBOURHOOD: PlaceLevel.SITE,
    _K.FACILITY: PlaceLevel.SITE,
    _K.ROAD: PlaceLevel.SITE,
    _K.VILLAGE: PlaceLevel.SETTLEMENT,
    _K.TOWN: PlaceLevel.SETTLEMENT,
    _K.CITY: PlaceLevel.SETTLEMENT,
    _K.ADMIN2: PlaceLevel.AREA,
    _K.REGION: PlaceLevel.AREA,
    _K.OTHER: PlaceLevel.AREA,
    _K.ADMIN1: PlaceLevel.ADMIN1,
    _K.COUNTRY: PlaceLevel.COUNTRY,
}

#: Radius (km) a place name covers around its coordinates, by kind.
DEFAULT_REACH_KM: dict[PlaceKind, float] = {
    _K.FACILITY: 1.0,
    _K.NEIGHBOURHOOD: 3.0,
    _K.ROAD: 5.0,
    _K.VILLAGE: 3.0,
    _K.TOWN: 6.0,
    _K.CITY: 15.0,
    _K.ADMIN2: 35.0,
    _K.REGION: 50.0,
    _K.OTHER: 10.0,
    _K.ADMIN1: 150.0,
    _K.COUNTRY: math.inf,
}

#: A place with coordinates but no kind is treated like a town.
UNKNOWN_KIND_REACH_KM = DEFAULT_REACH_KM[_K.TOWN]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def has_point(place: Place) -> bool:
    return place.lat is not None and place.lon is not None


def place_distance_km(a: Place, b: Place) -> float | None:
    """Distance between the two places' coordinates, None when either has none."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def place_level(place: Place) -> PlaceLevel:
    if place.kind is not None:
        return PLACE_LEVEL[place.kind]
    if has_point(place):
        return PlaceLevel.SETTLEMENT
    if place.admin1:
        return PlaceLevel.ADMIN1
    return PlaceLevel.COUNTRY


def place_reach_km(place: Place) -> float:
    """Radius around the place's coordinates that its name covers."""
    if place.precision_km is not None:
        return place.precision_km
    if place.kind is None:
        return UNKNOWN_KIND_REACH_KM
    return DEFAULT_REACH_KM[place.kind]


def same_text(a: str | None, b: str | None) -> bool:
    """Both given and equal after Arabic folding and case folding."""
    return a is not None and b is not None and fold(a).casefold() == fold(b).casefold()


def same_place(a: Place, b: Place) -> bool:
    """One place named twice: same gazetteer id, or (without ids) the same name nearby."""
    if a.gazetteer_id and b.gazetteer_id:
        return a.gazetteer_id == b.gazetteer_id
    if not (same_text(a.name, b.name) or same_text(a.name_en, b.name_en)):
        return False
    if a.kind is not None and b.kind is not None and place_level(a) != place_level(b):
        return False
    distance = place_distance_km(a, b)
    return distance is None or distance <= max(place_reach_km(a), place_reach_km(b))


def same_admin1(a: Place, b: Place) -> bool:
    """Both in the same first-level division (and country, where both give one)."""
    if a.country and b.country and a.country != b.country:
        return False
    return same_text(admin1_of(a), admin1_of(b))


def admin1_of(place: Place) -> str | None:
    """The admin1 a place lies in; an admin1 place without one is its own admin1."""
    if place.admin1:
        return place.admin1
    if place.kind is PlaceKind.ADMIN1:
        return place.name_en or place.name
    return None


def places_compatible(a: Place, b: Place) -> bool:
    """Could two reports naming ``a`` and ``b`` describe something at one location?

    The same place always is. A coarser place contains a finer one within its reach (an
    admin1 by name). Two different places of the same level are different locations unless
    they are practically one spot (:data:`SAME_SPOT_KM`). Country-level places only match
    themselves: "in Syria" is too vague to tie two reports together.
    """
    if same_place(a, b):
        return True
    level_a, level_b = place_level(a), place_level(b)
    if PlaceLevel.COUNTRY in (level_a, level_b):
        return False
    if PlaceLevel.ADMIN1 in (level_a, level_b):
        return same_admin1(a, b)
    distance = place_distance_km(a, b)
    if distance is None:
        return False
    if level_a == level_b:
        return distance <= SAME_SPOT_KM
    coarser = a if level_a > level_b else b
    return distance <= place_reach_km(coarser)


def match_radius_km(a: Place, b: Place) -> float:
    """The largest distance at which :func:`places_compatible` can hold for these levels."""
    return max(place_reach_km(a), place_reach_km(b), SAME_SPOT_KM)


T = TypeVar("T")


class GridIndex(Generic[T]):
    """Items bucketed by a lat/lon grid cell plus an extra key (a day), for radius queries.

    Cells are ``cell_km`` tall; in longitude they are as many degrees as in latitude, so they
    narrow towards the poles and a query widens its ring of cells accordingly. A query returns
    every item within ``radius_km`` (and possibly some a little farther: callers check the
    exact distance). The antimeridian is not wrapped.
    """

    def __init__(self, cell_km: float) -> None:
        if cell_km <= 0:
            raise ValueError("cell_km must be positive")
        self.cell_km = cell_km
        self._cell_deg = cell_km / KM_PER_DEGREE_LAT
        self._cells: defaultdict[tuple[int, int, Hashable], list[T]] = defaultdict(list)

    def __len__(self) -> int:
        return sum(len(items) for items in self._cells.values())

    def cell_of(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self._cell_deg), math.floor(lon / self._cell_deg)

    def add(self, lat: float, lon: float, extra: Hashable, item: T) -> None:
        row, col = self.cell_of(lat, lon)
        self._cells[(row, col, extra)].append(item)

    def near(self, lat: float, lon: float, radius_km: float, extras: Iterable[Hashable]) -> Iterator[T]:
        """Items in the cells that a circle of ``radius_km`` around (lat, lon) can touch."""
        row, col = self.cell_of(lat, lon)
        rows = math.ceil(radius_km / self.cell_km)
        col_span = self._columns_for(lat, radius_km)
        keys = list(extras)
        if (2 * rows + 1) * (2 * col_span + 1) * len(keys) > len(self._cells):
            # A wide radius (a place that reaches across a region) touches more cells than are
            # occupied: scanning the occupied cells is cheaper and yields the same items.
            wanted = set(keys)
            for (r, c, extra), items in self._cells.items():
                if extra in wanted and abs(r - row) <= rows and abs(c - col) <= col_span:
                    yield from items
            return
        for r in range(row - rows, row + rows + 1):
            for c in range(col - col_span, col + col_span + 1):
                for extra in keys:
                    yield from self._cells.get((r, c, extra), ())

    def _columns_for(self, lat: float, radius_km: float) -> int:
        # The farthest latitude the circle reaches has the narrowest cells: size the ring there.
        edge_lat = min(89.0, abs(lat) + radius_km / KM_PER_DEGREE_LAT + self._cell_deg)
        cell_width_km = self.cell_km * math.cos(math.radians(edge_lat))
        return min(math.ceil(radius_km / cell_width_km), math.ceil(180 / self._cell_deg))
