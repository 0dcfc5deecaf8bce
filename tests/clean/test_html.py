"""HTML pages: the article through trafilatura and the cutter, comments from widget markup."""

from __future__ import annotations

import pytest

from marsad.clean.html import HtmlCleaner, html_comments, page_title, render_text
from marsad.clean.lexicon import CleanLexicon
from marsad.clean.scraped import ScrapedTextCutter

TITLE = "مقتل خمسة مدنيين بقصف على ريف إدلب"
PARAGRAPHS = [
    "قالت مصادر محلية إن قصفاً مدفعياً استهدف بلدة كفرنبل في ريف إدلب صباح اليوم وأوقع خمسة قتلى بينهم طفلان.",
    "وأضافت المصادر أن فرق الدفاع المدني عملت لساعات على انتشال الضحايا من تحت الأنقاض في ظروف صعبة.",
    "ودفع التصعيد مئات العائلات إلى النزوح نحو المخيمات القريبة من الحدود التركية مع اقتراب فصل الشتاء.",
]


@pytest.fixture(scope="module")
def cleaner() -> HtmlCleaner:
    return HtmlCleaner(ScrapedTextCutter(CleanLexicon.load()))


def article_page(content: str, comments: str = "", head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<html lang="ar"><head><meta charset="utf-8"><title>{TITLE} | موقع المرصد</title>{head}</head>
<body><nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
<article><h1>{TITLE}</h1>{content or paragraphs}</article>{comments}
<footer>جميع الحقوق محفوظة © 2020</footer></body></html>"""


def test_body_title_and_date(cleaner: HtmlCleaner) -> None:
    head = '<meta property="article:published_time" content="2020-03-09T10:00:00Z">'
    parts = cleaner.extract(article_page("", head=head))
    assert parts.title == TITLE
    assert parts.body == "\n".join(PARAGRAPHS)
    assert str(parts.published) == "2020-03-09"


def test_chrome_lines_inside_the_article_are_dropped(cleaner: HtmlCleaner) -> None:
    content = (
        f"<p>{PARAGRAPHS[0]}</p>"
        "<p><strong>اقرأ أيضاً:</strong> <a href='#'>الأمم المتحدة تحذر من مجاعة</a></p>"
        f"<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p><p>فرانس 24/ أ ف ب</p>"
    )
    assert cleaner.extract(article_page(content)).body == "\n".join(PARAGRAPHS)


def test_table_layout_rows_become_lines(cleaner: HtmlCleaner) -> None:
    rows = "".join(f"<tr><td>{p}</td></tr>" for p in PARAGRAPHS)
    content = f"<table>{rows}<tr><td>طباعة | أرسل لصديق</td></tr></table>"
    assert cleaner.extract(article_page(content)).body == "\n".join(PARAGRAPHS)


WORDPRESS_COMMENTS = """<div id="comments" class="comments-area"><h2 class="comments-title">2 تعليقات</h2>
<ol class="comment-list"><li class="comment depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard">
<b class="fn">أبو محمد</b> <span class="says">يقول:</span></div><div class="comment-metadata">
<time datetime="2019-05-22">22 مايو، 2019 الساعة 11:02 ص</time></div></footer>
<div class="comment-content"><p>حسبنا الله ونعم الوكيل.</p></div><div class="reply"><a>رد</a></div></article>
<ol class="children"><li class="comment depth-2"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">سلمى</b> <span class="says">يقول:</span></div>
<div class="comment-metadata"><time>22 مايو، 2019 الساعة 12:15 م</time></div></footer>
<div class="comment-content"><p>صدقت.</p></div></article></li></ol></li></ol>
<div id="respond" class="comment-respond"><h3>اترك تعليقاً</h3><form>
<p class="comment-notes">لن يتم نشر عنوان بريدك.</p>
<p class="comment-form-author"><label>الاسم *</label><input></p></form></div></div>"""

DRUPAL_COMMENTS = """<div id="comments" class="comment-wrapper"><h2>التعليقات</h2>
<div class="comment clearfix"><div class="attribution"><div class="comment-submitted">
<p class="commenter-name">
<span class="username">سامر</span></p><p class="comment-time">منذ 3 أيام</p></div></div>
<div class="comment-text"><h3><a>تعليق</a></h3><div class="content"><p>رحم الله الشهداء.</p></div></div>
</div></div>"""

THREADED_COMMENTS = """<div id="comments"><ul class="comment-thread"><li class="comment-item">
<div class="comment-main">
<span class="comment-user">فاطمة</span><span class="comment-date">منذ 5 ساعات</span>
<div class="comment-message"><p>أين الحكومة؟</p></div></div><ul class="replies"><li class="comment-item">
<div class="comment-main"><span class="comment-user">عثمان</span><span class="comment-date">منذ 4 ساعات</span>
<div class="comment-message"><blockquote><p>أين الحكومة؟</p></blockquote><p>مشغولة بالخلافات.</p></div>
</div></li>
</ul></li></ul></div>"""

PLAIN_ITEMS_COMMENTS = """<div class="comments"><h3>التعليقات (2)</h3><div class="list">
<div class="c-item"><strong class="c-name">أبو سليمان</strong> <span class="c-date">منذ ساعة</span>
<p class="c-text">يجب أن تتحرك الأمم المتحدة.</p><a href="#">رد</a></div>
<div class="c-item"><strong class="c-name">Mona</strong> <span class="c-date">منذ ساعتين</span>
<p class="c-text">Terrible news.</p></div></div></div>"""


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            WORDPRESS_COMMENTS,
            [
                ("أبو محمد", "حسبنا الله ونعم الوكيل.", "22 مايو، 2019 الساعة 11:02 ص"),
                ("سلمى", "صدقت.", "22 مايو، 2019 الساعة 12:15 م"),
            ],
        ),
        (DRUPAL_COMMENTS, [("سامر", "رحم الله الشهداء.", "منذ 3 أيام")]),
        (
            THREADED_COMMENTS,
            [("فاطمة", "أين الحكومة؟", "منذ 5 ساعات"), ("عثمان", "مشغولة بالخلافات.", "منذ 4 ساعات")],
        ),
        (
            PLAIN_ITEMS_COMMENTS,
            [
                ("أبو سليمان", "يجب أن تتحرك الأمم المتحدة.", "منذ ساعة"),
                ("Mona", "Terrible news.", "منذ ساعتين"),
            ],
        ),
    ],
)
def test_comment_widgets(markup: str, expected: list[tuple[str, str, str]]) -> None:
    comments = html_comments(article_page("", comments=markup))
    assert [(c.author, c.text, c.when) for c in comments] == expected


def test_comment_sections_stay_out_of_the_body(cleaner: HtmlCleaner) -> None:
    parts = cleaner.extract(article_page("", comments=WORDPRESS_COMMENTS))
    assert parts.body == "\n".join(PARAGRAPHS)
    assert len(parts.comments) == 2


def test_headline_is_the_heading_the_window_title_holds() -> None:
    html = f"""<html><head><title>مدونة كركوك: {TITLE}</title></head><body><h1>مدونة كركوك</h1>
<h3 class="post-title">{TITLE}</h3><p>{PARAGRAPHS[0]}</p></body></html>"""
    assert page_title(html, "مدونة كركوك") == TITLE


def test_render_text_gives_one_line_per_block() -> None:
    html = "<div><p>فقرة  أولى</p><script>var x = 1;</script><p>فقرة<br>ثانية</p><ul><li>بند</li></ul></div>"
    assert render_text(html) == "فقرة أولى\nفقرة\nثانية\nبند"


def test_page_without_article_text_gives_an_empty_body(cleaner: HtmlCleaner) -> None:
    html = "<html><body><nav><a>الرئيسية</a></nav><footer>جميع الحقوق محفوظة</footer></body></html>"
    assert cleaner.extract(html).body == ""
