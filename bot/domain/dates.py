"""Dates as people type them, in en, es and ru: one reader for every date question.

"15/03/2027", "15.03.2027", "March 15", "15 de marzo", "15 марта", "next tuesday", "in 12
weeks", "через 12 недель", "3 days ago" are read by dateparser (why dateparser: README,
Dependencies). Its data has "last/this/next <weekday>" in English only, so CLDR's own phrases
for them in the person's language ("el viernes pasado", "в следующий вторник", through Babel)
are handed to it as the English phrase (``_relative_weekday``). The day order of a numeric
date is the one CLDR (through Babel) gives for the person's language and region; where the
region is unknown and the language is written both ways (English: US and UK), both readings
are kept, so an ambiguous "03/04/2027" can be asked about rather than guessed. "I'm 20
weeks" is read with CLDR's own words for "week", and the days after the weeks ("34+2", "34 weeks
2 days", "34 недели и 2 дня") with its words for "day".

A question says which dates answer it (``DateWindow``); ``read_date`` returns the one reading
that does, the readings to choose from, or what was understood and why it does not fit.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.dates import format_date, get_date_format

from bot.domain.pregnancy import MAX_WEEKS
from bot.domain.textnorm import normalize, tokenize

Problem = Literal["unreadable", "future", "too_far", "too_old"]
DayOrder = Literal["DMY", "MDY", "YMD"]
Side = Literal["past", "future"]
_SIDES: tuple[Side, ...] = ("past", "future")
#: A language is "written both ways" when a territory where at least this share of people
#: speaks it officially writes numeric dates in another order than the language's default.
MAJORITY_PERCENT = 50
#: "20+3": 20 weeks and 3 days, as antenatal notes write it.
WEEKS_PLUS_DAYS = re.compile(r"(\d{1,2})\s*\+\s*([0-6])")
#: "38.5", "38,5": weeks and a part of one, typed where only the weeks were asked for.
WEEKS_DECIMAL = re.compile(r"(\d{1,2})[.,]\d")
#: Latin vowels typed without their accent ("dias" for "días").
_UNACCENTED = str.maketrans("áéíóú", "aeiou")
_ORDERS: dict[str, DayOrder] = {"dMy": "DMY", "Mdy": "MDY", "yMd": "YMD"}
#: CLDR's weekday keys, Monday first, and the English weekday dateparser reads for each.
_WEEKDAYS = {
    "mon": "monday",
    "tue": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
#: The English word dateparser reads for CLDR's relative offset of a weekday.
_MODIFIERS = {-1: "last", 0: "this", 1: "next"}
#: Words for "next" that people use and CLDR does not give (its phrase is "el próximo
#: martes"): "el martes que viene".
EXTRA_MODIFIERS: dict[str, dict[str, int]] = {"es": {"que viene": 1}}
MAX_PHRASE = 64  # characters of a typed relative weekday looked at


@dataclass(frozen=True)
class DateWindow:
    """The dates that answer a question, in days from the person's today (negative: past);
    ``example`` is the date shown as an example, inside the window."""

    earliest: int
    latest: int
    example: int

    def holds(self, date: dt.date, today: dt.date) -> bool:
        """True when ``date`` answers the question."""
        return self.earliest <= (date - today).days <= self.latest

    def problem(self, date: dt.date, today: dt.date) -> Problem:
        """Why ``date``, outside the window, does not answer the question."""
        days = (date - today).days
        if days > self.latest:
            return "future" if self.latest <= 0 else "too_far"
        return "too_old"

    @property
    def ahead(self) -> bool:
        """True when most of the window lies after today (a due date), False when before (a
        period start): the side a day named without "last" or "next" is read on."""
        return self.latest > -self.earliest

    def example_date(self, today: dt.date) -> dt.date:
        """The example date for this question."""
        return today + dt.timedelta(days=self.example)


@dataclass(frozen=True)
class Reading:
    """What a typed answer to a date question says.

    Exactly one of: ``date`` (the one reading that answers), ``weeks`` (completed weeks of
    pregnancy, for a question that accepts them), ``choices`` (several readings answer: ask),
    or ``problem`` with ``understood`` (the reading nearest to the question, when any).
    """

    date: dt.date | None = None
    weeks: int | None = None
    #: Days into the current week of pregnancy ("34+2": 2), when ``weeks`` is set.
    days: int = 0
    choices: tuple[dt.date, ...] = field(default=())
    problem: Problem | None = None
    understood: dt.date | None = None


@dataclass(frozen=True)
class DateLocale:
    """How a person writes dates: their language and, when known, their country."""

    language: str
    region: str | None = None

    @functools.cached_property
    def babel(self) -> Locale:
        """The CLDR locale: language and region when CLDR has that pair, else the language.

        The language's own region (the one CLDR reads the bare language as: the United States
        for English, Spain for Spanish) is the language's locale itself: CLDR writes and orders
        dates there as for the bare language (tested), while Babel kept a merged copy of all of
        the language's data for the pair, 4 MB for the United States, once the first person
        there was shown a date."""
        if self.region and self.region != _own_region(self.language):
            try:
                return Locale(self.language, self.region)
            except UnknownLocaleError:
                pass
        return Locale.parse(self.language)

    @functools.cached_property
    def orders(self) -> tuple[DayOrder, ...]:
        """The day orders to read a numeric date in: the locale's, then (region unknown and
        the language written both ways, or a year-first locale) the others."""
        own = _order_of(self.babel)
        if own == "YMD":
            # Year-first countries (Canada) also write day/month/year and month/day/year.
            return (own, "DMY", "MDY")
        if self.region or not _written_both_ways(self.language):
            return (own,)
        other: DayOrder = "DMY" if own == "MDY" else "MDY"
        return (own, other)

    def format(self, date: dt.date) -> str:
        """A date as the person reads it ("15 March 2027", "15 de marzo de 2027")."""
        return format_date(date, "long", locale=self.babel)


def read_date(
    text: str,
    where: DateLocale,
    today: dt.date,
    window: DateWindow,
    *,
    weeks_pregnant: bool = False,
    weeks_asked: bool = False,
) -> Reading:
    """Read a typed answer to a date question (see ``Reading``). ``weeks_pregnant``: "I'm 20
    weeks" and a bare "20" are completed weeks of pregnancy, not dates. ``weeks_asked``: the
    question asked for the weeks, so "38.5" is 38 weeks and a half (elsewhere it may be the
    38th of May read wrongly, or the 25th of May for "25.5")."""
    text = " ".join(text.split())
    if weeks_pregnant:
        decimal = WEEKS_DECIMAL.fullmatch(text) if weeks_asked else None
        if decimal is not None and int(decimal.group(1)) <= MAX_WEEKS:
            return Reading(weeks=int(decimal.group(1)))
        said = _pregnancy_weeks(text, where, today)
        if said is not None:
            return Reading(weeks=said[0], days=said[1])
    readings = _readings(text, where, today)
    if not readings:
        return Reading(problem="unreadable")
    fitting = tuple(d for d in readings if window.holds(d, today))
    if len(fitting) > 1:
        # "tuesday", "el martes", "во вторник": a day named without "last" or "next" is the
        # one on the question's side of today (the most recent for a period start).
        side = "future" if window.ahead else "past"
        own = tuple(d for d in fitting if side in readings[d])
        fitting = own or fitting
    if len(fitting) == 1:
        return Reading(date=fitting[0])
    if fitting:
        return Reading(choices=fitting)
    nearest = min(readings, key=lambda d: _distance(d, today, window))
    return Reading(problem=window.problem(nearest, today), understood=nearest)


def _distance(date: dt.date, today: dt.date, window: DateWindow) -> int:
    days = (date - today).days
    return max(window.earliest - days, days - window.latest)


#: A day and month written with a dot and no year: "23.11", "05.11." (not "23.11.26").
_DOTTED_DAY_MONTH = re.compile(r"(?<![\d.:])(\d{1,2})\.(\d{1,2})\.?(?![\d.:])")

#: "el" or "el día" before a day number ("el 23 de noviembre").
_DAY_ARTICLE = re.compile(r"(?i)^el\s+(?:d[ií]a\s+)?(?=\d)")
#: A Russian ordinal ending on a day number: "23-го", "23-е".
_ORDINAL_ENDING = re.compile(r"(?i)\b(\d{1,2})-(?:го|е|ое)\b")


def _readings(text: str, where: DateLocale, today: dt.date) -> dict[dt.date, set[Side]]:
    """Every date the text can mean, with the preference (past or future dates) that reads
    it: each day order, and a date without a year or a weekday both in the past and in the
    future (the question decides). A bare number is no date."""
    if text.isdigit():
        return {}
    # "23.11" is the 23rd of November as it is written in much of the world; the parser
    # alone reads it as the time 23:11 (today or yesterday), so it is written with a slash.
    text = _DOTTED_DAY_MONTH.sub(r"\1/\2", text)
    # "el 23 de noviembre", "el día 23", "23-го ноября": words around the day the parser
    # does not know, though it reads the day without them.
    text = _ORDINAL_ENDING.sub(r"\1", _DAY_ARTICLE.sub("", text))
    text = _relative_weekday(text, where.language) or text
    found: dict[dt.date, set[Side]] = {}
    for order in where.orders:
        for prefer in _SIDES:
            settings: dict[str, object] = {
                "DATE_ORDER": order,
                "PREFER_LOCALE_DATE_ORDER": False,
                "PREFER_DATES_FROM": prefer,
                "RELATIVE_BASE": _noon(today),
            }
            date = _parse(text, where.language, settings | {"REQUIRE_PARTS": ["day", "month"]})
            if date is None:
                # A weekday or "tomorrow" names no day and month, yet one day.
                date = _parse(text, where.language, settings, period="day")
            if date is not None:
                found.setdefault(date, set()).add(prefer)
    return found


def _parse(
    text: str, language: str, settings: dict[str, object], period: str | None = None
) -> dt.date | None:
    # dateparser and its regex engine (about 3.6 MB of resident memory) are imported when a
    # typed date is first read, not at start-up: a bare number never reaches them.
    from dateparser.date import DateDataParser

    data = DateDataParser(languages=_languages(language), settings=settings).get_date_data(text)
    if data.date_obj is None or (period is not None and data.period != period):
        return None
    date: dt.date = data.date_obj.date()
    return date


@dataclass(frozen=True)
class _WeekdayWords:
    """One weekday's words in CLDR's relative phrases of a language."""

    english: str
    names: frozenset[str]  # the weekday itself ("martes", "пятницу", "пятница")
    modifiers: dict[int, frozenset[str]]  # by offset: the words only that phrase has
    allowed: frozenset[str]  # every word the phrases have (articles, prepositions too)


def _relative_weekday(text: str, language: str) -> str | None:
    """The English phrase dateparser reads ("next tuesday", "last friday", "tuesday") for a
    typed text that is CLDR's phrase for last, this or next weekday in ``language`` ("el
    viernes pasado", "в прошлую пятницу", "este martes"), its articles and prepositions
    optional, or says "next" in a way CLDR does not ("el martes que viene"), or is the
    weekday with those articles alone ("el martes"); None for any other text.

    dateparser 1.5 reads these phrases in English only: its per-language data leaves out
    CLDR's relative weekday phrases, so they are taken from CLDR here, not written by hand."""
    if language == "en":
        return None
    words = tokenize(normalize(text, MAX_PHRASE))
    extra = EXTRA_MODIFIERS.get(language, {})
    spaced = f" {' '.join(words)} "
    offsets = {offset for phrase, offset in extra.items() if f" {phrase} " in spaced}
    extra_words = {word for phrase in extra for word in phrase.split()}
    for day in _weekday_words(language):
        if not day.names & set(words) or not set(words) <= day.allowed | extra_words:
            continue
        said = offsets | {k for k, mods in day.modifiers.items() if mods & set(words)}
        if not said:
            # "el martes": the weekday alone, read on the question's side of today.
            return day.english
        return f"{_MODIFIERS[said.pop()]} {day.english}" if len(said) == 1 else None
    return None


