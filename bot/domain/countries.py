"""Emergency, crisis, abuse and advice numbers per country, and which of them a reply shows.

The data is ``content/countries.yaml`` (medical reference, section 6). A string carrying a
bracketed caveat such as ``[unverified]`` was not confirmed in a source, so it is never shown;
where a country has no verified crisis or abuse line the reply falls back to its verified
emergency number, and where the country is unknown to "your local emergency number" with a
short default list per language.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.core import get_global
from pydantic import BaseModel, ConfigDict, model_validator

_CAVEAT_RE = re.compile(r"\[[^\]]*\]")
_DIAL_RE = re.compile(r"\d(?:[\d -]*\d)?")
_DIGITS_RE = re.compile(r"\d+")
#: How many emergency numbers a call to action names (Russia: 112 and 103).
NUMBERS_NAMED = 2
#: A country's zones are one when their clocks agree every day of this many days ahead.
ZONE_DAYS_COMPARED = 366


def shown(entries: tuple[str, ...]) -> tuple[str, ...]:
    """The entries a user may read: those without a bracketed caveat."""
    return tuple(entry for entry in entries if not _CAVEAT_RE.search(entry))


class LineWords(BaseModel):
    """One language's words for a country's shown crisis and abuse lines (bot addition): the
    entries without a caveat, in the same order and with the same digits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    crisis: tuple[str, ...] | None = None
    support: tuple[str, ...] | None = None
    domestic_abuse: tuple[str, ...] | None = None


