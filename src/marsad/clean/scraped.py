"""Cut a scraped page (plain text of a whole web page) into title, body and reader comments.

How the cutter decides, in order:

1. Every line is classified (:mod:`marsad.clean.lines`): prose, short, chrome, junk, date, time.
2. *Hard* chrome lines (comment form, comments header, most read, tags, copyright, footer)
   split the page into segments. Segments opened by a comment form or a comments header
   hold reader comments; of the others, the article is the first one holding at least half
   as much prose as the richest (so a sidebar of excerpts cannot outvote a short article).
3. In the article segment the body runs from the first prose line to the last one. Short
   lines between prose lines are subheadings and stay, except inside a run of several
   headline-like lines (a related-articles list) or after a "اقرأ أيضاً" header. Chrome,
   junk, date and time lines inside the body are dropped; short lines after the last prose
   line (credits, related links) are dropped.
4. The lines above the first prose line are the page header. The title is a line printed
   twice (one copy is the title, the other starts the body, as pages that repeat the
   headline inside the article do), else the headline-like line nearest the body. When the
   record brings its own title that title wins, header lines equal to it are dropped and
   other short header lines are kept as article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.article import Comment, OffsetMap
from marsad.clean.characters import BodyBuilder, clean_characters
from marsad.clean.comments import parse_comments
from marsad.clean.lexicon import ChromeKind, CleanLexicon, line_key
from marsad.clean.lines import Line, LineClassifier, LineKind, ends_sentence

#: Chrome that ends a part of the page: what follows is something else.
HARD_BREAKS = frozenset(
    {
        ChromeKind.COMMENT_FORM,
        ChromeKind.COMMENTS_HEADER,
        ChromeKind.MOST_READ,
        ChromeKind.TAGS,
        ChromeKind.COPYRIGHT,
        ChromeKind.FOOTER,
    }
)
COMMENT_OPENERS = frozenset({ChromeKind.COMMENT_FORM, ChromeKind.COMMENTS_HEADER})
#: A related-links run drops its lines of at least this many words (shorter ones are subheadings).
LINKED_HEADLINE_WORDS = 5
#: Each side of a "place – source" dateline is at most this many words.
DATELINE_SIDE_WORDS = 3
_DATELINE_DASH = re.compile(r"\s[–—-]\s|\s?[–—]\s?")
#: The article's first paragraph has another one among the next this many text lines.
OPENING_WINDOW = 3
#: ... unless it is this long: a lead paragraph can stand alone above a related-links box.
LONG_OPENING_WORDS = 30
_TEXT_KINDS = frozenset({LineKind.PROSE, LineKind.SHORT})
#: The article segment needs at least this share of the richest segment's prose words.
MAIN_SEGMENT_SHARE = 0.5


@dataclass(slots=True)
class Segment:
    first: int  # index of the first line after the opener
    stop: int
    opener: ChromeKind | None

    @property
    def holds_comments(self) -> bool:
        return self.opener in COMMENT_OPENERS


@dataclass(slots=True)
class PageParts:
    """What the cutter found; ``body_map`` maps ``body`` offsets into the text it was given."""

    title: str | None
    body: str
    body_map: OffsetMap
    comments: list[Comment] = field(default_factory=list)
    date_text: str | None = None
    author: str | None = None


class ScrapedTextCutter:
    def __init__(self, lexicon: CleanLexicon) -> None:
        self.classifier = LineClassifier(lexicon)

    def cut(self, text: str, known_title: str | None = None) -> PageParts:
        lines = self.classifier.classify_text(text)
        segments = split_segments(lines)
        main = choose_main_segment(segments, lines)
        title, kept, header = select_body(lines, main, known_title)
        parts = PageParts(title=title, body="", body_map=OffsetMap.identity(0))
        parts.body, parts.body_map = assemble(text, [lines[i] for i in kept])
        parts.comments = self._comments(lines, segments, main)
        parts.date_text = next((lines[i].text for i in header if lines[i].kind is LineKind.DATE), None)
        parts.author = _author(lines, header)
        return parts

    def _comments(self, lines: list[Line], segments: list[Segment], main: Segment | None) -> list[Comment]:
        comments: list[Comment] = []
        for segment in segments:
            if segment.holds_comments and (main is None or segment.first > main.first):
                section = lines[segment.first : segment.stop]
                under_header = segment.opener is ChromeKind.COMMENTS_HEADER
                comments.extend(parse_comments(section, self.classifier, under_header=under_header))
        return comments


def split_segments(lines: list[Line]) -> list[Segment]:
    segments = [Segment(0, len(lines), None)]
    for index, line in enumerate(lines):
        if line.kind is LineKind.CHROME and line.chrome in HARD_BREAKS:
            segments[-1].stop = index
            segments.append(Segment(index + 1, len(lines), line.chrome))
    return segments


def _prose_words(lines: list[Line], segment: Segment) -> int:
    return sum(line.words for line in lines[segment.first : segment.stop] if line.kind is LineKind.PROSE)


def choose_main_segment(segments: list[Segment], lines: list[Line]) -> Segment | None:
    candidates = [s for s in segments if not s.holds_comments]
    if not candidates:
        return None
    scores = [_prose_words(lines, s) for s in candidates]
    best = max(scores)
    if best == 0:
        has_short = [
            s for s in candidates if any(lines[i].kind is LineKind.SHORT for i in range(s.first, s.stop))
        ]
        return has_short[0] if has_short else candidates[0]
    return next(s for s, score in zip(candidates, scores, strict=True) if score >= MAIN_SEGMENT_SHARE * best)


def select_body(
    lines: list[Line], main: Segment | None, known_title: str | None
) -> tuple[str | None, list[int], list[int]]:
    """(title, indices of body lines, indices of header lines) of the article segment."""
    if main is None:
        return known_title, [], []
    prose = [i for i in range(main.first, main.stop) if lines[i].kind is LineKind.PROSE]
    if not prose:
        return _short_only(lines, main, known_title)
    start = _body_start(lines, prose)
    header = list(range(main.first, start))
    title, opening = choose_title(lines, header, known_title)
    body = opening + filter_body(lines, start, prose[-1] + 1) + _closing_list(lines, prose[-1], main.stop)
    if known_title and body and lines[body[0]].key == line_key(known_title) and len(body) > 1:
        body = body[1:]  # the record's title printed again as the first line
    return title, body, header


def _body_start(lines: list[Line], prose: list[int]) -> int:
    """The first prose line that opens running text: another prose line follows it closely.

    A lone sentence above the article (a site's self-description, a cookie notice, a ticker
    item) is separated from the article by menus and headlines; the article's first paragraph
    is followed by more paragraphs within a few text lines (a subheading or caption between).
    """
    for index in prose:
        if lines[index].words >= LONG_OPENING_WORDS:
            return index
        following = [i for i in range(index + 1, len(lines)) if lines[i].kind in _TEXT_KINDS][:OPENING_WINDOW]
        if any(lines[i].kind is LineKind.PROSE for i in following):
            return index
    return prose[0]


def _short_only(
    lines: list[Line], main: Segment, known_title: str | None
) -> tuple[str | None, list[int], list[int]]:
    """A page with no prose line: keep its short lines; the first one is the title if none is known."""
    shorts = [i for i in range(main.first, main.stop) if lines[i].kind is LineKind.SHORT]
    if known_title is None and len(shorts) > 1:
        return clean_characters(lines[shorts[0]].text), shorts[1:], []
    return known_title, shorts, []


def choose_title(
    lines: list[Line], header: list[int], known_title: str | None
) -> tuple[str | None, list[int]]:
    """The title and the header lines that belong to the body."""
    shorts = [i for i in header if lines[i].kind is LineKind.SHORT]
    if known_title is not None:
        title_key = line_key(known_title)
        printed = [i for i in shorts if lines[i].key == title_key]
        return known_title, [i for i in shorts if not printed or i != printed[0]]
    for position, index in enumerate(shorts):
        twins = [j for j in shorts[position + 1 :] if lines[j].key == lines[index].key]
        if twins:
            return clean_characters(lines[index].text), [j for j in shorts if j >= twins[0]]
    headlines = [i for i in shorts if lines[i].words >= 2]
    titled = [i for i in headlines if not _dateline_like(lines[i])] or headlines
    return (clean_characters(lines[titled[-1]].text) if titled else None), []


def _dateline_like(line: Line) -> bool:
    """ "دير الزور – المرصد نيوز", "بيروت - الأناضول": place or source on each side of a dash."""
    parts = _DATELINE_DASH.split(line.text)
    return len(parts) == 2 and all(1 <= len(p.split()) <= DATELINE_SIDE_WORDS for p in parts)


def filter_body(lines: list[Line], start: int, stop: int) -> list[int]:
    """Indices of the lines in ``[start, stop)`` that are article text."""
    linked = _linked_headlines(lines, start, stop)
    kept: list[int] = []
    after_related_header = False
    for index in range(start, stop):
        line = lines[index]
        if line.kind is LineKind.PROSE:
            after_related_header = False
            kept.append(index)
        elif line.kind is LineKind.CHROME and line.chrome is ChromeKind.RELATED and line.whole_phrase:
            after_related_header = True
        elif line.kind is LineKind.SHORT and not after_related_header and index not in linked:
            kept.append(index)
    return kept


def _linked_headlines(lines: list[Line], start: int, stop: int) -> set[int]:
    """Short lines that look like a list of links to other articles (a run of headlines)."""
    linked: set[int] = set()
    run: list[int] = []
    last_prose: Line | None = None
    for index in [*range(start, stop), stop]:
        line = lines[index] if index < stop else None
        if line is not None and line.kind is LineKind.BLANK:
            continue
        if line is not None and line.kind is LineKind.SHORT:
            run.append(index)
            continue
        introduced = last_prose is not None and ends_sentence(last_prose.text) == ":"
        if len(run) >= 2 and not introduced:
            linked.update(i for i in run if _headline_like(lines[i]))
        run = []
        if line is not None and line.kind is LineKind.PROSE:
            last_prose = line
    return linked


def _headline_like(line: Line) -> bool:
    """A linked headline: several words, not a list item and not a "label: value" line."""
    if line.words < LINKED_HEADLINE_WORDS or line.is_bullet:
        return False
    _label, colon, value = line.text.partition(":")
    return not (colon and len(value.split()) <= 4)


def _closing_list(lines: list[Line], last_prose: int, stop: int) -> list[int]:
    """List items right after a last paragraph that announces them with a colon."""
    if ends_sentence(lines[last_prose].text) != ":":
        return []
    items: list[int] = []
    for index in range(last_prose + 1, stop):
        kind = lines[index].kind
        if kind is LineKind.BLANK:
            continue
        if kind is not LineKind.SHORT:
            break
        items.append(index)
    return items


def assemble(source: str, kept: list[Line]) -> tuple[str, OffsetMap]:
    """The body: kept lines, cleaned, one per line; with the map back into ``source``."""
    builder = BodyBuilder(source)
    previous: Line | None = None
    for line in kept:
        if previous is not None:
            builder.add_separator("\n", previous.end, line.start)
        builder.add_range(line.start, line.end)
        previous = line
    return builder.text(), builder.offset_map()


def _author(lines: list[Line], header: list[int]) -> str | None:
    """The name in a "بقلم: فلان" / "كتب - فلان" header line."""
    for index in header:
        line = lines[index]
        if line.kind is LineKind.CHROME and line.chrome is ChromeKind.BYLINE:
            _label, separator, name = line.text.partition(":")
            if separator and name.strip():
                return clean_characters(name.strip())
    return None
