"""The language test: the model loads with the stage, and plainly Arabic text skips it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from marsad.article import Article, RawDocument
from marsad.clean import language
from marsad.clean.language import ARABIC_CODES, LanguageIdentifier, plainly_arabic
from marsad.clean.stages import clean_stage, language_stage
from marsad.ingest import iter_documents
from marsad.settings import Settings
from tests.clean.test_stages import ARABIC, PERSIAN

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "pages"


class _NoModel:
    """Stands in for py3langid where the model must not be asked."""

    def classify(self, _text: str) -> Any:
        raise AssertionError("the model was asked about plainly Arabic text")


def test_the_model_is_loaded_when_the_stage_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []

    def fake_load() -> _NoModel:
        loads.append(1)
        return _NoModel()

    monkeypatch.setattr(language, "_load_model", fake_load)
    language_stage(Settings())
    assert loads == [1]


def test_plainly_arabic_text_skips_the_model() -> None:
    identifier = LanguageIdentifier(0.5)
    identifier._model = _NoModel()  # type: ignore[assignment]
    verdict = identifier.identify(ARABIC)
    assert verdict.language == "ar"
    assert verdict.arabic_ratio == 1.0


@pytest.mark.parametrize(
    "text",
    [
        PERSIAN,  # Persian letters (گ پ ی ک)
        ARABIC.replace("إدلب", "ادلب گ"),  # one Persian letter (a foreign name) sends Arabic to the model
        ARABIC.replace("ة", "ه"),  # no teh marbuta
        ARABIC[:60],  # too few letters to be sure
    ],
)
def test_anything_less_plain_goes_to_the_model(text: str) -> None:
    identifier = LanguageIdentifier(0.5)
    identifier._model = _NoModel()  # type: ignore[assignment]
    with pytest.raises(AssertionError, match="model was asked"):
        identifier.identify(text)


def test_persian_is_still_told_apart() -> None:
    assert not plainly_arabic(PERSIAN[:1000])
    assert LanguageIdentifier(0.5).identify(PERSIAN).language == "fa"


def test_the_shortcut_agrees_with_the_model_on_the_page_corpus() -> None:
    settings = Settings()
    clean = clean_stage(settings)
    identifier = LanguageIdentifier(settings.clean.min_arabic_ratio)
    model = language._load_model()
    taken = 0
    for path in sorted(p for p in PAGES.iterdir() if not p.name.endswith(".json")):
        for document in iter_documents([str(path)]):
            assert isinstance(document, RawDocument)
            body = clean(Article(raw=document)).body
            sample = body[: language.SAMPLE_CHARS]
            if identifier.identify(body).language == "ar" and plainly_arabic(sample):
                taken += 1
                assert str(model.classify(sample)[0]) in ARABIC_CODES, path.name
    assert taken >= 10  # the corpus is Arabic news: most of it takes the shortcut


class _CountingUnpacker:
    """Stands in for py3langid's LZMA unpacking: small tables, and a count of the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Path) -> tuple[Any, ...]:
        assert path.exists(), path  # the model file py3langid ships
        self.calls += 1
        return (np.ones((2, 3)), np.ones(3), ["ar", "fa", "ur"], [0, 1], [1, 2], [[0], [1]])


@pytest.fixture
def unpacker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _CountingUnpacker:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    counting = _CountingUnpacker()
    monkeypatch.setattr(language.modelio, "load_model", counting)
    return counting


def test_the_unpacked_model_is_cached_and_read_back(tmp_path: Path, unpacker: _CountingUnpacker) -> None:
    first = language._model_tables()
    assert [p.name.startswith("langid-") for p in (tmp_path / "cache").iterdir()] == [True]
    again = language._model_tables()
    assert unpacker.calls == 1
    assert again[2] == first[2] == ["ar", "fa", "ur"]
    assert (again[0] == first[0]).all()


def test_a_damaged_cache_is_unpacked_again_and_replaced(tmp_path: Path, unpacker: _CountingUnpacker) -> None:
    language._model_tables()
    (cache,) = (tmp_path / "cache").iterdir()
    cache.write_bytes(b"not a pickle")
    assert language._model_tables()[2] == ["ar", "fa", "ur"]
    assert unpacker.calls == 2
    assert language._model_tables()[2] == ["ar", "fa", "ur"]
    assert unpacker.calls == 2  # the damaged file was replaced by a good one
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [cache.name]  # no temporary file left


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, unpacker: _CountingUnpacker, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(blocker / "cache"))
    assert language._model_tables()[2] == ["ar", "fa", "ur"]
    assert language._model_tables()[2] == ["ar", "fa", "ur"]
    assert unpacker.calls == 2


def test_the_real_model_loads_through_the_cache() -> None:
    model = language._load_model()
    assert str(model.classify("قتل ثلاثة مدنيين في قصف جوي على مدينة دوما صباح اليوم")[0]) in ARABIC_CODES
