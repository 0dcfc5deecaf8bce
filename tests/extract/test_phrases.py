"""The phrase matcher: leftmost-longest, proclitic-tolerant, never across punctuation.

The matcher keeps its phrases as a word tree and only tries the words a phrase can start at
(issue 9); the reference below is the plain reading of the rules, phrase by phrase and word
by word, and the two must agree on any text.
"""

from __future__ import annotations

import random

from marsad.article import Word
from marsad.extract.phrases import PhraseMatch, PhraseMatcher, joined
from marsad.normalize import normalize, tokenize
from marsad.normalize.words import build_words, plain_words

PHRASES = {
    "قوات": "forces",
    "قوات النظام": "regime",
    "قوات سوريا الديمقراطيه": "sdf",
    "النظام": "regime-short",
    "الجيش الحر": "fsa",
    "الجيش": "army",
    "وقف اطلاق النار": "ceasefire",
    "وقف": "stop",
}
VOCABULARY = ["قوات", "النظام", "سوريا", "الديمقراطيه", "الجيش", "الحر", "وقف", "اطلاق", "النار", "حلب"]
PROCLITICS = ["", "", "", "و", "ب", "ل", "وب"]
GAPS = [" ", " ", " ", "، ", ". ", " _"]


def matcher() -> PhraseMatcher[str]:
    built: PhraseMatcher[str] = PhraseMatcher()
    for phrase, payload in PHRASES.items():
        built.add(phrase, payload)
    return built


def reference_match_at(words: list[Word], i: int, text: str) -> tuple[int, int, str] | None:
    """(last word, start offset, payload) of the longest phrase at word ``i``, rules as written."""
    best: tuple[int, int, str] | None = None
    for form, start, _ in words[i].forms:
        for phrase, payload in PHRASES.items():
            parts = phrase.split()
            if parts[0] != form or i + len(parts) > len(words):
                continue
            rest = words[i + 1 : i + len(parts)]
            if [w.text for w in rest] != parts[1:]:
                continue
            if not all(joined(text, words[k - 1].end, words[k].start) for k in range(i + 1, i + len(parts))):
                continue
            if best is None or i + len(parts) > best[0]:
                best = (i + len(parts), start, payload)
    return best


def reference_find_all(words: list[Word], text: str) -> list[tuple[int, int, int, str]]:
    found, i = [], 0
    while i < len(words):
        match = reference_match_at(words, i, text)
        if match is None:
            i += 1
            continue
        found.append((i, match[0], match[1], match[2]))
        i = match[0]
    return found


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 25)):
        parts.append(rng.choice(PROCLITICS) + rng.choice(VOCABULARY))
        parts.append(rng.choice(GAPS))
    return "".join(parts)


def as_tuples(matches: list[PhraseMatch[str]]) -> list[tuple[int, int, int, str]]:
    return [(m.first, m.last, m.start, m.payload) for m in matches]


def test_matches_agree_with_the_rules_as_written_on_any_text() -> None:
    rng = random.Random(7)
    phrases = matcher()
    for _ in range(400):
        normalized = normalize(random_text(rng))
        text = normalized.text
        tokens = tokenize(text)
        indexed = build_words(tokens, normalized)
        plain = plain_words(tokens)
        expected = reference_find_all(plain, text)
        assert as_tuples(phrases.find_all(indexed, text)) == expected, text
        assert as_tuples(phrases.find_all(plain, text)) == expected, text
        for i in range(len(plain)):
            found = phrases.match_at(plain, i, text)
            reference = reference_match_at(plain, i, text)
            assert (None if found is None else (found.last, found.start, found.payload)) == reference


def test_the_longest_phrase_wins_and_punctuation_cuts_it() -> None:
    phrases = matcher()
    normalized = normalize("وقوات سوريا الديمقراطية، قوات النظام. قوات، النظام")
    words = build_words(tokenize(normalized.text), normalized)
    found = [(m.phrase, m.prefix) for m in phrases.find_all(words, normalized.text)]
    assert found == [
        ("قوات سوريا الديمقراطيه", "و"),
        ("قوات النظام", ""),
        ("قوات", ""),
        ("النظام", ""),
    ]


def test_the_first_payload_of_a_phrase_added_twice_is_kept() -> None:
    phrases: PhraseMatcher[int] = PhraseMatcher()
    phrases.add("الجيش الحر", 1)
    phrases.add("الجيش  الحر", 2)  # the same words
    normalized = normalize("قاتل الجيش الحر")
    words = build_words(tokenize(normalized.text), normalized)
    assert [m.payload for m in phrases.find_all(words, normalized.text)] == [1]
    assert "الجيش الحر" in phrases
    assert "الجيش" not in phrases
    assert "" not in phrases


def test_starts_are_the_words_a_phrase_may_begin_at() -> None:
    phrases = matcher()
    normalized = normalize("حلب وقوات النظام في حلب ثم الجيش")
    tokens = tokenize(normalized.text)
    expected = [1, 2, 6]
    assert phrases.starts(build_words(tokens, normalized)) == expected
    assert phrases.starts(plain_words(tokens)) == expected
