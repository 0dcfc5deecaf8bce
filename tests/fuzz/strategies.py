"""Hypothesis strategies for messy Arabic news input: text, HTML, JSONL, WARC, feeds, bytes.

The generators lean towards what real crawls contain, so the fuzzer reaches the parsers'
deep paths instead of bouncing off the first check: Arabic letters with harakat, tatweel and
presentation forms; Arabic-Indic digits; bidi and zero-width controls; the words marsad's
lexicons match on (number words, months, relative dates, casualty words, triggers), so the
number, date and event rules fire; broken markup; JSON lines with wrong types; archives and
feeds cut short or with flipped bytes; text in several encodings glued together.
"""

from __future__ import annotations

import io
import json
from functools import cache

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.normalize.lexicon import read_rows

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
HARAKAT = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"]
TATWEEL = "\u0640"
ARABIC_DIGITS = [chr(c) for c in range(0x0660, 0x066A)] + [chr(c) for c in range(0x06F0, 0x06FA)]
PRESENTATION = [chr(c) for c in range(0xFB50, 0xFB60)] + [chr(c) for c in range(0xFE70, 0xFEFD)] + ["ﷺ"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2060"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
PUNCTUATION = list("،؛؟«»٫٬٪.,:;!?()[]\"'-–—…/|#@*%")
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "\u2029", "\x85", "\u3000"]

#: Everyday news words with their hamza and harakat as written (the lexicons hold folded keys).
NEWS_WORDS = [
    "قُتل",
    "أُصيب",
    "شهيداً",
    "جريحاً",
    "مدنيين",
    "أطفال",
    "قصفت",
    "طائرات",
    "حربية",
    "غارة",
    "غارات",
    "اشتباكات",
    "انفجار",
    "عبوة",
    "ناسفة",
    "سيارة",
    "مفخخة",
    "هدنة",
    "وقف",
    "إطلاق",
    "النار",
    "اتفاق",
    "خرق",
    "الجيش",
    "قوات",
    "النظام",
    "المعارضة",
    "تنظيم",
    "داعش",
    "الحوثيين",
    "التحالف",
    "في",
    "من",
    "على",
    "إلى",
    "أن",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "منذ",
    "نحو",
    "أكثر",
    "أقل",
    "حوالي",
    "ما",
    "لا",
    "لم",
    "قال",
    "أكد",
    "نفى",
    "وأضاف",
    "مصدر",
    "مصادر",
    "محلية",
    "المرصد",
    "السوري",
    "لحقوق",
    "الإنسان",
    "حلب",
    "إدلب",
    "دمشق",
    "الموصل",
    "صنعاء",
    "الحديدة",
    "طرابلس",
    "غزة",
    "خان",
    "يونس",
    "ريف",
    "بلدة",
    "قرية",
    "حي",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "أمس",
    "اليوم",
    "غداً",
    "الماضي",
    "المقبل",
    "الأسبوع",
    "الشهر",
    "العام",
    "صباح",
    "مساء",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "يناير",
    "فبراير",
    "آذار",
    "نيسان",
    "تشرين",
    "الأول",
    "الثاني",
    "كانون",
    "رمضان",
    "شوال",
    "هـ",
    "م",
    "عام",
    "ثلاثة",
    "خمسة",
    "عشرات",
    "مئات",
    "آلاف",
    "ألف",
    "مليون",
    "اثنان",
    "طفلان",
    "عشرين",
    "٢٠١٦",
    "٢٧",
    "15/4/2018",
    "2016-04-28",
    "10:30",
    "%",
    "٪",
]


@cache
def lexicon_words() -> tuple[str, ...]:
    """Match keys from marsad's own lexicons, so generated text trips the matchers."""
    sources = {
        "number_words.tsv": "word",
        "months.tsv": "name",
        "hijri_months.tsv": "name",
        "relative_dates.tsv": "phrase",
        "weekdays.tsv": "name",
        "time_units.tsv": "word",
        "quantity_qualifiers.tsv": "phrase",
        "date_cues.tsv": "word",
        "casualty_words.tsv": "form",
        "boilerplate_phrases.tsv": "phrase",
    }
    words: list[str] = []
    for name, column in sources.items():
        words.extend(row[column] for row in read_rows(name) if row.get(column))
    return tuple(sorted(set(words)))


