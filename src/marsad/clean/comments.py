"""Reader comments in the comment section of a scraped page: author, text and time stamp.

Comment widgets print each comment as a few lines: a short author line, a stamp ("·منذ 7
سنوات 6 أشهر", "12 مارس 2016 الساعة 10:30") and one or more text lines. Sites differ in the
order (author-stamp-text, author-text-stamp, "author · stamp" on one line, "فلان يقول:"), so the
layout is read from the page: stamps anchor the comments, and the line next to a stamp is
the author when it is short and not a sentence. Without stamps, "X يقول:" lines open comments,
and, last, short author lines followed by text do so under an explicit comments header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.article import Comment
from marsad.clean.characters import clean_characters
from marsad.clean.lexicon import ChromeKind
from marsad.clean.lines import SHORT_META_WORDS, Line, LineClassifier, LineKind, ends_sentence

_STAMP_BULLETS = " ·•|-–—:\u00a0"
_INLINE_STAMP = re.compile(r"\s*[·•|]\s*|\s+[-–—]\s+")
_SAYS = re.compile(r"\s*(?:يقول|تقول|قال|قالت|كتب|كتبت|says|said|wrote)\s*:?\s*$", re.IGNORECASE)
_INITIAL = re.compile(r"(?:^|\s)\w{1,2}\.$")
_QUOTE_MARK = (">", "اقتباس")
_AUTHOR_CHROME = frozenset({ChromeKind.BYLINE, ChromeKind.AGENCY})


@dataclass(slots=True)
class _Item:
    """A comment-section line reduced to what comment parsing needs."""

    text: str
    kind: LineKind
    stamp: str | None = None  # the time stamp, for stamp lines (and "author · stamp" lines)
    inline_author: str | None = None

    @property
    def is_stamp(self) -> bool:
        return self.stamp is not None

    @property
    def author_like(self) -> bool:
        words = len(self.text.split())
        if _SAYS.search(self.text):
            return words <= SHORT_META_WORDS + 1
        mark = ends_sentence(self.text)
        if mark == "." and _INITIAL.search(self.text):  # "Sarah K."
            mark = ""
        return self.kind is LineKind.SHORT and words <= SHORT_META_WORDS and mark in ("", ":")


def parse_comments(lines: list[Line], classifier: LineClassifier, *, under_header: bool) -> list[Comment]:
    """Comments from the lines of a comment section (widget lines already classified)."""
    items = [item for line in lines if (item := _item(line, classifier)) is not None]
    if not items:
        return []
    if any(item.is_stamp for item in items):
        return _by_stamps(items)
    if any(_SAYS.search(item.text) and item.author_like for item in items):
        return _by_says_lines(items)
    return _by_author_pairs(items) if under_header else []


def _item(line: Line, classifier: LineClassifier) -> _Item | None:
    if line.kind in (LineKind.TIME, LineKind.DATE):
        return _Item(line.text, line.kind, stamp=line.text.strip(_STAMP_BULLETS))
    if line.kind is LineKind.CHROME and line.chrome in _AUTHOR_CHROME:
        return _Item(line.text, LineKind.SHORT)
    if line.kind not in (LineKind.SHORT, LineKind.PROSE) or line.text.startswith(_QUOTE_MARK):
        return None  # widgets, and quotes of the comment being answered
    return _inline_stamp(line, classifier) or _Item(line.text, line.kind)


def _inline_stamp(line: Line, classifier: LineClassifier) -> _Item | None:
    """ "فلان · منذ 3 ساعات" or "أعجبني · رد · منذ 3 أيام": a stamp after author or action words."""
    parts = [p.strip() for p in _INLINE_STAMP.split(line.text) if p.strip()]
    if len(parts) < 2 or classifier.stamp_kind(parts[-1]) is None:
        return None
    others = [p for p in parts[:-1] if not classifier.is_action(p)]
    stamp = parts[-1].strip(_STAMP_BULLETS)
    if not others:
        return _Item(line.text, LineKind.TIME, stamp=stamp)
    if len(others) == 1 and len(others[0].split()) <= SHORT_META_WORDS:
        return _Item(others[0], LineKind.SHORT, stamp=stamp, inline_author=others[0])
    return None


def _by_stamps(items: list[_Item]) -> list[Comment]:
    stamps = [i for i, item in enumerate(items) if item.is_stamp]
    # the page's layout is what most stamps agree on: an author line right above, or not
    above = sum(
        1 for i in stamps if items[i].inline_author is not None or (i > 0 and items[i - 1].author_like)
    )
    author_first = 2 * above >= len(stamps)
    return _author_stamp_text(items, stamps) if author_first else _text_then_stamp(items, stamps)


def _author_stamp_text(items: list[_Item], stamps: list[int]) -> list[Comment]:
    """Layout "author / stamp / text...": the line before each stamp names its author."""
    authors: list[int | None] = []
    for number, index in enumerate(stamps):
        previous_stamp = stamps[number - 1] if number else -1
        has_author = index - 1 > previous_stamp and items[index - 1].author_like
        authors.append(index - 1 if has_author and items[index].inline_author is None else None)
    comments: list[Comment] = []
    for number, index in enumerate(stamps):
        if number + 1 < len(stamps):
            following = authors[number + 1]
            stop = following if following is not None else stamps[number + 1]
        else:
            stop = len(items)
        author_index = authors[number]
        author = items[index].inline_author or (
            items[author_index].text if author_index is not None else None
        )
        _add(comments, author, items[index + 1 : stop], items[index].stamp)
    return comments


def _text_then_stamp(items: list[_Item], stamps: list[int]) -> list[Comment]:
    """Layout "author / text... / stamp": each stamp closes the comment above it."""
    comments: list[Comment] = []
    previous = -1
    for index in stamps:
        chunk = items[previous + 1 : index]
        author = None
        if len(chunk) > 1 and chunk[0].author_like:
            author, chunk = chunk[0].text, chunk[1:]
        _add(comments, author, chunk, items[index].stamp)
        previous = index
    return comments


def _by_says_lines(items: list[_Item]) -> list[Comment]:
    """Layout "فلان يقول:" / text...: each "says" line opens a comment."""
    comments: list[Comment] = []
    starts = [i for i, item in enumerate(items) if _SAYS.search(item.text) and item.author_like]
    for number, index in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else len(items)
        _add(comments, items[index].text, items[index + 1 : stop], None)
    return comments


def _by_author_pairs(items: list[_Item]) -> list[Comment]:
    """No stamps: a short author line followed by text lines, under a comments header."""
    comments: list[Comment] = []
    index = 0
    while index < len(items) - 1:
        if items[index].author_like and not items[index + 1].author_like:
            stop = index + 1
            while stop < len(items) and not (
                items[stop].author_like and stop + 1 < len(items) and not items[stop + 1].author_like
            ):
                stop += 1
            _add(comments, items[index].text, items[index + 1 : stop], None)
            index = stop
        else:
            index += 1
    return comments


def _add(comments: list[Comment], author: str | None, body: list[_Item], when: str | None) -> None:
    text = "\n".join(clean_characters(item.text) for item in body if not item.is_stamp).strip()
    if not text:
        return
    name = _SAYS.sub("", clean_characters(author)).strip(" :") if author else None
    comments.append(Comment(text=text, author=name or None, when=when or None))
