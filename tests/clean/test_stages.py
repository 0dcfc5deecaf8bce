"""The two cleaning stages: clean.document and clean.language."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.article import Article, InputFormat, RawDocument
from marsad.clean.document import DocumentCleaner
from marsad.clean.stages import clean_stage, language_stage
from marsad.pipeline import Pipeline
from marsad.settings import Settings

ARABIC = (
    "قالت مصادر محلية إن قصفاً مدفعياً استهدف بلدة كفرنبل في ريف إدلب صباح اليوم وأوقع خمسة قتلى بينهم طفلان.\n"
    "وأضافت المصادر أن فرق الدفاع المدني عملت لساعات على انتشال الضحايا من تحت الأنقاض في ظروف صعبة."
)
ENGLISH = (
    "Local sources said artillery shelling hit the town of Kafranbel in the Idlib countryside this morning.\n"
    "Civil defence teams worked for hours to recover the victims from under the rubble."
)
PERSIAN = (
    "منابع محلی گفتند که گلوله باران توپخانه صبح امروز شهرک کفرنبل در حومه ادلب را هدف قرار داد "
    "و پنج نفر کشته شدند.\n"
    "تیم های دفاع مدنی ساعت ها برای بیرون کشیدن قربانیان از زیر آوار تلاش کردند."
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    settings = Settings()
    return Pipeline([clean_stage(settings), language_stage(settings)])


def raw(content: str, fmt: InputFormat = InputFormat.TEXT, **fields: object) -> RawDocument:
    return RawDocument("d1", content, fmt, "<test>", **fields)  # type: ignore[arg-type]


def test_arabic_text_is_kept_with_a_map_to_the_source(pipeline: Pipeline) -> None:
    article = pipeline.process(raw("عنوان الخبر عن القصف\n\n" + ARABIC))
    assert article.dropped is None
    assert article.language == "ar"
    assert article.title == "عنوان الخبر عن القصف"
    assert article.body == ARABIC
    assert article.body_map is not None
    span = article.body_map.to_source(0, 5)
    assert article.raw.content[span.start : span.end] == article.body[:5]


@pytest.mark.parametrize("text", [ENGLISH, PERSIAN])
def test_other_languages_are_dropped(pipeline: Pipeline, text: str) -> None:
    article = pipeline.process(raw(text))
    assert article.dropped is not None
    assert (article.dropped.stage, article.dropped.reason) == ("clean.language", "not_arabic")


def test_a_near_empty_body_is_dropped_as_empty(pipeline: Pipeline) -> None:
    article = pipeline.process(raw("عاجل\n\nقصف على حلب"))
    assert article.dropped is not None
    assert article.dropped.reason == "empty"


def test_html_without_article_text_is_dropped_as_no_body(pipeline: Pipeline) -> None:
    html = (
        "<html><body><nav><a>الرئيسية</a> <a>أخبار</a></nav><footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    article = pipeline.process(raw(html, InputFormat.HTML))
    assert article.dropped is not None
    assert article.dropped.reason == "no_body"


def test_html_body_has_no_source_map(pipeline: Pipeline) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARABIC.split("\n"))
    html = f"<html><body><article><h1>عنوان</h1>{paragraphs}</article></body></html>"
    article = pipeline.process(raw(html, InputFormat.HTML))
    assert article.body == ARABIC
    assert article.body_map is None


def test_feed_entries_are_rendered_and_cut(pipeline: Pipeline) -> None:
    entry = "".join(f"<p>{p}</p>" for p in ARABIC.split("\n")) + "<p>اقرأ أيضاً: خبر آخر عن إدلب</p>"
    article = pipeline.process(raw(entry, InputFormat.FEED, title="عنوان من الخلاصة"))
    assert article.title == "عنوان من الخلاصة"
    assert article.body == ARABIC


def test_record_fields_win(pipeline: Pipeline) -> None:
    article = pipeline.process(raw(ARABIC, title="عنوان السجل", published=dt.date(2018, 4, 15)))
    assert article.title == "عنوان السجل"
    assert article.published == dt.date(2018, 4, 15)


COMMENTED = (
    "عنوان الخبر عن القصف\n"
    + ARABIC
    + "\nالتعليقات (1)\nابو سعيد\n·منذ 7 سنوات 6 أشهر\nلا حول ولا قوة إلا بالله\n"
)


def fake_resolver(text: str, anchor: dt.date) -> tuple[dt.date, str] | None:
    """Stands in for marsad.extract.dates.resolve_expression: records what it was asked."""
    fake_resolver.calls.append((text, anchor))  # type: ignore[attr-defined]
    return (anchor - dt.timedelta(days=1), "day")


def test_comment_stamps_resolve_against_the_crawl_date() -> None:
    fake_resolver.calls = []  # type: ignore[attr-defined]
    settings = Settings().with_overrides("ingest", crawl_date="2024-05-01")
    article = DocumentCleaner(settings, fake_resolver).clean(Article(raw=raw(COMMENTED)))
    (comment,) = article.comments
    assert (comment.author, comment.when) == ("ابو سعيد", "منذ 7 سنوات 6 أشهر")
    assert comment.date == dt.date(2024, 4, 30)
    assert ("منذ 7 سنوات 6 أشهر", dt.date(2024, 5, 1)) in fake_resolver.calls  # type: ignore[attr-defined]


def test_without_a_crawl_date_the_stamp_is_kept_as_written() -> None:
    article = DocumentCleaner(Settings(), fake_resolver).clean(Article(raw=raw(COMMENTED)))
    (comment,) = article.comments
    assert comment.when == "منذ 7 سنوات 6 أشهر"
    assert comment.date is None


def test_a_header_date_line_gives_the_publication_date() -> None:
    text = "عنوان الخبر عن القصف\nالثلاثاء 25 أكتوبر 2016\n" + ARABIC
    article = DocumentCleaner(Settings(), fake_resolver).clean(Article(raw=raw(text)))
    assert article.published is not None
    without_resolver = DocumentCleaner(Settings(), None).clean(Article(raw=raw(text)))
    assert without_resolver.published is None
