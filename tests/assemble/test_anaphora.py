"""Places referred back to ("المدينة", "البلدة", "المحافظة", "المنطقة") from invented sentences."""

from __future__ import annotations

import pytest

from marsad.assemble.anaphora import AnaphorLexicon, place_references
from marsad.assemble.context import ArticleView
from marsad.assemble.events import event_stage
from marsad.assemble.truces import truce_stage
from marsad.event import Event, PlaceKind
from marsad.settings import Settings
from tests.assemble.synthetic import N, P, build

EVENTS = event_stage(Settings())
TRUCES = truce_stage(Settings())
LEXICON = AnaphorLexicon.load()
PLACES = {
    "كفرنبل": P(PlaceKind.TOWN, 35.61, 36.56),
    "محافظة إدلب": P(PlaceKind.ADMIN1, 35.93, 36.63),
    "الغوطة الشرقية": P(PlaceKind.REGION, 33.55, 36.40),
}


def events_of(text: str, numbers: dict[str, N | int] | None = None) -> list[Event]:
    return EVENTS(build(text, places=PLACES, numbers=numbers)).events


def references(text: str) -> list[tuple[str, str]]:
    view = ArticleView(build(text, places=PLACES))
    return [(m.text, m.place.name) for m in place_references(view, LEXICON)]


def located(events: list[Event]) -> list[tuple[str, str | None]]:
    return [(e.sub_event_type.value, e.location.name if e.location else None) for e in events]


def test_an_event_at_the_town_referred_back_to_is_kept_at_that_town() -> None:
    text = "سيطرت قوات النظام على كفرنبل. وقتل خمسة مدنيين في قصف على البلدة."
    assert located(events_of(text, numbers={"خمسة": 5})) == [
        ("government_regains_territory", "كفرنبل"),
        ("shelling_artillery_missile_attack", "كفرنبل"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصلت تعزيزات إلى محافظة إدلب. وشنت الطائرات غارات على المحافظة.", ("المحافظة", "محافظة إدلب")),
        ("تحاصر القوات الغوطة الشرقية. وتواصل القصف على المنطقة المحاصرة.", ("المنطقة", "الغوطة الشرقية")),
        ("دخلت القوات كفرنبل. وقال ناشطون إن المدينة نفسها تعرضت للقصف.", ("المدينة", "كفرنبل")),
    ],
)
def test_a_referring_noun_resolves_to_the_latest_place_of_its_kind(
    text: str, expected: tuple[str, str]
) -> None:
    assert references(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "وقعت اشتباكات في محافظة إدلب. ودعا الوزير إلى المحافظة على الهدنة.",
        "وقعت اشتباكات في الغوطة الشرقية. وتطالب تركيا بإقامة المنطقة الآمنة.",
        "وقعت اشتباكات في كفرنبل. وشنت الطائرات غارات على المحافظة.",
        "شنت الطائرات غارات على المدينة. ثم دخلت القوات كفرنبل.",
    ],
)
def test_no_reference_for_another_sense_a_new_place_a_wrong_kind_or_nothing_before(text: str) -> None:
    assert references(text) == []


def test_a_reference_reaches_back_only_a_few_sentences() -> None:
    filler = " ".join("وقال المتحدث إن الوضع صعب." for _ in range(4))
    assert references(f"دخلت القوات كفرنبل. {filler} وتعرضت البلدة للقصف.") == []


def test_references_do_not_enter_the_article_place_mentions() -> None:
    article = build("سيطرت قوات النظام على كفرنبل. وقصفت الطائرات البلدة.", places=PLACES)
    EVENTS(article)
    assert [m.text for m in article.mentions.places] == ["كفرنبل"]


def test_a_truce_in_the_governorate_referred_back_to_has_that_zone() -> None:
    text = "سيطرت الفصائل على محافظة إدلب. وأبرمت روسيا وتركيا اتفاق هدنة في المحافظة."
    truces = TRUCES(build(text, places=PLACES)).truces
    assert [[z.name for z in t.zones] for t in truces] == [["محافظة إدلب"]]


def test_the_airport_is_the_one_struck_not_the_one_flights_went_to() -> None:
    text = (
        "علقت إدارة مطار أبو الظهور الرحلات بعد غارة، وحولت الرحلات إلى مطار حماة. "
        "واتهمت الحكومة المعارضة بتنفيذ الغارة، وقالت إن المطار مدني."
    )
    places = {
        "مطار أبو الظهور": P(PlaceKind.FACILITY, 35.73, 37.10),
        "مطار حماة": P(PlaceKind.FACILITY, 35.12, 36.71),
    }
    article = build(text, places=places)
    [reference] = place_references(ArticleView(article), AnaphorLexicon.load())
    assert reference.place.name == "مطار أبو الظهور"
