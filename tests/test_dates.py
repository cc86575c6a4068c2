"""Dates as people type them (bot.domain.dates): what a typed answer to a date question says."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from babel import Locale
from babel.dates import format_date, get_date_format

from bot.catalog.files import CONTENT_DIR
from bot.domain.dates import (
    WRITTEN_BOTH_WAYS,
    DateLocale,
    DateWindow,
    _own_region,
    read_date,
    written_both_ways_in_cldr,
)
from tests.e2e import REPO

TODAY = dt.date(2026, 12, 6)  # a Sunday
DUE = DateWindow(earliest=-35, latest=294, example=120)
PERIOD = DateWindow(earliest=-89, latest=0, example=-10)
EN, ES, RU = DateLocale("en"), DateLocale("es"), DateLocale("ru")


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("15/03/2027", EN, dt.date(2027, 3, 15)),
        ("15.03.2027", RU, dt.date(2027, 3, 15)),
        ("2027-03-15", ES, dt.date(2027, 3, 15)),
        ("March 15", EN, dt.date(2027, 3, 15)),
        ("15 de marzo", ES, dt.date(2027, 3, 15)),
        ("15 марта", RU, dt.date(2027, 3, 15)),
        ("next tuesday", EN, dt.date(2026, 12, 8)),
        ("in 12 weeks", EN, dt.date(2027, 2, 28)),
        ("dentro de 12 semanas", ES, dt.date(2027, 2, 28)),
        ("через 12 недель", RU, dt.date(2027, 2, 28)),
    ],
)
def test_a_due_date_is_read_as_people_type_it(
    text: str, where: DateLocale, expected: dt.date
) -> None:
    """Numeric and written dates and relative phrases give the one date they mean."""
    assert read_date(text, where, TODAY, DUE, weeks_pregnant=True).date == expected


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("I'm 20 weeks", EN),
        ("20", EN),
        ("20+3", EN),
        ("estoy de 20 semanas", ES),
        ("20 недель", RU),
    ],
)
def test_weeks_of_pregnancy_are_read_as_weeks(text: str, where: DateLocale) -> None:
    """At a question that accepts weeks, '20 weeks' in any of its forms is 20 completed weeks."""
    reading = read_date(text, where, TODAY, DUE, weeks_pregnant=True)
    assert (reading.weeks, reading.date) == (20, None)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("34+2", EN),
        ("34 weeks and 2 days", EN),
        ("34w2d", EN),
        ("34 semanas y 2 días", ES),
        ("34 semanas y 2 dias", ES),
        ("34 недели и 2 дня", RU),
    ],
)
def test_weeks_and_days_of_pregnancy_keep_the_days(text: str, where: DateLocale) -> None:
    """'34+2' and '34 weeks and 2 days' in any language are 34 weeks and 2 days."""
    reading = read_date(text, where, TODAY, DUE, weeks_pregnant=True)
    assert (reading.weeks, reading.days) == (34, 2)


def test_a_count_after_the_weeks_is_no_days() -> None:
    """'34 weeks, 2 kids at home' is 34 weeks and no days: a bare number needs a word for days."""
    reading = read_date("im 34 weeks, 2 kids at home", EN, TODAY, DUE, weeks_pregnant=True)
    assert (reading.weeks, reading.days) == (34, 0)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("next tuesday", EN),
        ("el martes que viene", ES),
        ("el próximo martes", ES),
        ("proximo martes", ES),
        ("в следующий вторник", RU),
        ("следующий вторник", RU),
    ],
)
def test_next_tuesday_is_read_in_every_language(text: str, where: DateLocale) -> None:
    """'Next tuesday' in en, es and ru, with or without article and accents, is the coming
    Tuesday."""
    assert read_date(text, where, TODAY, DUE).date == dt.date(2026, 12, 8)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("last friday", EN),
        ("el viernes pasado", ES),
        ("viernes pasado", ES),
        ("в прошлую пятницу", RU),
        ("прошлую пятницу", RU),
    ],
)
def test_last_friday_is_read_in_every_language(text: str, where: DateLocale) -> None:
    """'Last friday' in en, es and ru is the Friday before today."""
    assert read_date(text, where, TODAY, PERIOD).date == dt.date(2026, 12, 4)


def test_this_weekday_is_read_in_spanish() -> None:
    """'este viernes' (CLDR's 'this friday') is the coming Friday."""
    assert read_date("este viernes", ES, TODAY, DUE).date == dt.date(2026, 12, 11)


@pytest.mark.parametrize(
    ("text", "where"),
    [("el viernes pasado que viene", ES), ("в прошлую пятницу вечером", RU)],
)
def test_a_weekday_with_words_beyond_the_phrase_is_not_guessed(
    text: str, where: DateLocale
) -> None:
    """Two offsets at once, or words the phrase does not have, are not read as a weekday."""
    assert read_date(text, where, TODAY, PERIOD).problem == "unreadable"


def test_a_written_date_without_a_year_takes_the_year_that_answers_the_question() -> None:
    """'Dec 28' typed on 3 January is last December's for a period start."""
    reading = read_date("Dec 28", EN, dt.date(2027, 1, 3), PERIOD)
    assert reading.date == dt.date(2026, 12, 28)


def test_a_period_start_a_few_days_ahead_is_in_the_future() -> None:
    """'Dec 9' typed on 6 December for a period start is read as this 9 December, in the
    future, not as last year's."""
    reading = read_date("Dec 9", EN, TODAY, PERIOD)
    assert (reading.problem, reading.understood) == ("future", dt.date(2026, 12, 9))


def test_a_due_date_too_far_ahead_says_so() -> None:
    """A due date more than 42 weeks away is 'too far', with the date understood."""
    reading = read_date("15/03/2028", EN, TODAY, DUE)
    assert (reading.problem, reading.understood) == ("too_far", dt.date(2028, 3, 15))


def test_a_period_start_long_ago_is_too_old() -> None:
    """A period start more than 89 days ago is 'too old'."""
    reading = read_date("1 June 2026", EN, TODAY, PERIOD)
    assert (reading.problem, reading.understood) == ("too_old", dt.date(2026, 6, 1))


@pytest.mark.parametrize("text", ["hello", "20", "March 2027"])
def test_no_day_is_unreadable(text: str) -> None:
    """Words, a bare number or a month without a day are no date of a period start."""
    assert read_date(text, EN, TODAY, PERIOD).problem == "unreadable"


def test_russian_numeric_dates_are_day_first() -> None:
    """In Russian, 03.04.2027 is 3 April, without asking."""
    assert read_date("03.04.2027", RU, TODAY, DUE).date == dt.date(2027, 4, 3)


def test_a_known_region_decides_the_day_order() -> None:
    """In British English 03/04/2027 is 3 April, in American English 4 March."""
    assert read_date("03/04/2027", DateLocale("en", "GB"), TODAY, DUE).date == dt.date(2027, 4, 3)
    assert read_date("03/04/2027", DateLocale("en", "US"), TODAY, DUE).date == dt.date(2027, 3, 4)


def test_an_ambiguous_numeric_date_without_a_region_offers_both_readings() -> None:
    """English with no region is written both ways: 03/04/2027 offers 4 March and 3 April,
    the language's own order first."""
    reading = read_date("03/04/2027", EN, TODAY, DUE)
    assert reading.choices == (dt.date(2027, 3, 4), dt.date(2027, 4, 3))


@pytest.mark.parametrize("where", [EN, ES, RU, DateLocale("en", "GB")])
def test_the_example_shown_is_read_back_as_the_same_date(where: DateLocale) -> None:
    """A date written as the bot writes it (its examples) is read back as that date."""
    example = DUE.example_date(TODAY)
    assert read_date(where.format(example), where, TODAY, DUE).date == example


def test_a_year_first_region_asks_about_an_ambiguous_day_first_date() -> None:
    """Canadian English writes dates year first, and also both other ways: 03/02/2027 offers
    3 February and 2 March rather than guessing."""
    reading = read_date("03/02/2027", DateLocale("en", "CA"), TODAY, DUE)
    assert set(reading.choices) == {dt.date(2027, 2, 3), dt.date(2027, 3, 2)}


def test_a_decimal_at_the_weeks_question_is_weeks_and_a_part() -> None:
    """Where the weeks were asked for, '38,5' is 38 completed weeks."""
    reading = read_date("38,5", RU, TODAY, DUE, weeks_pregnant=True, weeks_asked=True)
    assert (reading.weeks, reading.date) == (38, None)


def test_a_decimal_at_the_due_date_question_stays_a_date() -> None:
    """At the due-date question '25.5' is the 25th of May, not 25 weeks."""
    reading = read_date("25.5", RU, TODAY, DUE, weeks_pregnant=True)
    assert (reading.weeks, reading.date) == (None, dt.date(2027, 5, 25))


@pytest.mark.parametrize(
    ("text", "where"),
    [("tuesday", EN), ("on tuesday", EN), ("el martes", ES), ("martes", ES), ("во вторник", RU)],
)
def test_a_weekday_alone_is_the_most_recent_for_a_period_start(
    text: str, where: DateLocale
) -> None:
    """A weekday without 'last' or 'next' at a past question is the most recent such day."""
    assert read_date(text, where, TODAY, PERIOD).date == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "where"),
    [("tuesday", EN), ("on tuesday", EN), ("el martes", ES), ("martes", ES), ("во вторник", RU)],
)
def test_a_weekday_alone_is_the_coming_one_for_a_due_date(text: str, where: DateLocale) -> None:
    """A weekday without 'last' or 'next' at the due-date question is the coming such day."""
    assert read_date(text, where, TODAY, DUE, weeks_pregnant=True).date == dt.date(2026, 12, 8)


