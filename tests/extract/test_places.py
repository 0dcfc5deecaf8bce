"""The geoparser: names found with their clitics, composed into phrases, resolved, judged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.article import PlaceMention
from marsad.event import PlaceKind
from marsad.extract.gazetteer import Geoparser, load_gazetteer
from marsad.extract.places import place_stage
from marsad.normalize.stages import normalize_body, tokenize_body
from marsad.settings import Settings
from tests.conftest import make_article


@pytest.fixture(scope="session")
def geoparser(tmp_path_factory: pytest.TempPathFactory) -> Geoparser:
    gazetteer = load_gazetteer(
        cache_dir=tmp_path_factory.getbasetemp() / "gazetteer-cache",
        data_dir=tmp_path_factory.mktemp("no-imports"),
    )
    return Geoparser(gazetteer)


def places(geoparser: Geoparser, text: str) -> list[PlaceMention]:
    mentions = geoparser.parse(text)
    for mention in mentions:  # every span maps back to the exact characters of the text
        assert text[mention.span.start : mention.span.end] == mention.text
    return mentions


def one(geoparser: Geoparser, text: str) -> PlaceMention:
    found = places(geoparser, text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "written", "name", "gid"),
    [
        ("قصف عنيف وبحلب اليوم", "حلب", "حلب", "geonames:170063"),
        ("وصلت التعزيزات لحلب صباحا", "حلب", "حلب", "geonames:170063"),
        ("في دير الزور والرقة معارك", "الرقة", "الرقة", "geonames:172955"),
        ("انفجار بالموصل مساء", "الموصل", "الموصل", "geonames:99072"),
        ("وصلت القافلة للرقة صباحا", "لرقة", "الرقة", "geonames:172955"),
    ],
)
def test_names_are_found_behind_their_clitics(
    geoparser: Geoparser, text: str, written: str, name: str, gid: str
) -> None:
    mention = next(m for m in places(geoparser, text) if m.place.gazetteer_id == gid)
    assert (mention.text, mention.place.name) == (written, name)


@pytest.mark.parametrize(
    "text",
    [
        "قال مسؤول حلبي إن الوضع هادئ",
        "أعلن الجيش السوري والقوات العراقية والميليشيات الإيرانية والطيران الروسي",
        "وذكرت مصادر سورية معارضة أن الطائرات سورية",
        "التقى الوفد بممثلين عن المجتمع",
    ],
)
def test_adjectives_and_words_containing_names_are_not_places(geoparser: Geoparser, text: str) -> None:
    assert [m for m in places(geoparser, text) if m.as_location] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قالت روسيا إن الهجوم مفبرك", "روسيا"),
        ("واتهمت دمشق وموسكو واشنطن بالعدوان", "موسكو"),
        ("واشنطن أعلنت فرض عقوبات على روسيا", "واشنطن"),
        ("فرضت عقوبات على روسيا", "روسيا"),
        ("القوات المدعومة من إيران تتقدم", "إيران"),
        ("وقال المبعوث الخاص إلى سوريا إن", "سوريا"),
    ],
)
def test_countries_and_capitals_named_as_actors_are_not_locations(
    geoparser: Geoparser, text: str, name: str
) -> None:
    mention = next(m for m in places(geoparser, text) if m.place.name == name)
    assert mention.as_location is False


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قتل خمسة مدنيين في سوريا أمس", "سوريا"),
        ("وصل الوفد إلى روسيا الأحد", "روسيا"),
        ("سقطت قذائف قرب دمشق", "دمشق"),
        ("مواقع قرب الحدود مع تركيا", "تركيا"),
        ("المرصد ومقره بريطانيا قال", "بريطانيا"),
        ("دمشق - قال مصدر عسكري إن", "دمشق"),
        ("الاشتباكات في سوريا والعراق مستمرة", "العراق"),
        ("غادر الفريق العاصمة السورية دمشق متوجها", "دمشق"),
    ],
)
def test_countries_and_capitals_with_a_locative_cue_are_locations(
    geoparser: Geoparser, text: str, name: str
) -> None:
    mention = next(m for m in places(geoparser, text) if m.place.name == name)
    assert mention.as_location is True


def test_a_dateline_with_two_places_counts_both(geoparser: Geoparser) -> None:
    found = places(geoparser, "دبي، الإمارات العربية المتحدة (CNN)-- أعلن المتحدث")
    assert [(m.place.country, m.as_location) for m in found] == [("AE", True), ("AE", True)]


@pytest.mark.parametrize(
    ("text", "name", "gid", "body_text"),
    [
        ("تظاهرة في #حلب اليوم", "حلب", "geonames:170063", "حلب"),
        ("بعد قصف #مطار_التيفور العسكري", "مطار التيفور", "marsad:sy.t4-airbase", "مطار_التيفور"),
        ("في محافظة #حمص وسط البلاد", "محافظة حمص", "marsad:sy.homs", "محافظة #حمص"),
    ],
)
def test_hashtags_are_names(geoparser: Geoparser, text: str, name: str, gid: str, body_text: str) -> None:
    mention = places(geoparser, text)[0]
    assert (mention.place.name, mention.place.gazetteer_id, mention.text) == (name, gid, body_text)


@pytest.mark.parametrize(
    ("text", "written", "kind", "gid"),
    [
        ("معارك في ريف إدلب الجنوبي", "ريف إدلب الجنوبي", PlaceKind.REGION, "marsad:sy.idleb-countryside-s"),
        ("وصلوا إلى ريف حلب الشمالي", "ريف حلب الشمالي", PlaceKind.REGION, "marsad:sy.aleppo-countryside-n"),
        ("في محافظة حمص", "محافظة حمص", PlaceKind.ADMIN1, "marsad:sy.homs"),
        ("قصف أحياء حلب الشرقية", "أحياء حلب الشرقية", PlaceKind.NEIGHBOURHOOD, "marsad:sy.aleppo.eastern"),
        ("في شمال غرب سوريا", "شمال غرب سوريا", PlaceKind.REGION, "marsad:sy.northwest"),
        ("غارات على مطار منغ", "مطار منغ", PlaceKind.FACILITY, "marsad:sy.menagh-airbase"),
        ("عند معبر باب الهوى", "معبر باب الهوى", PlaceKind.FACILITY, "marsad:sy.bab-al-hawa"),
        ("في الغوطة الشرقية لدمشق", "الغوطة الشرقية لدمشق", PlaceKind.REGION, "marsad:sy.eastern-ghouta"),
    ],
)
def test_composed_phrases_name_one_place(
    geoparser: Geoparser, text: str, written: str, kind: PlaceKind, gid: str
) -> None:
    mention = one(geoparser, text)
    assert (mention.text, mention.place.name, mention.place.kind, mention.place.gazetteer_id) == (
        written,
        written,
        kind,
        gid,
    )
    assert mention.as_location


def test_a_settlement_head_is_kept_in_the_span_but_not_the_name(geoparser: Geoparser) -> None:
    mention = one(geoparser, "قصفت الطائرات مدينة دوما")
    assert (mention.text, mention.place.name, mention.place.kind) == ("مدينة دوما", "دوما", PlaceKind.CITY)


def test_a_compass_word_makes_a_region_beside_the_place(geoparser: Geoparser) -> None:
    mention = one(geoparser, "اشتباكات جنوب دمشق")
    damascus = one(geoparser, "في دمشق").place
    assert mention.place.kind is PlaceKind.REGION
    assert mention.place.name == "جنوب دمشق"
    assert mention.place.lat is not None
    assert damascus.lat is not None
    assert mention.place.lat < damascus.lat
    assert mention.place.name_en == "southern Damascus"


def test_a_plural_head_applies_to_each_name(geoparser: Geoparser) -> None:
    found = places(geoparser, "غارات على محافظتي إدلب وحلب")
    assert [(m.place.name, m.place.kind) for m in found] == [
        ("إدلب", PlaceKind.ADMIN1),
        ("حلب", PlaceKind.ADMIN1),
    ]


def test_a_pronoun_head_refers_to_the_place_before(geoparser: Geoparser) -> None:
    found = places(geoparser, "سيطرت القوات على درعا وريفها الغربي")
    assert found[-1].place.gazetteer_id == "marsad:sy.daraa-countryside-w"


def test_the_country_of_the_article_reads_the_country_word(geoparser: Geoparser) -> None:
    found = places(geoparser, "قصفت الطائرات حلب وإدلب في سوريا. وفي جنوب البلاد هدوء")
    assert found[-1].place.name_en == "southern Syria"


@pytest.mark.parametrize(
    ("text", "gid"),
    [
        ("اجتماع في ريف دمشق", "marsad:sy.rural-damascus"),
        ("وصلت القوات إلى دير الزور", "geonames:170794"),
        ("هبطت الطائرة في مطار دمشق الدولي", "marsad:sy.damascus-airport"),
    ],
)
def test_the_longest_name_wins(geoparser: Geoparser, text: str, gid: str) -> None:
    assert one(geoparser, text).place.gazetteer_id == gid


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("وصل الملك إلى عمان قادما من العقبة وإربد في الأردن", "JO"),
        ("زار الوزير سلطنة عمان ومسقط", "OM"),
    ],
)
def test_amman_and_oman_are_told_apart_by_context(geoparser: Geoparser, text: str, country: str) -> None:
    assert places(geoparser, text)[0].place.country == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("معارك في سنجار قرب الموصل وتلعفر في العراق", "IQ"),
        ("قصف على سنجار في ريف إدلب الشرقي قرب سراقب", "SY"),
    ],
)
def test_a_name_shared_by_two_countries_follows_the_article(
    geoparser: Geoparser, text: str, country: str
) -> None:
    sinjar = next(m for m in places(geoparser, text) if m.place.name == "سنجار")
    assert sinjar.place.country == country


def test_the_admin_hierarchy_written_next_to_a_town_decides(geoparser: Geoparser) -> None:
    found = places(geoparser, "الخالدية في حمص")
    assert found[0].place.admin1 == "Homs"
    found = places(geoparser, "الخالدية في حلب")
    assert found[0].place.admin1 == "Aleppo"


def test_an_adverb_with_tanween_is_not_a_town(geoparser: Geoparser) -> None:
    assert places(geoparser, "المنطقة التي يستهدفها دوماً بغارات") == []


def test_organisation_names_are_not_places(geoparser: Geoparser) -> None:
    assert places(geoparser, "قالت قوات سوريا الديمقراطية وهيئة تحرير الشام") == []


def test_the_stage_fills_the_article(geoparser: Geoparser) -> None:
    article = tokenize_body(normalize_body(make_article("دوّما - قُتل ٣ في قصفٍ على دُوما بالغوطة الشرقية")))
    article = place_stage(Settings(), geoparser)(article)
    names = [(m.text, m.place.name) for m in article.mentions.places]
    assert names == [("دوّما", "دوّما"), ("دُوما", "دُوما"), ("الغوطة الشرقية", "الغوطة الشرقية")]


@pytest.mark.devgold
@pytest.mark.parametrize(("inputs", "gold"), [("data/dev/ant40.inputs.jsonl", "data/dev/ant40.gold.jsonl")])
def test_dev_gold_places(shared_dir: Path, tmp_path: Path, inputs: str, gold: str) -> None:
    predictions = tmp_path / "pred.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-m", "marsad", "extract", str(shared_dir / inputs)], stdout=out, check=True
        )
    result = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval" / "score.py"),
            str(predictions),
            str(shared_dir / gold),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(result.stdout)
    assert scores["places_f1"] >= 0.85
    assert scores["place_resolved_25km"] >= 0.90


@pytest.mark.parametrize(
    "text",
    [
        "وقال المتحدث باسم عملية بركان الغضب إن القوات ستلتزم بالهدنة في طرابلس",
        "وأعلنت القوات إطلاق عملية «بركان الغضب» لصد الهجوم على طرابلس",
        "وشنت إسرائيل عملية حارس الأسوار على قطاع غزة",
        "وشارك الفصيل في معارك بركان الغضب جنوب طرابلس",
    ],
)
def test_an_operation_codename_is_not_a_place(geoparser: Geoparser, text: str) -> None:
    # "بركان" is Berkane (Morocco) and "حارس" Haris (Palestine) in GeoNames; here each is the
    # first word of an operation's name, followed by the definite noun that completes it
    found = places(geoparser, text)
    assert found, "the real places of the sentence are still found"
    assert all(m.place.name_en not in {"Berkane", "Barqan", "Ḩāris"} for m in found), [m.text for m in found]


@pytest.mark.parametrize(
    ("text", "gid"),
    [
        ("انتهت معركة حلب بعد أشهر", "geonames:170063"),
        ("انطلقت عملية الموصل فجر اليوم", "geonames:99072"),
        ("بدأت معركة تحرير الموصل", "geonames:99072"),
        ("وصفها بمعركة حلب الكبرى", "geonames:170063"),
        ("تستمر معركة القلمون", "marsad:sy.qalamoun"),
    ],
)
def test_a_battle_named_after_its_place_names_the_place(geoparser: Geoparser, text: str, gid: str) -> None:
    assert [m.place.gazetteer_id for m in places(geoparser, text)] == [gid]


def test_a_small_foreign_town_named_without_a_cue_in_another_countrys_article_is_dropped(
    geoparser: Geoparser,
) -> None:
    # a Libyan article: "بركان" (volcano) is no reason to put a Moroccan town on the map
    text = "قال المتحدث إن بركان الغضب لن يهدأ ما دامت طرابلس ومصراتة تحت القصف"
    assert {m.place.country for m in places(geoparser, text)} == {"LY"}


@pytest.mark.parametrize(
    "text",
    [
        "وصل وفد من طرابلس واجتمع بمسؤولين في بركان",  # a locative cue before it
        "نظم ناشطون وقفات احتجاجية وسط وجدة وبركان",  # the article's other places are in Morocco too
    ],
)
def test_a_foreign_town_with_a_cue_or_in_its_own_countrys_article_stays(
    geoparser: Geoparser, text: str
) -> None:
    assert "Berkane" in {m.place.name_en for m in places(geoparser, text)}


def test_a_battle_named_after_its_place_stays_when_another_place_follows(geoparser: Geoparser) -> None:
    found = places(geoparser, "وضعت معركة عفرين الولايات المتحدة في موقف محرج")
    assert "geonames:174186" in {m.place.gazetteer_id for m in found}


def test_a_bare_name_after_its_city_was_named_is_that_city(geoparser: Geoparser) -> None:
    text = "أعلن الجيش تطبيق نظام تهدئة في مدينة حلب لمدة 48 ساعة. وقالت الخارجية إن التهدئة في حلب صامدة"
    assert [m.place.gazetteer_id for m in places(geoparser, text)] == ["geonames:170063", "geonames:170063"]


def test_a_neighbourhood_named_in_two_cities_follows_the_article(geoparser: Geoparser) -> None:
    text = "قتل خمسة مدنيين جراء سقوط قذائف على حي الميدان في مدينة حلب، وتواصل القصف على أحياء حلب الشرقية"
    assert places(geoparser, text)[0].place.admin1 == "Aleppo"