def _weighted_char() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ARABIC_LETTERS),
        st.sampled_from(ARABIC_LETTERS),
        st.sampled_from(ARABIC_LETTERS),
        st.sampled_from(HARAKAT),
        st.just(TATWEEL),
        st.sampled_from(ARABIC_DIGITS),
        st.sampled_from("0123456789"),
        st.sampled_from(PRESENTATION),
        st.sampled_from(INVISIBLE + BIDI),
        st.sampled_from(PUNCTUATION),
        st.sampled_from([c for c in SPACES if len(c) == 1]),
        st.characters(codec="utf-8"),  # anything else: Latin, CJK, emoji, controls
    )


def arabic_word() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NEWS_WORDS),
        st.sampled_from(lexicon_words()),
        st.text(_weighted_char(), min_size=1, max_size=12),
        st.integers(min_value=-10, max_value=10**7).map(str),
    )


@st.composite
def arabic_text(draw: st.DrawFn, max_words: int = 120) -> str:
    """Arabic-heavy text: words, numbers and dates with odd spacing, punctuation and controls."""
    words = draw(st.lists(arabic_word(), max_size=max_words))
    glue = st.one_of(st.just(" "), st.just(" "), st.just(" "), st.sampled_from(SPACES + PUNCTUATION))
    parts: list[str] = []
    for word in words:
        parts.append(word)
        parts.append(draw(glue))
    return "".join(parts)


def any_text(max_words: int = 120) -> st.SearchStrategy[str]:
    """Mostly Arabic-heavy text, sometimes arbitrary Unicode."""
    return st.one_of(arabic_text(max_words), arabic_text(max_words), st.text(max_size=400))


@st.composite
def scraped_page(draw: st.DrawFn) -> str:
    """A scraped web page as text: one block per line, chrome lines mixed with prose."""
    chrome = st.sampled_from(
        [
            "الرئيسية | أخبار | تقارير",
            "شارك المقال",
            "اقرأ أيضاً: ",
            "التعليقات",
            "أضف تعليقاً",
            "جميع الحقوق محفوظة © 2024",
            "منذ 7 سنوات 6 أشهر",
            "الثلاثاء 25 أكتوبر 2016",
            "IMG_2231.jpg",
            "https://example.org/news/1",
            "1,234 مشاهدة",
            "أعجبني · رد · منذ 3 أيام",
            "فلان يقول:",
            "بقلم: فلان",
            "الوسوم: حلب، إدلب",
        ]
    )
    line = st.one_of(arabic_text(40), chrome, st.just(""))
    return "\n".join(draw(st.lists(line, max_size=30)))


# ---------------------------------------------------------------------------------------------
# HTML

_TAGS = [
    "div",
    "p",
    "span",
    "article",
    "section",
    "main",
    "h1",
    "h2",
    "h3",
    "a",
    "b",
    "br",
    "ul",
    "li",
    "table",
    "tr",
    "td",
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "blockquote",
    "template",
    "svg",
    "iframe",
    "time",
    "cite",
    "title",
    "meta",
    "head",
    "body",
    "html",
]
_ATTRIBUTES = [
    "",
    ' class="comment"',
    ' class="comment-author fn"',
    ' id="content"',
    ' class="post-body"',
    ' dir="rtl"',
    ' lang="ar"',
    ' charset="windows-1256"',
    ' class="entry-content"',
    ' href="javascript:alert(1)"',
    " onload=x()",
    ' style="display:none"',
    ' datetime="2016-04-28"',
    ' class="username"',
    ' x="\u202e"',
]


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    inner = st.lists(children, max_size=4).map("".join)
    return st.builds(_markup, st.sampled_from(_TAGS), st.sampled_from(_ATTRIBUTES), inner, st.booleans())


def _markup(tag: str, attribute: str, inner: str, closed: bool) -> str:
    return f"<{tag}{attribute}>{inner}" + (f"</{tag}>" if closed else "")


