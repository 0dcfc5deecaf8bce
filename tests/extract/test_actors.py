"""Actor mentions: dictionary aliases with clitics, force patterns, titled persons, surnames."""

from __future__ import annotations

import pytest

from tests.assemble.synthetic import build


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
