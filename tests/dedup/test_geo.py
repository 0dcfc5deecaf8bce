from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dedup.geo import (
    GridIndex,
    haversine_km,
    place_reach_km,
    places_compatible,
    same_place,
)
from marsad.event import Place, PlaceKind
from tests.dedup.builders import (
    ALEPPO,
    ALEPPO_NORTH,
    ALEPPO_PROVINCE,
    AZAZ,
    DOUMA,
    HARASTA,
    IDLIB,
    MAREA,
    SYRIA,
)


def test_haversine_matches_known_distances() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, rel=0.001)
    assert haversine_km(36.2, 37.1, 36.2, 37.1) == 0.0


def test_reach_follows_kind_and_precision() -> None:
    assert place_reach_km(ALEPPO) == 15.0
    assert place_reach_km(ALEPPO_NORTH) == 50.0
    assert place_reach_km(Place("x", lat=1, lon=1, kind=PlaceKind.CITY, precision_km=4.0)) == 4.0
    assert math.isinf(place_reach_km(SYRIA))


def test_same_place_by_id_or_by_name_nearby() -> None:
    assert same_place(ALEPPO, Place("حلب", None, 36.21, 37.15, "SY", "Aleppo", PlaceKind.CITY))
    assert not same_place(ALEPPO, IDLIB)
    spelled = Place("أعزاز", lat=36.58, lon=37.04, kind=PlaceKind.TOWN)
    assert same_place(Place("اعزاز", lat=36.5866, lon=37.0463, kind=PlaceKind.TOWN), spelled)
    far_namesake = Place("اعزاز", lat=34.0, lon=36.0, kind=PlaceKind.TOWN)
    assert not same_place(Place("اعزاز", lat=36.5866, lon=37.0463, kind=PlaceKind.TOWN), far_namesake)


def test_places_compatible_rules() -> None:
    assert places_compatible(AZAZ, ALEPPO_NORTH)  # a town inside its countryside
    assert places_compatible(AZAZ, ALEPPO_PROVINCE)  # by admin1
    spelled_out = Place("حلب", "Aleppo governorate", None, None, "SY", "Aleppo", PlaceKind.ADMIN1)
    assert places_compatible(ALEPPO_PROVINCE, spelled_out)
    assert not places_compatible(IDLIB, ALEPPO_PROVINCE)
    assert not places_compatible(AZAZ, MAREA)  # two towns ~13 km apart
    assert not places_compatible(DOUMA, HARASTA)  # a city and a town 4 km apart are both settlements
    assert not places_compatible(AZAZ, ALEPPO)  # 43 km: outside the city's reach
    assert not places_compatible(ALEPPO, SYRIA)  # country level matches only itself
    assert places_compatible(SYRIA, SYRIA)
    neighbourhood = Place("الشعار", lat=36.21, lon=37.18, admin1="Aleppo", kind=PlaceKind.NEIGHBOURHOOD)
    assert places_compatible(neighbourhood, ALEPPO)


offsets = st.tuples(st.floats(-1.0, 1.0), st.floats(-1.0, 1.0))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(offsets, min_size=1, max_size=60),
    st.tuples(st.floats(-60, 60), st.floats(-170, 170)),
    st.floats(1, 80),
    st.sampled_from([5.0, 15.0, 60.0]),
)
def test_grid_query_finds_everything_within_the_radius(
    items: list[tuple[float, float]], centre: tuple[float, float], radius: float, cell: float
) -> None:
    grid = GridIndex[int](cell)
    points = [(centre[0] + dlat, centre[1] + dlon) for dlat, dlon in items]
    for n, (lat, lon) in enumerate(points):
        grid.add(lat, lon, "day", n)
    found = set(grid.near(centre[0], centre[1], radius, ["day"]))
    expected = {n for n, (lat, lon) in enumerate(points) if haversine_km(*centre, lat, lon) <= radius}
    assert expected <= found
    assert not set(grid.near(centre[0], centre[1], radius, ["other day"]))


def test_grid_query_skips_far_cells() -> None:
    grid = GridIndex[str](15.0)
    grid.add(36.2, 37.1, 1, "near")
    grid.add(36.2, 39.1, 1, "far")
    assert list(grid.near(36.2, 37.15, 10, [1])) == ["near"]