@functools.cache
def _weekday_words(language: str) -> tuple[_WeekdayWords, ...]:
    """CLDR's relative weekday phrases of ``language``, as words per weekday and offset."""
    locale = Locale.parse(language)
    fields = locale._data["date_fields"]
    phrases = {
        key: {
            k: set(tokenize(normalize(p, MAX_PHRASE))) for k, p in fields[key]["relative"].items()
        }
        for key in _WEEKDAYS
    }
    result = []
    for index, (key, english) in enumerate(_WEEKDAYS.items()):
        own = phrases[key]
        others = set().union(
            *(w for other, ks in phrases.items() if other != key for w in ks.values())
        )
        names = set.intersection(*own.values()) - others
        for context in ("format", "stand-alone"):
            names.add(normalize(locale.days[context]["wide"][index], MAX_PHRASE))
        modifiers = {
            k: frozenset(words - set().union(*(w for j, w in own.items() if j != k)))
            for k, words in own.items()
            if k in _MODIFIERS
        }
        result.append(
            _WeekdayWords(
                english=english,
                names=frozenset(names),
                modifiers=modifiers,
                allowed=frozenset(names.union(*own.values())),
            )
        )
    return tuple(result)


def _languages(language: str) -> list[str]:
    # English too: numbers and ISO dates are common to all, and people mix in English words.
    return [language] if language == "en" else [language, "en"]


