# ruff: noqa: E501 - the page templates keep markup lines as long as real pages have them
"""Write the test pages in ``pages/`` and their gold files from the articles in ``articles.py``.

Run from the repository root after editing an article or a template::

    .venv/bin/python -m tests.corpus.make_pages

Each page is one article inside the chrome of one kind of Arabic news site (WordPress,
Drupal, Blogger, big portals with menus and related lists, agency wires, comment threads),
as HTML or as the plain text a scraper keeps of such a page. ``<name>.gold.json`` holds what
the cleaner must find: title, body (the article's blocks, one per line) and reader comments.
"""

from __future__ import annotations

import html
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus import articles as A
from tests.corpus.articles import Article

PAGES = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class Remark:
    """A reader comment: who, when (as the page prints it) and what they wrote."""

    author: str
    when: str
    text: str
    replies: tuple[Remark, ...] = ()


@dataclass
class Page:
    name: str
    style: str
    article: Article
    content: str
    comments: list[Remark] = field(default_factory=list)
    title_in_body: bool = False
    encoding: str = "utf-8"

    def gold(self) -> dict[str, object]:
        lines = ([self.article.title] if self.title_in_body else []) + self.article.lines
        return {
            "page": self.name,
            "style": self.style,
            "encoding": self.encoding,
            "title": self.article.title,
            "body": "\n".join(lines),
            "comments": [{"author": c.author, "text": c.text} for c in flatten(self.comments)],
        }


def flatten(remarks: list[Remark]) -> list[Remark]:
    out: list[Remark] = []
    for remark in remarks:
        out.append(remark)
        out.extend(flatten(list(remark.replies)))
    return out


def e(text: str) -> str:
    return html.escape(text, quote=True)


def html_paragraphs(article: Article, tag: str = "h3", extra: dict[int, str] | None = None) -> str:
    parts = []
    for number, (text, is_heading) in enumerate(article.paragraphs):
        parts.append(f"<{tag}>{e(text)}</{tag}>" if is_heading else f"<p>{e(text)}</p>")
        if extra and number in extra:
            parts.append(extra[number])
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------- HTML


def wordpress_html(article: Article, remarks: list[Remark], site: str) -> str:
    def one(remark: Remark, depth: int) -> str:
        children = "".join(one(r, depth + 1) for r in remark.replies)
        nested = f'<ol class="children">{children}</ol>' if children else ""
        return f"""<li id="comment-{zlib.crc32(remark.text.encode()) % 900 + 100}" class="comment even depth-{depth}">
<article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><img class="avatar avatar-60" src="/avatar.png">
<b class="fn">{e(remark.author)}</b> <span class="says">يقول:</span></div>
<div class="comment-metadata"><a href="#"><time datetime="2019-05-22T11:02:00+03:00">{e(remark.when)}</time></a></div>
</footer>
<div class="comment-content"><p>{e(remark.text)}</p></div>
<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#">رد</a></div>
</article>{nested}</li>"""

    comments = "\n".join(one(r, 1) for r in remarks)
    count = len(flatten(remarks))
    figure = (
        '<figure class="wp-block-image"><img src="/wp-content/uploads/2019/05/IMG_2231.jpg" alt="">'
        "<figcaption>صورة أرشيفية</figcaption></figure>"
    )
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head><meta charset="utf-8"><title>{e(article.title)} – {e(site)}</title>
<meta property="og:title" content="{e(article.title)}">
<meta property="article:published_time" content="2019-05-22T09:14:00+03:00">
<script>window.wpData = {{"ajaxurl": "/wp-admin/admin-ajax.php"}};</script>
<style>.site-title {{ font-size: 2em; }}</style></head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><div class="site-branding">
<p class="site-title"><a href="/">{e(site)}</a></p><p class="site-description">موقع إخباري مستقل يغطي الشأن السوري</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/">الرئيسية</a></li><li><a href="/news">أخبار</a></li><li><a href="/reports">تقارير</a></li>
<li><a href="/opinion">مقالات</a></li><li><a href="/contact">اتصل بنا</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1234" class="post-1234 post type-post status-publish format-standard">
<header class="entry-header"><h1 class="entry-title">{e(article.title)}</h1>
<div class="entry-meta"><span class="posted-on">نشر في <a href="#"><time class="entry-date published"
datetime="2019-05-22T09:14:00+03:00">22 مايو، 2019</time></a></span><span class="byline"> بواسطة
<span class="author vcard"><a class="url fn n" href="/author/editor">هيئة التحرير</a></span></span></div></header>
<div class="entry-content">
{html_paragraphs(article, extra={1: figure})}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">شارك هذا المقال:</h3>
<ul><li><a href="#">فيسبوك</a></li><li><a href="#">تويتر</a></li><li><a href="#">واتساب</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">نشر في <a href="#">أخبار</a></span>
<span class="tags-links">الوسوم: <a href="#">قصف</a>، <a href="#">نزوح</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="#">
<span class="meta-nav">المقال السابق</span> الأمم المتحدة تدعو إلى حماية المدنيين في شمال غرب سوريا</a></div></div></nav>
<div id="comments" class="comments-area">
<h2 class="comments-title">{count} تعليقات على “{e(article.title)}”</h2>
<ol class="comment-list">
{comments}
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">اترك تعليقاً</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes"><span id="email-notes">لن يتم نشر عنوان بريدك الإلكتروني.</span> الحقول الإلزامية مشار إليها بـ
<span class="required">*</span></p>
<p class="comment-form-comment"><label for="comment">التعليق</label><textarea id="comment" name="comment"></textarea></p>
<p class="comment-form-author"><label for="author">الاسم *</label><input id="author" name="author"></p>
<p class="form-submit"><input name="submit" type="submit" value="إرسال التعليق"></p></form></div>
</div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">
<h2 class="widget-title">أحدث المقالات</h2><ul>
<li><a href="#">قوات النظام تقصف مدينة معرة النعمان بالبراميل المتفجرة</a></li>
<li><a href="#">الدفاع المدني يحصي ضحايا الأسبوع الماضي في إدلب</a></li>
<li><a href="#">تركيا تعزز نقاط المراقبة في ريف حماة الشمالي</a></li></ul></section>
<section class="widget widget_archive"><h2 class="widget-title">الأرشيف</h2><ul><li><a href="#">مايو 2019</a></li>
<li><a href="#">أبريل 2019</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">جميع الحقوق محفوظة © 2019 {e(site)}</div></footer>
</div></body></html>
"""


def drupal_html(article: Article, remarks: list[Remark]) -> str:
    comments = "\n".join(
        f"""<a id="comment-{n}"></a>
