"""Arabic normalization with offsets, tokens with clitics, sentences and clauses."""

from marsad.normalize.sentences import split_clauses, split_sentences
from marsad.normalize.text import fold, normalize
from marsad.normalize.tokens import analyze, match_forms, proclitic_candidates, tokenize

__all__ = [
    "analyze",
    "fold",
    "match_forms",
    "normalize",
    "proclitic_candidates",
    "split_clauses",
    "split_sentences",
    "tokenize",
]
