"""Sentence and clause splitting for Arabic news, keeping spans into the body.

Sentences end at . ! ? ؟ (with any closing quotes or brackets that follow) and at line
breaks. A period is *not* an end when it is

* inside a number or a name written without spaces: ``2.5``, ``alarabiya.net``, ``U.S.``
  (a period followed directly by a Latin letter or a digit);
* after a one-letter abbreviation: ``د. محمد``, ``أ. ف. ب``;
* inside a quotation or parentheses that close later on the same line:
  ``وقال "لن نسمح. لا يمكن".`` stays one sentence (claims need the whole quote);
* part of an ellipsis (``...``, ``…``) that does not end a line: news uses it as a pause.

Arabic news sentences run long, joined by "،" and "و". ``split_clauses`` cuts a sentence
at commas and semicolons outside numbers (1,500) and before clause openers (وقال, وفي,
فيما, في حين; ``lexicons/clause_openers.tsv``), never leaving a clause under three words,
so one clause usually holds one event or one claim.
"""

from __future__ import annotations

import functools
import re

from marsad.event import Span
from marsad.normalize.lexicon import read_rows
from marsad.normalize.text import fold

_END = re.compile(r"[.!?؟…]+|\n")
_CLOSERS = "\"'”’»)]}›"
_OPENERS_PAIRS = {"(": ")", "«": "»", "“": "”", "[": "]"}
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9/]")
_CLAUSE_BREAK = re.compile(r"[،,؛;]")
_WORD = re.compile(r"\S+")
MIN_CLAUSE_WORDS = 3


def split_sentences(body: str) -> list[Span]:
    """Sentence spans of ``body``, whitespace trimmed, empty ones skipped."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(body):
        if match.group() == "\n":
            _add_trimmed(body, start, match.start(), spans)
            start = match.end()
            continue
        if not _is_sentence_end(body, start, match.start(), match.end()):
            continue
        end = _after_closers(body, match.end())
        _add_trimmed(body, start, end, spans)
        start = end
    _add_trimmed(body, start, len(body), spans)
    return spans


def _is_sentence_end(body: str, sentence_start: int, start: int, end: int) -> bool:
    mark = body[start:end]
    following = body[end : end + 1]
    if mark.startswith(".") and mark.strip(".") == "" and len(mark) == 1:
        if following and _LATIN_OR_DIGIT.match(following):
            return False  # 2.5, alarabiya.net, U.S.
        if _one_letter_before(body, start):
            return False  # د. محمد
    if ("…" in mark or len(mark) >= 3) and following not in ("", "\n"):
        return False  # an ellipsis inside a line is a pause
    return not _inside_open_pair(body, sentence_start, start)


def _one_letter_before(body: str, index: int) -> bool:
    """A single letter standing alone right before ``index`` (an initial or abbreviation)."""
    if index == 0 or not body[index - 1].isalpha():
        return False
    return index == 1 or not body[index - 2].isalpha()


def _inside_open_pair(body: str, sentence_start: int, index: int) -> bool:
    """True when a quote or bracket opened in this sentence closes later on the same line."""
    line_end = body.find("\n", index)
    line_end = len(body) if line_end < 0 else line_end
    before = body[sentence_start:index]
    for opener, closer in _OPENERS_PAIRS.items():
        if before.count(opener) > before.count(closer) and closer in body[index:line_end]:
            return True
    straight_open = before.count('"') % 2 == 1
    return straight_open and '"' in body[index:line_end]


def _after_closers(body: str, index: int) -> int:
    while index < len(body) and body[index] in _CLOSERS:
        index += 1
    return index


def _add_trimmed(body: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


@functools.cache
def clause_openers() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Folded one-word and two-word clause openers from ``clause_openers.tsv``."""
    single: set[str] = set()
    double: set[tuple[str, str]] = set()
    for row in read_rows("clause_openers.tsv"):
        words = row["phrase"].split()
        if len(words) == 1:
            single.add(words[0])
        else:
            double.add((words[0], words[1]))
    return frozenset(single), frozenset(double)


def split_clauses(body: str, sentence: Span) -> list[Span]:
    """Clause spans inside ``sentence`` (a span of ``body``), trimmed, at least three words each."""
    cuts = sorted(set(_comma_cuts(body, sentence)) | set(_opener_cuts(body, sentence)))
    clauses: list[Span] = []
    start = sentence.start
    for cut in [*cuts, sentence.end]:
        piece: list[Span] = []
        _add_trimmed(body, start, cut, piece)
        if not piece:
            start = cut
            continue
        if clauses and _word_count(body, piece[0]) < MIN_CLAUSE_WORDS:
            clauses[-1] = Span(clauses[-1].start, piece[0].end)  # too short: glue to the previous
        elif clauses and _word_count(body, clauses[-1]) < MIN_CLAUSE_WORDS:
            clauses[-1] = Span(clauses[-1].start, piece[0].end)
        else:
            clauses.append(piece[0])
        start = cut
    return clauses


def _comma_cuts(body: str, sentence: Span) -> list[int]:
    """Just after each comma or semicolon that does not sit between two digits (1,500)."""
    cuts = []
    for match in _CLAUSE_BREAK.finditer(body, sentence.start, sentence.end):
        i = match.start()
        if 0 < i < len(body) - 1 and body[i - 1].isdigit() and body[i + 1].isdigit():
            continue
        cuts.append(match.end())
    return cuts


def _opener_cuts(body: str, sentence: Span) -> list[int]:
    """Before each clause opener that is not the sentence's first word."""
    single, double = clause_openers()
    words = list(_WORD.finditer(body, sentence.start, sentence.end))
    folded = [_folded_word(w.group()) for w in words]
    cuts = []
    for k in range(1, len(words)):
        pair = (folded[k], folded[k + 1]) if k + 1 < len(words) else None
        if folded[k] in single or pair in double:
            cuts.append(words[k].start())
    return cuts


@functools.lru_cache(maxsize=65536)
def _folded_word(word: str) -> str:
    """A body word folded for the opener lists, its punctuation stripped; cached: news reuses words."""
    return fold(word.strip("\"'«»“”()[]،,؛;."))


def _word_count(body: str, span: Span) -> int:
    return len(_WORD.findall(body, span.start, span.end))
