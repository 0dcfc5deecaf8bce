"""Store fixtures: a fresh store per test on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL tests use the server named by MARSAD_TEST_PG (``eval "$(tools/start-postgres.sh)"``)
and a throw-away database created for each test; they skip when the variable is unset,
unless MARSAD_REQUIRE_PG=1 (CI), where that is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.article import Article, Comment, Drop, InputFormat, RawDocument
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
from marsad.store import Store, open_store

ALEPPO = Place("حلب", "Aleppo", 36.2021, 37.1343, "SY", "Aleppo", PlaceKind.CITY, "geo:170063")
DOUMA = Place("دوما", "Douma", 33.5711, 36.4028, "SY", "Rif Dimashq", PlaceKind.CITY, "geo:170592")
MOSUL = Place("الموصل", "Mosul", 36.335, 43.1189, "IQ", "Nineveh", PlaceKind.CITY, "geo:99072")


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    url = os.environ.get("MARSAD_TEST_PG")
    if not url:
        if os.environ.get("MARSAD_REQUIRE_PG") == "1":
            pytest.fail("MARSAD_REQUIRE_PG=1 but MARSAD_TEST_PG is not set; run tools/start-postgres.sh")
        pytest.skip("MARSAD_TEST_PG is not set")
    return url


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(pg_server_url).set(drivername="postgresql")
    name = f"marsad_t_{uuid.uuid4().hex[:12]}"
    admin = server.render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "marsad.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def evidence(body: str, sentence: str, **fields: str) -> Evidence:
    """Evidence for ``sentence`` (which must occur in ``body``), with a span per named field."""
    start = body.index(sentence)
    spans = tuple(
        (name, Span(start + sentence.index(words), start + sentence.index(words) + len(words)))
        for name, words in fields.items()
    )
    return Evidence(sentence, Span(start, start + len(sentence)), spans)


def strike(
    body: str,
    sentence: str,
    place: Place | None = ALEPPO,
    day: dt.date | None = dt.date(2016, 4, 27),
    killed: int | None = 27,
    sub_type: SubEventType = SubEventType.AIR_DRONE_STRIKE,
    **fields: object,
) -> Event:
    return Event(
        sub_type,
        evidence(body, sentence),
        date=day,
        date_precision=DatePrecision.DAY if day else None,
        location=place,
        fatalities=killed,
        **fields,  # type: ignore[arg-type]
    )


def article(
    doc_id: str,
    body: str,
    *,
    events: list[Event] | None = None,
    origin: str | None = None,
    source: str | None = "test-outlet",
    published: dt.date | None = dt.date(2016, 4, 28),
    dropped: Drop | None = None,
    content: str | None = None,
    **extra: object,
) -> Article:
    """An Article as the pipeline would leave it, built by hand (no extraction involved)."""
    raw = RawDocument(
        doc_id,
        content if content is not None else body,
        InputFormat.TEXT,
        origin or f"/corpus/{doc_id}.txt",
        source=source,
        published=published,
    )
    return Article(
        raw=raw,
        body=body,
        title=f"title of {doc_id}",
        published=published,
        language="ar",
        events=events or [],
        dropped=dropped,
        **extra,  # type: ignore[arg-type]
    )


AIR_STRIKE_BODY = (
    "حلب - قصفت طائرات حربية مشفى القدس في حي السكري بحلب ما أدى إلى مقتل 27 مدنياً. "
    "وقال الناطق باسم الدفاع المدني إن فرق الإنقاذ ما زالت تبحث عن ناجين."
)


def rich_article(doc_id: str = "aleppo-1") -> Article:
    """One article with every kind of derived row: comments, places, events, a claim, a truce."""
    body = AIR_STRIKE_BODY
    first = "قصفت طائرات حربية مشفى القدس في حي السكري بحلب ما أدى إلى مقتل 27 مدنياً."
    event = Event(
        SubEventType.AIR_DRONE_STRIKE,
        evidence(body, first, location="بحلب", fatalities="27", target="مشفى القدس"),
        date=dt.date(2016, 4, 27),
        date_precision=DatePrecision.DAY,
        location=ALEPPO,
        actor1=Actor("طائرات حربية", "Military aircraft"),
        fatalities=27,
        target="hospital",
    )
    second = "وقال الناطق باسم الدفاع المدني إن فرق الإنقاذ ما زالت تبحث عن ناجين."
    claim = Claim(
        "الناطق باسم الدفاع المدني", Stance.ASSERT, "فرق الإنقاذ ما زالت تبحث", evidence(body, second)
    )
    truce = Truce(
        TruceKind.CALM,
        evidence(body, first),
        zones=[DOUMA],
        excluded=[ALEPPO],
        duration_hours=72,
        parties=["روسيا", "الولايات المتحدة"],
    )
    return article(
        doc_id,
        body,
        events=[event],
        claims=[claim],
        truces=[truce],
        places=[ALEPPO],
        comments=[
            Comment("حسبنا الله", "أبو أحمد", "منذ 3 أيام"),
            Comment("رحم الله الشهداء", None, "منذ يومين"),
        ],
    )
