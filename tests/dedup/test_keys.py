from __future__ import annotations

from importlib import resources

import pytest

from marsad.dedup.keys import (
    EVENT_FAMILY,
    GENERIC_WORDS_LEXICON,
    EventFamily,
    actors_compatible,
    families_of_type,
    name_words,
)
from marsad.event import Actor, EventType, SubEventType
from marsad.normalize import fold


def test_every_sub_event_type_has_a_family() -> None:
    assert set(EVENT_FAMILY) == set(SubEventType)


def test_families_group_what_sources_mix_up() -> None:
    S, F = SubEventType, EVENT_FAMILY
    assert F[S.AIR_DRONE_STRIKE] is F[S.SHELLING_ARTILLERY_MISSILE_ATTACK] is F[S.CHEMICAL_WEAPON]
    assert F[S.ARMED_CLASH] is F[S.GOVERNMENT_REGAINS_TERRITORY]
    assert F[S.ARMED_CLASH] is not F[S.NON_VIOLENT_TRANSFER_OF_TERRITORY]
    assert F[S.AIR_DRONE_STRIKE] is not F[S.SUICIDE_BOMB]
    remote = families_of_type(EventType.EXPLOSIONS_REMOTE_VIOLENCE)
    assert remote == {EventFamily.REMOTE_STRIKE, EventFamily.BOMBING}


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        (None, Actor("x"), True),
        (Actor("a", actor_id="RU.mil", side="russia"), Actor("b", actor_id="RU.air", side="russia"), True),
        (Actor("a", actor_id="RU.mil", side="russia"), Actor("b", actor_id="SY.gov", side="gov"), False),
        (Actor("الجيش الروسي"), Actor("الطيران الروسي"), True),
        (Actor("قوات النظام"), Actor("قوات سوريا الديمقراطية"), False),
        (Actor("x", name_en="Russia"), Actor("y", name_en="russia"), True),
    ],
)
def test_actor_compatibility(a: Actor | None, b: Actor | None, compatible: bool) -> None:
    assert actors_compatible(a, b) is compatible
    assert actors_compatible(b, a) is compatible


def test_name_words_drop_the_article_and_generic_words() -> None:
    assert name_words("الجيش الروسي") == {"روسي"}
    assert name_words("قوات النظام") == {"نظام"}


def _lexicon_lines() -> list[str]:
    text = resources.files("marsad").joinpath("lexicons", GENERIC_WORDS_LEXICON).read_text(encoding="utf-8")
    return text.splitlines()


def test_generic_words_lexicon_is_folded_unique_and_sourced() -> None:
    lines = _lexicon_lines()
    assert any(line.startswith("# source:") for line in lines)
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert rows[0] == ["word", "note"]
    words = [row[0] for row in rows[1:]]
    assert words
    assert all(fold(w) == w for w in words)
    assert len(words) == len(set(words))
