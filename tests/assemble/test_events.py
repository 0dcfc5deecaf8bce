"""Events from invented sentences: places, actors, casualties, negation, modality, merging, evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.article import Article, Qualifier
from marsad.assemble.events import event_stage
from marsad.event import Event, EventType, PlaceKind, SubEventType
from marsad.settings import Settings
from tests.assemble.synthetic import N, P, build

S = SubEventType
EVENTS = event_stage(Settings())
TOWNS = {"كفرنبل": P(PlaceKind.TOWN, 35.61, 36.56), "سراقب": P(PlaceKind.TOWN, 35.86, 36.80)}


def events_of(text: str, places: dict[str, P] | None = None, **mentions: object) -> list[Event]:
    article = build(text, places=TOWNS if places is None else places, **mentions)  # type: ignore[arg-type]
    return EVENTS(article).events


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.sub_event_type, e.location and e.location.name) for e in events]
    return events[0]


def test_air_strike_with_place_date_actor_and_dead() -> None:
    event = only(
        events_of(
            "قتل 12 مدنيا يوم الثلاثاء في غارات شنها الطيران الروسي على كفرنبل.",
            numbers={"12": 12},
            dates={"يوم الثلاثاء": dt.date(2019, 5, 7)},
        )
    )
    assert event.event_type is EventType.EXPLOSIONS_REMOTE_VIOLENCE
    assert event.sub_event_type is S.AIR_DRONE_STRIKE
    assert event.location is not None
    assert event.location.name == "كفرنبل"
    assert event.date == dt.date(2019, 5, 7)
    assert event.actor1 is not None
    assert event.actor1.actor_id == "RU.air"
    assert event.fatalities == 12
    assert event.actor2 is not None
    assert event.actor2.actor_id == "CIVILIANS"


def test_every_field_span_slices_back_to_the_words_it_came_from() -> None:
    text = "وقتل سبعة مدنيين وأصيب عشرون آخرون في قصف مدفعي لقوات النظام على سراقب."
    event = only(events_of(text, numbers={"سبعة": 7, "عشرون": 20}))
    spans = dict(event.evidence.field_spans)
    assert event.evidence.sentence == text
    assert text[spans["trigger"].start : spans["trigger"].end] == "قصف مدفعي"
    assert text[spans["location"].start : spans["location"].end] == "سراقب"
    assert text[spans["fatalities"].start : spans["fatalities"].end] == "سبعة"
    assert text[spans["injuries"].start : spans["injuries"].end] == "عشرون"
    assert (event.fatalities, event.injuries) == (7, 20)


@pytest.mark.parametrize(
    ("text", "numbers", "expected"),
    [
        ("استشهاد أكثر من 40 شخصا في غارة على سراقب", {"أكثر من 40": N(40, Qualifier.AT_LEAST)}, 40),
        ("أدت غارة على سراقب إلى مقتل 9 أشخاص بينهم 4 أطفال", {"9": 9, "4": 4}, 9),
        ("سقط عشرات القتلى في غارة على سراقب", {"عشرات": N(10, Qualifier.VAGUE)}, 10),
        ("قصفت الطائرات سراقب ما أسفر عن 15 قتيلا", {"15": 15}, 15),
    ],
)
def test_fatalities_from_numbers_next_to_casualty_words(
    text: str, numbers: dict[str, object], expected: int
) -> None:
    assert only(events_of(text, numbers=numbers)).fatalities == expected


def test_a_later_exact_count_replaces_a_vague_one() -> None:
    text = "شنت الطائرات غارات على سراقب. وأسفر القصف عن عشرات القتلى. ووثق ناشطون مقتل 23 مدنيا."
    event = only(events_of(text, numbers={"عشرات": N(10, Qualifier.VAGUE), "23": 23}))
    assert event.fatalities == 23


def test_a_number_that_counts_no_casualties_is_ignored() -> None:
    assert only(events_of("شنت الطائرات 8 غارات على سراقب", numbers={"8": 8})).fatalities is None


@pytest.mark.parametrize(
    "text",
    [
        "نفى الجيش الروسي شن غارات على سراقب",
        "وزعمت الوزارة أن طائراتها لم تنفذ أي غارة على سراقب",
    ],
)
def test_denied_strikes_are_negated_events(text: str) -> None:
    assert only(events_of(text)).negated


def test_negation_of_another_verb_does_not_negate_the_event() -> None:
    event = only(events_of("قال الوزير إن القرار لن يؤثر على الاشتباكات الدائرة في سراقب"))
    assert not event.negated


@pytest.mark.parametrize(
    "text",
    [
        "وقال القائد: سنشن غارات على سراقب",
        "أكد الوزير أن الجيش يخطط لشن هجمات على سراقب",
        "وتوعد الحزب بشن غارات على سراقب",
        "وإذا سقطت الهدنة فإن اشتباكات ستندلع في سراقب",
        "هل تتوقف الغارات على سراقب؟",
        "تحركت قوات النظام لاستعادة سراقب",
        "دعت المنظمة إلى وقف الغارات على سراقب",
        "ومن المتوقعة اشتباكات في سراقب",
        "وأعلن الجيش عن عمليات عسكرية مرتقبة في سراقب",
    ],
)
def test_threats_plans_conditions_questions_and_purposes_make_no_event(text: str) -> None:
    assert events_of(text) == []


def test_a_past_attack_referred_to_in_a_threat_is_still_an_event() -> None:
    event = only(events_of("وقال الرئيس إنه سيتم الرد على الهجوم الكيميائي على سراقب"))
    assert event.sub_event_type is S.CHEMICAL_WEAPON


def test_no_place_no_event_and_countries_are_too_coarse() -> None:
    assert events_of("شنت الطائرات غارات عنيفة") == []
    assert events_of("شنت الطائرات غارات على سوريا", places={"سوريا": P(PlaceKind.COUNTRY)}) == []


def test_listed_places_give_one_event_each() -> None:
    events = events_of("نفذت الطائرات غارات على بلدات هي كفرنبل وسراقب")
    assert sorted(e.location.name for e in events if e.location) == ["سراقب", "كفرنبل"]


def test_two_triggers_with_two_places_in_one_sentence_are_two_events() -> None:
    text = "قتل خمسة مدنيين في قصف على كفرنبل فيما قتل ثلاثة آخرون في قصف على سراقب."
    events = events_of(text, numbers={"خمسة": 5, "ثلاثة": 3})
    assert {(e.location.name, e.fatalities) for e in events if e.location} == {("كفرنبل", 5), ("سراقب", 3)}


def test_mentions_of_one_strike_merge_and_keep_the_best_filled() -> None:
    text = "شنت الطائرات غارات على سراقب. وقالت الخوذ البيضاء إن الغارات على سراقب أوقعت 6 قتلى."
    event = only(events_of(text, numbers={"6": 6}))
    assert event.fatalities == 6
    assert event.reported_by == "الخوذ البيضاء"


def test_a_region_event_merges_into_the_town_inside_it() -> None:
    places = {**TOWNS, "ريف إدلب الجنوبي": P(PlaceKind.REGION, 35.65, 36.62)}
    text = "تواصلت الغارات على ريف إدلب الجنوبي. وقتل 4 مدنيين في غارة على كفرنبل."
    event = only(events_of(text, places=places, numbers={"4": 4}))
    assert event.location is not None
    assert event.location.name == "كفرنبل"
    assert event.fatalities == 4


def test_a_vague_retelling_of_a_stronger_event_is_dropped() -> None:
    text = "قتل 30 شخصا في هجوم كيميائي على سراقب. واتهمت الحكومة المعارضة بتنفيذ الهجوم على سراقب."
    event = only(events_of(text, numbers={"30": 30}))
    assert event.sub_event_type is S.CHEMICAL_WEAPON


def test_period_words_mark_a_summary() -> None:
    assert only(events_of("تعرضت سراقب لعشرات الغارات خلال الأسبوع الماضي")).aggregate
    assert not only(events_of("تعرضت سراقب لغارة جوية صباح اليوم")).aggregate


def test_reported_by_names_the_source() -> None:
    event = only(events_of("قتل ستة مدنيين في قصف على سراقب، وفقا لأطباء بلا حدود.", numbers={"ستة": 6}))
    assert event.reported_by == "أطباء بلا حدود"


def test_non_state_gains_are_overtakes_and_state_gains_regains() -> None:
    assert (
        only(events_of("سيطر تنظيم داعش على سراقب")).sub_event_type is S.NON_STATE_ACTOR_OVERTAKES_TERRITORY
    )
    assert only(events_of("سيطرت قوات النظام على سراقب")).sub_event_type is S.GOVERNMENT_REGAINS_TERRITORY


def test_control_as_a_state_is_no_event() -> None:
    assert events_of("تقع البلدة تحت سيطرة المعارضة في سراقب") == []


def test_a_deal_gives_an_agreement_event_at_each_zone() -> None:
    events = events_of("أعلنت روسيا وتركيا التوصل إلى اتفاق على وقف إطلاق النار في كفرنبل وسراقب.")
    agreements = [e for e in events if e.sub_event_type is S.AGREEMENT]
    assert sorted(e.location.name for e in agreements if e.location) == ["سراقب", "كفرنبل"]


def test_stage_fills_article_events() -> None:
    article: Article = build("وقعت اشتباكات في سراقب", places=TOWNS)
    assert EVENTS(article).events[0].sub_event_type is S.ARMED_CLASH


def test_a_denial_is_not_swallowed_by_another_event_at_the_place() -> None:
    text = "تدور معارك عنيفة في سراقب. ونفى الجيش الروسي أن تكون طائراته نفذت أي ضربة على سراقب."
    events = events_of(text)
    assert {(e.sub_event_type, e.negated) for e in events} == {
        (S.ARMED_CLASH, False),
        (S.AIR_DRONE_STRIKE, True),
    }


_VOCAB = [
    "قال",
    "وقال",
    "أضاف",
    "مشيرا",
    "وفقا",
    "بحسب",
    "ما",
    "غارات",
    "الهجوم",
    "على",
    "سراقب",
    "هدنة",
    "وقف",
    "إطلاق",
    "النار",
    "باستثناء",
    "خارج",
    "في",
    "إلى",
    "لمدة",
    "72",
    "ساعة",
    "يومين",
    "،",
    ".",
    "', ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
    ", ",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), max_size=30),
    st.lists(st.sampled_from(["", " ", "،", ".", " و"]), max_size=30),
)
def test_any_word_salad_assembles_without_error_and_spans_stay_in_their_sentence(
    words: list[str], joints: list[str]
) -> None:
    from marsad.assemble.claims import claim_stage
    from marsad.assemble.truces import truce_stage

    text = "".join(w + (joints[i] if i < len(joints) else " ") for i, w in enumerate(words))
    article = build(text, places={"سراقب": P(), "دمشق": P()}, numbers={"72": 72})
    for stage in (EVENTS, claim_stage(Settings()), truce_stage(Settings())):
        article = stage(article)
    for record in (*article.events, *article.claims, *article.truces):
        evidence = record.evidence
        assert evidence.sentence == text[evidence.sentence_span.start : evidence.sentence_span.end]
        for _, span in evidence.field_spans:
            assert 0 <= span.start <= span.end <= len(text)


def test_a_denial_in_a_relative_clause_is_reported_by_the_denier_who_is_not_its_actor() -> None:
    text = "ونقض شهود عيان رواية وزارة الدفاع الروسية التي نفت أمس تنفيذ أي غارات على سراقب"
    event = only(events_of(text))
    assert event.negated
    assert event.reported_by == "وزارة الدفاع الروسية"
    assert event.actor1 is None or event.actor1.name != "وزارة الدفاع الروسية"


def test_who_denies_in_a_sentence_is_not_the_actor_of_a_strike_others_assert_there() -> None:
    text = (
        "ونقض شهود عيان رواية وزارة الدفاع الروسية التي نفت تنفيذ أي غارات على سراقب، "
        "مؤكدين أن الطائرات التي قصفت كفرنبل كانت روسية"
    )
    asserted = next(e for e in events_of(text) if not e.negated)
    assert asserted.location is not None
    assert asserted.location.name == "كفرنبل"
    assert asserted.actor1 is None or asserted.actor1.name != "وزارة الدفاع الروسية"


def test_an_agreement_is_at_the_zones_of_the_deal_not_of_later_mentions() -> None:
    text = (
        "أعلنت روسيا وتركيا التوصل إلى اتفاق على وقف إطلاق النار في سراقب. "
        "وقال ناشطون إن وقف إطلاق النار في ريف إدلب ما زال صامدا."
    )
    places = {**TOWNS, "ريف إدلب": P(PlaceKind.REGION, 35.8, 36.6)}
    agreements = [e for e in events_of(text, places=places) if e.sub_event_type is S.AGREEMENT]
    assert [e.location.name for e in agreements if e.location] == ["سراقب"]


def test_a_denial_governs_the_strike_it_reports_however_far_the_verb() -> None:
    event = only(events_of("نفت وزارة الدفاع الروسية اليوم الجمعة أن تكون طائراتها قد قصفت سراقب"))
    assert event.negated
    assert event.sub_event_type is S.AIR_DRONE_STRIKE


@pytest.mark.parametrize(
    "text",
    [
        "وقال الوزير إن العملية الإنسانية تنفذ بالتعاون مع الحكومة السورية في سراقب",
        "ألقت الشرطة القبض على خمسة مطلوبين في عملية أمنية في سراقب",
    ],
)
def test_a_humanitarian_or_security_operation_is_no_clash(text: str) -> None:
    assert not [e for e in events_of(text) if e.sub_event_type is S.ARMED_CLASH]


def test_the_arrested_are_not_the_side_that_arrests() -> None:
    event = only(events_of("أعلنت الشرطة القبض على خمسة عناصر من تنظيم داعش في سراقب", numbers={"خمسة": 5}))
    assert event.sub_event_type is S.ARRESTS
    assert event.actor1 is None or event.actor1.name != "تنظيم داعش"


def test_the_airport_its_management_speaks_for_is_where_the_strike_fell() -> None:
    places = {"مطار أبو الظهور": P(PlaceKind.FACILITY, 35.73, 37.10)}
    text = (
        "علقت إدارة مطار أبو الظهور الرحلات. "
        "وقالت إدارة المطار إن الغارة ألحقت أضرارا بالمدرج، وإن الرحلات حولت إلى سراقب."
    )
    event = only(events_of(text, places={**TOWNS, **places}))
    assert event.location is not None
    assert event.location.name == "مطار أبو الظهور"


def test_the_airport_named_before_is_where_a_strike_on_the_airport_fell() -> None:
    places = {
        "مطار أبو الظهور": P(PlaceKind.FACILITY, 35.73, 37.10),
        "مشفى الرحمة": P(PlaceKind.FACILITY, 35.7, 37.0),
    }
    text = (
        "وعلقت إدارة مشفى الرحمة ومطار أبو الظهور العمل مساء الاثنين، "
        "بعد غارة نفذتها طائرة مسيرة على مدرج المطار."
    )
    event = only(events_of(text, places=places))
    assert event.location is not None
    assert event.location.name == "مطار أبو الظهور"


def test_where_the_witnesses_are_is_not_where_the_strike_fell_when_the_text_says_where() -> None:
    text = "وأفاد سكان في كفرنبل بأن الغارات تجددت فجر الجمعة على بلدة سراقب"
    assert only(events_of(text)).location.name == "سراقب"  # type: ignore[union-attr]
    alone = "وقال ناشطون في سراقب إن الغارات تجددت فجر الجمعة"
    assert only(events_of(alone)).location.name == "سراقب"  # type: ignore[union-attr]


def test_a_truce_referred_to_is_no_agreement_but_one_entering_into_force_is() -> None:
    # issue 6 (round 3): "منذ بدء الهدنة" names a truce already in force; the deal is the one
    # whose own sentence says it entered into force, with that sentence's date and words
    text = (
        "قتل عشرة مدنيين في غارات على سراقب، في أعنف ضربة منذ بدء الهدنة. "
        "ويأتي ذلك رغم اتفاق وقف الأعمال العدائية الذي دخل حيز التنفيذ في 27 شباط في سراقب."
    )
    feb = dt.date(2016, 2, 27)
    events = events_of(text, numbers={"عشرة": 10}, dates={"27 شباط": feb})
    agreements = [e for e in events if e.sub_event_type is S.AGREEMENT]
    assert [(e.date, e.evidence.sentence.startswith("ويأتي")) for e in agreements] == [(feb, True)]
    only_reference = events_of(text.split(". ")[0], numbers={"عشرة": 10})
    assert not [e for e in only_reference if e.sub_event_type is S.AGREEMENT]


@pytest.mark.parametrize(
    "text",
    [
        "وقال الناطق باسم الجيش إن الاتهامات كاذبة، واصفا التقارير عن قصف سراقب بأنها حملة تضليل",
        "ووصفت الوزارة الأنباء عن غارات على سراقب بأنها مفبركة",
        "ونفت الوزارة التقارير عن قصف سراقب",
        "واعتبر المتحدث أن الحديث عن غارات على سراقب مجرد أكاذيب",
    ],
)
def test_reports_of_an_event_dismissed_by_the_speaker_are_a_denial(text: str) -> None:
    # issue 6 (round 3): reported speech that dismisses reports of an event denies the event
    assert only(events_of(text)).negated


def test_reports_of_an_event_that_nobody_dismisses_stay_a_report() -> None:
    event = only(events_of("وأكدت التقارير عن قصف سراقب مقتل خمسة مدنيين", numbers={"خمسة": 5}))
    assert not event.negated


def test_protesters_shot_by_security_forces_are_excessive_force_not_a_clash() -> None:
    # issue 6 (round 3): force used on protesters is a protest event, not a battle
    text = (
        "قتل ثلاثة متظاهرين وأصيب 12 آخرون، مساء الجمعة، عندما أطلقت الشرطة الرصاص الحي "
        "لتفريق محتجين حاولوا اقتحام مبنى البلدية في سراقب."
    )
    event = only(events_of(text, numbers={"ثلاثة": 3, "12": 12}))
    assert event.sub_event_type is S.EXCESSIVE_FORCE_AGAINST_PROTESTERS
    assert (event.fatalities, event.injuries) == (3, 12)


def test_protesters_dispersed_without_deaths_are_a_protest_with_intervention() -> None:
    text = "وفرقت قوات الأمن بالغاز المسيل للدموع مئات المحتجين الذين تجمعوا في سراقب."
    event = only(events_of(text, numbers={"مئات": N(100, Qualifier.VAGUE)}))
    assert event.sub_event_type is S.PROTEST_WITH_INTERVENTION


@pytest.mark.parametrize(
    "text",
    [
        "خرج مئات المتظاهرين في سراقب رافعين لافتات تندد بالاعتقالات التعسفية",
        "تظاهر العشرات في سراقب احتجاجا على اعتقال ناشطين",
    ],
)
def test_an_event_word_in_what_protesters_denounce_is_no_event_of_its_own(text: str) -> None:
    events = events_of(text, numbers={"مئات": N(100, Qualifier.VAGUE)})
    assert [e.sub_event_type for e in events] == [S.PEACEFUL_PROTEST]


def test_the_attack_referred_to_over_the_area_of_a_known_attack_is_that_attack() -> None:
    places = {**TOWNS, "ريف إدلب": P(PlaceKind.REGION, 35.65, 36.6)}
    text = "قتل عشرة مدنيين في هجوم كيماوي على كفرنبل. وقال الرئيس إن الرد على الهجوم على ريف إدلب قادم."
    events = events_of(text, places=places, numbers={"عشرة": 10})
    assert [(e.sub_event_type, e.location.name if e.location else None) for e in events] == [
        (S.CHEMICAL_WEAPON, "كفرنبل")
    ]


def test_the_strikes_a_later_sentence_continues_take_their_date_and_their_own_target() -> None:
    # issue 6 (round 3): "وطالت الغارات أيضاً ..." continues the strike told before; the
    # hospital it is built against ("ملاصقاً للمشفى") is a landmark, not what it hit
    wednesday = dt.date(2016, 4, 27)
    text = (
        "قتل عشرة مدنيين ليل الأربعاء جراء غارات جوية استهدفت مشفى الرحمة في كفرنبل. "
        "وطالت الغارات أيضا مبنى سكنيا ملاصقا للمشفى وسوقا شعبيا في سراقب."
    )
    events = events_of(text, numbers={"عشرة": 10}, dates={"ليل الأربعاء": wednesday})
    later = next(e for e in events if e.location is not None and e.location.name == "سراقب")
    assert later.date == wednesday
    assert later.target == "residential building"


def test_a_definite_event_word_long_after_the_event_takes_no_date_from_it() -> None:
    text = (
        "قتل عشرة مدنيين ليل الأربعاء جراء غارات جوية على كفرنبل. وقال الوزير إن الحكومة ستدرس الأمر. "
        "وطالب السكان بحماية دولية. وأكد ناشطون أن الطيران لم يتوقف. ويذكر أن الغارات طالت سراقب مرارا."
    )
    events = events_of(text, numbers={"عشرة": 10}, dates={"ليل الأربعاء": dt.date(2016, 4, 27)})
    later = next(e for e in events if e.location is not None and e.location.name == "سراقب")
    assert later.date is None


@pytest.mark.parametrize(
    "text",
    [
        "وقال متطوع إن فرق الرصد سجلت إقلاع طائرتين من مطار أبو الظهور قبل الغارة بنحو أربعين دقيقة",
        "وسجل المرصد انطلاق الطائرات من مطار أبو الظهور قبل القصف",
    ],
)
def test_where_the_aircraft_took_off_from_is_not_where_the_strike_fell(text: str) -> None:
    places = {"مطار أبو الظهور": P(PlaceKind.FACILITY, 35.73, 37.10)}
    assert events_of(text, places=places) == []


def test_reinforcements_arrive_where_they_go_not_where_they_come_from() -> None:
    text = (
        "سيطر مسلحو تنظيم داعش على مدينة سراقب. وقال المحافظ إن قوات النظام انسحبت إلى جنوب "
        "المدينة بعد وصول تعزيزات كبيرة للتنظيم من كفرنبل ومعرة النعمان، مؤكدا أنه جرى إخلاء المدنيين."
    )
    places = {
        **TOWNS,
        "معرة النعمان": P(PlaceKind.CITY, 35.64, 36.67),
        "سراقب": P(PlaceKind.CITY, 35.86, 36.8),
    }
    moves = [e for e in events_of(text, places=places) if e.sub_event_type is S.CHANGE_TO_GROUP_ACTIVITY]
    assert [e.location.name for e in moves if e.location] == ["سراقب"]
    assert moves[0].actor2 is None  # the civilians evacuated are not the ones the troops moved against
    text = "وقالت المصادر إن القوات الأمريكية وصلت على متن عربات مدرعة قادمة من كفرنبل، وتوجهت إلى مطار سراقب"
    places = {**TOWNS, "مطار سراقب": P(PlaceKind.FACILITY, 35.87, 36.81)}
    assert {e.location.name for e in events_of(text, places=places) if e.location} == {"مطار سراقب"}


def test_these_reinforcements_are_the_ones_told_before_not_a_new_deployment() -> None:
    text = (
        "ووصلت قوات أمريكية إلى كفرنبل مساء الاثنين. "
        "وتأتي هذه التعزيزات في إطار دعم قوات سوريا الديمقراطية في معاركها في سراقب."
    )
    moves = [e for e in events_of(text) if e.sub_event_type is S.CHANGE_TO_GROUP_ACTIVITY]
    assert [e.location.name for e in moves if e.location] == ["كفرنبل"]


def test_the_shelling_told_again_over_the_city_is_the_shelling_of_its_neighbourhood() -> None:
    places = {"حي الميدان": P(PlaceKind.NEIGHBOURHOOD, 36.215, 37.17), "حلب": P(PlaceKind.CITY, 36.2, 37.16)}
    text = (
        "قتل خمسة مدنيين الثلاثاء جراء قذائف هاون سقطت على حي الميدان في حلب. "
        "ويأتي القصف وسط تبادل للاتهامات بين الطرفين في المدينة."
    )
    events = events_of(text, places=places, numbers={"خمسة": 5}, dates={"الثلاثاء": dt.date(2016, 5, 3)})
    assert [(e.location.name if e.location else None, e.fatalities) for e in events] == [("حي الميدان", 5)]


def test_protesters_who_storm_a_building_are_a_violent_demonstration() -> None:
    event = only(events_of("واقتحم مئات المتظاهرين مبنى البلدية في سراقب وأضرموا النار فيه"))
    assert event.sub_event_type is S.VIOLENT_DEMONSTRATION


def test_an_attack_on_the_protesters_banners_is_not_what_happened_at_the_protest() -> None:
    text = "ورفع المتظاهرون في سراقب صورا لمدنيين قتلوا في الهجوم التركي على سراقب"
    assert S.VIOLENT_DEMONSTRATION not in {e.sub_event_type for e in events_of(text)}


@pytest.mark.parametrize(
    "text",
    [
        "وقال قيادي إن قوات النظام حاولت التقدم نحو سراقب تحت غطاء ناري كثيف",
        "وصدت الفصائل محاولة قوات النظام التقدم باتجاه سراقب",
    ],
)
def test_an_attempted_advance_is_fighting_not_a_change_of_territory(text: str) -> None:
    assert only(events_of(text)).sub_event_type is S.ARMED_CLASH


def test_a_road_between_two_towns_is_one_event_not_one_per_town() -> None:
    text = "قتل جنديان وأصيب ثلاثة بانفجار عبوة ناسفة على الطريق الرابط بين كفرنبل وسراقب"
    event = only(events_of(text, numbers={"جنديان": 2, "ثلاثة": 3}))
    assert (event.fatalities, event.injuries) == (2, 3)
