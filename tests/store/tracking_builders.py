"""Articles for the tracking tests, built by hand: reports, truce announcements and denials.

No extraction is involved: each Article carries the events, truces and claims (with the place
mentions a claim needs) that the pipeline would have left on it, so these tests measure the
store and the cross-article logic, not extraction quality.
"""

from __future__ import annotations

import datetime as dt

from marsad.article import Article, Mentions, PlaceMention
from marsad.event import (
    Actor,
    Claim,
    DatePrecision,
    Event,
    Place,
    PlaceKind,
    Span,
    Stance,
    SubEventType,
    Truce,
    TruceKind,
)
from marsad.store import Store
from tests.store.conftest import ALEPPO, article, evidence

V1 = "0.1.0+aaaaaaaa"

LATAKIA_RURAL = Place(
    "ريف اللاذقية", "Latakia countryside", 35.75, 36.10, "SY", "Lattakia", PlaceKind.REGION, "g-lat-rural"
)
LATAKIA = Place("اللاذقية", "Latakia", 35.5317, 35.7917, "SY", "Lattakia", PlaceKind.CITY, "g-latakia")
SALMA = Place("سلمى", "Salma", 35.69, 36.19, "SY", "Lattakia", PlaceKind.VILLAGE, "g-salma")
KABANI = Place("كباني", "Kabani", 35.78, 36.27, "SY", "Lattakia", PlaceKind.VILLAGE, "g-kabani")

CALM_START = dt.date(2016, 9, 12)
STRIKE_DAY = dt.date(2016, 4, 27)
RUSSIAN_AIR = Actor("الطيران الروسي", "Russian air force", "RU.air", "russia")

#: A wire story long enough for its reprints to be recognised as copies (word 3-grams).
WIRE_STORY = (
    "قصفت طائرات حربية مشفى القدس في حي السكري بحلب ما أدى إلى مقتل 27 مدنياً. "
    "وقال مسؤول في الدفاع المدني إن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض "
    "وإن المشفى كان يقدم العلاج لآلاف السكان في الأحياء الشرقية من المدينة المحاصرة منذ أشهر. "
    "وأضاف أن الغارات استمرت طوال الليل على عدة أحياء وأن الطواقم الطبية تعمل في ظروف صعبة "
    "بسبب نقص الأدوية والوقود وانقطاع الطرق المؤدية إلى المدينة."
)
WIRE_SENTENCE = "قصفت طائرات حربية مشفى القدس في حي السكري بحلب ما أدى إلى مقتل 27 مدنياً."


def report(
    doc_id: str,
    sentence: str,
    place: Place | None,
    day: dt.date | None,
    *,
    killed: int | None = None,
    sub_type: SubEventType = SubEventType.AIR_DRONE_STRIKE,
    actor: Actor | None = None,
    source: str | None = None,
    published: dt.date | None = None,
    body: str | None = None,
    negated: bool = False,
    reported_by: str | None = None,
) -> Article:
    """An article reporting one event, told in ``sentence`` (which must occur in ``body``)."""
    text = body or sentence
    event = Event(
        sub_type,
        evidence(text, sentence),
        date=day,
        date_precision=DatePrecision.DAY if day else None,
        location=place,
        actor1=actor,
        fatalities=killed,
        negated=negated,
        reported_by=reported_by,
    )
    return article(
        doc_id,
        text,
        events=[event],
        source=source or f"outlet-{doc_id}",
        published=published or (day + dt.timedelta(days=1) if day else None),
    )


def calm_announcement(
    doc_id: str = "calm-1",
    published: dt.date = CALM_START,
    duration_hours: int | None = 72,
    dateline: str = "دمشق - ",
) -> Article:
    """The announcement of a 72-hour calm regime in the Latakia countryside, except Latakia city."""
    sentence = (
        "أعلنت روسيا والولايات المتحدة نظام تهدئة في ريف اللاذقية لمدة 72 ساعة باستثناء مدينة اللاذقية."
    )
    truce = Truce(
        TruceKind.CALM,
        evidence(dateline + sentence, sentence),
        zones=[LATAKIA_RURAL],
        excluded=[LATAKIA],
        start=CALM_START,
        duration_hours=duration_hours,
        parties=["روسيا", "الولايات المتحدة"],
    )
    return article(doc_id, dateline + sentence, truces=[truce], source="agency", published=published)


def denial(
    doc_id: str,
    place: Place = ALEPPO,
    published: dt.date = STRIKE_DAY + dt.timedelta(days=1),
    speaker: str = "وزارة الدفاع الروسية",
) -> Article:
    """A ministry denying any air strike on ``place`` (no date named: the week before publication)."""
    sentence = f"نفت {speaker} أن تكون طائراتها قد نفذت أي غارة على {place.name} خلال الأيام الماضية."
    claim = Claim(
        speaker,
        Stance.DENY,
        f"لم تنفذ أي غارة على {place.name}",
        evidence(sentence, sentence),
        speaker_en="Russian Ministry of Defence",
        about="explosions_remote_violence",
    )
    start = sentence.index(place.name)
    mention = PlaceMention(Span(start, start + len(place.name)), place.name, place)
    return article(
        doc_id,
        sentence,
        claims=[claim],
        mentions=Mentions(places=[mention]),
        source="tass",
        published=published,
    )


def copy_of(original: str, addition: str = "وتواصلت الغارات على المدينة صباح اليوم.") -> str:
    """A reprint of ``original``: the same story with one sentence added."""
    return f"{original} {addition}"


# --- scenes: several articles saved in a store ---------------------------------------------


def save(store: Store, *articles: Article) -> None:
    for item in articles:
        store.save_article(item, V1)


def calm_scene(store: Store) -> None:
    """A calm regime with an excluded city, and strikes in and out of its zone and window."""
    save(
        store,
        calm_announcement(),
        report("salma-13", "قصف الطيران الروسي قرية سلمى.", SALMA, dt.date(2016, 9, 13), actor=RUSSIAN_AIR),
        report("city-13", "سقطت قذائف على مدينة اللاذقية.", LATAKIA, dt.date(2016, 9, 13)),
        report("salma-20", "عاد القصف على قرية سلمى.", SALMA, dt.date(2016, 9, 20)),
        report(
            "kabani-pub",
            "اشتباكات في كباني.",
            KABANI,
            None,
            sub_type=SubEventType.ARMED_CLASH,
            published=dt.date(2016, 9, 14),
        ),
        report("rural-week", "غارات على ريف اللاذقية خلال الأسبوع.", LATAKIA_RURAL, dt.date(2016, 9, 13)),
    )


def everything(store: Store) -> None:
    """The calm scene, a wire story and its reprint (with other figures), and a denial of it."""
    calm_scene(store)
    save(
        store,
        report("wire-1", WIRE_SENTENCE, ALEPPO, STRIKE_DAY, killed=27, body=WIRE_STORY, source="agency-a"),
        report("reprint-1", WIRE_SENTENCE, ALEPPO, STRIKE_DAY, killed=20, body=copy_of(WIRE_STORY)),
        denial("deny-1"),
    )
