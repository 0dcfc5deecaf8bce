"""Is this body Arabic? Script first (cheap), then py3langid among Arabic-script languages.

Most non-Arabic pages fail the script test: too few Arabic letters among all letters
(``settings.clean.min_arabic_ratio``). Persian, Urdu, Pashto, Kurdish and Uyghur pages pass
it, so py3langid (its model ships in the wheel; ~0.3 ms a check on the first 1,000
characters) decides among the languages written in Arabic script. Egyptian Arabic counts
as Arabic.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from py3langid.langid import MODEL_FILE
from py3langid.langid import LanguageIdentifier as LangidModel

from marsad.normalize.letters import ARABIC_LETTERS

ARABIC_CODES = frozenset({"ar", "arz"})
ARABIC_SCRIPT_LANGUAGES = ["ar", "arz", "fa", "ur", "ps", "ku", "ug"]
SAMPLE_CHARS = 1000


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    language: str  # "ar", another Arabic-script language code, "other" (another script), "und" (no letters)
    arabic_ratio: float


def arabic_ratio(text: str) -> float:
    """Share of Arabic letters among the letters of ``text`` (0.0 without letters)."""
    letters = arabic = 0
    for char in text:
        if char.isalpha():
            letters += 1
            arabic += char in ARABIC_LETTERS
    return arabic / letters if letters else 0.0


class LanguageIdentifier:
    """Script test plus py3langid; the model is loaded on first use (0.6 s), once per instance."""

    def __init__(self, min_arabic_ratio: float) -> None:
        self.min_arabic_ratio = min_arabic_ratio

    @functools.cached_property
    def _model(self) -> LangidModel:
        model = LangidModel.from_model_file(MODEL_FILE, norm_probs=True)
        model.set_languages(ARABIC_SCRIPT_LANGUAGES)
        return model

    def identify(self, text: str) -> LanguageVerdict:
        sample = text[:SAMPLE_CHARS]
        ratio = arabic_ratio(sample)
        if ratio == 0.0:
            return LanguageVerdict("und", ratio)
        if ratio < self.min_arabic_ratio:
            return LanguageVerdict("other", ratio)
        code = str(self._model.classify(sample)[0])
        return LanguageVerdict("ar" if code in ARABIC_CODES else code, ratio)