def _pregnancy_weeks(text: str, where: DateLocale, today: dt.date) -> tuple[int, int] | None:
    """Completed weeks and the days past them from "20", "20+3", "I'm 20 weeks", "20 weeks 3
    days", "estoy de 20 semanas", "20 недель и 3 дня"; None for "in 12 weeks" (a date ahead) or
    anything else."""
    plus = WEEKS_PLUS_DAYS.fullmatch(text)
    days = 0
    if plus is not None:
        number, days = int(plus.group(1)), int(plus.group(2))
    elif text.isdigit():
        number = int(text)
    else:
        folded = text.casefold()
        match = _weeks_pattern(where.language).search(folded)
        if match is None:
            return None
        number = int(match.group(1))
        after = _days_pattern(where.language).match(folded, match.end())
        days = int(after.group(1) or after.group(2)) if after is not None else 0
        # "in 12 weeks" / "через 12 недель" is a date ahead even when past dates are preferred.
        ahead = _parse(
            text, where.language, {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": _noon(today)}
        )
        if ahead is not None and ahead > today:
            return None
    return (number, days) if 0 <= number <= MAX_WEEKS else None


@functools.cache
def _weeks_pattern(language: str) -> re.Pattern[str]:
    """A number followed by CLDR's word for "week" in any plural form and length ("20
    weeks", "20 wks", "20w", "20 semanas", "20 недель", "20 нед.")."""
    # Not followed by a letter: "34w2d" is 34 weeks and 2 days.
    words = _unit_words(language, "duration-week")
    return re.compile(rf"\b(\d{{1,2}})\s*(?:{words})(?![^\W\d_])")


@functools.cache
def _days_pattern(language: str) -> re.Pattern[str]:
    """Right after the weeks, the days past them: "+2", " 2 days", " and 2 days", "2d", " y 2
    días", " и 2 дня" (0 to 6; a bare number needs "+" or CLDR's word for "day": "20 weeks 2
    kids" has no days)."""
    days = _unit_words(language, "duration-day")
    return re.compile(rf"\s*(?:\+\s*([0-6])(?!\w)|(?:,|and|y|и)?\s*([0-6])\s*(?:{days})(?!\w))")


def _unit_words(language: str, unit: str) -> str:
    """CLDR's words for a duration ``unit`` in ``language`` (and English) in any plural form
    and length, longest first, as alternatives of a pattern."""
    words: set[str] = set()
    for lang in _languages(language):
        patterns = Locale.parse(lang)._data["unit_patterns"][unit]
        for length in patterns.values():
            for form, pattern in length.items():
                if form == "per" or not isinstance(pattern, str):
                    continue
                word = pattern.replace("{0}", "").strip().rstrip(".").casefold()
                if word:
                    # "dias" typed without its accent is "días"
                    words.update({re.escape(word), re.escape(word.translate(_UNACCENTED))})
    return "|".join(sorted(words, key=len, reverse=True))


@functools.cache
def _own_region(language: str) -> str | None:
    """The region CLDR reads ``language`` alone as (its likely subtags: "en" is "en_Latn_US")."""
    likely = get_global("likely_subtags").get(language)
    return parse_locale(likely)[1] if likely else None


def _order_of(locale: Locale) -> DayOrder:
    """The order of day, month and year in the locale's short date pattern ("d/M/yy")."""
    pattern = get_date_format("short", locale=locale).pattern
    letters = "".join(dict.fromkeys(c for c in pattern if c in "dMy"))
    return _ORDERS.get(letters, "DMY")


#: ``written_both_ways_in_cldr`` of each language the bot speaks (tests/test_dates.py checks
#: each against CLDR): working it out loads the language's locale for every country where it
#: is official, and Babel keeps them all for the process's life (66 English ones, 5.6 MB;
#: Spanish 3.2 MB, Russian 1.6 MB) once the first person without a country typed a date.
WRITTEN_BOTH_WAYS = {"en": True, "es": True, "ru": False}


def _written_both_ways(language: str) -> bool:
    known = WRITTEN_BOTH_WAYS.get(language)
    return written_both_ways_in_cldr(language) if known is None else known


@functools.cache
def written_both_ways_in_cldr(language: str) -> bool:
    """True when numeric dates in ``language`` are written day-first in some of the countries
    where most people speak it and month-first in others (CLDR)."""
    orders: set[DayOrder] = set()
    for territory, languages in get_global("territory_languages").items():
        info = languages.get(language)
        if not info or info.get("official_status") not in ("official", "de_facto_official"):
            continue
        if info.get("population_percent", 0) < MAJORITY_PERCENT:
            continue
        try:
            orders.add(_order_of(Locale(language, territory)))
        except UnknownLocaleError:
            continue
    return {"DMY", "MDY"} <= orders


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12))
