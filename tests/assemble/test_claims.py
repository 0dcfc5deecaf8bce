"""Claims from invented sentences: speakers, stances, carry-over, coreference, one per (speaker, stance)."""

from __future__ import annotations

import pytest

from marsad.assemble.claims import claim_stage
from marsad.event import Claim, PlaceKind, Stance
from marsad.settings import Settings
from tests.assemble.synthetic import P, build

CLAIMS = claim_stage(Settings())


def claims_of(text: str) -> list[Claim]:
    article = build(text, places={"سراقب": P(PlaceKind.TOWN, 35.86, 36.80)})
    return CLAIMS(article).claims


def pairs(text: str) -> list[tuple[str, Stance]]:
    return [(c.speaker, c.stance) for c in claims_of(text)]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("قال الجيش التركي إن قواته دمرت مواقع للمسلحين", Stance.ASSERT),
        ("نفى الجيش التركي استهداف المدنيين في سراقب", Stance.DENY),
        ("اتهم الجيش التركي المسلحين بقصف القرى الحدودية", Stance.ACCUSE),
        ("هدد الجيش التركي بالرد على أي هجوم", Stance.THREATEN),
        ("تعهد الجيش التركي بحماية المدنيين", Stance.PROMISE),
        ("طالب الجيش التركي المسلحين بالانسحاب من المنطقة", Stance.DEMAND),
    ],
)
def test_speech_verbs_give_stances(text: str, stance: Stance) -> None:
    assert pairs(text) == [("الجيش التركي", stance)]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ('وقال الجيش التركي "لن نسمح بوجود المسلحين على حدودنا"', Stance.THREATEN),
        ("وقال الجيش التركي إن المسلحين يتحملون مسؤولية التصعيد", Stance.ACCUSE),
        ("وقال الجيش التركي إنه يجب على المسلحين الانسحاب", Stance.DEMAND),
        ("وقال الجيش التركي إن طائراته لم تقصف أي قرية", Stance.DENY),
    ],
)
def test_said_is_sharpened_by_the_words_reported(text: str, stance: Stance) -> None:
    assert pairs(text)[0][1] is stance


def test_person_speaker_is_the_name_with_its_english_from_the_dictionary() -> None:
    claim = claims_of("وقال وزير الخارجية الروسي سيرغي لافروف إن المحادثات بناءة.")[0]
    assert claim.speaker == "سيرغي لافروف"
    assert claim.speaker_en == "Sergey Lavrov"
    assert claim.text == "المحادثات بناءة"


def test_dropped_subject_continues_the_last_speaker() -> None:
    text = "وقال المتحدث باسم الحكومة سامر عودة إن القصف توقف. وأضاف أن الجيش سيرد على أي خرق."
    assert pairs(text) == [("سامر عودة", Stance.ASSERT), ("سامر عودة", Stance.THREATEN)]


def test_one_claim_per_speaker_and_stance() -> None:
    text = "قال الجيش التركي إن قواته تقدمت. وقال الجيش التركي إن الوضع مستقر."
    assert pairs(text) == [("الجيش التركي", Stance.ASSERT)]


def test_coordinated_capitals_are_three_speakers() -> None:
    claims = claims_of("واتهمت دمشق وموسكو وطهران إسرائيل بشن غارات على سراقب.")
    assert [(c.speaker, c.stance) for c in claims] == [
        ("دمشق", Stance.ACCUSE),
        ("موسكو", Stance.ACCUSE),
        ("طهران", Stance.ACCUSE),
    ]
    assert claims[0].about == "explosions_remote_violence"


def test_title_alone_later_is_the_named_person() -> None:
    text = "قال وزير الخارجية الروسي سيرغي لافروف إن الحل سياسي. ونفى الوزير الروسي وجود خطط للهجوم."
    assert pairs(text) == [("سيرغي لافروف", Stance.ASSERT), ("سيرغي لافروف", Stance.DENY)]


def test_anonymous_sources_make_no_claim() -> None:
    assert claims_of("وقال مصدر عسكري إن الطائرات قصفت البلدة.") == []
    assert claims_of("وقال ناشطون إن القصف استمر.") == []


def test_according_to_names_the_speaker() -> None:
    assert pairs("قتل خمسة مدنيين في قصف على سراقب، بحسب المرصد السوري لحقوق الإنسان.") == [
        ("المرصد السوري لحقوق الإنسان", Stance.ASSERT)
    ]


def test_a_speaker_under_a_condition_is_no_claim() -> None:
    assert claims_of("وإذا قالت الحكومة إن الهدنة انتهت فسنرد.") == []


def test_about_names_ceasefire_or_other() -> None:
    assert claims_of("أكد الجيش التركي التزامه بوقف إطلاق النار")[0].about == "ceasefire"
    assert claims_of("قال الجيش التركي إن الطقس بارد")[0].about == "other"


def test_claim_text_and_evidence_are_verbatim_from_the_body() -> None:
    text = 'وأعلن البيت الأبيض أن "كل الخيارات مطروحة".'
    claim = claims_of(text)[0]
    assert claim.text in text
    assert claim.evidence.sentence == text
    for _, span in claim.evidence.field_spans:
        assert text[span.start : span.end]


def test_a_speech_verb_in_a_relative_clause_speaks_for_its_antecedent() -> None:
    text = "ونقض شهود عيان رواية وزارة الدفاع الروسية التي نفت أمس تنفيذ أي غارات على سراقب"
    assert pairs(text) == [("وزارة الدفاع الروسية", Stance.DENY)]


def test_a_participle_after_a_relative_clause_does_not_continue_its_speaker() -> None:
    text = (
        "ونقض الجيش الحر رواية وزارة الدفاع الروسية التي نفت تنفيذ غارات على سراقب، "
        "مؤكدا أن الطائرات الروسية قصفت سراقب"
    )
    found = pairs(text)
    assert ("وزارة الدفاع الروسية", Stance.DENY) in found
    assert ("وزارة الدفاع الروسية", Stance.ASSERT) not in found


@pytest.mark.parametrize("verb", ["وكذّب", "وفنّد", "ودحض"])
def test_rebutting_a_denial_asserts_the_event(verb: str) -> None:
    text = f"{verb} الجيش الحر النفي الروسي، مؤكدا أن الطائرات الروسية قصفت سراقب"
    stances = {stance for speaker, stance in pairs(text) if speaker == "الجيش الحر"}
    assert stances == {Stance.ASSERT}


def test_denying_reports_is_still_a_denial() -> None:
    assert pairs("وكذبت وزارة الدفاع الروسية التقارير عن قصف سراقب") == [
        ("وزارة الدفاع الروسية", Stance.DENY)
    ]


def test_the_accuser_is_not_run_together_with_the_accused() -> None:
    assert pairs("واتهمت جماعة الحوثيين طيران التحالف بتنفيذ الغارة على سراقب") == [
        ("جماعة الحوثيين", Stance.ACCUSE)
    ]
