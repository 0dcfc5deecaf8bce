"""HTML pages: the article with trafilatura, reader comments with our selectolax rules.

Measured on our test pages (bench/bench_clean.py, docs/ingest.md): trafilatura gives the
best bodies and page metadata (title, author, and the publication date through htmldate);
its comment output is one flat text without authors, so comments come from the comment
widgets' markup instead (WordPress, Drupal and most themes mark them with "comment" classes
and name the author, the text and the date inside). The extracted text then goes through
the scraped-text cutter, which drops the chrome lines trafilatura lets through ("اقرأ
أيضاً: ...", agency credits, share bars).

:func:`render_text` turns any HTML into text lines (one per block element) for feed entries
and as the selectolax-only alternative the benchmark compares.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

import trafilatura
from selectolax.lexbor import LexborHTMLParser, LexborNode

from marsad.article import Comment
from marsad.clean.characters import clean_characters
from marsad.clean.scraped import PageParts, ScrapedTextCutter

log = logging.getLogger(__name__)

_INVISIBLE = ["script", "style", "noscript", "template", "svg", "iframe", "head", "object", "canvas"]
_BLOCKS = (
    "p,div,h1,h2,h3,h4,h5,h6,li,ul,ol,br,tr,td,th,table,article,section,header,footer,nav,aside,main,"
    "blockquote,figure,figcaption,form,dd,dt,dl,pre,hr,address,time,span.date,label,button,option"
)
_CHROME_CONTAINERS = re.compile(
    r"(?:^|[\s_-])(?:comments?|respond|sidebar|widget|menu|nav|navbar|share|sharing|social|related|"
    r"breadcrumbs?|footer|header|tags?|ads?|advert\w*|banner|popular|most-read|newsletter|subscribe)(?:$|[\s_-])",
    re.IGNORECASE,
)
_COMMENT_CANDIDATES = "[class*=comment], [id^=comment-], [id^=comment_], [itemtype*=Comment]"
# Inside one comment, in order of preference (the first selector that matches wins).
_AUTHOR = (
    ".fn",
    "[itemprop=author]",
    ".comment-author",
    ".comment_author",
    ".comment-user",
    ".username",
    ".user-name",
    "cite.user",
    ".author",
    ".user",
    ".name",
    "cite",
)
_TEXT = (
    ".comment-content",
    ".comment-text",
    ".comment_text",
    ".comment_body",
    ".comment-message",
    ".comment_message",
    "[itemprop=text]",
    ".content",
    ".text",
    ".message",
)
_WHEN = (
    "time",
    ".comment-date",
    ".comment_date",
    ".comment-time",
    ".comment-timestamp",
    ".datetime",
    ".timestamp",
    ".comment-metadata",
    ".date",
    ".time",
    ".comment-meta",
)
# Items of a comment section whose markup says less: parts recognised by class fragments.
_COMMENT_SECTIONS = "#comments, .comments, [id*=comment], [class*=comments]"
_LOOSE_AUTHOR = ("[class*=name]", "[class*=author]", "[class*=user]", "strong", "b")
_LOOSE_WHEN = ("[class*=date]", "[class*=time]")
_LOOSE_TEXT = ("[class*=text]", "[class*=body]", "[class*=content]", "[class*=message]")
_SAYS = re.compile(r"\s*(?:يقول|تقول|قال|قالت|says|said)\s*:?\s*$", re.IGNORECASE)
_BYLINE_LABEL = re.compile(
    r"^\s*(?:(?:مرسلة|نشرت|نشر|كتبت|كتب)\s+)?(?:بواسطة|بقلم|كتب|كتبت|إعداد|تحرير|by)\s*[:：]?\s*",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_TABLE_CELL = re.compile(r"(?<!\\)\|")
_MAX_HEADINGS = 12
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(slots=True)
class HtmlParts:
    """The article found in one HTML page."""

    title: str | None
    body: str
    comments: list[Comment] = field(default_factory=list)
    published: dt.date | None = None
    author: str | None = None


class HtmlCleaner:
    def __init__(self, cutter: ScrapedTextCutter) -> None:
        self.cutter = cutter

    def extract(self, html: str, url: str | None = None, known_title: str | None = None) -> HtmlParts:
        try:
            document = trafilatura.bare_extraction(
                html,
                url=url,
                include_comments=False,
                include_tables=True,
                with_metadata=True,
                deduplicate=False,
                date_extraction_params=_DATE_PARAMS,
            )
        except Exception as exc:  # noqa: BLE001 - a library failure on odd markup must not lose the page
            # found by fuzzing: htmldate asserts on "<svg><div></div><div>" (an element without parent)
            log.info("trafilatura failed (%s: %s); using the selectolax rules", type(exc).__name__, exc)
            return self._by_rules(html, known_title)
        text = _untable(getattr(document, "text", None) or "")
        title = known_title or page_title(html, getattr(document, "title", None))
        parts = self.cutter.cut(text, known_title=title) if text.strip() else None
        return HtmlParts(
            title=title,
            body=parts.body if parts else "",
            comments=html_comments(html),
            published=_iso_date(getattr(document, "date", None)),
            author=_author_name(getattr(document, "author", None)),
        )

    def _by_rules(self, html: str, known_title: str | None) -> HtmlParts:
        parts = self.extract_by_rules(html, known_title)
        return HtmlParts(parts.title, parts.body, parts.comments, author=parts.author)

    def extract_by_rules(self, html: str, known_title: str | None = None) -> PageParts:
        """The selectolax-only alternative: drop chrome containers, render lines, cut them."""
        tree = LexborHTMLParser(html)
        title_node = tree.css_first("h1") or tree.css_first("title")
        for node in tree.css("nav, header, footer, aside, form"):
            node.decompose()
        for node in tree.css("[class], [id]"):
            if node.parent is not None and _CHROME_CONTAINERS.search(_class_and_id(node)):
                node.decompose()
        title = known_title or (_clean_or_none(title_node.text(strip=True)) if title_node else None)
        parts = self.cutter.cut(_render(tree), known_title=title)
        parts.comments = html_comments(html)
        return parts


def page_title(html: str, extracted: str | None) -> str | None:
    """The article's headline: the longest heading the ``<title>`` contains, else trafilatura's title.

    Blogs and portals put the site name in ``<h1>`` and the headline in ``<h2>``/``<h3>``; the
    ``<title>`` normally holds the headline (with the site name), which tells them apart.
    """
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    window_title = title_node.text(strip=True) if title_node is not None else ""
    candidates = [extracted] if extracted else []
    for heading in tree.css("h1, h2, h3")[:_MAX_HEADINGS]:
        text = _SPACES.sub(" ", heading.text(separator=" ", strip=True))
        if len(text.split()) >= 2 and text in window_title:
            candidates.append(text)
    best = max(candidates, key=lambda t: len(t.split()), default=None)
    return _clean_or_none(best)


def _untable(text: str) -> str:
    """trafilatura writes table rows as "| cell | cell |"; old table-layout sites need them as lines."""
    if "|" not in text:
        return text
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = _TABLE_CELL.split(stripped.strip("|"))
            lines.extend(cell.replace("\\|", "|").strip() for cell in cells if cell.strip())
        else:
            lines.append(line)
    return "\n".join(lines)


def render_text(html: str) -> str:
    """The visible text of ``html``, one line per block element, spaces collapsed."""
    return _render(LexborHTMLParser(html))


def _render(tree: LexborHTMLParser) -> str:
    tree.strip_tags(_INVISIBLE)
    for node in tree.css(_BLOCKS):
        node.insert_before("\n")
        node.insert_after("\n")
    root = tree.body or tree.root
    text = root.text(separator="", strip=False) if root is not None else ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_comments(html: str) -> list[Comment]:
    """Reader comments marked up as comment widgets, in page order (replies included)."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "template"])
    for form in tree.css("form, #respond, .comment-respond"):
        form.decompose()
    complete = [node for node in tree.css(_COMMENT_CANDIDATES) if _first(node, _AUTHOR) is not None]
    complete = [node for node in complete if _comment_parts(node) is not None]
    ids = {node.mem_id for node in complete}
    comments: list[Comment] = []
    for node in complete:
        if any(inner.mem_id in ids for inner in node.css(_COMMENT_CANDIDATES) if inner.mem_id != node.mem_id):
            continue  # a thread wrapper: its own comment is one of the inner nodes
        parts = _comment_parts(node)
        if parts is not None:
            comments.append(parts)
    return comments or _repeated_comments(tree)