def _html_leaf() -> st.SearchStrategy[str]:
    return st.one_of(
        arabic_text(25),
        st.sampled_from(
            [
                "&amp;",
                "&nbsp;",
                "&#1575;",
                "&#xD800;",
                "&#0;",
                "&bogus;",
                "<!-- تعليق -->",
                "<![CDATA[x]]>",
                "<",
                ">",
                "</div>",
                "<p",
                "<!DOCTYPE html>",
                '<meta charset="utf-8">',
                "<?xml version='1.0'?>",
            ]
        ),
    )


@st.composite
def html_document(draw: st.DrawFn) -> str:
    """A page-like HTML document: nested elements with Arabic text, sometimes cut short."""
    body = draw(st.recursive(_html_leaf(), _element, max_leaves=40))
    page = draw(
        st.sampled_from(
            [
                "{body}",
                "<html><head><title>{title}</title></head><body>{body}</body></html>",
                '<!DOCTYPE html><html dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
                "</head><body><article><h1>{title}</h1>{body}</article></body></html>",
            ]
        )
    )
    html = page.format(title=draw(arabic_text(8)), body=body)
    if draw(st.booleans()):
        return html
    cut = draw(st.integers(min_value=0, max_value=len(html)))
    return html[:cut]


# ---------------------------------------------------------------------------------------------
# Bytes and encodings

ENCODINGS = ["utf-8", "utf-8-sig", "cp1256", "iso8859_6", "utf-16", "utf-16-le", "utf-16-be", "latin-1"]


@st.composite
def mixed_encoding_bytes(draw: st.DrawFn) -> bytes:
    """Text pieces encoded with different codecs (unencodable characters replaced), glued."""
    pieces = draw(
        st.lists(
            st.tuples(any_text(30), st.sampled_from(ENCODINGS), st.binary(max_size=8)),
            min_size=1,
            max_size=4,
        )
    )
    return b"".join(text.encode(encoding, "replace") + noise for text, encoding, noise in pieces)


def any_bytes() -> st.SearchStrategy[bytes]:
    """Random bytes, text in one or several encodings, and text with a few bytes damaged."""
    return st.one_of(
        st.binary(max_size=2000),
        mixed_encoding_bytes(),
        st.builds(lambda text, enc: text.encode(enc, "replace"), arabic_text(), st.sampled_from(ENCODINGS)),
        damaged(st.builds(lambda text: text.encode("utf-8"), arabic_text())),
    )


