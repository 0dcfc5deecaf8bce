"""The scraped-text cutter: title, body, header, tail and reader comments of whole-page text."""

from __future__ import annotations

import pytest

from marsad.clean.lexicon import CleanLexicon
from marsad.clean.scraped import ScrapedTextCutter

P1 = "قالت مصادر محلية إن قصفاً مدفعياً استهدف بلدة كفرنبل في ريف إدلب صباح اليوم وأوقع خمسة قتلى بينهم طفلان."
P2 = "وأضافت المصادر أن فرق الدفاع المدني عملت لساعات على انتشال الضحايا من تحت الأنقاض في ظروف صعبة."
P3 = "ودفع التصعيد مئات العائلات إلى النزوح نحو المخيمات القريبة من الحدود التركية مع اقتراب فصل الشتاء."
TITLE = "مقتل خمسة مدنيين بقصف على ريف إدلب"


@pytest.fixture(scope="module")
def cutter() -> ScrapedTextCutter:
    return ScrapedTextCutter(CleanLexicon.load())


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_title_line_and_byline_are_not_body(cutter: ScrapedTextCutter) -> None:
    parts = cutter.cut(page(TITLE, "", "إدلب بوست – خاص", "", P1, "", P2))
    assert parts.title == TITLE
    assert parts.body == f"{P1}\n{P2}"


def test_a_title_printed_twice_starts_the_body_once(cutter: ScrapedTextCutter) -> None:
    parts = cutter.cut(page(TITLE, "", TITLE, P1, P2))
    assert parts.title == TITLE
    assert parts.body == f"{TITLE}\n{P1}\n{P2}"


def test_subheadings_between_paragraphs_stay(cutter: ScrapedTextCutter) -> None:
    parts = cutter.cut(page(TITLE, P1, "نزوح متواصل", P2, "موقف الأمم المتحدة", P3))
    assert parts.body.split("\n") == [P1, "نزوح متواصل", P2, "موقف الأمم المتحدة", P3]


def test_a_run_of_linked_headlines_is_dropped(cutter: ScrapedTextCutter) -> None:
    related = [
        "ترامب يتوعد بثمن باهظ للهجوم الكيميائي على المدنيين",
        "واشنطن تنفي مسؤوليتها عن قصف قاعدة تيفور",
    ]
    parts = cutter.cut(page(TITLE, P1, *related, P2))
    assert parts.body == f"{P1}\n{P2}"


def test_list_items_announced_by_a_colon_stay(cutter: ScrapedTextCutter) -> None:
    intro = "وتوزعت السيطرة على المساحات بحسب المرصد على النحو الآتي:"
    items = ["الفصائل المقاتلة: 11465 كيلومترا مربعا", "درع الفرات: 3695 كيلومترا مربعا"]
    parts = cutter.cut(page(TITLE, P1, intro, *items))
    assert parts.body.split("\n") == [P1, intro, *items]


def test_related_header_drops_the_links_under_it(cutter: ScrapedTextCutter) -> None:
    parts = cutter.cut(page(TITLE, P1, "اقرأ أيضاً", "روسيا تعلن هدنة إنسانية جديدة في حلب", P2))
    assert parts.body == f"{P1}\n{P2}"


def test_page_chrome_around_the_article_is_dropped(cutter: ScrapedTextCutter) -> None:
    text = page(
        "الرئيسية",
        "أخبار",
        "سياسة",
        "عاجل: مجلس الأمن يعقد جلسة طارئة بشأن سوريا",
        "الرئيسية » أخبار » سوريا",
        TITLE,
        "الثلاثاء 12 نوفمبر 2019 - 10:45 ص",
        "إدلب – المرصد نيوز",
        P1,
        "IMG_2231.jpg",
        P2,
        "للمزيد: الأمم المتحدة تدعو إلى حماية المدنيين",
        P3,
        "فرانس 24/ أ ف ب",
        "الوسوم: إدلب، قصف",
        "مواضيع ذات صلة",
        "قوات النظام تقصف معرة النعمان",
        "الأكثر قراءة",
        "1",
        "خبر آخر عن حلب",
        "من نحن",
        "© 2019 المرصد نيوز. جميع الحقوق محفوظة",
    )
    parts = cutter.cut(text)
    assert parts.title == TITLE
    assert parts.body == f"{P1}\n{P2}\n{P3}"
    assert parts.date_text == "الثلاثاء 12 نوفمبر 2019 - 10:45 ص"
    assert parts.comments == []


def test_record_title_wins_and_other_header_lines_stay(cutter: ScrapedTextCutter) -> None:
    dateline = "دبي، الإمارات العربية المتحدة (CNN)"
    parts = cutter.cut(page(TITLE, dateline, P1, P2), known_title=TITLE)
    assert parts.title == TITLE
    assert parts.body == f"{dateline}\n{P1}\n{P2}"


