"""Actor mentions: dictionary aliases with clitics, force patterns, titled persons, surnames."""

from __future__ import annotations

import pytest

from marsad.event import PlaceKind
from tests.assemble.synthetic import P, build


def actors_of(text: str) -> list[tuple[str, str | None, str]]:
    article = build(text)
    return [(m.actor.name, m.actor.actor_id, m.kind) for m in article.mentions.actors]


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("وقصفت قوات النظام البلدة", "SY.gov"),
        ("هاجم مقاتلو المعارضة حاجزا لقوات الأسد", "SY.gov"),
        ("وأعلن تنظيم داعش مسؤوليته", "ISIS"),
        ("تقدمت قسد نحو القرية", "SY.sdf"),
        ("وذكر المرصد السوري لحقوق الإنسان أن", "SOHR"),
        ("قالت الخوذ البيضاء إن فرقها", "WHITE_HELMETS"),
        ("وصلت تعزيزات للحشد الشعبي", "IQ.pmf"),
        ("أطلق الحوثيون صواريخ", "YE.houthis"),
    ],
)
def test_dictionary_aliases_match_with_clitics(text: str, actor_id: str) -> None:
    assert actor_id in [a for _, a, _ in actors_of(text)]


def test_hashtag_alias_is_matched_and_its_name_cleaned() -> None:
    article = build("وقال #حزب_الله في بيان")
    mention = article.mentions.actors[0]
    assert mention.actor.actor_id == "LB.hezbollah"
    assert mention.actor.name == "حزب الله"


@pytest.mark.parametrize(
    ("text", "actor_id", "side"),
    [
        ("وشنت مقاتلات تركية غارات", "TR.warplanes", "turkey"),
        ("وانتشرت القوات الأردنية على الحدود", "JO.forces", "jordan"),
        ("قصفت المدفعية الإسرائيلية مواقع", "IL.artillery", "israel"),
    ],
)
def test_force_noun_with_a_nationality_is_that_state_s_force(text: str, actor_id: str, side: str) -> None:
    article = build(text)
    found = {(m.actor.actor_id, m.actor.side) for m in article.mentions.actors}
    assert (actor_id, side) in found


def test_titled_person_keeps_role_and_name_apart() -> None:
    article = build("وقال وزير الدفاع الأردني، سامي خليل، إن الحدود آمنة.")
    person = article.mentions.actors[0]
    assert person.kind == "person"
    assert person.actor.name == "سامي خليل"
    assert person.role == "وزير الدفاع الأردني"
    assert person.actor.side == "jordan"


def test_a_name_ends_at_a_time_word() -> None:
    article = build("وقال الرئيس الفرنسي فرانسوا أولوند الثلاثاء إن")
    assert article.mentions.actors[0].actor.name == "فرانسوا أولوند"


def test_title_without_a_name_is_a_role_mention() -> None:
    article = build("وقال الناطق العسكري التركي في بيان إن")
    person = article.mentions.actors[0]
    assert person.kind == "person"
    assert person.actor.actor_id is not None
    assert person.actor.actor_id.startswith("role:")
    assert person.actor.name == "الناطق العسكري التركي"


def test_a_known_person_after_a_title_gets_the_dictionary_entry() -> None:
    article = build("وقال وزير الخارجية الروسي سيرغي لافروف إن")
    person = article.mentions.actors[0]
    assert person.actor.actor_id == "RU.lavrov"
    assert person.actor.name_en == "Sergey Lavrov"


def test_surname_alone_later_is_the_same_person() -> None:
    article = build("وقال المتحدث باسم الحكومة سامر عودة إن الوضع هادئ. وأضاف عودة أن القوات انسحبت.")
    ids = [m.actor.actor_id for m in article.mentions.actors if m.kind == "person"]
    assert len(ids) == 2
    assert ids[0] == ids[1]


def test_preposition_ala_is_not_the_name_ali() -> None:
    names = [name for name, _, _ in actors_of("وافق الرئيس على الاتفاق")]
    assert "على الاتفاق" not in names
    assert "علي حسن" in [name for name, _, _ in actors_of("وقال العميد علي حسن إن")]


def test_first_name_and_surname_without_a_title() -> None:
    assert ("ليندا سميث", "person:ليندا سميث", "person") in actors_of("وقالت ليندا سميث وهي ناشطة إن")


def test_mention_spans_slice_back_to_their_text() -> None:
    text = "وقال وزيرُ الخارجيةِ الروسيُّ سيرغي لافروف إنّ قواتِ النظام وميليشيات حزب الله تقدمت."
    article = build(text)
    assert article.mentions.actors
    for mention in article.mentions.actors:
        assert text[mention.span.start : mention.span.end] == mention.text


def test_a_first_name_inside_a_place_name_is_no_person() -> None:
    article = build(
        "وقال الجيش إن قواته توسع عملياتها في غرب خان يونس لتفكيك البنية", places={"خان يونس": P()}
    )
    assert [m.text for m in article.mentions.actors if m.kind == "person"] == []


def test_a_name_does_not_run_into_a_quotation() -> None:
    names = [
        name for name, _, kind in actors_of('وقال المصدر إن يونس "لتفكيك البنية التحتية"') if kind == "person"
    ]
    assert names == []


@pytest.mark.parametrize("verb", ["لتفكيك", "لتدمير", "لتنفيذ"])
def test_an_infinitive_of_purpose_is_not_a_surname(verb: str) -> None:
    names = [name for name, _, kind in actors_of(f"وصل يونس {verb} الألغام") if kind == "person"]
    assert names == []


def test_a_country_read_as_an_actor_may_start_a_name() -> None:
    text = "وقال وزير الاستخبارات الإسرائيلي، إسرائيل كاتس، إن القصف رسالة"
    article = build(text, places={"إسرائيل": P(PlaceKind.COUNTRY, as_location=False)})
    assert "إسرائيل كاتس" in [m.actor.name for m in article.mentions.actors]


def test_a_place_after_a_title_is_part_of_the_title_not_a_name() -> None:
    article = build("وقال محافظ حمص إن القوات انسحبت", places={"حمص": P(PlaceKind.CITY)})
    persons = [(m.role, m.actor.name) for m in article.mentions.actors if m.kind == "person"]
    assert persons == [("محافظ حمص", "محافظ حمص")]


def test_a_capital_inside_a_longer_place_name_is_no_actor() -> None:
    text = "وتقدمت القوات في الغوطة الشرقية لدمشق وفي ريف دمشق"
    places = {"الغوطة الشرقية لدمشق": P(PlaceKind.REGION), "ريف دمشق": P(PlaceKind.ADMIN1)}
    assert "دمشق" not in [m.actor.name for m in build(text, places=places).mentions.actors]
    assert "دمشق" in [m.actor.name for m in build("واتهمت دمشق المعارضة بالهجوم").mentions.actors]


def test_a_people_inside_a_place_name_is_no_actor() -> None:
    # issue 6 (round 3): "جبل الأكراد" is a mountain, not the Kurds shelling it
    text = "وتزامنت الاشتباكات في جبل الأكراد مع قصف مدفعي"
    names = [m.actor.name for m in build(text, places={"جبل الأكراد": P(PlaceKind.REGION)}).mentions.actors]
    assert "الأكراد" not in names
    assert "الأكراد" in [m.actor.name for m in build("واتهم الأكراد الحكومة بالقصف").mentions.actors]


def test_the_rapid_support_forces_are_an_actor() -> None:
    assert "SD.rsf" in [a for _, a, _ in actors_of("اندلعت اشتباكات بين الجيش السوداني وقوات الدعم السريع")]