<div class="comment comment-by-anonymous clearfix">
<div class="attribution"><div class="comment-submitted"><p class="commenter-name"><span class="username">{e(r.author)}</span>
</p><p class="comment-time">{e(r.when)}</p></div></div>
<div class="comment-text"><div class="comment-arrow"></div><h3><a href="#comment-{n}">تعليق</a></h3>
<div class="content"><div class="field field-name-comment-body"><div class="field-items"><div class="field-item even">
<p>{e(r.text)}</p></div></div></div></div>
<ul class="links inline"><li class="comment-reply first last"><a href="#">رد</a></li></ul></div></div>"""
        for n, r in enumerate(remarks, 70)
    )
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>{e(article.title)} | صوت نينوى</title></head>
<body class="html not-front page-node node-type-article">
<div id="page-wrapper"><div id="page">
<div id="header"><div class="section clearfix"><a href="/" id="logo"><img src="/logo.png" alt="الرئيسية"></a>
<div id="name-and-slogan"><div id="site-name"><a href="/">صوت نينوى</a></div></div>
<div class="region region-header"><div id="block-search-form" class="block block-search"><form action="/search">
<input type="text" name="search_block_form" title="أدخل الكلمات التي تريد البحث عنها."><input type="submit" value="بحث">
</form></div></div></div></div>
<div id="navigation"><div class="section"><ul class="links" id="main-menu"><li><a href="/">الرئيسية</a></li>
<li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/misc">منوعات</a></li></ul></div></div>
<div id="breadcrumb"><div class="breadcrumb"><a href="/">الرئيسية</a> » <a href="/news">أخبار</a> » <a href="/iraq">العراق</a>
</div></div>
<div id="main-wrapper"><div id="main" class="clearfix"><div id="content" class="column"><div class="section">
<h1 class="title" id="page-title">{e(article.title)}</h1>
<div class="region region-content"><div id="block-system-main" class="block block-system">
<div id="node-881" class="node node-article node-promoted clearfix">
<div class="meta submitted"><span class="username">محرر الأخبار</span> — الخميس, 14 تشرين الثاني 2019 - 21:40</div>
<div class="content clearfix">
<div class="field field-name-field-image"><img src="/sites/default/files/styles/large/public/DSC01234.jpg" alt=""></div>
<div class="field field-name-body field-type-text-with-summary"><div class="field-items">
<div class="field-item even" property="content:encoded">
{html_paragraphs(article)}
</div></div></div>
<div class="field field-name-field-tags"><div class="field-label">الوسوم:&nbsp;</div><div class="field-items">
<a href="#">الموصل</a> <a href="#">عبوة ناسفة</a></div></div>
</div>
<ul class="links inline"><li class="comment-add first"><a href="#comment-form">أضف تعليقاً</a></li>
<li class="statistics_counter last"><span>1,204 قراءة</span></li></ul>
<div id="comments" class="comment-wrapper">
<h2 class="title">التعليقات</h2>
{comments}
<h2 class="title comment-form">أضف تعليقاً جديداً</h2>
<form class="comment-form" action="/comment/reply/881" method="post"><div><label>اسمك</label><input type="text">
<label>التعليق <span class="form-required">*</span></label><textarea></textarea><input type="submit" value="حفظ"></div></form>
</div></div></div></div></div></div></div>
<div id="sidebar-second" class="column sidebar"><div class="section"><div class="region region-sidebar-second">
<div class="block block-views"><h2>الأكثر قراءة</h2><div class="content"><ul>
<li><a href="#">الحشد الشعبي يعلن إحباط هجوم على قرية في سهل نينوى</a></li>
<li><a href="#">عودة مئات النازحين إلى الجانب الأيمن من الموصل</a></li></ul></div></div></div></div></div>
</div></div>
<div id="footer"><div class="section"><div class="region region-footer"><p>جميع الحقوق محفوظة © 2019 صوت نينوى</p>
</div></div></div>
</div></div></body></html>
"""


