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


class PhraseMatcher(Generic[T]):
    """Leftmost-longest matching of folded phrases against :class:`Word` sequences."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, T]]] = {}

    def add(self, phrase: str, payload: T) -> None:
        parts = tuple(phrase.split())
        if not parts:
            return
        entries = self._by_first.setdefault(parts[0], [])
        entries.append((parts[1:], phrase, payload))
        entries.sort(key=lambda e: -len(e[0]))

    def __contains__(self, phrase: str) -> bool:
        parts = tuple(phrase.split())
        return any(rest == parts[1:] for rest, _, _ in self._by_first.get(parts[0], ())) if parts else False

    def match_at(self, words: list[Word], i: int, text: str) -> PhraseMatch[T] | None:
        """The longest phrase starting at word ``i`` (any proclitic form of it), or None."""
        best: PhraseMatch[T] | None = None
        for form, start, prefix in words[i].forms:
            for rest, phrase, payload in self._by_first.get(form, ()):
                last = i + 1 + len(rest)
                if best is not None and last <= best.last:
                    break
                if _continues(words, i, rest, text):
                    best = PhraseMatch(i, last, start, words[last - 1].end, phrase, payload, prefix)
                    break
        return best

    def starts(self, words: list[Word]) -> list[int]:
        """The words a phrase may start at (one of their forms begins a phrase), ascending.

        ``match_at`` finds nothing anywhere else, so scanners only try these.
        """
        if isinstance(words, Words):
            return words.starting_with(self._by_first.keys())
        firsts = self._by_first
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


def _continues(words: list[Word], i: int, rest: tuple[str, ...], text: str) -> bool:
    if i + len(rest) >= len(words):
        return False
    for offset, part in enumerate(rest, start=1):
        word = words[i + offset]
        if word.text != part or not joined(text, words[i + offset - 1].end, word.start):
            return False
    return True


def joined(text: str, end: int, start: int) -> bool:
    """Only spaces (or a hashtag's ``#`` and ``_``) lie between two words."""
    return all(c in _JOINERS for c in text[end:start])


def body_span(article: Article, start: int, end: int) -> Span:
    """The body span of normalized ``[start, end)``."""
    assert article.normalized is not None
    return article.normalized.body_span(start, end)
