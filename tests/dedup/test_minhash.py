from __future__ import annotations

import pytest

from marsad.dedup.index import DedupIndex, MemoryIndex, NullIndex
from marsad.dedup.minhash import Fingerprint, band_keys, fingerprint, lsh_params, shingles

STORY = (
    "أعلنت وزارة الدفاع الروسية اليوم التوصل إلى اتفاق لوقف إطلاق النار في الغوطة الشرقية لمدة "
    "ثلاثة أيام اعتبارا من منتصف الليل وقالت إن الاتفاق يشمل فتح ممرات إنسانية لخروج المدنيين "
    "وإدخال المساعدات الطبية إلى البلدات المحاصرة منذ أشهر وسط ترحيب من الأمم المتحدة"
)
OTHER = (
    "تظاهر آلاف الطلاب في العاصمة احتجاجا على رفع رسوم التسجيل في الجامعات الحكومية وطالبوا "
    "الحكومة بالتراجع عن القرار فورا مؤكدين أن الاعتصام سيستمر حتى تلبية مطالبهم كاملة"
)


def test_shingles_are_word_trigrams_of_folded_text() -> None:
    assert shingles("قَتَلَ  أحمدُ، الذئبَ اليوم") == {"قتل احمد الذيب", "احمد الذيب اليوم"}
    assert shingles("كلمتان فقط") == {"كلمتان فقط"}
    assert shingles("") == set()


def test_diacritics_and_letter_variants_do_not_change_the_fingerprint() -> None:
    plain = fingerprint("a", "قتل احمد الذيب في القريه")
    marked = fingerprint("b", "قَتَلَ أحمدُ الذئبَ في القرية")
    assert plain.similarity(marked) == 1.0


def test_an_edited_copy_is_similar_and_an_unrelated_story_is_not() -> None:
    original = fingerprint("a", STORY)
    copy = fingerprint("b", "موسكو (وكالات) - " + STORY + " وفق البيان")
    assert original.similarity(copy) >= 0.7
    assert original.similarity(fingerprint("c", OTHER)) < 0.2


def test_fingerprints_round_trip_through_bytes() -> None:
    fp = fingerprint("a", STORY)
    stored = fp.to_bytes()
    assert len(stored) == 4 * fp.num_perm
    assert Fingerprint.from_bytes("a", stored) == fp


def test_band_keys_are_shared_by_copies() -> None:
    bands, rows = lsh_params()
    assert bands * rows <= 128
    a = set(band_keys(fingerprint("a", STORY), bands, rows))
    b = set(band_keys(fingerprint("b", STORY + " وفق البيان"), bands, rows))
    c = set(band_keys(fingerprint("c", OTHER), bands, rows))
    assert len(a) == bands
    assert a & b
    assert not a & c


def test_memory_index_groups_copies_under_the_first_one() -> None:
    index = MemoryIndex()
    assert index.add("original", STORY) == "original"
    assert index.add("reprint", "(رويترز) " + STORY) == "original"
    assert index.add("unrelated", OTHER) == "unrelated"
    assert index.add("reprint", "anything") == "original"  # adding again is a no-op
    assert index.group_of("reprint") == "original"
    assert index.group_of("never-seen") == "never-seen"
    assert index.groups() == {"original": ["original", "reprint"]}
    assert index.copies_of("original") == ["reprint"]
    assert len(index) == 3


def test_memory_index_accepts_stored_fingerprints() -> None:
    index = MemoryIndex()
    index.add_fingerprint(Fingerprint.from_bytes("stored", fingerprint("stored", STORY).to_bytes()))
    assert index.add("new", STORY) == "stored"


@pytest.mark.parametrize("index", [NullIndex(), MemoryIndex()])
def test_indexes_follow_the_protocol(index: DedupIndex) -> None:
    assert isinstance(index, DedupIndex)
    assert index.add("x", STORY) == "x"


def test_null_index_finds_no_copies() -> None:
    index = NullIndex()
    index.add("a", STORY)
    assert index.add("b", STORY) == "b"