def portal_html(article: Article, city: str, read_also: str, related: list[str]) -> str:
    extra = {1: f'<div class="read-also"><span>اقرأ أيضاً:</span> <a href="#">{e(read_also)}</a></div>'}
    related_items = "".join(
        f'<li><a href="#"><img src="/t.jpg" alt=""><h4>{e(h)}</h4></a></li>' for h in related
    )
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{e(article.title)} | شبكة الأخبار العربية</title>
<meta name="description" content="{e(article.lines[0][:120])}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{e(article.title)}", "datePublished": "2020-03-09T14:20:00Z"}}</script>
<script src="/js/ads.js"></script></head>
<body>
<div class="top-bar"><span class="date-today">الاثنين 9 مارس 2020</span> <a href="/en">English</a>
<a href="/login">تسجيل الدخول</a></div>
<header class="main-header"><a class="logo" href="/">شبكة الأخبار العربية</a>
<nav class="main-nav"><ul><li><a href="/">الرئيسية</a></li><li><a href="/breaking">أخبار عاجلة</a></li>
<li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li>
<li><a href="/tech">تكنولوجيا</a></li><li><a href="/video">فيديو</a></li></ul></nav></header>
<div class="breaking-ticker"><span class="label">عاجل</span><ul>
<li><a href="#">مجلس الأمن يعقد جلسة طارئة بشأن اليمن مساء اليوم</a></li>
<li><a href="#">ارتفاع أسعار النفط بنسبة 3% في التعاملات الآسيوية</a></li></ul></div>
<div class="container"><div class="row"><div class="col-main">
<ol class="breadcrumb"><li><a href="/">الرئيسية</a></li><li><a href="/mideast">الشرق الأوسط</a></li><li>{e(city)}</li></ol>
<article class="article-page">
<h1 class="article-title">{e(article.title)}</h1>
<div class="article-meta"><span class="author">{e(city)} – مراسل الشبكة</span>
<time datetime="2020-03-09T14:20:00Z">09 مارس 2020 - 05:20 م</time><span class="views">2,541 مشاهدة</span></div>
<div class="share-bar"><a href="#">فيسبوك</a><a href="#">تويتر</a><a href="#">واتساب</a><a href="#">تلغرام</a>
<a href="#">نسخ الرابط</a></div>
<figure class="main-image"><img src="/images/2020/03/main.jpg" alt=""><figcaption>صورة أرشيفية</figcaption></figure>
<div class="article-body">
{html_paragraphs(article, extra=extra)}
</div>
<div class="article-tags"><span>الكلمات المفتاحية:</span> <a href="#">{e(city)}</a> <a href="#">غارات</a></div>
<div class="related-news"><h3>أخبار ذات صلة</h3><ul>{related_items}</ul></div>
<div class="newsletter-box"><h4>اشترك في النشرة البريدية</h4><p>احصل على أهم الأخبار يومياً في بريدك الإلكتروني.</p>
<form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></form></div>
</article></div>
<aside class="col-side"><div class="most-read"><h3>الأكثر قراءة</h3><ol>
<li><a href="#">الأمم المتحدة: 80% من اليمنيين بحاجة إلى مساعدات</a></li>
<li><a href="#">انقطاع الكهرباء عن مدن الساحل الغربي لليوم الثالث</a></li></ol></div>
<div class="ad-box">إعلان</div></aside>
</div></div>
<footer class="site-footer"><ul><li><a href="#">من نحن</a></li><li><a href="#">اتصل بنا</a></li>
<li><a href="#">سياسة الخصوصية</a></li><li><a href="#">أعلن معنا</a></li></ul>
<p>© 2020 شبكة الأخبار العربية. جميع الحقوق محفوظة.</p></footer>
</body></html>
"""


def semantic_html(article: Article) -> str:
    return f"""<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{e(article.title)} - الصومال اليوم</title><meta name="author" content="قسم الأخبار">
<meta name="viewport" content="width=device-width"></head>
<body>
<header><a href="/">الصومال اليوم</a>
<nav><a href="/">الرئيسية</a> | <a href="/local">محليات</a> | <a href="/region">إقليمي</a> | <a href="/world">دولي</a></nav>
</header>
<main><article>
<h1>{e(article.title)}</h1>
<p class="byline">بقلم: قسم الأخبار · <time datetime="2021-07-09">9 يوليو 2021</time></p>
{html_paragraphs(article)}
</article></main>
<footer><p>© 2021 الصومال اليوم</p></footer>
</body></html>
"""


def legacy_table_html(article: Article) -> str:
    """An old table-layout site that still serves Windows-1256 (the file is written in cp1256)."""
    rows = "\n".join(
        f'<tr><td><font face="Tahoma" size="3"><b>{e(t)}</b></font></td></tr>'
        if heading
        else f'<tr><td><font face="Tahoma" size="2">{e(t)}</font></td></tr>'
        for t, heading in article.paragraphs
    )
    return f"""<html dir="rtl">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>{e(article.title)} - حلب نيوز</title>
