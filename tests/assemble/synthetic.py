"""Build articles from invented sentences with hand-made place, number and date mentions.

The extract stages for places, numbers and dates belong to other modules and have tests of
their own; here they are replaced by mentions written in the test, so that the event, claim
and truce rules are tested alone (and stay stable when those stages change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from marsad.article import (
    Article,
    DateKind,
    DateMention,
    InputFormat,
    PlaceMention,
    Qualifier,
    QuantityKind,
    QuantityMention,
    RawDocument,
)
from marsad.event import DatePrecision, Place, PlaceKind, Span
from marsad.extract.actors import actor_stage
from marsad.extract.triggers import trigger_stage
from marsad.normalize import fold, normalize, split_sentences, tokenize
from marsad.settings import Settings


@dataclass(frozen=True)
class P:
    """A place the test names: kind and coordinates (only distances between them matter)."""

    kind: PlaceKind = PlaceKind.TOWN
    lat: float | None = None
    lon: float | None = None
    as_location: bool = True  # False: a country or capital named as an actor ("قالت روسيا")


@dataclass(frozen=True)
class N:
    value: int
    qualifier: Qualifier = Qualifier.EXACT


@dataclass(frozen=True)
class D:
    """A date mention the test names, when day precision and a point in time are not what it is."""

    date: dt.date
    precision: DatePrecision = DatePrecision.DAY
    kind: DateKind = DateKind.POINT


_STAGES: dict[str, object] = {}


def _stage(name: str):  # type: ignore[no-untyped-def]
    if name not in _STAGES:
        factory = {"actors": actor_stage, "triggers": trigger_stage}[name]
        _STAGES[name] = factory(Settings())
    return _STAGES[name]


def build(
    text: str,
    places: Mapping[str, P] | None = None,
    numbers: Mapping[str, N | int] | None = None,
    dates: Mapping[str, dt.date | D] | None = None,
    published: dt.date | None = None,
) -> Article:
    """An article with normalized text, tokens, sentences, the given mentions, actors and triggers."""
    raw = RawDocument("synthetic", text, InputFormat.TEXT, "<test>", published=published)
    article = Article(raw=raw, body=text, published=published)
    article.normalized = normalize(text)
    article.tokens = tokenize(article.normalized.text)
    article.sentences = split_sentences(text)
    article.mentions.places = _places(text, places or {})
    article.mentions.quantities = _numbers(text, numbers or {})
    article.mentions.dates = _dates(text, dates or {})
    article = _stage("actors")(article)  # type: ignore[operator]
    return _stage("triggers")(article)  # type: ignore[operator]


def _occurrences(text: str, needle: str) -> list[Span]:
    spans, start = [], text.find(needle)
    while start >= 0:
        spans.append(Span(start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return spans


def _places(text: str, places: Mapping[str, P]) -> list[PlaceMention]:
    """Longest names first; a name inside a longer one found there is not a second mention."""
    found: list[PlaceMention] = []
    for name in sorted(places, key=len, reverse=True):
        spec = places[name]
        place = Place(name, None, spec.lat, spec.lon, None, None, spec.kind, "test:" + fold(name))
        for span in _occurrences(text, name):
            if not any(m.span.overlaps(span) for m in found):
                found.append(PlaceMention(span, name, place, spec.as_location))
    return sorted(found, key=lambda m: m.span.start)


def _numbers(text: str, numbers: Mapping[str, N | int]) -> list[QuantityMention]:
    found = []
    for written, spec in numbers.items():
        value = spec if isinstance(spec, N) else N(spec)
        for span in _occurrences(text, written):
            after = text[span.end :].split()
            noun = fold(after[0]) if after else ""
            found.append(
                QuantityMention(span, value.value, value.qualifier, None, written, QuantityKind.COUNT, noun)
            )
    return sorted(found, key=lambda m: m.span.start)


def _dates(text: str, dates: Mapping[str, dt.date | D]) -> list[DateMention]:
    found = []
    for written, spec in dates.items():
        value = spec if isinstance(spec, D) else D(spec)
        found += [
            DateMention(span, value.date, value.precision, written, kind=value.kind)
            for span in _occurrences(text, written)
        ]
    return sorted(found, key=lambda m: m.span.start)
