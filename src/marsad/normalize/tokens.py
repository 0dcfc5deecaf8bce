"""Tokens of normalized Arabic text with their clitics split off.

Why hand-written: the offline segmenters are slow (farasa 11-25 k tokens/s, qalsadi ~1 k) or
need data that cannot be downloaded here (camel-tools' analyzers). News-matching needs only
the frequent proclitics (و ف ب ل ك س), the article (ال / لل) and a few enclitics, and must
keep offsets; the candidates are ranked so callers can check them against a lexicon.
"""

from __future__ import annotations

import re

from marsad.article import Token

_WORD = re.compile(r"[^\W_]+")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك", "س")
_ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه", "ك", "ي")
MIN_BASE = 2


def tokenize(text: str) -> list[Token]:
    """Split normalized ``text`` into tokens (offsets index ``text``)."""
    return [analyze(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def analyze(word: str, start: int = 0, end: int | None = None) -> Token:
    """The most likely clitic split of one normalized word."""
    end = start + len(word) if end is None else end
    prefix, rest, has_article = split_proclitics(word)
    return Token(word, start, end, rest, prefix, "", has_article)


def split_proclitics(word: str) -> tuple[str, str, bool]:
    """``وبالموصل`` -> ("وب", "موصل", True); ``للرقه`` -> ("ل", "رقه", True)."""
    for prefix, rest, article in proclitic_candidates(word):
        if article:
            return prefix, rest, True
    return "", word, False


def proclitic_candidates(word: str) -> list[tuple[str, str, bool]]:
    """Every plausible (proclitics, remainder, had_article) split, longest strip first.

    The unsplit word is always the last candidate. Callers check remainders against a
    lexicon, because "بيروت" or "لبنان" begin with letters that look like proclitics.
    """
    out: list[tuple[str, str, bool]] = []
    for conj in ("", *_CONJUNCTIONS):
        if conj and not word.startswith(conj):
            continue
        after_conj = word[len(conj) :]
        for prep in ("", *_PREPOSITIONS):
            if prep and not after_conj.startswith(prep):
                continue
            stem = after_conj[len(prep) :]
            prefix = conj + prep
            if prep == "ل" and stem.startswith("ل") and len(stem) > MIN_BASE + 1:
                out.append((prefix, stem[1:], True))  # لل = ل + ال
            if stem.startswith("ال") and len(stem) > MIN_BASE + 1:
                out.append((prefix, stem[2:], True))
            if prefix and len(stem) >= MIN_BASE + 1:
                out.append((prefix, stem, False))
    out.sort(key=lambda c: -len(c[0]) - (2 if c[2] else 0))
    out.append(("", word, False))
    return out


def split_enclitic(word: str) -> tuple[str, str]:
    """``قواتها`` -> ("قوات", "ها"); words too short to carry one are returned whole."""
    for suffix in _ENCLITICS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)], suffix
    return word, ""