def _repeated_comments(tree: LexborHTMLParser) -> list[Comment]:
    """Comment sections whose items carry no "comment" class: the repeated blocks inside them."""
    for section in tree.css(_COMMENT_SECTIONS):
        items = _repeated_children(section)
        found = [c for item in items if (c := _comment_parts(item, loose=True)) is not None]
        if len(found) >= 2 or (found and len(items) == 1):
            return found
    return []


def _repeated_children(section: LexborNode) -> list[LexborNode]:
    """The first run of sibling elements that share tag and class (the section's items)."""
    queue = [section]
    while queue:
        node = queue.pop(0)
        children = [c for c in node.iter() if c.tag not in ("-text", "-comment")]
        signatures = [(c.tag, c.attributes.get("class") or "") for c in children]
        for signature in dict.fromkeys(signatures):
            same = [c for c, sig in zip(children, signatures, strict=True) if sig == signature]
            if len(same) >= 2 and signature[0] not in ("p", "br", "a", "span", "img"):
                return same
        queue.extend(children)
    return []


def _comment_parts(node: LexborNode, *, loose: bool = False) -> Comment | None:
    author_node = _first(node, _AUTHOR + _LOOSE_AUTHOR if loose else _AUTHOR)
    if author_node is None:
        return None
    author_text = author_node.text(separator=" ", strip=True)
    when_node = _first(node, _WHEN + _LOOSE_WHEN if loose else _WHEN)
    when = clean_characters(when_node.text(separator=" ", strip=True)) if when_node is not None else None
    text_node = _first(node, _TEXT + _LOOSE_TEXT if loose else _TEXT)
    skip = {_SPACES.sub(" ", author_text), when or ""}
    if text_node is not None:
        text = _node_text(text_node, skip, whole_node=True)
    else:  # no marked text element: the comment's own paragraphs
        text = _node_text(node, skip, whole_node=False)
    if not text:
        return None
    author = _SAYS.sub("", clean_characters(author_text)).strip(" :") or None
    return Comment(text=text, author=author, when=when or None)


