"""Tokens of normalized Arabic text with their clitics split off.

Why hand-written: the offline segmenters are slow (farasa ~11-25 k tokens/s, qalsadi ~1 k)
or need data that cannot be downloaded here (camel-tools' analyzers); see
docs/arabic-normalization.md for the measurements. News matching needs only the frequent
proclitics (و ف ب ل ك س), the article (ال, and لل for ل + ال) and a few enclitics, and must
keep offsets.

A word alone cannot say whether its first letter is a clitic: "بيروت", "لبنان", "فرنسا",
"وزير" begin with letters that look like proclitics. So:

* ``Token.base`` strips proclitics only when the article follows them (وبالموصل -> موصل,
  للرقه -> رقه), which is unambiguous, and strips an enclitic only when it is one of the
  multi-letter pronouns (ها هم هما كم كما هن نا) on a word without the article
  (قواتها -> قوات). A lone ه is never stripped: ta marbuta is folded to ه.
* ``match_forms(word)`` lists every plausible reading, most likely first, for callers to
  check against a lexicon ("وبحلب" -> وبحلب, بحلب, حلب).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from marsad.article import Token

_WORD = re.compile(r"[^\W_]+")
#: The two unambiguous article splits: (و|ف)(ب|ك|ل)ال+stem and (و|ف)ل+ل+stem (ل + ال is written لل).
_WITH_ARTICLE = re.compile(r"([وف]?[بكل]?)ال(..+)")
_LAM_ARTICLE = re.compile(r"([وف]?ل)ل(..+)")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك", "س")
#: Pronoun suffixes that are safe to strip (multi-letter, not confusable with ta marbuta).
_ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "نا", "ها")
#: Shortest remainder worth treating as a word (Arabic roots are mostly three letters).
MIN_BASE = 2
MIN_STEM = 3


def tokenize(text: str) -> list[Token]:
    """Split normalized ``text`` into tokens (offsets index ``text``)."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group()
        tokens.append(_new_token(word, match.start(), match.end(), *_split(word)))
    return tokens


def _token_builder() -> Callable[[str, int, int, str, str, str, bool], Token]:
    """A constructor for the frozen Token that fills its slots directly.

    Every word of every article becomes a Token; the frozen dataclass ``__init__`` routes each
    of its seven fields through ``object.__setattr__`` and costs ~0.75 us a token, half the
    tokenizer's time. Setting the slot descriptors is what that ``__init__`` does, minus the
    detour (~0.4 us); the Token stays frozen for everyone else.
    """
    names = ("text", "start", "end", "base", "proclitics", "enclitic", "has_article")
    text, start, end, base, proclitics, enclitic, has_article = (getattr(Token, n).__set__ for n in names)
    new = object.__new__

    def build(word: str, s: int, e: int, b: str, p: str, n: str, a: bool) -> Token:
        token = new(Token)
        text(token, word)
        start(token, s)
        end(token, e)
        base(token, b)
        proclitics(token, p)
        enclitic(token, n)
        has_article(token, a)
        return token

    return build


def analyze(word: str, start: int = 0, end: int | None = None) -> Token:
    """The most likely clitic split of one normalized word."""
    end = start + len(word) if end is None else end
    return Token(word, start, end, *_split(word))


@functools.lru_cache(maxsize=65536)
def _split(word: str) -> tuple[str, str, str, bool]:
    """(base, proclitics, enclitic, has_article) in Token's field order; cached: news reuses words."""
    prefix, rest, has_article = split_proclitics(word)
    if has_article:
        return rest, prefix, "", True
    rest, enclitic = split_enclitic(word)
    return rest, "", enclitic, False


_new_token = _token_builder()


def split_proclitics(word: str) -> tuple[str, str, bool]:
    """``وبالموصل`` -> ("وب", "موصل", True); ``للرقه`` -> ("ل", "رقه", True); else no split.

    The longest proclitic run that leaves the article and a stem of two letters or more
    wins; this is the first article-bearing candidate of :func:`proclitic_candidates`,
    found with two regexes because every token goes through here.
    """
    if "ال" not in word[:5] and "لل" not in word[:4]:
        return "", word, False
    best: tuple[str, str, bool] | None = None
    for pattern in (_LAM_ARTICLE, _WITH_ARTICLE):
        match = pattern.fullmatch(word)
        if match is not None and (best is None or len(match[1]) > len(best[0])):
            best = (match[1], match[2], True)
    return best or ("", word, False)


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
            if prep == "ل" and stem.startswith("ل") and len(stem) > MIN_BASE:
                out.append((prefix, stem[1:], True))  # لل = ل + ال
            if stem.startswith("ال") and len(stem) > MIN_BASE + 1 and prep != "س":
                out.append((prefix, stem[2:], True))
            if prefix and len(stem) >= MIN_BASE + 1:
                out.append((prefix, stem, False))
    out.sort(key=lambda c: -len(c[0]) - (2 if c[2] else 0))
    out.append(("", word, False))
    return out


def split_enclitic(word: str) -> tuple[str, str]:
    """``قواتها`` -> ("قوات", "ها"); words too short to carry one are returned whole."""
    for suffix in _ENCLITICS:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)], suffix
    return word, ""


def match_forms(word: str) -> tuple[str, ...]:
    """Forms of a normalized word to look up in a lexicon, most literal first, no duplicates.

    ``"وبحلب"`` -> ("وبحلب", "بحلب", "حلب"); ``"للرقه"`` -> ("للرقه", "الرقه", "رقه");
    ``"بالموصل"`` -> ("بالموصل", "الموصل", "موصل"). Article-bearing readings keep both the
    form with ال (lexicons of places spell "الرقه") and the bare stem.
    """
    forms = [word]
    for prefix, rest, article in sorted(proclitic_candidates(word)[:-1], key=lambda c: len(c[0])):
        if article:
            forms.append("ال" + rest)
            forms.append(rest)
        elif prefix:
            forms.append(rest)
    return tuple(dict.fromkeys(forms))
