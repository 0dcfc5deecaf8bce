"""actor1 and actor2 from invented sentences: subjects, genitives, passives, backers, joint sides."""

from __future__ import annotations

import pytest

from marsad.assemble.events import event_stage
from marsad.event import Event, PlaceKind, SubEventType
from marsad.settings import Settings
from tests.assemble.synthetic import P, build

EVENTS = event_stage(Settings())
PLACES = {"سراقب": P(PlaceKind.TOWN, 35.86, 36.80), "كفرنبل": P(PlaceKind.TOWN, 35.61, 36.56)}


def only(text: str, numbers: dict[str, int] | None = None) -> Event:
    events = EVENTS(build(text, places=PLACES, numbers=numbers)).events
    assert len(events) == 1, [(e.sub_event_type, e.location and e.location.name) for e in events]
    return events[0]


def actor1(text: str, numbers: dict[str, int] | None = None) -> str | None:
    event = only(text, numbers)
    return event.actor1.name if event.actor1 else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شنت قوات النظام غارات على سراقب", "قوات النظام"),
        ("قوات النظام شنت غارات على سراقب", "قوات النظام"),
        ("قتل مدنيون جراء قصف قوات النظام على سراقب", "قوات النظام"),
        ("استهدفت غارات للطيران الروسي سراقب", "الطيران الروسي"),
        ("تعرضت سراقب لقصف عنيف من قبل قوات النظام", "قوات النظام"),
        ("تعرضت سراقب لهجوم على يد عناصر تنظيم داعش", "تنظيم داعش"),
    ],
)
def test_the_acting_side_as_subject_genitive_or_passive_agent(text: str, expected: str) -> None:
    assert actor1(text) == expected


def test_the_accused_of_an_accusation_acts_not_the_accuser() -> None:
    assert actor1("واتهمت دمشق الجيش التركي بشن غارة على سراقب") == "الجيش التركي"


def test_the_speaker_is_not_the_actor_of_the_event_it_reports() -> None:
    assert actor1("وقالت وزارة الدفاع الروسية إن قوات النظام قصفت سراقب") == "قوات النظام"


@pytest.mark.parametrize(
    "text",
    [
        "قوات النظام التي تدعمها روسيا وإيران شنت غارات على سراقب",
        "وشنت قوات النظام، بدعم من روسيا، غارات على سراقب",
        "قوات النظام المدعومة من روسيا قصفت سراقب",
    ],
)
def test_backers_are_not_the_acting_side(text: str) -> None:
    assert actor1(text) == "قوات النظام"


def test_sides_joined_by_and_act_together() -> None:
    assert actor1("شنت قوات النظام وروسيا غارات على سراقب") == "قوات النظام وروسيا"


def test_a_joint_side_read_from_its_second_half_keeps_the_first() -> None:
    assert actor1("ولا تكف قوات النظام والميليشيات الإيرانية عن قصف سراقب") == (
        "قوات النظام والميليشيات الإيرانية"
    )


def test_the_two_sides_of_a_clash_between_them() -> None:
    event = only("اندلعت اشتباكات بين قوات النظام وهيئة تحرير الشام في سراقب")
    assert event.actor1 is not None
    assert event.actor2 is not None
    assert (event.actor1.name, event.actor2.name) == ("قوات النظام", "هيئة تحرير الشام")


def test_the_counted_dead_are_not_the_acting_side() -> None:
    text = "أعلن الجيش التركي مقتل 3 جنود أتراك في اشتباكات مع مسلحين في سراقب"
    assert actor1(text, numbers={"3": 3}) == "الجيش التركي"


def test_forces_named_with_a_pronoun_belong_to_the_armed_side_that_speaks() -> None:
    assert actor1("وأكد الجيش التركي سيطرة قواته على سراقب") == "الجيش التركي"


def test_a_side_acted_on_earlier_in_the_sentence_is_not_the_actor() -> None:
    assert actor1("وقال الوزير إن التحرك ضد إيران سيستمر، بعد قصف سراقب") is None


def test_a_merged_event_keeps_its_best_founded_actor() -> None:
    text = (
        "قتل خمسة مدنيين في غارات على سراقب، وقد حاول تنظيم داعش التقدم نحو سراقب. "
        "وقال ناشطون إن الطيران الروسي شن الغارات على سراقب."
    )
    assert actor1(text, numbers={"خمسة": 5}) == "الطيران الروسي"


