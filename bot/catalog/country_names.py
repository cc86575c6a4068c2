"""Countries by what people type or what Telegram tells: a typed name, a language code.

Names come from CLDR through Babel (every territory name in English, Spanish and Russian and
in each content locale) and from the ``name`` fields of ``content/countries.yaml``; only
countries of that table are ever found. Matching ignores case, accents and punctuation, and
also finds a name inside a short sentence ("I live in Spain") or inflected ("в России").
"""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from bot.domain.countries import CountryTable, country_for_zone
from bot.domain.textnorm import normalize, stem, tokenize

#: Languages whose CLDR names are always recognised, whatever the content locales are.
NAME_LANGUAGES = ("en", "es", "ru")
#: Everyday names CLDR lists only as alternatives (or not at all), by normalised text.
ALIASES = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "inglaterra": "GB",
    "англия": "GB",
    "британия": "GB",
    "usa": "US",
    "america": "US",
    "eeuu": "US",
    "ee uu": "US",
    "сша": "US",
    "америка": "US",
    "рф": "RU",
}
MAX_TYPED = 80  # characters of a typed name looked at
MAX_WORDS = 4  # the longest name, in words, looked for inside a sentence


def _words(text: str) -> tuple[str, ...]:
    return tuple(tokenize(normalize(text, MAX_TYPED)))


class CountryNames:
    """Finds the table's country that a typed text names."""

    def __init__(self, table: CountryTable, locales: Iterable[str]) -> None:
        self._codes = set(table.countries)
        # (language, stemmed words) -> code; the language is that of the name's stemmer.
        self._names: dict[tuple[str, tuple[str, ...]], str] = {}
        languages = dict.fromkeys((*NAME_LANGUAGES, *locales))
        for language in languages:
            try:
                territories = Locale.parse(language).territories
            except (ValueError, UnknownLocaleError):
                continue
            for code in self._codes:
                if code in territories:
                    self._add(language, territories[code], code)
        for code, country in table.countries.items():
            self._add("en", country.name, code)
        for alias, code in ALIASES.items():
            if code in self._codes:
                for language in languages:
                    self._add(language, alias, code)
        self._languages = tuple(languages)

    def _add(self, language: str, name: str, code: str) -> None:
        words = tuple(stem(word, language) for word in _words(name))
        if words:
            self._names.setdefault((language, words), code)

    def find(self, text: str, *, whole: bool = False) -> str | None:
        """The code of the country ``text`` names, or None; with ``whole`` the text must be
        the name and nothing else."""
        words = _words(text)
        if len(words) == 1 and words[0].upper() in self._codes:
            return words[0].upper()
        if whole:
            sizes: Iterable[int] = [len(words)] if len(words) <= MAX_WORDS else []
        else:
            sizes = range(min(MAX_WORDS, len(words)), 0, -1)
        for size in sizes:
            for start in range(len(words) - size + 1):
                part = words[start : start + size]
                for language in self._languages:
                    found = self._names.get((language, tuple(stem(w, language) for w in part)))
                    if found is not None:
                        return found
        return None


def suggested_country(
    table: CountryTable, language_code: str | None, zone: str | None = None
) -> str | None:
    """The table's country most likely the user's: the one whose time zones list the user's
    reminder zone, else the region of the Telegram language code ("es-MX" is MX), else the
    country where the bare language is most spoken ("ru" is RU, through CLDR's likely
    subtags); None when nothing points to a country of the table."""
    if zone:
        found = country_for_zone(table, zone)
        if found is not None:
            return found
    if not language_code:
        return None
    parts = language_code.replace("_", "-").split("-")
    regions = [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
    if regions:
        return regions[0] if regions[0] in table.countries else None
    likely = get_global("likely_subtags").get(parts[0].lower())
    region = str(likely).split("_")[-1] if likely else ""
    return region if region in table.countries else None