</head>
<body bgcolor="#FFFFFF">
<table width="100%" border="0"><tr><td class="menu"><a href="index.php">الرئيسية</a> | <a href="news.php">الأخبار</a>
| <a href="reports.php">تقارير</a> | <a href="contact.php">اتصل بنا</a></td></tr></table>
<marquee direction="right">عاجل: انقطاع الاتصالات عن مناطق في ريف حلب الغربي</marquee>
<table width="760" align="center" border="0" cellpadding="4">
<tr><td class="title"><font face="Tahoma" size="4" color="#990000"><b>{e(article.title)}</b></font></td></tr>
<tr><td><font size="1" color="#666666">أضيف في: 2021-03-21 - عدد القراءات: 3412</font></td></tr>
{rows}
<tr><td><a href="print.php?id=77">طباعة</a> | <a href="send.php?id=77">أرسل لصديق</a></td></tr>
</table>
<table width="100%"><tr><td align="center"><font size="1">جميع الحقوق محفوظة لموقع حلب نيوز © 2021</font></td></tr>
</table>
</body>
</html>
"""


def amp_html(article: Article, related: list[str]) -> str:
    links = "".join(f'<li><a href="#">{e(h)}</a></li>' for h in related)
    return f"""<!doctype html>
<html amp lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{e(article.title)}</title>
<link rel="canonical" href="https://example.org/yemen/marib-missile">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{e(article.title)}",
"datePublished": "2022-01-18T19:05:00+03:00"}}</script>
<style amp-custom>body {{ direction: rtl; }}</style></head>
<body>
<header class="amp-header"><a href="/">اليمن الآن</a><button on="tap:sidebar.toggle">القائمة</button></header>
<amp-sidebar id="sidebar" layout="nodisplay"><ul><li><a href="/">الرئيسية</a></li><li><a href="/news">أخبار</a></li>
</ul></amp-sidebar>
<article>
<h1>{e(article.title)}</h1>
<div class="meta"><span>مأرب – اليمن الآن</span> <time datetime="2022-01-18">18 يناير 2022</time></div>
<amp-img src="/img/marib.jpg" width="600" height="400" layout="responsive" alt=""></amp-img>
{html_paragraphs(article)}
</article>
<section class="related"><h2>مواضيع ذات صلة</h2><ul>{links}</ul></section>
<footer><p>جميع الحقوق محفوظة © اليمن الآن 2022</p></footer>
</body></html>
"""


def blogger_html(article: Article, remarks: list[Remark]) -> str:
    comments = "\n".join(
        f"""<li class="comment" id="c{900 + n}"><div class="avatar-image-container"><img src="/a.png" alt=""></div>
<div class="comment-block"><div class="comment-header"><cite class="user"><a href="#">{e(r.author)}</a></cite>
<span class="icon user"></span><span class="datetime secondary-text"><a rel="nofollow" href="#">{e(r.when)}</a></span>
</div><p class="comment-content">{e(r.text)}</p>
<span class="comment-actions secondary-text"><a class="comment-reply" href="#">رد</a>
<span class="item-control blog-admin"><a href="#">حذف</a></span></span></div></li>"""
        for n, r in enumerate(remarks)
    )
    body = "<br />".join(e(t) + "<br />" for t, _ in article.paragraphs)
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar"><head><meta charset="UTF-8">
<title>مدونة كركوك اليوم: {e(article.title)}</title></head>
<body>
<div class="header-outer"><h1 class="title">مدونة كركوك اليوم</h1><p class="description">أخبار كركوك لحظة بلحظة</p></div>
<div class="main-outer"><div class="date-outer"><h2 class="date-header"><span>السبت، 16 نوفمبر 2019</span></h2>
<div class="post hentry"><h3 class="post-title entry-title">{e(article.title)}</h3>
<div class="post-header"></div>
<div class="post-body entry-content" id="post-body-123">
{body}
</div>
<div class="post-footer"><span class="post-author vcard">مرسلة بواسطة <span class="fn">مراسل المدونة</span></span>
<span class="post-labels">التصنيفات: <a href="#">أمن</a>، <a href="#">كركوك</a></span>
<div class="post-share-buttons"><a href="#">إرسال بالبريد الإلكتروني</a><a href="#">BlogThis!</a>
<a href="#">المشاركة على X</a><a href="#">المشاركة في Facebook</a></div></div></div>
<div class="comments" id="comments"><h4>{len(remarks)} من التعليقات:</h4>
<div class="comments-content"><div class="comment-thread"><ol>
{comments}
</ol></div></div>
<p class="comment-footer"><a href="#">إرسال تعليق</a></p></div></div></div>
<div class="sidebar"><h2>المشاركات الشائعة</h2><ul><li><a href="#">انتشار أمني واسع في مركز كركوك</a></li></ul></div>
</body></html>
"""


