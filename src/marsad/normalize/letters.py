"""Character tables for Arabic normalization: what is dropped, what is folded, what is expanded.

Folding is for *matching*: ta marbuta becomes ha, alef maqsura becomes ya, hamza carriers
lose their hamza. The body itself is never rewritten; see ``normalize.text`` for the map back.
"""

from __future__ import annotations

import unicodedata

#: Characters removed outright: harakat, Quranic marks, superscript alef, tatweel,
#: and invisible controls (zero-width, bidi embeddings/overrides/isolates, BOM, ALM).
DROPPED = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

#: One-to-one folds applied for matching (grouped by kind, several to a line).
# fmt: off
FOLDS: dict[str, str] = {
    # alef and hamza forms
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي",
    # alef maqsura, ta marbuta (matching only)
    "ى": "ي", "ة": "ه",
    # Persian / Urdu / Kurdish variants
    "ک": "ك", "ڪ": "ك", "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي", "ە": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ۃ": "ه", "ٷ": "و", "ۆ": "و",
    # digits: Arabic-Indic, Persian and fullwidth
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    # separators and punctuation
    "٬": ",", "٫": ".", "،": ",", "؛": ";", "؟": "?", "٪": "%", "۔": ".",
    # quotes and brackets
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "＂": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": '"', "›": '"',
    # ﴿ (U+FD3F) opens and ﴾ (U+FD3E) closes in Arabic text (general categories Ps / Pe)
    "﴿": "(", "﴾": ")", "（": "(", "）": ")", "［": "[", "］": "]",
    # dashes and spaces
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\t": " ",
    # ASCII case (str.lower() could change the length of other scripts' text)
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
}
# fmt: on


def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) to base letters via NFKC, then folded."""
    table: dict[str, str] = {}
    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
        char = chr(code)
        base = unicodedata.normalize("NFKC", char)
        if base == char or not base.strip():
            continue
        folded = "".join(FOLDS.get(c, c) for c in base if c not in DROPPED)
        if " " in folded:
            # ﷺ and ﷻ are whole honorific phrases; as one space they stay out of every token,
            # so a token's raw characters always fold back to the token
            folded = " "
        if folded:
            table[char] = folded
    return table


PRESENTATION: dict[str, str] = _presentation_forms()

#: Every character that is not copied as-is (one-to-one replacements included).
ONE_TO_ONE: dict[str, str] = {**FOLDS, **{k: v for k, v in PRESENTATION.items() if len(v) == 1}}
EXPANDED: dict[str, str] = {k: v for k, v in PRESENTATION.items() if len(v) > 1}

ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("پچژگکیە")
