from __future__ import annotations

import pytest

from marsad.clean.characters import BodyBuilder, clean_characters


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u200fقال\u200e المتحدث", "قال المتحدث"),  # bidi marks
        ("\u202bدمشق\u202c", "دمشق"),  # embedding and pop
        ("حل\u200bب", "حلب"),  # zero-width space inside a word
        ("\ufeffبيان", "بيان"),  # BOM
        ("قــــال", "قال"),  # decorative tatweel run between letters
        ('بـ"ثمن باهظ"', 'بـ"ثمن باهظ"'),  # one tatweel after a proclitic is written text
        ("لـــ CNN", "لـ CNN"),  # a run at a word end keeps one tatweel
        ("\ufefb\ufe8e", "لاا"),  # presentation forms to base letters
        ("\ufe97\ufe92\ufea8", "تبخ"),
    ],
)
def test_invisible_and_drawing_characters_are_cleaned(raw: str, clean: str) -> None:
    assert clean_characters(raw) == clean


def test_plain_text_is_returned_unchanged() -> None:
    text = "انقضت\u00a0ستة أسابيع، و«الهدنة» هشة.\n"
    assert clean_characters(text) is text


def test_builder_maps_body_words_back_to_their_source_characters() -> None:
    source = "عنوان\n\n\u200fقــال المتحدث \ufefb\n\nفقرة ثانية"
    first, gap = source.index("\u200f"), source.index("\n\nفقرة")
    second = source.index("فقرة")
    builder = BodyBuilder(source)
    builder.add_range(first, gap)
    builder.add_separator("\n", gap, second)
    builder.add_range(second, len(source))
    body, mapping = builder.text(), builder.offset_map()
    assert body == "قال المتحدث لا\nفقرة ثانية"

    def source_of(word: str) -> str:
        start = body.index(word)
        return mapping.to_source(start, start + len(word)).slice(source)

    assert source_of("قال") == "قــال"
    assert source_of("المتحدث") == "المتحدث"
    assert source_of("لا") == "\ufefb"
    assert source_of("\n") == "\n\n"
    assert source_of("فقرة ثانية") == "فقرة ثانية"
    assert mapping.source_length == len(source)
