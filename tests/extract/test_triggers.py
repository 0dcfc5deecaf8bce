"""Trigger words: sub-types, inflections and clitics, modifiers next to generic words, exclusions."""

from __future__ import annotations

import pytest

from marsad.event import SubEventType
from tests.assemble.synthetic import build

S = SubEventType


def triggers_of(text: str) -> list[tuple[str, SubEventType, bool]]:
    return [(t.text, t.sub_event_type, t.weak) for t in build(text).mentions.triggers]


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("شنت الطائرات غارات على البلدة", S.AIR_DRONE_STRIKE),
        ("وبالغارات الجوية دمرت المنازل", S.AIR_DRONE_STRIKE),
        ("ألقت المروحيات براميل متفجرة", S.AIR_DRONE_STRIKE),
        ("تعرضت القرية لقصف مدفعي", S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        ("سقطت قذائف هاون على الحي", S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        ("اندلعت اشتباكات عنيفة", S.ARMED_CLASH),
        ("ودارت معارك في المدينة", S.ARMED_CLASH),
        ("انفجرت سيارة مفخخة قرب السوق", S.REMOTE_EXPLOSIVE_LANDMINE_IED),
        ("أصيب جنديان بانفجار عبوة ناسفة", S.REMOTE_EXPLOSIVE_LANDMINE_IED),
        ("فجر انتحاري نفسه", S.SUICIDE_BOMB),
        ("نجا القيادي من محاولة اغتيال", S.ATTACK),
        ("وأدانت العائلة خطف ابنها", S.ABDUCTION_FORCED_DISAPPEARANCE),
        ("نفذت الشرطة حملة اعتقالات", S.ARRESTS),
        ("خرجت مظاهرة في الساحة", S.PEACEFUL_PROTEST),
        ("وصلت تعزيزات عسكرية إلى المطار", S.CHANGE_TO_GROUP_ACTIVITY),
        ("سيطرت القوات على التلة", S.GOVERNMENT_REGAINS_TERRITORY),
    ],
)
def test_trigger_words_map_to_sub_types(text: str, sub_type: SubEventType) -> None:
    assert sub_type in [t for _, t, _ in triggers_of(text)]


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("نفذت الطائرات قصفا جويا", S.AIR_DRONE_STRIKE),
        ("استهدف هجوم كيميائي البلدة", S.CHEMICAL_WEAPON),
        ("وقع هجوم بغاز سام", S.CHEMICAL_WEAPON),
        ("أطلق الحزب هجوما صاروخيا", S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        ("شنت الولايات المتحدة ضربات صاروخية", S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        ("أكدوا أن الطائرات التي قصفت المشفى كانت روسية", S.AIR_DRONE_STRIKE),
        ("قصفت المروحيات البلدة", S.AIR_DRONE_STRIKE),
    ],
)
def test_a_modifier_next_to_a_generic_word_decides_its_type(text: str, sub_type: SubEventType) -> None:
    found = triggers_of(text)
    assert found
    assert found[0][1] is sub_type
    assert not found[0][2]


def test_support_is_not_the_attack_s_modifier() -> None:
    found = triggers_of("شنت القوات هجوما واسعا بدعم جوي")
    assert found[0][1] is S.ARMED_CLASH


def test_generic_attack_word_alone_is_weak() -> None:
    found = triggers_of("وبدأ التنظيم هجومه")
    assert found == [("هجومه", S.ARMED_CLASH, True)]


def test_publishing_pictures_is_no_deployment() -> None:
    assert not triggers_of("نشر الجيش صورا للطيارين")
    assert triggers_of("نشر الجيش كتيبة على الحدود")


def test_purpose_prefix_is_recorded() -> None:
    trigger = build("تحركت القوات لاستعادة التلة").mentions.triggers[0]
    assert trigger.prefix == "ل"
    assert trigger.text == "استعادة"


def test_trigger_spans_slice_back_to_their_text() -> None:
    text = "وشنّت الطائراتُ غاراتٍ جويةً، ودارت اشتباكاتٌ عنيفة."
    article = build(text)
    assert article.mentions.triggers
    for trigger in article.mentions.triggers:
        assert text[trigger.span.start : trigger.span.end] == trigger.text
