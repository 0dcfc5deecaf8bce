"""The article's place list: distinct places named as locations, in first-mention order."""

from __future__ import annotations

import pytest

from marsad.article import PlaceMention
from marsad.assemble.places import distinct_locations, place_list_stage
from marsad.event import Place, PlaceKind, Span
from marsad.settings import Settings
from tests.conftest import make_article

SYRIA = Place("سوريا", "Syria", 34.8, 39.0, "SY", None, PlaceKind.COUNTRY, "iso:SY")
ALEPPO = Place("حلب", "Aleppo", 36.2, 37.16, "SY", "Aleppo", PlaceKind.CITY, "geonames:170063")
RUSSIA = Place("روسيا", "Russia", 61.5, 105.3, "RU", None, PlaceKind.COUNTRY, "iso:RU")


def mention(place: Place, start: int, location: bool = True, name: str | None = None) -> PlaceMention:
    named = Place(
        name or place.name,
        place.name_en,
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        place.kind,
        place.gazetteer_id,
    )
    return PlaceMention(Span(start, start + len(named.name)), named.name, named, location)


def test_each_place_is_listed_once_under_its_first_spelling() -> None:
    found = distinct_locations([mention(SYRIA, 0), mention(ALEPPO, 10), mention(SYRIA, 20, name="سورية")])
    assert [p.name for p in found] == ["سوريا", "حلب"]


def test_actors_are_left_out_unless_also_named_as_locations() -> None:
    found = distinct_locations([mention(RUSSIA, 0, location=False), mention(ALEPPO, 10)])
    assert [p.gazetteer_id for p in found] == ["geonames:170063"]
    found = distinct_locations([mention(RUSSIA, 0, location=False), mention(RUSSIA, 10)])
    assert [p.gazetteer_id for p in found] == ["iso:RU"]


def test_places_without_an_id_are_told_apart_by_name() -> None:
    first = Place("منطقة ما", kind=PlaceKind.OTHER)
    found = distinct_locations([mention(first, 0), mention(first, 5, name="منطقه ما"), mention(ALEPPO, 9)])
    assert [p.name for p in found] == ["منطقة ما", "حلب"]


@pytest.mark.parametrize("count", [0, 3])
def test_the_stage_sets_the_article_places(count: int) -> None:
    article = make_article("نص")
    article.mentions.places = [mention(ALEPPO, i) for i in range(count)]
    article = place_list_stage(Settings())(article)
    assert len(article.places) == min(count, 1)
