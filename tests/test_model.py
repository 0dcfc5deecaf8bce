"""The core model: Article, its records, the closed vocabularies, the public surface."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
from pathlib import Path

import pytest

import marsad
from marsad.article import Article, Comment, Drop, InputFormat, OffsetMap, RawDocument
from marsad.assemble.record import to_record
from marsad.event import (
    SUB_EVENT_PARENT,
    Actor,
    Claim,
    DatePrecision,
    Event,
    EventType,
    Evidence,
    Place,
    PlaceKind,
    Span,
    Stance,
    SubEventType,
    Truce,
    TruceKind,
)

SCHEMA_SUB_TYPES = {
    "battles": 3,
    "explosions_remote_violence": 6,
    "violence_against_civilians": 3,
    "protests": 3,
    "riots": 2,
    "strategic_developments": 8,
}


def test_the_public_surface_is_short_and_importable() -> None:
    assert sorted(marsad.__all__) == ["Article", "Event", "Pipeline", "__version__", "build_pipeline"]
    for name in marsad.__all__:
        assert getattr(marsad, name) is not None


def test_six_types_and_twenty_five_sub_types() -> None:
    assert len(EventType) == 6
    assert len(SubEventType) == 25
    assert set(SUB_EVENT_PARENT) == set(SubEventType)
    for event_type, count in SCHEMA_SUB_TYPES.items():
        assert sum(1 for s in SubEventType if s.event_type.value == event_type) == count


def test_closed_vocabularies_match_the_schema() -> None:
    assert {s.value for s in Stance} == {"assert", "deny", "accuse", "threaten", "promise", "demand"}
    assert {k.value for k in TruceKind} == {"ceasefire", "calm", "corridor", "evacuation"}
    assert {p.value for p in DatePrecision} == {"day", "week", "month", "year"}
    assert "neighbourhood" in {k.value for k in PlaceKind}


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (5, 3)])
def test_a_span_cannot_be_negative_or_reversed(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="invalid span"):
        Span(start, end)


def test_span_slices_and_overlaps() -> None:
    text = "قصف على حلب"
    place = Span(8, 11)
    assert place.slice(text) == "حلب"
    assert Span(0, 11).contains(place)
    assert place.overlaps(Span(10, 12))
    assert not place.overlaps(Span(0, 8))


def test_offset_map_segments_map_back_including_deleted_marks() -> None:
    # "حَلَب x": the derived text "حلب x" dropped two fathas; a copy segment per kept run.
    offsets = OffsetMap([(0, 1, 0, 1), (1, 2, 2, 3), (2, 5, 4, 7)], derived_length=5, source_length=7)
    assert offsets.to_source(0, 3) == Span(0, 5)
    assert offsets.to_source(4, 5) == Span(6, 7)
    assert OffsetMap.identity(4).to_source(1, 3) == Span(1, 3)


def _article() -> Article:
    body = "قتل 5 مدنيين في غارة على حلب."
    raw = RawDocument("doc-1", body, InputFormat.TEXT, "<test>", published=dt.date(2016, 4, 28))
    evidence = Evidence(body, Span(0, len(body)), (("location", Span(25, 28)),))
    aleppo = Place("حلب", "Aleppo", 36.2, 37.16, "SY", "Aleppo", PlaceKind.CITY)
    event = Event(
        SubEventType.AIR_DRONE_STRIKE,
        evidence,
        date=dt.date(2016, 4, 28),
        date_precision=DatePrecision.DAY,
        location=aleppo,
        fatalities=5,
    )
    claim = Claim("المرصد", Stance.ASSERT, "قتل 5 مدنيين", evidence, about="explosions_remote_violence")
    truce = Truce(TruceKind.CALM, evidence, zones=[aleppo], duration_hours=72, parties=["روسيا"])
    article = Article(raw=raw, title="غارة على حلب", published=raw.published, body=body)
    article.comments = [Comment("رحمهم الله", author="أبو محمد")]
    article.places, article.events, article.claims, article.truces = [aleppo], [event], [claim], [truce]
    return article


def test_record_follows_the_schema_and_serializes() -> None:
    record = to_record(_article())
    assert list(record)[:4] == ["doc_id", "title", "published", "body"]
    assert record["published"] == "2016-04-28"
    [event] = record["events"]
    assert (event["event_type"], event["sub_event_type"]) == (
        "explosions_remote_violence",
        "air_drone_strike",
    )
    assert event["location"]["kind"] == "city"
    assert event["negated"] is False
    assert record["comments"] == [{"author": "أبو محمد", "text": "رحمهم الله"}]
    assert record["truces"][0]["zones"][0]["name"] == "حلب"
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_record_passes_the_shared_validator(shared_dir: Path) -> None:
    sys.path.insert(0, str(shared_dir / "eval"))
    try:
        import score  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    assert score.validate(to_record(_article())) == []


def test_a_dropped_article_keeps_its_id_and_reason() -> None:
    article = _article()
    article.dropped = Drop("clean.language", "not_arabic")
    record = to_record(article)
    assert record["doc_id"] == "doc-1"
    assert record["dropped"] == {"stage": "clean.language", "reason": "not_arabic"}


def test_articles_pickle_for_worker_processes() -> None:
    article = _article()
    back = pickle.loads(pickle.dumps(article))
    assert to_record(back) == to_record(article)


def test_actor_record_has_name_and_english_name() -> None:
    assert Actor("قوات النظام", "Syrian regime forces", "sy.regime").as_record() == {
        "name": "قوات النظام",
        "name_en": "Syrian regime forces",
    }


def test_content_hash_identifies_the_text() -> None:
    one = RawDocument("a", "نص", InputFormat.TEXT, "x")
    same = RawDocument("b", "نص", InputFormat.HTML, "y")
    other = RawDocument("a", "نص آخر", InputFormat.TEXT, "x")
    assert one.content_hash == same.content_hash != other.content_hash
