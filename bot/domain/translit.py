"""Russian typed in Latin letters ("krov i golova kruzhitsya", "ne hochu zhit"), read back in
Cyrillic so that the Russian red-flag rules can screen it.

People without a Cyrillic keyboard, or in a hurry, write Russian with Latin letters, in no one
fixed scheme ("zh", "j", "x" and "h" all occur). A message is read this way only when it holds
at least two distinctive Russian words in Latin letters, so English and Spanish text is left
alone. Soft and hard signs are never typed and "й" is often typed as "i": the reading is
matched against the rules' words with those letters dropped or folded (``softless``).
"""

from __future__ import annotations

from collections.abc import Iterable

#: Latin letter groups and their Cyrillic reading, longest first at each position.
_GROUPS = (
    ("shch", "щ"),
    ("tsya", "тся"),
    ("sch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("ya", "я"),
    ("ja", "я"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("yo", "е"),
    ("jo", "е"),
    ("ye", "е"),
    ("yi", "ый"),
    ("iy", "ий"),
    ("ij", "ий"),
    ("ii", "ий"),
)
_LETTERS = dict(
    zip(
        "abvgdezijklmnoprstufhcxywq",
        "абвгдезийклмнопрстуфхцхывк",
        strict=True,
    )
)
_LONGEST = max(len(latin) for latin, _ in _GROUPS)
_GROUP_MAP = dict(_GROUPS)
#: Fewest distinctive Russian words a message needs before it is read as Russian.
MIN_CUES = 2


def to_cyrillic(word: str) -> str:
    """The Cyrillic reading of one lower-case Latin word (other characters are kept)."""
    out: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(_LONGEST, len(word) - i), 1, -1):
            cyrillic = _GROUP_MAP.get(word[i : i + size])
            if cyrillic is not None:
                out.append(cyrillic)
                i += size
                break
        else:
            out.append(_LETTERS.get(word[i], word[i]))
            i += 1
    if len(word) > 1 and word[-1] == "y" and word[-2] in "aeiouy" and out[-1] == "ы":
        # Russian has no "ы" after a vowel: a final "y" there is "й" ("soboy", "kakoy", "moy")
        out[-1] = "й"
    return "".join(out)


#: "iya" is read letter group by letter group as "ийа"; in a Russian word it is "ия".
_IOTATED = (("ийа", "ия"), ("ийу", "ию"), ("ийе", "ие"))


def russian_word(word: str) -> str:
    """``to_cyrillic`` of ``word`` with the vowels after "i" spelt as in a Russian word
    ("vydeleniya": "выделения", not "выделенийа")."""
    out = to_cyrillic(word)
    for typed, meant in _IOTATED:
        out = out.replace(typed, meant)
    return out


def softless(word: str) -> str:
    """``word`` without soft and hard signs, "й" read as "и": how a Latin-letter reading and
    a rule's Cyrillic word are compared."""
    return word.replace("ь", "").replace("ъ", "").replace("й", "и")


class LatinRussian:
    """Decides whether tokens are Russian in Latin letters and gives their Cyrillic reading."""

    def __init__(self, cues: Iterable[str]) -> None:
        self._cues = frozenset(cues)

    def reading(self, tokens: list[str]) -> list[str] | None:
        """The Cyrillic reading of every Latin token (others unchanged), or None when the
        tokens do not look like Russian typed in Latin letters."""
        if len({token for token in tokens if token in self._cues}) < MIN_CUES:
            return None
        return [to_cyrillic(token) if token.isascii() else token for token in tokens]