class Country(BaseModel):
    """One country's numbers and maternity words, with the pages they were checked against."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    emergency: tuple[str, ...] = ()
    health_advice: tuple[str, ...] = ()
    crisis: tuple[str, ...] = ()
    #: Mental-health support lines that are not crisis lines (the reference lists them among
    #: the crisis lines, marked "not a crisis line"): a reply never shows them as one.
    support: tuple[str, ...] = ()
    domestic_abuse: tuple[str, ...] = ()
    maternity_words: tuple[str, ...] = ()
    #: Support after a pregnancy loss (bot addition: the reference names UK charities only).
    loss_support: tuple[str, ...] = ()
    time_zones: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str = ""
    #: The shown crisis and abuse lines in a reader's language, by locale (bot addition).
    words: dict[str, LineWords] = {}

    @model_validator(mode="after")
    def _words_keep_the_facts(self) -> Country:
        # A translation may change words, never a number, a date or which lines are shown.
        for locale, lines in self.words.items():
            for kind in ("crisis", "support", "domestic_abuse"):
                said: tuple[str, ...] | None = getattr(lines, kind)
                if said is None:
                    continue
                facts = shown(getattr(self, kind))
                if [_DIGITS_RE.findall(e) for e in said] != [_DIGITS_RE.findall(e) for e in facts]:
                    raise ValueError(
                        f"{self.name}: words.{locale}.{kind} must say the shown {kind} "
                        "lines in order with the same digits"
                    )
        return self


class CountryTable(BaseModel):
    """The whole countries file."""

    model_config = ConfigDict(extra="allow", frozen=True)

    version: int
    defaults: dict[str, tuple[str, ...]]
    countries: dict[str, Country]

    @model_validator(mode="after")
    def _defaults_known(self) -> CountryTable:
        for lang, codes in self.defaults.items():
            unusable = [
                code
                for code in codes
                if code not in self.countries or not shown(self.countries[code].emergency)
            ]
            if unusable:
                raise ValueError(f"defaults.{lang}: unknown or unverified countries {unusable}")
        return self


@dataclass(frozen=True)
class Contacts:
    """What a reply shows for one country: only verified entries (``emergency`` may be empty:
    the reply then says "your local emergency number")."""

    code: str
    emergency: tuple[str, ...]
    crisis: tuple[str, ...]
    domestic_abuse: tuple[str, ...]
    support: tuple[str, ...] = ()


def contacts(table: CountryTable, code: str, locale: str | None = None) -> Contacts | None:
    """The verified contacts of the country ``code`` (ISO 3166 alpha-2), or None; the lines
    in the words of ``locale`` where the table has them."""
    country = table.countries.get(code.upper())
    if country is None:
        return None
    emergency = shown(country.emergency)
    return Contacts(
        code=code.upper(),
        emergency=emergency,
        crisis=lines_in(country, "crisis", locale),
        domestic_abuse=own_lines(lines_in(country, "domestic_abuse", locale), emergency),
        support=lines_in(country, "support", locale),
    )


def lines_in(country: Country, field: str, locale: str | None) -> tuple[str, ...]:
    """The shown ``field`` lines ("crisis", "support", "domestic_abuse") of ``country`` in
    the words of ``locale`` where the table has them, else as the table states them."""
    words = country.words.get(locale) if locale else None
    said: tuple[str, ...] | None = getattr(words, field) if words else None
    return said or shown(getattr(country, field))


def own_lines(entries: tuple[str, ...], emergency: tuple[str, ...]) -> tuple[str, ...]:
    """The ``entries`` that are lines of their own: an entry that names only the number the
    reply tells the user to call in danger (the first emergency number) is none. Where the
    reference has no abuse line it says so in the entry ("112 (police) — no national
    domestic abuse line confirmed", Nigeria): a reply that listed it as an abuse helpline
    pointed to a line that is not there; it says "call 112" when in danger instead. A
    police number the reply does not say to call (Israel's 100) stays listed."""
    called = set(dial_numbers(emergency)[:1])
    return tuple(entry for entry in entries if not set(_DIAL_RE.findall(entry)) <= called)


def contacts_for(table: CountryTable, country: str | None, locale: str) -> tuple[Contacts, ...]:
    """The user's own country when known, else the default list for their language."""
    if country:
        own = contacts(table, country, locale)
        if own is not None:
            return (own,)
    codes = table.defaults.get(locale) or next(iter(table.defaults.values()), ())
    return tuple(found for code in codes if (found := contacts(table, code, locale)) is not None)


@dataclass(frozen=True)
class Place:
    """What the words of a reply know of where the user is: the country (a code of the table),
    the emergency numbers to dial there, and its verified crisis lines and support after a
    loss; all empty when the country is not known, and the words then say "your local
    emergency number". A known country may have no verified emergency number (Kenya): the
    words then say "your local emergency number" without listing other countries' numbers."""

    country: str | None = None
    emergency: tuple[str, ...] = ()
    crisis: tuple[str, ...] = ()
    loss_support: tuple[str, ...] = ()
    #: The crisis lines in a reader's language, by locale, where the table words them.
    crisis_words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Where the country is not known: the crisis lines of the countries the reader's language
    #: lists by default, by locale (``Catalog.crisis_examples``, worded on first use).
    crisis_examples: Callable[[str], tuple[str, ...]] | None = field(
        default=None, compare=False, repr=False
    )

    def crisis_in(self, locale: str) -> tuple[str, ...]:
        """The crisis lines as a reader of ``locale`` reads them: "111 (единый
        контакт-центр ...)" in Russian, not the table's English."""
        return dict(self.crisis_words).get(locale, self.crisis)

    def crisis_elsewhere(self, locale: str) -> tuple[str, ...]:
        """For a reader whose country is not known, "Country: line" for each country their
        language lists by default (a Spanish reader is not told of the UK's Samaritans
        alone); nothing when the country is known."""
        return self.crisis_examples(locale) if self.crisis_examples is not None else ()


UNKNOWN_PLACE = Place()


def place(table: CountryTable, country: str | None) -> Place:
    """The place of a user whose stored country is ``country`` (None or not in the table:
    unknown)."""
    if not country or country.upper() not in table.countries:
        return UNKNOWN_PLACE
    code = country.upper()
    found = table.countries[code]
    return Place(
        code,
        dial_numbers(shown(found.emergency)),
        crisis=shown(found.crisis),
        loss_support=shown(found.loss_support),
        crisis_words=tuple((locale, lines_in(found, "crisis", locale)) for locale in found.words),
    )


def dial_numbers(entries: tuple[str, ...]) -> tuple[str, ...]:
    """The numbers to dial in verified emergency entries, without their explanations
    ("103 (скорая помощь; 03 from a landline)" is "103"), at most ``NUMBERS_NAMED``."""
    numbers: list[str] = []
    for entry in entries:
        found = _DIAL_RE.match(entry.strip())
        if found is not None and found.group() not in numbers:
            numbers.append(found.group())
    return tuple(numbers[:NUMBERS_NAMED])


def country_for_zone(table: CountryTable, zone: str) -> str | None:
    """The country whose time zones list the IANA zone ``zone``, or None."""
    for code, country in table.countries.items():
        if zone in country.time_zones:
            return code
    return None


def single_zone(country: Country, today: dt.date) -> str | None:
    """The time zone of a country whose clocks all read the same time every day of the coming
    year (the first one listed, the country's main zone: Germany, Argentina, Kazakhstan), or
    None when its zones differ (Spain's Canaries, the United States, Russia) or none is
    listed. Links ("GB", "Europe/Belfast") agree with their zone, so they do not count."""
    return _single_zone(country.time_zones, today.replace(day=1))


@functools.lru_cache(maxsize=512)
def _single_zone(zones: tuple[str, ...], start: dt.date) -> str | None:
    known: list[ZoneInfo] = []
    for name in zones:
        try:
            known.append(ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError):
            continue
    if not known:
        return None
    if len({_offsets(zone.key, start) for zone in known}) > 1:
        return None
    return str(known[0].key)


def zone_choices(country: Country, today: dt.date) -> tuple[str, ...]:
    """The zones to offer a person of ``country``, one per group of its zones, in the order
    listed (the main zone first): zones are one group when their clocks read the same every
    day of the coming year and CLDR gives them the same metazone. So the United States has
    Eastern (New York), Central, Mountain (Denver), Arizona (Phoenix, Mountain time without
    summer time), Pacific, Alaska, Adak and Hawaii; Spain has Madrid and the Canaries. A link
    ("US/Eastern", "Navajo") is named by its zone (CLDR's aliases)."""
    return _zone_choices(country.time_zones, today.replace(day=1))


@functools.lru_cache(maxsize=512)
def _zone_choices(zones: tuple[str, ...], start: dt.date) -> tuple[str, ...]:
    aliases: Mapping[str, str] = get_global("zone_aliases")
    metazones: Mapping[str, str] = get_global("meta_zones")
    groups: dict[tuple[str | None, tuple[tuple[int, int], ...]], str] = {}
    for name in zones:
        zone = aliases.get(name, name)
        try:
            offsets = _offsets(zone, start)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        metazone = metazones.get(zone)
        if metazone is None:
            # A zone newer than Babel's CLDR has no metazone: it joins the group whose
            # clocks it keeps, if one is listed.
            same = next((key for key in groups if key[1] == offsets), None)
            if same is not None:
                continue
        groups.setdefault((metazone, offsets), zone)
    return tuple(dict.fromkeys(groups.values()))


@functools.lru_cache(maxsize=1024)
def _offsets(zone: str, start: dt.date) -> tuple[tuple[int, int], ...]:
    """The clocks of ``zone`` from ``start``, as compared: each day (counted from ``start``)
    whose offset from UTC at noon UTC differs from the day before's, with that offset in
    seconds. Two zones agree for the days compared when these are equal."""
    info = ZoneInfo(zone)
    noon = dt.datetime(start.year, start.month, start.day, 12, tzinfo=dt.UTC)
    changes: list[tuple[int, int]] = []
    for day in range(ZONE_DAYS_COMPARED):
        offset = (noon + dt.timedelta(days=day)).astimezone(info).utcoffset()
        seconds = int(offset.total_seconds()) if offset is not None else 0
        if not changes or changes[-1][1] != seconds:
            changes.append((day, seconds))
    return tuple(changes)
