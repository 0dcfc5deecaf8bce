"""Arabic normalization with offsets, tokens with clitics, sentences."""

from marsad.normalize.sentences import split_sentences
from marsad.normalize.text import fold, normalize
from marsad.normalize.tokens import analyze, proclitic_candidates, tokenize

__all__ = ["analyze", "fold", "normalize", "proclitic_candidates", "split_sentences", "tokenize"]
