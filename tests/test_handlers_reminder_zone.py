"""Handler tests for the reminder's time zone taken from the person's country, in en, es, ru.

Driven at the wire: the real PTB Application, process_update, a fake request.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.catalog.catalog import Catalog
from bot.domain.countries import single_zone
from tests.conftest import Wired
from tests.test_handlers_country import onboard_in
from tests.test_handlers_flow import press, send
from tests.test_handlers_reminders import prefs

#: (language, a country with one time zone, that zone, its name in the reply).
ONE_ZONE: list[tuple[str, str, str, str]] = [
    ("en", "GB", "Europe/London", "Time zone of your country: London"),
    ("es", "CO", "America/Bogota", "Zona horaria de tu país: Bogotá"),
    ("ru", "BY", "Europe/Minsk", "Часовой пояс вашей страны: Минск"),
]

#: (language, a country with several time zones, the words of the zone question, a city
#: typed then and its zone).
SEVERAL_ZONES: list[tuple[str, str, str, str, str]] = [
    ("en", "US", "Pick your time zone", "Chicago", "America/Chicago"),
    ("es", "ES", "Elige tu zona horaria", "Canarias", "Atlantic/Canary"),
    ("ru", "RU", "Выберите часовой пояс", "Новосибирск", "Asia/Novosibirsk"),
]

LANGUAGES = [("en", "GB"), ("es", "CO"), ("ru", "BY")]


async def yes_to_the_offer(w: Wired, language: str, country: str) -> None:
    """Onboarded in ``language`` in ``country``; Yes to the reminder offer at the end."""
    await onboard_in(w, country, language)
    await press(w, "rem:offer:yes", language_code=language)


@pytest.mark.parametrize(("language", "country", "zone", "said"), ONE_ZONE)
async def test_a_picked_time_takes_the_zone_of_a_country_with_one(
    wired: Wired, language: str, country: str, zone: str, said: str
) -> None:
    """A time picked in a country with one time zone is stored in that zone, and the reply
    says so."""
    await yes_to_the_offer(wired, language, country)
    await press(wired, "rem:time:20.00", language_code=language)
    reminder = await prefs(wired)
    assert (reminder["time"], reminder["tz"], reminder["enabled"]) == ("20:00", zone, True)
    assert said in wired.wire.texts()[-1]


@pytest.mark.parametrize(("language", "country", "zone", "said"), ONE_ZONE)
async def test_a_typed_time_takes_the_zone_of_a_country_with_one(
    wired: Wired, language: str, country: str, zone: str, said: str
) -> None:
    """A typed time in a country with one time zone is stored in that zone."""
    await yes_to_the_offer(wired, language, country)
    await send(wired, "21:30", language_code=language)
    reminder = await prefs(wired)
    assert (reminder["time"], reminder["tz"]) == ("21:30", zone)


@pytest.mark.parametrize(("language", "country", "question", "city", "zone"), SEVERAL_ZONES)
async def test_a_country_with_several_zones_is_asked_the_zone_after_the_time(
    wired: Wired, language: str, country: str, question: str, city: str, zone: str
) -> None:
    """In a country with several time zones the time is stored and the zone is asked."""
    await yes_to_the_offer(wired, language, country)
    await press(wired, "rem:time:20.00", language_code=language)
    assert question in wired.wire.texts()[-1]
    assert (await prefs(wired))["time"] == "20:00"
    await send(wired, city, language_code=language)
    assert (await prefs(wired))["tz"] == zone


@pytest.mark.parametrize(("language", "country"), LANGUAGES)
async def test_a_zone_the_person_chose_is_never_replaced_by_the_countrys(
    wired: Wired, language: str, country: str
) -> None:
    """A zone picked before the time (even UTC) stays when the time is set."""
    await onboard_in(wired, country, language)
    await press(wired, "rem:zone:11", language_code=language)  # UTC
    await press(wired, "rem:time", language_code=language)
    await press(wired, "rem:time:20.00", language_code=language)
    assert (await prefs(wired))["tz"] == "UTC"


def test_links_of_one_zone_are_one_zone_and_real_differences_are_several(
    catalog: Catalog,
) -> None:
    """Britain (London and its links) and Argentina (all at UTC-3) have one zone; Spain
    (the Canaries) and Ukraine (Crimea) have several."""
    countries = catalog.countries.countries
    today = dt.date(2026, 12, 6)
    assert single_zone(countries["GB"], today) == "Europe/London"
    assert single_zone(countries["AR"], today) == "America/Argentina/Buenos_Aires"
    assert single_zone(countries["ES"], today) is None
    assert single_zone(countries["UA"], today) is None


async def test_the_menu_of_an_unset_reminder_names_the_countrys_one_zone(wired: Wired) -> None:
    """Before the reminder is on, /reminders names the zone of a one-zone country, not UTC."""
    await onboard_in(wired, "GB")
    await send(wired, "/reminders")
    menu = wired.wire.texts()[-1]
    assert "London" in menu and "UTC" not in menu
