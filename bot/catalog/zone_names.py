"""Time zones by city, both ways: the zone of a typed city ("Москва", "Nueva York", "Ciudad de
México", "Munich"), and the name a zone is shown by in a person's language (``zone_name``).

Names come from the IANA zone ids themselves ("America/New_York" gives "new york") and from
CLDR's exemplar city of every zone in English, Spanish and Russian and each content locale
(through Babel: "Москва", "Нью-Йорк", "Ciudad de México"), plus a few big cities that are not
a zone's own city (``OTHER_CITIES``). Matching ignores case, accents and punctuation.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_gmt, get_timezone_location

from bot.domain.textnorm import normalize, tokenize

#: Languages whose CLDR city names are always recognised, whatever the content locales are.
NAME_LANGUAGES = ("en", "es", "ru")
MAX_TYPED = 64  # characters of a typed city looked at
#: Zones shown by their own name, not a city: universal time has none.
UNIVERSAL = frozenset({"UTC", "Etc/UTC", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"})
# Any day will do for the offset of a zone without a city: Etc zones keep one all year.
_FIXED_OFFSET_DAY = dt.datetime(2000, 1, 1)
#: Big cities that are no zone's exemplar city, by name in en, es, ru and their own language.
OTHER_CITIES = {
    "Europe/Berlin": (
        "Munich",
        "München",
        "Múnich",
        "Мюнхен",
        "Hamburg",
        "Hamburgo",
        "Гамбург",
        "Frankfurt",
        "Fráncfort",
        "Франкфурт",
        "Cologne",
        "Köln",
        "Colonia",
        "Кёльн",
    ),
    "Europe/Madrid": (
        "Barcelona",
        "Барселона",
        "Valencia",
        "Валенсия",
        "Sevilla",
        "Seville",
        "Севилья",
        "Bilbao",
        "Бильбао",
        "Málaga",
        "Малага",
    ),
    "Europe/Moscow": (
        "Saint Petersburg",
        "St Petersburg",
        "San Petersburgo",
        "Санкт-Петербург",
        "Петербург",
        "Питер",
        "Нижний Новгород",
        "Казань",
        "Kazan",
    ),
    "America/New_York": (
        "Washington",
        "Washington DC",
        "Boston",
        "Бостон",
        "Вашингтон",
        "Philadelphia",
        "Filadelfia",
        "Atlanta",
        "Miami",
    ),
    "America/Los_Angeles": ("San Francisco", "Сан-Франциско", "Seattle", "Сиэтл", "San Diego"),
    "America/Chicago": ("Houston", "Хьюстон", "Dallas", "Даллас", "Austin"),
    "America/Mexico_City": ("Guadalajara", "Гвадалахара", "Puebla"),
    "Europe/London": (
        "Manchester",
        "Манчестер",
        "Birmingham",
        "Edinburgh",
        "Эдинбург",
        "Glasgow",
        "Liverpool",
        "Ливерпуль",
        "Leeds",
        "Bristol",
        "Cardiff",
        "Belfast",
    ),
    "Europe/Rome": ("Milan", "Milán", "Milano", "Милан", "Naples", "Nápoles", "Неаполь"),
    "Europe/Paris": ("Marseille", "Marsella", "Марсель", "Lyon", "Lyón", "Лион"),
}


def _key(text: str) -> str:
    return " ".join(tokenize(normalize(text, MAX_TYPED)))


class ZoneNames:
    """Finds the IANA zone of a typed city or zone name."""

    def __init__(self, locales: Iterable[str] = ()) -> None:
        zones = available_timezones()
        self._zones = zones
        self._aliases: dict[str, str] = dict(get_global("zone_aliases"))
        # Every zone a name fits, in the order found ("eastern": Canada/Eastern, US/Eastern).
        self._names: dict[str, list[str]] = {}
        for zone in sorted(zones):
            if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
                self._add(zone.rsplit("/", 1)[1].replace("_", " "), zone)
        for language in dict.fromkeys((*NAME_LANGUAGES, *locales)):
            try:
                cldr = Locale.parse(language).time_zones
            except (ValueError, UnknownLocaleError):
                continue
            for zone in sorted(cldr):
                city = cldr[zone].get("city")
                if zone in zones and isinstance(city, str):
                    self._add(city, zone)
        for zone, cities in OTHER_CITIES.items():
            for city in cities:
                self._add(city, zone)

    def _add(self, name: str, zone: str) -> None:
        fits = self._names.setdefault(_key(name), [])
        if zone not in fits:
            fits.append(zone)

    def find(self, text: str, prefer: Sequence[str] = ()) -> str | None:
        """The zone whose city or name ``text`` is, or None: of several, the first listed in
        ``prefer`` (the person's country's zones), else the first found. A link ("US/Eastern")
        is given as its zone ("America/New_York", CLDR's aliases)."""
        key = _key(text)
        fits = self._names.get(key, []) if key else []
        if not fits:
            return None
        zone = next((z for z in prefer if z in fits), fits[0])
        canonical = self._aliases.get(zone, zone)
        return canonical if canonical in self._zones else zone


@functools.cache
def zone_names(locales: tuple[str, ...] = ()) -> ZoneNames:
    """The index, built once per process (about 1,500 names)."""
    return ZoneNames(locales)


def zone_name(zone: str, locale: Locale) -> str:
    """The name a time zone is shown by in ``locale``: its CLDR exemplar city ("Madrid",
    "Мадрид", "Nueva York", "Calcuta"), "UTC", or, for a zone without a city, the offset it
    keeps in CLDR's words ("GMT-03:00" for Etc/GMT+3, which is three hours behind).

    The city only: Babel's longer "Spain (Madrid) Time" falls back, in Russian, to CLDR's
    daylight-time region format ("Индия, летнее время" for India, which has no summer time).
    """
    if zone in UNIVERSAL:
        return "UTC"
    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return zone
    if "/" not in zone or zone.startswith("Etc/"):
        return str(get_timezone_gmt(_FIXED_OFFSET_DAY.replace(tzinfo=info), locale=locale))
    return str(get_timezone_location(zone, locale=locale, return_city=True))
