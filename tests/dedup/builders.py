"""Small builders for cross-article tests: places, events and sourced records by hand."""

from __future__ import annotations

import datetime as dt

from marsad.dedup.records import SourcedClaim, SourcedEvent, SourcedTruce
from marsad.event import (
    Actor,
    Claim,
    DatePrecision,
    Event,
    Evidence,
    Place,
    PlaceKind,
    Span,
    Stance,
    SubEventType,
    Truce,
    TruceKind,
)

ALEPPO = Place("حلب", "Aleppo", 36.2021, 37.1343, "SY", "Aleppo", PlaceKind.CITY, "g-aleppo")
ALEPPO_PROVINCE = Place("محافظة حلب", "Aleppo", None, None, "SY", "Aleppo", PlaceKind.ADMIN1, "g-aleppo-adm")
AZAZ = Place("اعزاز", "Azaz", 36.5866, 37.0463, "SY", "Aleppo", PlaceKind.TOWN, "g-azaz")
MAREA = Place("مارع", "Marea", 36.5806, 37.1897, "SY", "Aleppo", PlaceKind.TOWN, "g-marea")
ALEPPO_NORTH = Place(
    "ريف حلب الشمالي", "N. Aleppo countryside", 36.45, 37.10, "SY", "Aleppo", PlaceKind.REGION, "g-aleppo-n"
)
IDLIB = Place("ادلب", "Idlib", 35.9306, 36.6339, "SY", "Idlib", PlaceKind.CITY, "g-idlib")
SARAQIB = Place("سراقب", "Saraqib", 35.8644, 36.8006, "SY", "Idlib", PlaceKind.TOWN, "g-saraqib")
LATAKIA_RURAL = Place(
    "ريف اللاذقيه", "Latakia countryside", 35.75, 36.10, "SY", "Lattakia", PlaceKind.REGION, "g-lat-rural"
)
DOUMA = Place("دوما", "Douma", 33.5717, 36.4027, "SY", "Rural Damascus", PlaceKind.CITY, "g-douma")
HARASTA = Place("حرستا", "Harasta", 33.5586, 36.3650, "SY", "Rural Damascus", PlaceKind.TOWN, "g-harasta")
SYRIA = Place("سوريا", "Syria", 35.0, 38.5, "SY", None, PlaceKind.COUNTRY, "g-sy")
CASTELLO_ROAD = Place(
    "طريق الكاستيلو", "Castello road", 36.2480, 37.1300, "SY", "Aleppo", PlaceKind.ROAD, "g-castello"
)

ALL_PLACES = (ALEPPO, AZAZ, MAREA, ALEPPO_NORTH, IDLIB, SARAQIB, LATAKIA_RURAL, DOUMA, HARASTA, SYRIA)
PLACES = {p.name: p for p in (*ALL_PLACES, CASTELLO_ROAD)}

DAY0 = dt.date(2018, 3, 10)

RUSSIA = Actor("الجيش الروسي", "Russian military", "RU.mil", "russia")
RUSSIAN_AIR = Actor("الطيران الروسي", "Russian air force", "RU.air", "russia")
REGIME = Actor("قوات النظام", "Syrian government forces", "SY.gov", "syria_gov")
REBELS = Actor("فصائل المعارضة", "Opposition factions", "SY.opp", "opposition")


def day(offset: int) -> dt.date:
    return DAY0 + dt.timedelta(days=offset)


def evidence(sentence: str = "جملة الدليل") -> Evidence:
    return Evidence(sentence, Span(0, len(sentence)))


def event(
    sub: SubEventType = SubEventType.AIR_DRONE_STRIKE,
    place: Place | None = ALEPPO,
    when: dt.date | None = DAY0,
    *,
    precision: DatePrecision | None = DatePrecision.DAY,
    actor1: Actor | None = None,
    actor2: Actor | None = None,
    fatalities: int | None = None,
    injuries: int | None = None,
    negated: bool = False,
    aggregate: bool = False,
    reported_by: str | None = None,
    sentence: str = "جملة الدليل",
) -> Event:
    return Event(
        sub,
        evidence(sentence),
        date=when,
        date_precision=precision if when else None,
        location=place,
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities,
        injuries=injuries,
        negated=negated,
        aggregate=aggregate,
        reported_by=reported_by,
    )


def sourced(
    key: str,
    ev: Event,
    doc: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
) -> SourcedEvent:
    doc_id = doc or f"doc-{key}"
    outlet = source or f"outlet-{doc_id}"
    url = f"https://example.org/{doc_id}"
    return SourcedEvent(key, doc_id, ev, source=outlet, url=url, published=published or ev.date)


def deny_claim(
    key: str,
    places: tuple[Place, ...],
    published: dt.date,
    *,
    about: str = "explosions_remote_violence",
    speaker: str = "وزارة الدفاع الروسية",
    actor: Actor | None = None,
    doc: str | None = None,
) -> SourcedClaim:
    text = "لم تنفذ أي ضربة"
    claim = Claim(speaker, Stance.DENY, text, evidence(text), about=about)
    doc_id = doc or f"doc-{key}"
    return SourcedClaim(key, doc_id, claim, source="tass", published=published, places=places, actor=actor)


def announcement(
    key: str,
    kind: TruceKind,
    zones: list[Place],
    published: dt.date,
    *,
    start: dt.date | None = None,
    duration_hours: int | None = None,
    excluded: list[Place] | None = None,
    parties: list[str] | None = None,
    doc: str | None = None,
) -> SourcedTruce:
    truce = Truce(
        kind,
        evidence("اتفاق تهدئة"),
        zones=zones,
        excluded=excluded or [],
        start=start,
        duration_hours=duration_hours,
        parties=parties or [],
    )
    return SourcedTruce(key, doc or f"doc-{key}", truce, source="outlet", published=published)
