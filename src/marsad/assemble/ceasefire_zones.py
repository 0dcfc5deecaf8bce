"""Where a truce applies: zones, and whether a place lies inside one.

A zone is a named place (reaching as far as its kind: a city about 15 km, a countryside
about 50 km), a first-level division (by admin1 name, or a whole country), or a circle around
a point. Whether an event's place lies inside is three-valued: a report located only as
"Syria" neither is nor is not inside "the Latakia countryside", and the checker lists such
events as undetermined instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from marsad.dedup.geo import (
    PlaceLevel,
    admin1_of,
    has_point,
    haversine_km,
    place_distance_km,
    place_level,
    place_reach_km,
    same_place,
    same_text,
)
from marsad.event import Place


class ZoneKind(StrEnum):
    PLACE = "place"  # a named place, reaching as far as its kind
    ADMIN = "admin"  # a first-level division by name, or a whole country
    RADIUS = "radius"  # a circle around a point


class Inside(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Zone:
    kind: ZoneKind
    name: str
    place: Place | None = None  # PLACE
    admin1: str | None = None  # ADMIN (None with a country: the whole country)
    country: str | None = None  # ADMIN
    lat: float | None = None  # RADIUS
    lon: float | None = None
    radius_km: float | None = None

    def __post_init__(self) -> None:
        if self.kind is ZoneKind.PLACE and self.place is None:
            raise ValueError(f"place zone {self.name!r} needs a place")
        if self.kind is ZoneKind.ADMIN and not (self.admin1 or self.country):
            raise ValueError(f"admin zone {self.name!r} needs an admin1 or a country")
        if self.kind is ZoneKind.RADIUS and (self.lat is None or self.lon is None or not self.radius_km):
            raise ValueError(f"radius zone {self.name!r} needs lat, lon and a positive radius_km")

    @classmethod
    def of_place(cls, place: Place) -> Zone:
        return cls(ZoneKind.PLACE, place.name, place=place)

    @classmethod
    def of_admin(cls, admin1: str | None, country: str | None, name: str | None = None) -> Zone:
        return cls(ZoneKind.ADMIN, name or admin1 or country or "", admin1=admin1, country=country)

    @classmethod
    def of_radius(cls, lat: float, lon: float, radius_km: float, name: str | None = None) -> Zone:
        label = name or f"{radius_km:g} km around {lat:.4f},{lon:.4f}"
        return cls(ZoneKind.RADIUS, label, lat=lat, lon=lon, radius_km=radius_km)

    def as_record(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "name": self.name,
            "place": self.place.as_record() if self.place else None,
            "admin1": self.admin1,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "radius_km": self.radius_km,
        }


def zone_contains(zone: Zone, place: Place | None) -> Inside:
    """Is ``place`` inside ``zone``? UNKNOWN when the place is too vague to tell."""
    if place is None:
        return Inside.UNKNOWN
    if zone.kind is ZoneKind.RADIUS:
        assert zone.lat is not None
        assert zone.lon is not None
        assert zone.radius_km is not None
        return _in_circle(zone.lat, zone.lon, zone.radius_km, place)
    if zone.kind is ZoneKind.ADMIN:
        return _in_admin(zone.admin1, zone.country, place)
    assert zone.place is not None
    return _in_place(zone.place, place)


def _in_place(area: Place, place: Place) -> Inside:
    if same_place(area, place):
        return Inside.YES
    level = place_level(area)
    if level is PlaceLevel.COUNTRY:
        return _in_admin(None, area.country, place)
    if level is PlaceLevel.ADMIN1:
        return _in_admin(admin1_of(area), area.country, place)
    if area.lat is None or area.lon is None:
        # A named area the gazetteer has no point for: its admin1 is the best we know.
        return _in_admin(area.admin1, area.country, place) if area.admin1 else Inside.UNKNOWN
    return _in_circle(area.lat, area.lon, place_reach_km(area), place)


def _in_circle(lat: float, lon: float, radius_km: float, place: Place) -> Inside:
    if place.lat is None or place.lon is None:
        return Inside.UNKNOWN
    distance = haversine_km(lat, lon, place.lat, place.lon)
    if place_level(place) <= PlaceLevel.SETTLEMENT:
        return Inside.YES if distance <= radius_km else Inside.NO
    # An area reported by its centre: inside only if all of it is, outside only if none of it.
    reach = place_reach_km(place)
    if distance + reach <= radius_km:
        return Inside.YES
    if distance - reach > radius_km:
        return Inside.NO
    return Inside.UNKNOWN


def _in_admin(admin1: str | None, country: str | None, place: Place) -> Inside:
    if country and place.country and country != place.country:
        return Inside.NO
    if not admin1:
        if not country:
            return Inside.UNKNOWN
        return Inside.YES if place.country == country else Inside.UNKNOWN
    place_admin1 = admin1_of(place)
    if place_admin1:
        return Inside.YES if same_text(admin1, place_admin1) else Inside.NO
    return Inside.UNKNOWN


class ZoneRelation(IntEnum):
    """How two zones relate, from unrelated to one area named twice."""

    APART = 0
    NESTED = 1  # one lies in the other: a city in its province, a province in its country
    SAME = 2  # the same area (same place, same division, or circles centred in each other at one level)


def zone_relation(a: Zone, b: Zone) -> ZoneRelation:
    """How two zones relate (for merging announcements of one truce)."""
    anchor_a, anchor_b = _anchor(a), _anchor(b)
    if anchor_a is not None and anchor_b is not None and same_place(anchor_a, anchor_b):
        return ZoneRelation.SAME
    division_a, division_b = _division(a), _division(b)
    if division_a is not None and division_b is not None:
        if not _nested_divisions(division_a, division_b):
            return ZoneRelation.APART
        return ZoneRelation.SAME if division_a == division_b else ZoneRelation.NESTED
    if division_a is not None or division_b is not None:
        division, other = (division_a, b) if division_a is not None else (division_b, a)
        assert division is not None
        inside = other.place is not None and _in_admin(division[0], division[1], other.place) is Inside.YES
        return ZoneRelation.NESTED if inside else ZoneRelation.APART
    return _circle_relation(a, b)


def _circle_relation(a: Zone, b: Zone) -> ZoneRelation:
    ca, cb = _circle(a), _circle(b)
    if ca is None or cb is None:
        return ZoneRelation.APART
    # One zone's centre inside the other: two areas that merely touch are not one truce's area.
    if haversine_km(ca[0], ca[1], cb[0], cb[1]) > max(ca[2], cb[2]):
        return ZoneRelation.APART
    return ZoneRelation.SAME if _zone_level(a) == _zone_level(b) else ZoneRelation.NESTED


def _zone_level(zone: Zone) -> PlaceLevel | None:
    return place_level(zone.place) if zone.place is not None else None


def zones_overlap(a: Zone, b: Zone) -> bool:
    """Could two zones be the same truce's area: the same area, or one inside the other?"""
    return zone_relation(a, b) is not ZoneRelation.APART


