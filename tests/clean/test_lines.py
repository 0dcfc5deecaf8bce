"""Line classification generalizes to the chrome of other sites, not only the seeds' strings."""

from __future__ import annotations

import pytest

from marsad.clean.lexicon import ChromeKind, CleanLexicon
from marsad.clean.lines import Line, LineClassifier, LineKind, split_lines


@pytest.fixture(scope="module")
def classifier() -> LineClassifier:
    return LineClassifier(CleanLexicon.load())


def classify(classifier: LineClassifier, text: str) -> Line:
    return classifier.classify(text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("شارك على مواقع التواصل الاجتماعي:", ChromeKind.SHARE),
        ("فيسبوك تويتر واتساب تلغرام", ChromeKind.SOCIAL),
        ("اترك تعليقاً", ChromeKind.COMMENT_FORM),
        ("لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", ChromeKind.COMMENT_FORM),
        ("التعليقات (12)", ChromeKind.COMMENTS_HEADER),
        ("5 ردود على “هدنة جديدة في الغوطة”", ChromeKind.COMMENTS_HEADER),
        ("الأكثر قراءة", ChromeKind.MOST_READ),
        ("✨ أهم التصنيفات", ChromeKind.MOST_READ),
        ("اقرأ أيضاً: روسيا تعلن هدنة إنسانية جديدة في حلب", ChromeKind.RELATED),
        ("للمزيد: ضربات جوية على مطار عسكري", ChromeKind.RELATED),
        ("مقالات ذات صلة", ChromeKind.RELATED),
        ("الوسوم: حلب، روسيا، هدنة", ChromeKind.TAGS),
        ("© 2016 جميع الحقوق محفوظة", ChromeKind.COPYRIGHT),
        ("تابعونا على تلغرام", ChromeKind.FOLLOW),
        ("اشترك في النشرة البريدية", ChromeKind.SUBSCRIBE),
        ("Translate »", ChromeKind.TRANSLATE),
        ("الرئيسية", ChromeKind.NAV),
        ("سياسة الخصوصية", ChromeKind.FOOTER),
        ("طباعة", ChromeKind.PRINT),
        ("صورة أرشيفية", ChromeKind.CAPTION),
        ("الرقة بوست – خاص", ChromeKind.BYLINE),
        ("بقلم: أحمد الحسن", ChromeKind.BYLINE),
        ("فرانس 24/ أ ف ب/ رويترز", ChromeKind.AGENCY),
    ],
)
def test_widget_lines_are_chrome(classifier: LineClassifier, text: str, kind: ChromeKind) -> None:
    line = classify(classifier, text)
    assert (line.kind, line.chrome) == (LineKind.CHROME, kind)


@pytest.mark.parametrize(
    "text",
    [
        "13062333_1057005177689284_1056509346713564042_n",
        "IMG_2231.jpg",
        "DSC01234",
        "https://example.org/news/12345",
        "#حلب #سوريا #هدنة",
        "4",
        "1,234 مشاهدة",
        "الرئيسية » أخبار » سوريا",
        "-------------------------",
        "🔴",
    ],
)
def test_junk_lines(classifier: LineClassifier, text: str) -> None:
    assert classify(classifier, text).kind is LineKind.JUNK


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("الثلاثاء 25 أكتوبر 2016", LineKind.DATE),
        ("الأربعاء, 22 أيار 2019 - 10:15", LineKind.DATE),
        ("2016/10/25", LineKind.DATE),
        ("نشر في 14 يوليو 2018 بواسطة admin", LineKind.DATE),
        ("الجنينة – دارفور 24 | 6 أبريل 2021", LineKind.DATE),
        ("·منذ 7 سنوات 6 أشهر", LineKind.TIME),
        ("منذ يومين", LineKind.TIME),
        ("قبل 3 ساعات", LineKind.TIME),
        ("2 years ago", LineKind.TIME),
    ],
)
def test_date_and_time_lines(classifier: LineClassifier, text: str, kind: LineKind) -> None:
    assert classify(classifier, text).kind is kind


@pytest.mark.parametrize(
    "text",
    [
        "قال المرصد السوري إن خمسة مدنيين قتلوا في قصف على ريف إدلب.",
        # sentences that start with a word listed as a widget prefix stay prose
        "اشترك مئات المتظاهرين في اعتصام أمام مبنى المحافظة.",
        "تابعونا الأسبوع الماضي حين كشفنا عن تفاصيل الاتفاق وبنوده كاملة، وقد أكدت الأمم المتحدة صحتها.",
        "انقضت ستة أسابيع من عمر الهدنة الهشة التي تم الاتفاق عليها بين الولايات المتحدة وروسيا "
        "،كانت حصيلتها "
        "تجاوز 3000 خرق من جانب النظام وروسيا",
        # a date inside a sentence does not make it a date line
        "وبدأ الجيش التركي عملية عسكرية في عفرين في 20 يناير 2018 ضد الوحدات الكردية.",
    ],
)
def test_sentences_are_prose(classifier: LineClassifier, text: str) -> None:
    assert classify(classifier, text).kind is LineKind.PROSE


@pytest.mark.parametrize(
    "text",
    [
        "تحضير النظام وروسيا لمعركة حلب بموافقة أمريكية ،وروسيا تلمح بشن هجمات على الرقة ودير الزور",
        "من الموصل إلى حلب",
        "هل يدفع بوتين الثمن؟",
        "observer",
    ],
)
def test_headlines_and_names_are_short(classifier: LineClassifier, text: str) -> None:
    assert classify(classifier, text).kind is LineKind.SHORT


def test_invisible_controls_do_not_hide_a_sentence_end(classifier: LineClassifier) -> None:
    assert classify(
        classifier, "\u202bبريطانيا تقصف بيروت لإرغام محمد علي باشا على ترك الشام.\u202c"
    ).kind is (LineKind.PROSE)


def test_split_lines_trims_each_line() -> None:
    text = "  عنوان \n\n\tفقرة\r\n"
    spans = split_lines(text)
    assert [text[s:e] for s, e in spans] == ["عنوان", "", "فقرة"]
