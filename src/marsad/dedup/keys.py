"""What makes two reports comparable: event families and actor compatibility.

Sources disagree on the exact sub-event type of one incident far more often than on what
happened: one outlet's "air strike" is another's "shelling", one's "clashes" another's
"the army retook the town". A *family* groups the sub-event types that reports of one
incident are seen to mix; two reports can only be the same incident (or a denial and a
report can only contradict) within one family. See docs/corroboration.md for the table.
"""

from __future__ import annotations

import re
from enum import StrEnum

from marsad.event import Actor, EventType, SubEventType
from marsad.normalize import fold
from marsad.normalize.lexicon import read_rows

GENERIC_WORDS_LEXICON = "actor_generic_words.tsv"


class EventFamily(StrEnum):
    GROUND_BATTLE = "ground_battle"  # clashes and territory changing hands by force
    REMOTE_STRIKE = "remote_strike"  # air/drone strikes, shelling, missiles, chemical attacks
    BOMBING = "bombing"  # IEDs, car and suicide bombs, grenades
    ATTACK_ON_CIVILIANS = "attack_on_civilians"
    SEXUAL_VIOLENCE = "sexual_violence"
    ABDUCTION = "abduction"
    DEMONSTRATION = "demonstration"  # protests and riots: sources differ on "violent"
    AGREEMENT = "agreement"
    ARRESTS = "arrests"
    GROUP_ACTIVITY = "group_activity"
    WEAPONS_DISRUPTED = "weapons_disrupted"
    BASE_ESTABLISHED = "base_established"
    LOOTING = "looting"
    TERRITORY_TRANSFER = "territory_transfer"  # non-violent; kept apart from battles on purpose
    OTHER = "other"


_S, _F = SubEventType, EventFamily
EVENT_FAMILY: dict[SubEventType, EventFamily] = {
    _S.ARMED_CLASH: _F.GROUND_BATTLE,
    _S.GOVERNMENT_REGAINS_TERRITORY: _F.GROUND_BATTLE,
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: _F.GROUND_BATTLE,
    _S.AIR_DRONE_STRIKE: _F.REMOTE_STRIKE,
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: _F.REMOTE_STRIKE,
    _S.CHEMICAL_WEAPON: _F.REMOTE_STRIKE,
    _S.SUICIDE_BOMB: _F.BOMBING,
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: _F.BOMBING,
    _S.GRENADE: _F.BOMBING,
    _S.ATTACK: _F.ATTACK_ON_CIVILIANS,
    _S.SEXUAL_VIOLENCE: _F.SEXUAL_VIOLENCE,
    _S.ABDUCTION_FORCED_DISAPPEARANCE: _F.ABDUCTION,
    _S.PEACEFUL_PROTEST: _F.DEMONSTRATION,
    _S.PROTEST_WITH_INTERVENTION: _F.DEMONSTRATION,
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: _F.DEMONSTRATION,
    _S.VIOLENT_DEMONSTRATION: _F.DEMONSTRATION,
    _S.MOB_VIOLENCE: _F.DEMONSTRATION,
    _S.AGREEMENT: _F.AGREEMENT,
    _S.ARRESTS: _F.ARRESTS,
    _S.CHANGE_TO_GROUP_ACTIVITY: _F.GROUP_ACTIVITY,
    _S.DISRUPTED_WEAPONS_USE: _F.WEAPONS_DISRUPTED,
    _S.HEADQUARTERS_OR_BASE_ESTABLISHED: _F.BASE_ESTABLISHED,
    _S.LOOTING_PROPERTY_DESTRUCTION: _F.LOOTING,
    _S.NON_VIOLENT_TRANSFER_OF_TERRITORY: _F.TERRITORY_TRANSFER,
    _S.OTHER: _F.OTHER,
}


def event_family(sub_event_type: SubEventType) -> EventFamily:
    return EVENT_FAMILY[sub_event_type]


def families_of_type(event_type: EventType) -> frozenset[EventFamily]:
    """Every family with a sub-event type under ``event_type``."""
    return frozenset(fam for sub, fam in EVENT_FAMILY.items() if sub.event_type is event_type)


_WORD = re.compile(r"\w+")
_ARTICLE = "ال"


def generic_actor_words() -> frozenset[str]:
    """Words like "قوات" or "طيران" that name no side by themselves (lexicon, folded)."""
    return frozenset(row["word"] for row in read_rows(GENERIC_WORDS_LEXICON))


def name_words(name: str) -> frozenset[str]:
    """The telling words of a name, folded, without the article and generic words.

    "الجيش الروسي" -> {روسي}; "الطيران الروسي" -> {روسي}.
    """
    words = (_without_article(word) for word in _WORD.findall(fold(name)))
    return frozenset(words) - generic_actor_words()


def _without_article(word: str) -> str:
    return word[len(_ARTICLE) :] if word.startswith(_ARTICLE) and len(word) > 3 else word


def actor_label(actor: Actor | None) -> str | None:
    """How an actor is shown and counted: its English name, else the Arabic name."""
    if actor is None:
        return None
    return actor.name_en or actor.name


def actors_compatible(a: Actor | None, b: Actor | None) -> bool:
    """Could two reports with these actors be about the same deed? Unknown is compatible.

    Resolved actors compare by id, and two different actors on the same side are compatible
    (one source names "the Russian army", another "the Russian air force"). Without ids, the
    names must share a telling word once folded ("الجيش الروسي" ~ "الطيران الروسي"; generic
    words like "قوات" do not count).
    """
    if a is None or b is None:
        return True
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id or bool(a.side and a.side == b.side)
    if a.side and b.side and a.side == b.side:
        return True
    if a.name_en and b.name_en and a.name_en.casefold() == b.name_en.casefold():
        return True
    return bool(name_words(a.name) & name_words(b.name))