def threaded_html(article: Article, remarks: list[Remark]) -> str:
    def one(remark: Remark, parent: Remark | None) -> str:
        quote = f"<blockquote><p>{e(parent.text[:40])}</p></blockquote>" if parent else ""
        replies = "".join(one(r, remark) for r in remark.replies)
        nested = f'<ul class="replies">{replies}</ul>' if replies else ""
        return f"""<li class="comment-item"><div class="comment-avatar"><img src="/u.png" alt=""></div>
<div class="comment-main"><span class="comment-user">{e(remark.author)}</span>
<span class="comment-date">{e(remark.when)}</span><div class="comment-message">{quote}<p>{e(remark.text)}</p></div>
<a class="reply" href="#">رد</a> <a class="like" href="#">أعجبني</a></div>{nested}</li>"""

    thread = "\n".join(one(r, None) for r in remarks)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{e(article.title)} | دارفور 24</title>
<meta property="article:published_time" content="2021-04-06T08:00:00Z"></head>
<body><div class="navbar"><a href="/">دارفور 24</a><a href="/news">الأخبار</a><a href="/reports">تقارير</a></div>
<div class="wrapper"><div class="post">
<h1 class="post-title">{e(article.title)}</h1>
<div class="post-info">الجنينة – دارفور 24 | 6 أبريل 2021</div>
<div class="post-content">
{html_paragraphs(article)}
</div></div>
<div id="comments"><h3>النقاش ({len(flatten(remarks))})</h3>
<ul class="comment-thread">
{thread}
</ul>
<div class="comment-box"><textarea placeholder="شاركنا رأيك"></textarea><button>إرسال</button></div></div>
</div>
<div class="footer">© دارفور 24 – جميع الحقوق محفوظة</div></body></html>
"""


def inline_related_html(article: Article, related: str, tweet: str) -> str:
    extra = {
        0: f'<p><strong>اقرأ أيضاً:</strong> <a href="#">{e(related)}</a></p>',
        2: f'<blockquote class="twitter-tweet"><p>{e(tweet)}</p>— شبكة البصرة (@basra_net) '
        '<a href="#">July 14, 2018</a></blockquote>',
    }
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{e(article.title)}</title>
<meta property="og:title" content="{e(article.title)}"></head>
<body><header><div class="logo">الجنوب نيوز</div><ul class="menu"><li>الرئيسية</li><li>محليات</li><li>تقارير</li></ul>
</header>
<div class="article"><h1>{e(article.title)}</h1><div class="meta">البصرة – الجنوب نيوز | 14 يوليو 2018</div>
<figure><img src="/img/basra-protest.jpg" alt=""><figcaption>صورة من مواقع التواصل</figcaption></figure>
<div class="text">
{html_paragraphs(article, extra=extra)}
</div>
<div class="share"><span>شارك:</span><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">WhatsApp</a></div>
</div>
<div class="footer">جميع الحقوق محفوظة © الجنوب نيوز</div></body></html>
"""


# ---------------------------------------------------------------------------------- scraped text