def test_a_named_actor_beats_a_bare_title_for_the_same_event() -> None:
    text = (
        "فهو القائد الأعلى للقوات المسلحة وكان أمر بغارات على سراقب قتلت خمسة مدنيين. "
        "وكان ترامب شن غارات على سراقب."
    )
    assert actor1(text, numbers={"خمسة": 5}) == "ترامب"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل خمسة مدنيين جراء قصف مدفعي إسرائيلي مكثف على سراقب", ("القوات الإسرائيلية", "IL.forces")),
        ("قتل خمسة مدنيين في غارات روسية على سراقب", ("الطيران الروسي", "RU.air_force")),
        ("استهدفت غارة جوية تركية بلدة سراقب", ("الطيران التركي", "TR.air_force")),
        ("تعرضت سراقب لقصف صاروخي إيراني", ("القوات الإيرانية", "IR.forces")),
        ("وشهدت سراقب قصفاً روسياً عنيفاً", ("القوات الروسية", "RU.forces")),
    ],
)
def test_a_nationality_adjective_on_the_event_noun_names_the_acting_side(
    text: str, expected: tuple[str, str]
) -> None:
    event = only(text, numbers={"خمسة": 5})
    assert event.actor1 is not None
    assert (event.actor1.name, event.actor1.actor_id) == expected


def test_a_named_agent_beats_the_nationality_adjective() -> None:
    assert actor1("شنت قوات النظام غارات روسية الصنع على سراقب") == "قوات النظام"


@pytest.mark.parametrize(
    "text",
    ["استهدف قصف مواقع تركية في سراقب", "سقطت قذائف روسية الصنع على سراقب"],
)
def test_a_nationality_adjective_on_the_target_or_the_make_is_not_the_acting_side(text: str) -> None:
    assert actor1(text) is None


def test_air_strikes_of_the_coalition_named_alone() -> None:
    assert actor1("قتل خمسة مدنيين في قصف جوي للتحالف على سراقب", numbers={"خمسة": 5}) == "التحالف"


def test_protesters_are_the_side_that_protests() -> None:
    event = only("خرج مئات المتظاهرين في سراقب للمطالبة برحيل الحكومة")
    assert event.sub_event_type is SubEventType.PEACEFUL_PROTEST
    assert event.actor1 is not None
    assert event.actor1.name == "المتظاهرين"


def test_the_accused_after_a_group_named_with_its_head_acts() -> None:
    assert actor1("واتهمت جماعة الحوثيين طيران التحالف بتنفيذ الغارة على سراقب") == "طيران التحالف"


def test_the_owner_of_a_verbs_object_is_not_its_subject() -> None:
    assert actor1("وأعلنت قوات النظام أن طيرانها استهدف تجمعات للإرهابيين في سراقب") == "قوات النظام"


def test_a_side_in_a_contrasting_clause_after_the_event_is_not_its_actor() -> None:
    text = "وأدانت منظمات إنسانية استهداف سراقب، فيما دعت المعارضة السورية مجلس الأمن إلى عقد جلسة طارئة"
    assert actor1(text) is None


def test_the_sides_of_a_fight_are_not_the_agent_of_the_shelling_beside_it() -> None:
    # issue 6 (round 3)
    text = "اندلعت اشتباكات بين فصائل المعارضة وقوات النظام في كفرنبل، تزامنت مع قصف مدفعي مكثف على سراقب"
    events = EVENTS(build(text, places=PLACES)).events
    shelling = next(e for e in events if e.sub_event_type is SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK)
    assert shelling.actor1 is None


def test_a_side_read_again_in_a_later_mention_does_not_fight_itself() -> None:
    text = (
        "اندلعت اشتباكات بين فصائل المعارضة وقوات النظام في كفرنبل. "
        "وقال قيادي إن قوات النظام حاولت التقدم نحو كفرنبل، وإن الفصائل صدت الهجوم."
    )
    events = EVENTS(build(text, places=PLACES)).events
    clashes = [e for e in events if e.sub_event_type is SubEventType.ARMED_CLASH]
    assert len(clashes) == 1
    clash = clashes[0]
    assert clash.actor1 is not None
    assert clash.actor2 is not None
    assert clash.actor1.name != clash.actor2.name
