"""Is this body Arabic? Script first (cheap), then py3langid among Arabic-script languages.

Most non-Arabic pages fail the script test: too few Arabic letters among all letters
(``settings.clean.min_arabic_ratio``). Persian, Urdu, Pashto, Kurdish and Uyghur pages pass
it, so py3langid (its model ships in the wheel; ~1 ms a check on the first 1,000
characters) decides among the languages written in Arabic script. Egyptian Arabic counts
as Arabic.

Most bodies are plainly Arabic, and those skip the model: a sample with enough letters,
nearly all of them Arabic, none of the letters the other Arabic-script languages add
(Persian پ چ ژ گ ک ی, Kurdish ە, Urdu ے ہ ...) and at least one teh marbuta (ة, which
those languages hardly use). On the 1,838 bodies of the dev corpus, the dev inputs, the
seeds and tests/corpus, the model and this shortcut agree on every body the shortcut takes
(1,830 of them; bench/bench_clean.py measures the saving).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from py3langid import modelio
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.langid import LanguageIdentifier as LangidModel

from marsad.cache import read_pickle, write_pickle
from marsad.normalize.letters import ARABIC_LETTERS
from marsad.settings import user_cache_dir

ARABIC_CODES = frozenset({"ar", "arz"})
ARABIC_SCRIPT_LANGUAGES = ["ar", "arz", "fa", "ur", "ps", "ku", "ug"]
SAMPLE_CHARS = 1000
#: The shortcut (no model) needs at least this many Arabic letters, and this share of them.
SURE_MIN_LETTERS = 100
SURE_MIN_RATIO = 0.9
#: Arabic-script letters other languages add (Persian, Urdu, Pashto, Kurdish, Uyghur...).
_OTHER_SCRIPT_LETTERS = frozenset(chr(c) for c in range(0x0671, 0x0700) if chr(c).isalpha())
_TEH_MARBUTA = "ة"
#: The unpacked model in the cache directory: ``langid-<key>.pickle``, six tables.
CACHE_PREFIX = "langid-"
MODEL_TABLES = 6


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    language: str  # "ar", another Arabic-script language code, "other" (another script), "und" (no letters)
    arabic_ratio: float


def arabic_ratio(text: str) -> float:
    """Share of Arabic letters among the letters of ``text`` (0.0 without letters)."""
    letters, arabic = _letter_counts(text)
    return arabic / letters if letters else 0.0


def _letter_counts(text: str) -> tuple[int, int]:
    """Letters, and Arabic letters among them (every one of ARABIC_LETTERS is a letter)."""
    return sum(map(str.isalpha, text)), sum(map(ARABIC_LETTERS.__contains__, text))


class LanguageIdentifier:
    """Script test, the shortcut for plainly Arabic text, then py3langid for the rest.

    The model is loaded when the identifier is made (once per process: instances share
    it), so the first article does not pay for it. py3langid ships it LZMA-compressed and
    unpacking takes 0.4 s; the unpacked tables are kept in the marsad cache directory
    (``$MARSAD_CACHE_DIR``), from where a load takes 0.05 s.
    """

    def __init__(self, min_arabic_ratio: float) -> None:
        self.min_arabic_ratio = min_arabic_ratio
        self._model = _load_model()

    def identify(self, text: str) -> LanguageVerdict:
        sample = text[:SAMPLE_CHARS]
        letters, arabic = _letter_counts(sample)
        ratio = arabic / letters if letters else 0.0
        if ratio == 0.0:
            return LanguageVerdict("und", ratio)
        if ratio < self.min_arabic_ratio:
            return LanguageVerdict("other", ratio)
        if ratio >= SURE_MIN_RATIO and arabic >= SURE_MIN_LETTERS and plainly_arabic(sample):
            return LanguageVerdict("ar", ratio)
        code = str(self._model.classify(sample)[0])
        return LanguageVerdict("ar" if code in ARABIC_CODES else code, ratio)


def plainly_arabic(sample: str) -> bool:
    """A teh marbuta, and no letter that only another Arabic-script language uses.

    The caller has checked that the sample has enough letters and nearly all are Arabic.
    """
    return _TEH_MARBUTA in sample and _OTHER_SCRIPT_LETTERS.isdisjoint(sample)


@functools.cache
def _load_model() -> LangidModel:
    ptc, pc, classes, nextmove, row, output = _model_tables()
    model = LangidModel(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
    )
    model.set_languages(ARABIC_SCRIPT_LANGUAGES)
    return model


def _model_tables() -> tuple[Any, ...]:
    """py3langid's model tables, from our cache when it is current, else unpacked and cached."""
    source = Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else Path(MODEL_DIR) / MODEL_FILE
    path = user_cache_dir() / f"{CACHE_PREFIX}{_cache_key(source)}.pickle"
    cached = read_pickle(path, "language-model")
    if isinstance(cached, tuple) and len(cached) == MODEL_TABLES:
        return cached
    tables = tuple(modelio.load_model(source))
    write_pickle(path, tables, "language-model", CACHE_PREFIX)
    return tables


def _cache_key(source: Path) -> str:
    """Changes with py3langid's version and its model file."""
    stat = source.stat()
    version = metadata.version("py3langid")
    return hashlib.sha1(f"{version}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