def damaged(data: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """``data`` with a few bytes overwritten and perhaps cut short."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        raw = bytearray(draw(data))
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            if raw:
                raw[draw(st.integers(min_value=0, max_value=len(raw) - 1))] = draw(st.integers(0, 255))
        if draw(st.booleans()):
            raw = raw[: draw(st.integers(min_value=0, max_value=len(raw)))]
        return bytes(raw)

    return build()


# ---------------------------------------------------------------------------------------------
# JSONL

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
_DATES = st.one_of(
    st.none(),
    st.dates().map(str),
    st.sampled_from(["2018-02-30", "0000-01-01", "9999-12-31", "10000-01-01", "2016-13-45", "yesterday", ""]),
    st.text(max_size=12),
    st.integers(),
)


@st.composite
def json_record(draw: st.DrawFn) -> dict[str, object]:
    """A JSONL record, mostly well-formed, with wrong types and odd dates now and then."""
    text = draw(st.one_of(any_text(), any_text(), html_document(), _JSON_VALUES))
    record: dict[str, object] = {draw(st.sampled_from(["text", "text", "html", "body"])): text}
    for key, values in (
        ("id", st.one_of(st.text(max_size=20), st.integers(), st.none(), _JSON_VALUES)),
        ("title", st.one_of(arabic_text(8), _JSON_VALUES)),
        ("published", _DATES),
        ("crawl_date", _DATES),
        ("url", st.one_of(st.just("https://example.org/a b"), st.text(max_size=30))),
        ("source", st.one_of(arabic_text(3), _JSON_VALUES)),
    ):
        if draw(st.booleans()):
            record[key] = draw(values)
    return record


@st.composite
def jsonl_lines(draw: st.DrawFn) -> list[str]:
    """Lines of a JSONL file: records (ASCII-escaped or not), broken JSON, stray text."""

    def encode(record: dict[str, object], ascii_only: bool) -> str:
        return json.dumps(record, ensure_ascii=ascii_only)

    record_line = st.builds(encode, json_record(), st.booleans())
    broken = st.builds(lambda line, cut: line[: max(0, len(line) - cut)], record_line, st.integers(1, 40))
    stray = st.one_of(
        st.text(max_size=80).map(lambda t: t.replace("\n", " ")),
        st.just(""),
        st.just("   "),
        st.just("[1, 2]"),
        st.just("null"),
    )
    return draw(st.lists(st.one_of(record_line, record_line, broken, stray), max_size=12))


# ---------------------------------------------------------------------------------------------
# WARC and feeds


@st.composite
def warc_archive(draw: st.DrawFn) -> bytes:
    """A WARC file made by warcio (plain or gzipped), then perhaps damaged."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=draw(st.booleans()))
    for number in range(draw(st.integers(min_value=0, max_value=4))):
        content_type = draw(
            st.sampled_from(
                [
                    "text/html; charset=utf-8",
                    "text/html; charset=windows-1256",
                    "text/html",
                    "text/plain",
                    "image/png",
                    "text/html; charset=bogus-9",
                    "application/xhtml+xml",
                ]
            )
        )
        body = draw(st.one_of(html_document().map(str.encode), any_bytes()))
        status = draw(st.sampled_from(["200 OK", "200 OK", "404 Not Found", "301 Moved"]))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        kind = draw(st.sampled_from(["response", "response", "resource", "request", "metadata"]))
        if kind == "request":  # warcio parses a request's payload as its HTTP headers
            body = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
        record = writer.create_warc_record(
            f"https://example.org/{number}",
            kind,
            payload=io.BytesIO(body),
            http_headers=headers if kind == "response" else None,
            warc_headers_dict={
                "WARC-Date": draw(st.sampled_from(["2019-05-22T10:00:00Z", "bad", "0000"])),
                # fixed, or warcio draws a random uuid and the archive's gzip size varies between runs
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
            },
        )
        writer.write_record(record)
    data = buffer.getvalue()
    return draw(st.one_of(st.just(data), damaged(st.just(data))))


_RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>"""
_RSS_ITEM = (
    "<item><title>{title}</title><link>{link}</link><guid>{guid}</guid><pubDate>{date}</pubDate>{body}</item>"
)
_ATOM = """<?xml version="1.0" encoding="{encoding}"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{items}</feed>"""
_ATOM_ENTRY = (
    '<entry><title>{title}</title><id>{guid}</id><link href="{link}"/><updated>{date}</updated>{body}</entry>'
)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed_document(draw: st.DrawFn) -> bytes:
    """An RSS or Atom feed with fuzzed entries, in some encoding, perhaps cut or damaged."""
    atom = draw(st.booleans())
    entry_template = _ATOM_ENTRY if atom else _RSS_ITEM
    items = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        content = draw(st.one_of(arabic_text(40), html_document()))
        wrapped = draw(
            st.sampled_from(
                [
                    "<description><![CDATA[{c}]]></description>",
                    "<description>{e}</description>",
                    '<content type="html">{e}</content>',
                    "<summary>{e}</summary>",
                    "{c}",
                    "",
                ]
            )
        )
        items.append(
            entry_template.format(
                title=_xml_escape(draw(arabic_text(6))),
                link=draw(st.sampled_from(["https://example.org/1", "", "javascript:x", "&"])),
                guid=_xml_escape(draw(st.text(max_size=10))),
                date=draw(
                    st.sampled_from(["Wed, 22 May 2019 09:14:00 +0300", "2019-11-14T21:40:00Z", "", "x"])
                ),
                body=wrapped.format(c=content, e=_xml_escape(content)),
            )
        )
    encoding = draw(st.sampled_from(["utf-8", "windows-1256", "utf-16", "iso-8859-6"]))
    xml = (_ATOM if atom else _RSS).format(
        encoding=encoding, title=_xml_escape(draw(arabic_text(4))), items="".join(items)
    )
    codec = {"windows-1256": "cp1256", "iso-8859-6": "iso8859_6"}.get(encoding, encoding)
    data = xml.encode(codec, "replace")
    return draw(st.one_of(st.just(data), damaged(st.just(data))))
