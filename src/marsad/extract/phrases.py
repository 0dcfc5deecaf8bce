"""Multi-word lexicon matching over the normalized text, tolerant of Arabic proclitics.

Actor names, trigger words, speech verbs and truce terms are all phrases of one to a few
words. A phrase matches a run of tokens when its first word equals the token or the token
without its proclitics (``والنظام``, ``بالنظام``, ``للنظام`` all give ``النظام``) and every
following word equals the next token exactly, with only spaces (or the ``_`` of a hashtag)
between them: a phrase never spans a comma or a full stop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from marsad.article import Article, Token, Word, Words
from marsad.event import Span
from marsad.normalize import tokenize
from marsad.normalize.words import MIN_STEM, PROCLITICS, build_words, plain_words, word_forms

__all__ = [
    "MIN_STEM",
    "PROCLITICS",
    "PhraseMatch",
    "PhraseMatcher",
    "Word",
    "article_words",
    "body_span",
    "joined",
    "word_forms",
    "words_of",
]

T = TypeVar("T")

_JOINERS = frozenset(" _#")


def article_words(article: Article) -> Words:
    """The article's :class:`Word` values: those ``normalize.tokens`` built, or built here
    (not kept) when the article was tokenized some other way or not at all."""
    assert article.normalized is not None, "needs text.normalized"
    words = article.words
    if words is not None and words.tokens is article.tokens:
        return words
    return build_words(article.tokens or tokenize(article.normalized.text), article.normalized)


def words_of(tokens: Iterable[Token]) -> list[Word]:
    return plain_words(list(tokens))


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """Words ``[first, last)`` matched a phrase; ``start``/``end`` index the normalized text."""

    first: int
    last: int
    start: int
    end: int
    phrase: str
    payload: T
    prefix: str = ""  # proclitics before the first word ("ل" in "لاستعادة", "و" in "والنظام")


class _Node(Generic[T]):
    """One word of a phrase tree: the phrase ending here (the first one added), and what may follow."""

    __slots__ = ("ending", "next")

    def __init__(self) -> None:
        self.ending: tuple[str, T] | None = None
        self.next: dict[str, _Node[T]] = {}


class PhraseMatcher(Generic[T]):
    """Leftmost-longest matching of folded phrases against :class:`Word` sequences.

    The phrases are kept as a tree of words, so trying a position follows the words actually
    there instead of comparing every phrase that shares their first word.
    """

    def __init__(self) -> None:
        self._first: dict[str, _Node[T]] = {}

    def add(self, phrase: str, payload: T) -> None:
        parts = phrase.split()
        if not parts:
            return
        node = self._first.setdefault(parts[0], _Node())
        for part in parts[1:]:
            node = node.next.setdefault(part, _Node())
        if node.ending is None:  # of two payloads for one phrase the first is kept
            node.ending = (phrase, payload)

    def __contains__(self, phrase: str) -> bool:
        parts = phrase.split()
        node = self._first.get(parts[0]) if parts else None
        for part in parts[1:]:
            if node is None:
                break
            node = node.next.get(part)
        return node is not None and node.ending is not None

    def match_at(self, words: list[Word], i: int, text: str) -> PhraseMatch[T] | None:
        """The longest phrase starting at word ``i`` (any proclitic form of it), or None.

        Of equally long phrases starting at different forms of the word, the one whose form
        comes first wins (the word as written before its proclitics are stripped).
        """
        best: PhraseMatch[T] | None = None
        for form, start, prefix in words[i].forms:
            node = self._first.get(form)
            if node is None:
                continue
            last, ending = self._longest(node, words, i, text)
            if ending is not None and (best is None or last > best.last):
                best = PhraseMatch(i, last, start, words[last - 1].end, ending[0], ending[1], prefix)
        return best

    @staticmethod
    def _longest(node: _Node[T], words: list[Word], i: int, text: str) -> tuple[int, tuple[str, T] | None]:
        """The longest phrase from ``node`` on: its end word and (phrase, payload)."""
        last, ending = i + 1, node.ending
        k = i + 1
        while node.next and k < len(words):
            word = words[k]
            follower = node.next.get(word.text)
            if follower is None or not joined(text, words[k - 1].end, word.start):
                break
            node = follower
            k += 1
            if node.ending is not None:
                last, ending = k, node.ending
        return last, ending

    def starts(self, words: list[Word]) -> list[int]:
        """The words a phrase may start at (one of their forms begins a phrase), ascending.

        ``match_at`` finds nothing anywhere else, so scanners only try these.
        """
        if isinstance(words, Words):
            return words.starting_with(self._first.keys())
        firsts = self._first
        return [i for i, word in enumerate(words) if any(f in firsts for f, _, _ in word.forms)]

    def find_all(self, words: list[Word], text: str) -> list[PhraseMatch[T]]:
        """Non-overlapping matches, leftmost first, longest at each position."""
        return list(self.iter_matches(words, text))

    def iter_matches(self, words: list[Word], text: str) -> Iterator[PhraseMatch[T]]:
        free = 0  # the first word not inside an earlier match
        for i in self.starts(words):
            if i < free:
                continue
            match = self.match_at(words, i, text)
            if match is not None:
                yield match
                free = match.last


def joined(text: str, end: int, start: int) -> bool:
    """Only spaces (or a hashtag's ``#`` and ``_``) lie between two words."""
    return all(c in _JOINERS for c in text[end:start])


def body_span(article: Article, start: int, end: int) -> Span:
    """The body span of normalized ``[start, end)``."""
    assert article.normalized is not None
    return article.normalized.body_span(start, end)