def test_body_map_points_into_the_given_text(cutter: ScrapedTextCutter) -> None:
    text = page(TITLE, "", "\u200f" + P1, "", "IMG_2231.jpg", "", P2)
    parts = cutter.cut(text)
    assert parts.body == f"{P1}\n{P2}"
    second = parts.body.index(P2)
    span = parts.body_map.to_source(second, second + len(P2))
    assert text[span.start : span.end].rstrip("\n") == P2  # a range takes the gap after it along
    first = parts.body_map.to_source(0, len(P1))
    assert text[first.start : first.end] == P1


def test_page_without_prose_keeps_its_short_lines(cutter: ScrapedTextCutter) -> None:
    parts = cutter.cut(page("عاجل من حلب", "قصف على حي الشعار"))
    assert parts.title == "عاجل من حلب"
    assert parts.body == "قصف على حي الشعار"


def test_author_from_a_byline(cutter: ScrapedTextCutter) -> None:
    assert cutter.cut(page(TITLE, "بقلم: أحمد الحسن", P1)).author == "أحمد الحسن"


# --------------------------------------------------------------------------- comments

COMMENT_1 = "لم يسبق أن سجل التاريخ تخاذلا دوليا مثل ما يحدث في سوريا اليوم."
COMMENT_2 = "This is the new imperialism in the 21st century."
COMMENT_3 = "الله يحمي أهلنا"


def test_comments_author_stamp_text(cutter: ScrapedTextCutter) -> None:
    text = page(
        TITLE,
        P1,
        P2,
        "التعليقات (3)",
        "",
        "    ابو سعيد",
        "",
        "    ·منذ 7 سنوات 6 أشهر",
        f"    {COMMENT_1}",
        "",
        "    observer",
        "",
        "    ·منذ 7 سنوات",
        f"    {COMMENT_2}",
        "    يونس",
        "    ·منذ سنة",
        f"    {COMMENT_3}",
        "4",
        "",
        "الأكثر قراءة",
        "خبر آخر",
    )
    parts = cutter.cut(text)
    assert parts.body == f"{P1}\n{P2}"
    assert [(c.author, c.when, c.text) for c in parts.comments] == [
        ("ابو سعيد", "منذ 7 سنوات 6 أشهر", COMMENT_1),
        ("observer", "منذ 7 سنوات", COMMENT_2),
        ("يونس", "منذ سنة", COMMENT_3),
    ]


def test_comments_text_then_stamp(cutter: ScrapedTextCutter) -> None:
    text = page(
        TITLE,
        P1,
        P2,
        "تعليقات فيسبوك",
        "أحمد",
        COMMENT_1,
        "أعجبني · رد · منذ 3 أيام",
        "Rojda Ali",
        COMMENT_2,
        "أعجبني · رد · منذ يومين",
    )
    comments = cutter.cut(text).comments
    assert [(c.author, c.text, c.when) for c in comments] == [
        ("أحمد", COMMENT_1, "منذ 3 أيام"),
        ("Rojda Ali", COMMENT_2, "منذ يومين"),
    ]


def test_comments_says_lines(cutter: ScrapedTextCutter) -> None:
    text = page(
        TITLE,
        P1,
        "تعليقات (2)",
        "علي الكعبي يقول:",
        "14 يوليو 2018 الساعة 3:20 م",
        COMMENT_1,
        "رد",
        "Basrawi says:",
        "July 15, 2018 at 9:41 am",
        COMMENT_2,
        "رد",
        "أضف تعليقاً",
    )
    comments = cutter.cut(text).comments
    assert [(c.author, c.text) for c in comments] == [("علي الكعبي", COMMENT_1), ("Basrawi", COMMENT_2)]


def test_threaded_replies_and_quotes(cutter: ScrapedTextCutter) -> None:
    text = page(
        TITLE,
        P1,
        "التعليقات (3)",
        "ترتيب حسب: الأحدث",
        "محمد العلي",
        "منذ 5 ساعات",
        COMMENT_1,
        "رد",
        "    رد على محمد العلي",
        "    أبو جاسم",
        "    منذ 4 ساعات",
        "    > لم يسبق أن سجل التاريخ",
        f"    {COMMENT_3}",
        "    رد",
        "kirkuki",
        "منذ 3 ساعات",
        COMMENT_2,
        "رد",
    )
    comments = cutter.cut(text).comments
    assert [(c.author, c.text) for c in comments] == [
        ("محمد العلي", COMMENT_1),
        ("أبو جاسم", COMMENT_3),
        ("kirkuki", COMMENT_2),
    ]


def test_a_comment_form_alone_gives_no_comments(cutter: ScrapedTextCutter) -> None:
    text = page(TITLE, P1, "اترك تعليقاً", "لن يتم نشر عنوان بريدك الإلكتروني.", "الاسم *", "Translate »")
    parts = cutter.cut(text)
    assert parts.comments == []
    assert parts.body == P1
