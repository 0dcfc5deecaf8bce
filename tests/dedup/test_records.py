from __future__ import annotations

import datetime as dt

from marsad.article import Article, DateKind, DateMention, InputFormat, PlaceMention, RawDocument
from marsad.dedup.records import DateWindow, SourcedEvent, date_window, sourced_records
from marsad.event import Claim, DatePrecision, Evidence, Span, Stance, Truce, TruceKind
from tests.dedup.builders import ALEPPO, IDLIB, event

BODY = "قصف على حلب. وقالت موسكو إن طائراتها لم تقصف حلب في الأيام السبعة الأخيرة. هدنة في إدلب."
PUBLISHED = dt.date(2016, 10, 20)


def sentence(text: str) -> Evidence:
    start = BODY.index(text)
    return Evidence(text, Span(start, start + len(text)))


def article() -> Article:
    raw = RawDocument("doc-1", BODY, InputFormat.TEXT, "<test>", url="https://x.test/1", source="outlet")
    first = sentence("قصف على حلب.")
    claim_sentence = sentence("وقالت موسكو إن طائراتها لم تقصف حلب في الأيام السبعة الأخيرة.")
    art = Article(raw=raw, body=BODY, published=PUBLISHED)
    art.events = [event(place=ALEPPO, when=PUBLISHED), event(place=ALEPPO, when=PUBLISHED)]
    art.events[0].evidence = first
    denied = "طائراتها لم تقصف حلب"
    art.claims = [Claim("موسكو", Stance.DENY, denied, claim_sentence, about="explosions_remote_violence")]
    art.truces = [Truce(TruceKind.CEASEFIRE, sentence("هدنة في إدلب."), zones=[IDLIB])]
    aleppo_at = BODY.index("حلب", claim_sentence.sentence_span.start)
    period_at = BODY.index("الأيام السبعة الأخيرة")
    art.mentions.places = [
        PlaceMention(Span(BODY.index("حلب"), BODY.index("حلب") + 3), "حلب", ALEPPO),  # outside the claim
        PlaceMention(Span(aleppo_at, aleppo_at + 3), "حلب", ALEPPO),
    ]
    art.mentions.dates = [
        DateMention(Span(period_at, period_at + 21), PUBLISHED, DatePrecision.WEEK, kind=DateKind.PERIOD_END)
    ]
    return art


def test_sourced_records_carry_the_source_and_stable_unique_keys() -> None:
    records = sourced_records(article())
    again = sourced_records(article())
    assert [e.event_key for e in records.events] == [e.event_key for e in again.events]
    keys = [e.event_key for e in records.events] + [c.claim_key for c in records.claims]
    keys += [t.truce_key for t in records.truces]
    assert len(set(keys)) == len(keys) == 4
    assert all(key.startswith("doc-1:") for key in keys)
    first = records.events[0]
    assert (first.doc_id, first.source, first.url) == ("doc-1", "outlet", "https://x.test/1")
    assert first.published == PUBLISHED


def test_a_claim_gets_the_places_and_period_of_its_sentence() -> None:
    [claim] = sourced_records(article()).claims
    assert claim.places == (ALEPPO,)
    assert claim.window == DateWindow(PUBLISHED - dt.timedelta(days=6), PUBLISHED)


def test_event_windows_follow_precision_and_fall_back_to_publication() -> None:
    day = dt.date(2018, 3, 10)
    assert date_window(day, DatePrecision.DAY) == DateWindow.day(day)
    assert date_window(day, DatePrecision.WEEK) == DateWindow(dt.date(2018, 3, 4), day)
    assert date_window(day, DatePrecision.MONTH).days == 61
    undated = SourcedEvent("k", "d", event(when=None), published=day)
    assert undated.window() == DateWindow.day(day)
    assert undated.date_from_published
    assert SourcedEvent("k", "d", event(when=None)).window() is None


def test_date_window_arithmetic() -> None:
    a = DateWindow(dt.date(2018, 1, 1), dt.date(2018, 1, 3))
    b = DateWindow(dt.date(2018, 1, 5), dt.date(2018, 1, 6))
    assert a.gap_days(b) == b.gap_days(a) == 2
    assert a.near(b, 2)
    assert not a.near(b, 1)
    assert a.covers(DateWindow.day(dt.date(2018, 1, 2)))
    assert len(a.ordinals(1)) == 5
