"""What marsad extracts: places, actors, events, claims and truces, with their closed vocabularies.

The names and values follow the output contract (SCHEMA.md): ACLED's six event types and
twenty-five sub-event types as snake_case ids, claim stances and truce kinds. Value types are
frozen; every extracted record carries the evidence sentence and the character spans (into
``Article.body``) of the words each field came from, so a reader can audit it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class EventType(StrEnum):
    BATTLES = "battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "explosions_remote_violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians"
    PROTESTS = "protests"
    RIOTS = "riots"
    STRATEGIC_DEVELOPMENTS = "strategic_developments"


class SubEventType(StrEnum):
    ARMED_CLASH = "armed_clash"
    GOVERNMENT_REGAINS_TERRITORY = "government_regains_territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "non_state_actor_overtakes_territory"
    CHEMICAL_WEAPON = "chemical_weapon"
    AIR_DRONE_STRIKE = "air_drone_strike"
    SUICIDE_BOMB = "suicide_bomb"
    SHELLING_ARTILLERY_MISSILE_ATTACK = "shelling_artillery_missile_attack"
    REMOTE_EXPLOSIVE_LANDMINE_IED = "remote_explosive_landmine_ied"
    GRENADE = "grenade"
    SEXUAL_VIOLENCE = "sexual_violence"
    ATTACK = "attack"
    ABDUCTION_FORCED_DISAPPEARANCE = "abduction_forced_disappearance"
    PEACEFUL_PROTEST = "peaceful_protest"
    PROTEST_WITH_INTERVENTION = "protest_with_intervention"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "excessive_force_against_protesters"
    VIOLENT_DEMONSTRATION = "violent_demonstration"
    MOB_VIOLENCE = "mob_violence"
    AGREEMENT = "agreement"
    ARRESTS = "arrests"
    CHANGE_TO_GROUP_ACTIVITY = "change_to_group_activity"
    DISRUPTED_WEAPONS_USE = "disrupted_weapons_use"
    HEADQUARTERS_OR_BASE_ESTABLISHED = "headquarters_or_base_established"
    LOOTING_PROPERTY_DESTRUCTION = "looting_property_destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "non_violent_transfer_of_territory"
    OTHER = "other"

    @property
    def event_type(self) -> EventType:
        return SUB_EVENT_PARENT[self]


_S, _E = SubEventType, EventType
SUB_EVENT_PARENT: dict[SubEventType, EventType] = {
    **dict.fromkeys(
        (_S.ARMED_CLASH, _S.GOVERNMENT_REGAINS_TERRITORY, _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY), _E.BATTLES
    ),
    **dict.fromkeys(
        (
            _S.CHEMICAL_WEAPON,
            _S.AIR_DRONE_STRIKE,
            _S.SUICIDE_BOMB,
            _S.SHELLING_ARTILLERY_MISSILE_ATTACK,
            _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
            _S.GRENADE,
        ),
        _E.EXPLOSIONS_REMOTE_VIOLENCE,
    ),
    **dict.fromkeys(
        (_S.SEXUAL_VIOLENCE, _S.ATTACK, _S.ABDUCTION_FORCED_DISAPPEARANCE), _E.VIOLENCE_AGAINST_CIVILIANS
    ),
    **dict.fromkeys(
        (_S.PEACEFUL_PROTEST, _S.PROTEST_WITH_INTERVENTION, _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS),
        _E.PROTESTS,
    ),
    **dict.fromkeys((_S.VIOLENT_DEMONSTRATION, _S.MOB_VIOLENCE), _E.RIOTS),
    **dict.fromkeys(
        (
            _S.AGREEMENT,
            _S.ARRESTS,
            _S.CHANGE_TO_GROUP_ACTIVITY,
            _S.DISRUPTED_WEAPONS_USE,
            _S.HEADQUARTERS_OR_BASE_ESTABLISHED,
            _S.LOOTING_PROPERTY_DESTRUCTION,
            _S.NON_VIOLENT_TRANSFER_OF_TERRITORY,
            _S.OTHER,
        ),
        _E.STRATEGIC_DEVELOPMENTS,
    ),
}

#: Event types that count as violence when checking a truce.
VIOLENT_EVENT_TYPES = frozenset(
    {_E.BATTLES, _E.EXPLOSIONS_REMOTE_VIOLENCE, _E.VIOLENCE_AGAINST_CIVILIANS, _E.RIOTS}
)


class Stance(StrEnum):
    ASSERT = "assert"
    DENY = "deny"
    ACCUSE = "accuse"
    THREATEN = "threaten"
    PROMISE = "promise"
    DEMAND = "demand"


class TruceKind(StrEnum):
    CEASEFIRE = "ceasefire"
    CALM = "calm"
    CORRIDOR = "corridor"
    EVACUATION = "evacuation"


class PlaceKind(StrEnum):
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    REGION = "region"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    NEIGHBOURHOOD = "neighbourhood"
    ROAD = "road"
    FACILITY = "facility"
    OTHER = "other"


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.body``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place. ``name`` is as written in the text; the rest comes from the gazetteer."""

    name: str
    name_en: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    kind: PlaceKind | None = None
    gazetteer_id: str | None = None
    precision_km: float | None = None

    def as_record(self) -> dict[str, object]:
        return {
            "name": self.name,
            "name_en": self.name_en,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "kind": self.kind.value if self.kind else None,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    name_en: str | None = None
    actor_id: str | None = None
    side: str | None = None

    def as_record(self) -> dict[str, object]:
        return {"name": self.name, "name_en": self.name_en}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a record came from, verbatim, and where each of its fields was read."""

    sentence: str
    sentence_span: Span
    field_spans: tuple[tuple[str, Span], ...] = ()


@dataclass(slots=True)
class Event:
    sub_event_type: SubEventType
    evidence: Evidence
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    location: Place | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    fatalities: int | None = None
    injuries: int | None = None
    target: str | None = None
    weapon: str | None = None
    negated: bool = False
    aggregate: bool = False
    reported_by: str | None = None

    @property
    def event_type(self) -> EventType:
        return self.sub_event_type.event_type

    def as_record(self) -> dict[str, object]:
        return {
            "event_type": self.event_type.value,
            "sub_event_type": self.sub_event_type.value,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision.value if self.date_precision else None,
            "location": self.location.as_record() if self.location else None,
            "actor1": self.actor1.as_record() if self.actor1 else None,
            "actor2": self.actor2.as_record() if self.actor2 else None,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "target": self.target,
            "weapon": self.weapon,
            "negated": self.negated,
            "aggregate": self.aggregate,
            "reported_by": self.reported_by,
            "evidence": self.evidence.sentence,
        }


@dataclass(slots=True)
class Claim:
    speaker: str
    stance: Stance
    text: str
    evidence: Evidence
    speaker_en: str | None = None
    about: str | None = None  # an EventType value, "ceasefire" or "other"

    def as_record(self) -> dict[str, object]:
        return {
            "speaker": self.speaker,
            "speaker_en": self.speaker_en,
            "stance": self.stance.value,
            "text": self.text,
            "about": self.about,
        }


@dataclass(slots=True)
class Truce:
    kind: TruceKind
    evidence: Evidence
    zones: list[Place] = field(default_factory=list)
    excluded: list[Place] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    duration_hours: int | None = None
    parties: list[str] = field(default_factory=list)

    def as_record(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "zones": [p.as_record() for p in self.zones],
            "excluded": [p.as_record() for p in self.excluded],
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "duration_hours": self.duration_hours,
            "parties": list(self.parties),
            "evidence": self.evidence.sentence,
        }