def scraped(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def blank_joined(lines: list[str]) -> str:
    return "\n\n".join(lines)


def wp_scraped(article: Article, byline: str) -> str:
    body = article.lines
    return scraped(
        article.title,
        "",
        byline,
        "",
        blank_joined(body[:2]),
        "",
        "IMG_20190406_221533.jpg",
        "",
        blank_joined(body[2:]),
        "",
        " ",
        "",
        "شارك الخبر:",
        "فيسبوك",
        "تويتر",
        "واتساب",
        "",
        "أضف تعليقاً",
        "",
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول المطلوبة مشار إليها بـ *",
        "",
        "التعليق",
        "الاسم *",
        "البريد الإلكتروني *",
        "الموقع الإلكتروني",
        "",
        "Translate »",
    )


def indented_comments(remarks: list[Remark], bullet: str = "·") -> list[str]:
    out: list[str] = []
    for r in remarks:
        out += ["", f"    {r.author}", "", f"    {bullet}{r.when}", f"    {r.text}"]
    return out


def comments_scraped(article: Article, remarks: list[Remark]) -> str:
    return scraped(
        article.title,
        "",
        article.title,
        *article.lines,
        "",
        f"تعليقات القراء ({len(remarks)})",
        *indented_comments(remarks),
        "2",
        "",
        "الأكثر مشاهدة",
        "",
        "أهم الأخبار",
    )


def portal_scraped(article: Article, related: list[str], most_read: list[str], read_also: str) -> str:
    lines = article.lines
    return scraped(
        "الرئيسية",
        "أخبار",
        "سياسة",
        "اقتصاد",
        "رياضة",
        "منوعات",
        "فيديو",
        "English",
        "",
        "عاجل: مجلس الأمن يعقد جلسة طارئة بشأن الوضع في شمال شرق سوريا",
        "",
        "الرئيسية » سوريا » دير الزور",
        "",
        article.title,
        "",
        "الثلاثاء 12 نوفمبر 2019 - 10:45 ص",
        "",
        "دير الزور – المرصد نيوز",
        "",
        *lines[:2],
        f"اقرأ أيضاً: {read_also}",
        *lines[2:],
        "",
        "الوسوم: دير الزور، قسد، تنظيم الدولة",
        "",
        "مواضيع ذات صلة",
        *related,
        "",
        "الأكثر قراءة",
        *[item for n, h in enumerate(most_read, 1) for item in (str(n), h)],
        "",
        "من نحن",
        "اتصل بنا",
        "سياسة الخصوصية",
        "© 2019 المرصد نيوز. جميع الحقوق محفوظة",
    )


def thread_scraped(article: Article, remarks: list[Remark]) -> str:
    out = [article.title, "", "كركوك - خاص", "", *article.lines, "", f"التعليقات ({len(flatten(remarks))})"]
    out += ["ترتيب حسب: الأحدث", ""]
    for r in remarks:
        out += [r.author, r.when, r.text, "رد", ""]
        for reply in r.replies:
            out += [f"    رد على {r.author}", f"    {reply.author}", f"    {reply.when}"]
            out += [f"    > {r.text[:30]}", f"    {reply.text}", "    رد", ""]
    out += ["أضف تعليقك", "الاسم", "البريد الإلكتروني", "إرسال"]
    return scraped(*out)


def says_scraped(article: Article, remarks: list[Remark]) -> str:
    out = [article.title, "نشر في 14 يوليو 2018 بواسطة admin", "", *article.lines, ""]
    out += ["مشاركة هذا الموضوع:", "Facebook", "Twitter", "WhatsApp", "", f"تعليقات ({len(remarks)})", ""]
    for r in remarks:
        says = "says:" if r.author.isascii() else "يقول:"
        out += [f"{r.author} {says}", r.when, r.text, "رد", ""]
    out += ["أضف تعليقاً", "", "Translate »"]
    return scraped(*out)


def facebook_scraped(article: Article, remarks: list[Remark]) -> str:
    out = [article.title, "", *article.lines, "", "تعليقات فيسبوك", ""]
    for r in remarks:
        out += [r.author, r.text, f"أعجبني · رد · {r.when}", ""]
    out += ["إضافة تعليق..."]
    return scraped(*out)


def agency_scraped(article: Article) -> str:
    return scraped(article.title, "بيروت - الأناضول", "", *article.lines, "(انتهى)", "المصدر: الأناضول")


def drupal_scraped(article: Article, remarks: list[Remark]) -> str:
    out = [
        "انتقل إلى المحتوى الرئيسي",
        "شبكة شام الإخبارية",
        "الرئيسية",
        "أخبار",
        "تقارير",
        "اتصل بنا",
        "بحث",
    ]
    out += ["الرئيسية › أخبار › سوريا", "", article.title, "الأربعاء, 22 أيار 2019 - 10:15", ""]
    lines = article.lines
    out += [*lines[:2], "DSC_0457.JPG", *lines[2:], ""]
    out += ["الوسوم:", "إدلب", "كفرنبل", "قصف مدفعي", "", "أضف تعليقاً", "1,204 قراءة", "", "التعليقات", ""]
    for r in remarks:
        out += [r.author, r.when, r.text, "رد", ""]
    out += ["أضف تعليقاً جديداً", "اسمك", "التعليق *", "حفظ"]
    return scraped(*out)


def twin_title_scraped(article: Article, related: list[str]) -> str:
    return scraped(
        article.title,
        article.title,
        "بغداد – خاص",
        *article.lines,
        "",
        "شارك",
        "Facebook Twitter WhatsApp",
        "",
        "اقرأ المزيد",
        *related,
    )


def hashtag_scraped(article: Article) -> str:
    lines = article.lines
    return scraped(
        article.title,
        "2020-03-09",
        "",
        *lines[:2],
        "#اليمن #صعدة #غارات",
        *lines[2:],
        "",
        "تابعونا على تلغرام: t.me/example_news",
        "اشترك في نشرتنا البريدية ليصلك كل جديد",
        "الكلمات المفتاحية: اليمن، صعدة، التحالف",
    )


def counters_scraped(article: Article, videos: list[str]) -> str:
    lines = article.lines
    return scraped(
        "🔴 عاجل",
        "",
        article.title,
        "بقلم: سامي الحميري",
        "18 يناير 2022",
        "👁 1,234 مشاهدة",
        "Facebook Twitter Telegram WhatsApp",
        "",
        *lines,
        "",
        "طباعة",
        "",
        "شاهد أيضاً",
        *videos,
        "",
        "📌 اقرأ المزيد",
    )


# ---------------------------------------------------------------------------------------- pages

R = Remark
SYRIA_REMARKS = [
    R(
        "أبو محمد الحلبي",
        "22 مايو، 2019 الساعة 11:02 ص",
        "حسبنا الله ونعم الوكيل، كل يوم شهداء جدد ولا أحد يتحرك.",
        (R("سلمى", "22 مايو، 2019 الساعة 12:15 م", "صدقت، والمخيمات لا تتسع لمزيد من النازحين."),),
    ),
    R("Observer", "22 May 2019 at 1:40 pm", "The ceasefire exists only on paper, as usual."),
]
MOSUL_REMARKS = [
    R("سامر", "منذ 3 أيام", "رحم الله الشهداء، الطرق الصحراوية تحتاج إلى مراقبة جوية دائمة."),
    R("ابن الموصل", "منذ يومين", "التنظيم لم ينته بعد كما يقولون، الخلايا النائمة ما زالت موجودة."),
]
DARFUR_REMARKS = [
    R("آدم إسحاق", "منذ يومين", "أهلنا في الجنينة يعيشون مأساة حقيقية والعالم صامت."),
    R("Sarah K.", "منذ 3 أيام", "Heartbreaking. Aid agencies need safe access now."),
    R("أم خالد", "منذ أسبوع", "نسأل الله أن يحفظ الأطفال والنساء في المدارس."),
]
THREAD_REMARKS = [
    R(
        "فاطمة",
        "منذ 5 ساعات",
        "الحمد لله على سلامة من نجوا، لكن أين الحكومة؟",
        (R("عثمان", "منذ 4 ساعات", "الحكومة مشغولة بالخلافات."),),
    ),
    R("ود الجنينة", "منذ ساعة", "نحتاج إلى لجنة تحقيق مستقلة تحاسب المهاجمين."),
]
KIRKUK_REMARKS = [
    R(
        "محمد العلي",
        "منذ 5 ساعات",
        "الله يحفظ العراق وأهله، عمل ممتاز من الشرطة.",
        (R("أبو جاسم", "منذ 4 ساعات", "آمين، لكن أين كانت الأجهزة الأمنية قبل الآن؟"),),
    ),
    R("kirkuki", "منذ 3 ساعات", "Good job, but the real question is who funds them."),
]
BASRA_REMARKS = [
    R(
        "علي الكعبي",
        "14 يوليو 2018 الساعة 3:20 م",
        "الكهرباء مقطوعة منذ يومين والحر لا يطاق، المطالب مشروعة.",
    ),
    R("Basrawi", "July 15, 2018 at 9:41 am", "Oil money never reaches the people of Basra."),
]
QAMISHLI_REMARKS = [
    R("أحمد الجزراوي", "منذ 3 أيام", "لا حول ولا قوة إلا بالله، المسيرات لا تتوقف عن استهداف المدنيين."),
    R("Rojda Ali", "منذ يومين", "Where is the international community?"),
]
IDLIB_REMARKS = [
    R("أبو عمر", "منذ ساعتين", "رحم الله الشهداء، البلدة تقصف كل يوم منذ أسابيع."),
    R("Omar", "منذ 3 ساعات", "Stop the bombing of civilians in Idlib."),
]
KIRKUK_BLOG_REMARKS = [
    R("حيدر", "16 نوفمبر 2019 في 10:12 م", "بارك الله بجهود شرطة كركوك."),
    R("زائر", "17 نوفمبر 2019 في 8:03 ص", "نريد أن نعرف من يقف وراء هذه الخلايا."),
]

RELATED_SYRIA = [
    "التحالف الدولي ينفذ إنزالاً جوياً في ريف دير الزور",
    "احتجاجات في بلدة ذيبان للمطالبة بالإفراج عن معتقلين",
    "قسد تعلن حظر تجول شامل في مناطق سيطرتها",
]
MOST_READ = ["روسيا تعزز قواتها في مطار القامشلي", "انخفاض قياسي في سعر صرف الليرة السورية"]


def build() -> list[Page]:
    pages: list[Callable[[], Page]] = [
        lambda: Page(
            "p01_wordpress",
            "wordpress html",
            A.IDLIB,
            wordpress_html(A.IDLIB, SYRIA_REMARKS, "إدلب بوست"),
            SYRIA_REMARKS,
        ),
        lambda: Page(
            "p02_drupal", "drupal html", A.MOSUL, drupal_html(A.MOSUL, MOSUL_REMARKS), MOSUL_REMARKS
        ),
        lambda: Page(
            "p03_portal",
            "news portal html",
            A.SAADA,
            portal_html(
                A.SAADA,
                "صعدة",
                "الأمم المتحدة تحذر من مجاعة في ثلاث محافظات يمنية",
                ["التحالف يعلن اعتراض طائرة مسيرة فوق جازان", "غريفيث يصل إلى صنعاء في زيارة مفاجئة"],
            ),
        ),
        lambda: Page("p04_wp_text", "wordpress scraped", A.TRIPOLI, wp_scraped(A.TRIPOLI, "ليبيا برس – خاص")),
        lambda: Page(
            "p05_comments_text",
            "comments scraped",
            A.DARFUR,
            comments_scraped(A.DARFUR, DARFUR_REMARKS),
            DARFUR_REMARKS,
            title_in_body=True,
        ),
        lambda: Page(
            "p06_portal_text",
            "news portal scraped",
            A.DEIR_EZZOR,
            portal_scraped(
                A.DEIR_EZZOR,
                RELATED_SYRIA,
                MOST_READ,
                "مقتل عنصرين من قسد بهجوم مسلح في ريف دير الزور الغربي",
            ),
        ),
        lambda: Page(
            "p07_thread_text",
            "threaded comments scraped",
            A.KIRKUK,
            thread_scraped(A.KIRKUK, KIRKUK_REMARKS),
            KIRKUK_REMARKS,
        ),
        lambda: Page(
            "p08_says_text",
            "old wordpress scraped",
            A.BASRA,
            says_scraped(A.BASRA, BASRA_REMARKS),
            BASRA_REMARKS,
        ),
        lambda: Page(
            "p09_facebook_text",
            "facebook comments scraped",
            A.QAMISHLI,
            facebook_scraped(A.QAMISHLI, QAMISHLI_REMARKS),
            QAMISHLI_REMARKS,
        ),
        lambda: Page("p10_agency_text", "agency wire", A.KFARSHOUBA, agency_scraped(A.KFARSHOUBA)),
        lambda: Page("p11_semantic", "semantic html", A.MOGADISHU, semantic_html(A.MOGADISHU)),
        lambda: Page(
            "p12_legacy_cp1256", "legacy table html", A.ATAREB, legacy_table_html(A.ATAREB), encoding="cp1256"
        ),
        lambda: Page(
            "p13_amp",
            "amp html",
            A.MARIB,
            amp_html(
                A.MARIB,
                [
                    "الحوثيون يعلنون استهداف مواقع للقوات الحكومية في صرواح",
                    "نزوح عشرات الأسر من مديرية الجوبة",
                ],
            ),
        ),
        lambda: Page(
            "p14_blogger",
            "blogger html",
            A.KIRKUK,
            blogger_html(A.KIRKUK, KIRKUK_BLOG_REMARKS),
            KIRKUK_BLOG_REMARKS,
        ),
        lambda: Page(
            "p15_drupal_text",
            "drupal scraped",
            A.IDLIB,
            drupal_scraped(A.IDLIB, IDLIB_REMARKS),
            IDLIB_REMARKS,
        ),
        lambda: Page(
            "p16_portal_daraa",
            "news portal html",
            A.DARAA,
            portal_html(
                A.DARAA,
                "درعا",
                "الأمم المتحدة تدعو إلى رفع الحصار عن درعا البلد",
                [
                    "مقتل قيادي سابق في المعارضة برصاص مجهولين في طفس",
                    "روسيا ترسل تعزيزات إلى ريف درعا الغربي",
                ],
            ),
        ),
        lambda: Page(
            "p17_twin_title",
            "repeated title scraped",
            A.MOSUL,
            twin_title_scraped(
                A.MOSUL,
                [
                    "العراق: مقتل ثلاثة من الحشد الشعبي بهجوم في ديالى",
                    "الأمن العراقي يعلن ضبط مخبأ للأسلحة في الأنبار",
                ],
            ),
            title_in_body=True,
        ),
        lambda: Page("p18_hashtags_text", "tags and follow boxes scraped", A.SAADA, hashtag_scraped(A.SAADA)),
        lambda: Page(
            "p19_threaded",
            "threaded comments html",
            A.DARFUR,
            threaded_html(A.DARFUR, THREAD_REMARKS),
            THREAD_REMARKS,
        ),
        lambda: Page(
            "p20_inline_related",
            "inline related html",
            A.BASRA,
            inline_related_html(
                A.BASRA,
                "العراق: احتجاجات الكهرباء تمتد إلى ذي قار وميسان",
                "مشاهد من اعتصام المحتجين أمام حقل الرميلة صباح اليوم",
            ),
        ),
        lambda: Page(
            "p21_counters_text",
            "counters and social scraped",
            A.MARIB,
            counters_scraped(
                A.MARIB, ["فيديو: لحظة سقوط الصاروخ على حي الروضة", "بالصور: آثار الدمار في الحي السكني"]
            ),
        ),
        lambda: Page(
            "p22_wp_replies",
            "wordpress html",
            A.QAMISHLI,
            wordpress_html(A.QAMISHLI, QAMISHLI_REMARKS, "الجزيرة السورية"),
            QAMISHLI_REMARKS,
        ),
    ]
    return [make() for make in pages]


def write(pages: list[Page]) -> None:
    PAGES.mkdir(exist_ok=True)
    for page in pages:
        suffix = ".txt" if page.style.endswith(("scraped", "wire")) else ".html"
        (PAGES / f"{page.name}{suffix}").write_bytes(page.content.encode(page.encoding))
        gold = json.dumps(page.gold(), ensure_ascii=False, indent=1) + "\n"
        (PAGES / f"{page.name}.gold.json").write_text(gold, encoding="utf-8")


if __name__ == "__main__":
    write(build())