def test_a_person_in_the_languages_own_region_has_the_languages_locale() -> None:
    """English in the United States is CLDR's "en", not a second locale "en_US" (whose data
    Babel would keep as a merged copy of all of English's)."""
    assert str(DateLocale("en", "US").babel) == "en"
    assert str(DateLocale("es", "ES").babel) == "es"
    assert str(DateLocale("en", "GB").babel) == "en_GB"


@pytest.mark.parametrize("language", ["en", "es", "ru"])
def test_the_languages_own_region_writes_and_orders_dates_as_cldr_does_for_the_pair(
    language: str,
) -> None:
    """Every day of a year is written, and numeric dates are ordered, as with the locale of
    the language and its own region."""
    region = _own_region(language)
    assert region is not None
    pair = Locale(language, region)
    where = DateLocale(language, region)
    assert (
        get_date_format("short", locale=pair).pattern
        == get_date_format("short", locale=where.babel).pattern
    )
    day = dt.date(2027, 1, 1)
    while day.year == 2027:
        assert where.format(day) == format_date(day, "long", locale=pair)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("language", sorted(p.name for p in (CONTENT_DIR / "locales").iterdir()))
def test_which_languages_are_written_both_ways_is_what_cldr_says(language: str) -> None:
    """The kept answer for each language the bot speaks equals CLDR's, worked out afresh."""
    assert WRITTEN_BOTH_WAYS[language] == written_both_ways_in_cldr(language)


def test_a_date_typed_without_a_country_loads_no_other_countrys_locale() -> None:
    """Reading a date from someone whose country is unknown keeps only their language's CLDR
    data, not a locale for every country where the language is official."""
    code = (
        "from bot.domain.dates import DateLocale\n"
        "for language in ('en', 'es', 'ru'): DateLocale(language).orders\n"
        "from babel import localedata\n"
        "print(' '.join(sorted(localedata._cache)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert set(loaded) <= {"root", "en", "es", "ru"}