def _first(node: LexborNode, selectors: tuple[str, ...]) -> LexborNode | None:
    for selector in selectors:
        found = node.css_first(selector)
        if found is not None:
            return found
    return None


def _node_text(node: LexborNode, skip: set[str], *, whole_node: bool) -> str:
    """The paragraphs of a comment, without quotes of other comments and without its byline."""
    paragraphs = [p for p in node.css("p") if not _inside(p, "blockquote", node)]
    texts = [p.text(separator=" ", strip=True) for p in paragraphs]
    if whole_node and not paragraphs and node.css_first("blockquote") is None:
        texts = [node.text(separator=" ", strip=True)]
    lines = (_SPACES.sub(" ", clean_characters(t)).strip() for t in texts)
    return "\n".join(line for line in lines if line and line not in skip)


def _inside(node: LexborNode, tag: str, stop: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != stop.mem_id:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _author_name(value: object) -> str | None:
    """trafilatura's author without the "بواسطة"/"بقلم:"/"by" label some themes print."""
    name = _clean_or_none(value)
    return _clean_or_none(_BYLINE_LABEL.sub("", name)) if name else None


def _class_and_id(node: LexborNode) -> str:
    attributes = node.attributes
    return f"{attributes.get('class') or ''} {attributes.get('id') or ''}"


def _clean_or_none(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return clean_characters(value.strip())


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
