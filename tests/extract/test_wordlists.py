"""The actor, trigger, claim and truce lexicons: header, source, folded keys, no duplicates."""

from __future__ import annotations

import pytest

from marsad.errors import ConfigError
from marsad.normalize import fold
from marsad.normalize.lexicon import parse_wordlist, read_wordlist

#: Each lexicon this module family reads, with its match-key columns.
LEXICONS = {
    "actors.tsv": ("alias",),
    "titles.tsv": ("title",),
    "demonyms.tsv": ("adjective",),
    "force_nouns.tsv": ("noun",),
    "first_names.tsv": ("name",),
    "name_stopwords.tsv": ("word",),
    "role_modifiers.tsv": ("word",),
    "org_heads.tsv": ("head",),
    "triggers.tsv": ("form",),
    "trigger_modifiers.tsv": ("form",),
    "trigger_exclusions.tsv": ("trigger", "next"),
    "weapons.tsv": ("form",),
    "targets.tsv": ("form",),
    "speech_verbs.tsv": ("form",),
    "stance_cues.tsv": ("form",),
    "anonymous_speakers.tsv": ("word",),
    "negation.tsv": ("form",),
    "modality.tsv": ("form",),
    "casualty_words.tsv": ("form",),
    "aggregate_cues.tsv": ("form",),
    "truce_terms.tsv": ("form",),
    "truce_parties.tsv": ("form",),
    "argument_cues.tsv": ("form", "role"),
    "place_anaphors.tsv": ("form",),
}


@pytest.mark.parametrize(("name", "keys"), LEXICONS.items())
def test_keys_are_folded_and_unique(name: str, keys: tuple[str, ...]) -> None:
    words = read_wordlist(name)
    assert words.source, f"{name} has no '# source:' line"
    assert words.rows, f"{name} is empty"
    seen = set()
    for row in words.rows:
        key = tuple(row[k] for k in keys)
        assert all(part and fold(part) == part for part in key), f"{name}: {key} is not folded"
        assert key not in seen, f"{name}: {key} appears twice"
        seen.add(key)


def test_trigger_rows_name_known_sub_types_and_strengths() -> None:
    from marsad.event import SubEventType

    for row in read_wordlist("triggers.tsv").rows:
        SubEventType(row["sub_event_type"])
        assert row["strength"] in ("strong", "weak")
        assert row["pos"] in ("noun", "verb", "adj")


def test_a_row_longer_than_the_header_is_an_error() -> None:
    with pytest.raises(ConfigError, match="cells"):
        parse_wordlist("bad.tsv", "# source: test\na\tb\n1\t2\t3\n")


def test_missing_file_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="missing"):
        read_wordlist("no_such_lexicon.tsv")


def test_argument_cue_roles_and_anaphor_kinds_are_known() -> None:
    from marsad.event import PlaceKind

    roles = {
        "complementizer",
        "current_period",
        "time_anchor",
        "offset_anchor",
        "offset_link",
        "reaction",
        "pluperfect",
        "relative",
        "support",
        "clash_between",
        "origin",
        "landmark",
    }
    assert {row["role"] for row in read_wordlist("argument_cues.tsv").rows} == roles
    for row in read_wordlist("place_anaphors.tsv").rows:
        assert row["role"] in ("anaphor", "modifier", "blocker")
        if row["role"] == "anaphor":
            assert all(PlaceKind(kind) for kind in row["kinds"].split(","))