def _anchor(zone: Zone) -> Place | None:
    return zone.place if zone.kind is ZoneKind.PLACE else None


def _nested_divisions(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Two divisions (admin1, country), either of which may be a whole country: one in the other?"""
    (a1, ca), (b1, cb) = a, b
    if ca and cb and ca != cb:
        return False
    return a1 is None or b1 is None or same_text(a1, b1)


def _division(zone: Zone) -> tuple[str | None, str | None] | None:
    if zone.kind is ZoneKind.ADMIN:
        return zone.admin1, zone.country
    if zone.place is not None and place_level(zone.place) >= PlaceLevel.ADMIN1:
        level = place_level(zone.place)
        return (admin1_of(zone.place) if level is PlaceLevel.ADMIN1 else None), zone.place.country
    return None


def _circle(zone: Zone) -> tuple[float, float, float] | None:
    if zone.kind is ZoneKind.RADIUS:
        assert zone.lat is not None
        assert zone.lon is not None
        assert zone.radius_km is not None
        return zone.lat, zone.lon, zone.radius_km
    if zone.place is not None and has_point(zone.place) and place_level(zone.place) < PlaceLevel.ADMIN1:
        assert zone.place.lat is not None
        assert zone.place.lon is not None
        return zone.place.lat, zone.place.lon, place_reach_km(zone.place)
    return None


def zone_distance_km(zone: Zone, place: Place) -> float | None:
    """Distance from a zone's centre to a place, when both have coordinates (for display)."""
    circle = _circle(zone)
    if circle is None or place.lat is None or place.lon is None:
        return None
    if zone.place is not None:
        return place_distance_km(zone.place, place)
    return haversine_km(circle[0], circle[1], place.lat, place.lon)
