"""Handler tests for the reminder's time zone when the bot cannot take it from the country:
asked when no country is known, picked from the country's own zones when it has several
(Denver, the Canaries, Novosibirsk), and a typed zone name read as the country means it
("Eastern" is New York in the United States, Toronto in Canada). In en, es and ru, at the
wire: the real PTB Application, process_update, a fake request."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from tests.conftest import Wired
from tests.test_handlers_country import onboard_in, to_country_step
from tests.test_handlers_flow import press, send
from tests.test_handlers_reminders import prefs

LANGUAGES = ["en", "es", "ru"]

#: (language, a country with several zones, a zone of it the short list lacked).
COUNTRY_ZONES = [
    ("en", "US", "America/Denver"),
    ("es", "ES", "Atlantic/Canary"),
    ("ru", "RU", "Asia/Novosibirsk"),
]


async def onboard_nowhere(w: Wired, lang: str) -> None:
    """Onboarded in ``lang`` with the country question skipped."""
    await to_country_step(w, lang)
    await press(w, "ob:country:skip", language_code=lang)


def zone_buttons(w: Wired) -> dict[str, str]:
    """The zone picker's buttons now shown: callback data -> label."""
    return {data: label for label, data in w.wire.last_buttons() if data.startswith("rem:zone:")}


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_time_set_with_no_country_known_asks_the_zone(
    wired: Wired, catalog: Catalog, lang: str
) -> None:
    """With no country known, a reminder time picked is followed by the zone question, in
    the person's language, rather than a silent UTC."""
    await onboard_nowhere(wired, lang)
    await press(wired, "rem:offer:yes", language_code=lang)
    await press(wired, "rem:time:20.00", language_code=lang)
    assert catalog.t(lang, "reminders.ask_zone") in wired.wire.texts()[-1]
    assert zone_buttons(wired)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_typed_time_with_no_country_known_asks_the_zone(
    wired: Wired, catalog: Catalog, lang: str
) -> None:
    """A typed time with no country known is set and then the zone is asked."""
    await onboard_nowhere(wired, lang)
    await send(wired, "21:30", language_code=lang)
    assert (await prefs(wired))["time"] == "21:30"
    assert catalog.t(lang, "reminders.ask_zone") in wired.wire.texts()[-1]


async def test_the_city_typed_when_asked_sets_the_zone(wired: Wired) -> None:
    """The city typed at the zone question asked after the time sets the zone."""
    await onboard_nowhere(wired, "en")
    await send(wired, "21:30")
    await send(wired, "Denver")
    stored = await prefs(wired)
    assert (stored["time"], stored["tz"], stored["tz_chosen"]) == ("21:30", "America/Denver", True)


@pytest.mark.parametrize(("lang", "country", "zone"), COUNTRY_ZONES)
async def test_the_zone_picker_offers_the_countrys_own_zones(
    wired: Wired, catalog: Catalog, lang: str, country: str, zone: str
) -> None:
    """A person in a country with several zones picks from that country's zones, named by
    their city in the person's language, and the button sets that zone."""
    await onboard_in(wired, country, lang)
    await press(wired, "rem:offer:yes", language_code=lang)
    await press(wired, "rem:time:20.00", language_code=lang)
    name = catalog.zone_name(lang, zone)
    data = next(data for data, label in zone_buttons(wired).items() if label == name)
    await press(wired, data, language_code=lang)
    assert (await prefs(wired))["tz"] == zone


async def test_the_us_picker_has_one_button_per_zone_group(wired: Wired) -> None:
    """The United States picker shows Eastern, Central, Mountain, Arizona, Pacific, Alaska,
    Adak and Hawaii once each, and no Canadian or European city."""
    await onboard_in(wired, "US")
    await press(wired, "rem:zone")
    assert list(zone_buttons(wired).values()) == [
        "New York",
        "Chicago",
        "Denver",
        "Phoenix",
        "Los Angeles",
        "Anchorage",
        "Adak",
        "Honolulu",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_short_list_has_denver_the_canaries_and_novosibirsk(
    wired: Wired, lang: str
) -> None:
    """With no country known, the picker's short list has the places it lacked."""
    await onboard_nowhere(wired, lang)
    await press(wired, "rem:zone", language_code=lang)
    picked = set()
    for data in zone_buttons(wired):
        await press(wired, data, language_code=lang)
        picked.add((await prefs(wired))["tz"])
    assert {"America/Denver", "Atlantic/Canary", "Asia/Novosibirsk"} <= picked


@pytest.mark.parametrize(
    ("country", "typed", "zone"),
    [
        ("US", "Eastern", "America/New_York"),
        ("CA", "Eastern", "America/Toronto"),
        ("US", "Mountain", "America/Denver"),
        ("CA", "Pacific", "America/Vancouver"),
    ],
)
async def test_a_typed_zone_name_is_read_as_the_persons_country_means_it(
    wired: Wired, country: str, typed: str, zone: str
) -> None:
    """ "Eastern" typed by a person in the United States is New York; in Canada, Toronto."""
    await onboard_in(wired, country)
    await press(wired, "rem:zone")
    await send(wired, typed)
    assert (await prefs(wired))["tz"] == zone


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_with_no_country_a_typed_zone_name_follows_the_languages_countries(
    wired: Wired, lang: str
) -> None:
    """With no country known, "Eastern" is read in the countries the language's replies list
    first (the United States before Canada for English and Spanish)."""
    await onboard_nowhere(wired, lang)
    await press(wired, "rem:zone", language_code=lang)
    await send(wired, "Eastern", language_code=lang)
    assert (await prefs(wired))["tz"] == "America/New_York"


async def test_a_zone_not_offered_cannot_be_forged_into_a_button(wired: Wired) -> None:
    """A zone button naming a zone the picker did not offer changes nothing."""
    await onboard_in(wired, "US")
    before = await prefs(wired)
    await press(wired, "rem:zone:Europe/Paris")
    await press(wired, "rem:zone:Etc/GMT+3")
    assert await prefs(wired) == before


@pytest.mark.parametrize(
    ("lang", "typed"), [("en", "9pm"), ("es", "9 de la noche"), ("ru", "9 вечера")]
)
async def test_a_time_typed_at_the_zone_question_sets_the_time_and_asks_the_zone_again(
    wired: Wired, catalog: Catalog, lang: str, typed: str
) -> None:
    """Turning the reminder on with no country known asks the zone first; a time typed there
    is taken as the time, and the zone is asked again, not "I could not find that place"."""
    await onboard_nowhere(wired, lang)
    await send(wired, "/reminders", language_code=lang)
    menu = wired.wire._next_message_id
    await press(wired, "rem:toggle", language_code=lang, message_id=menu)
    assert catalog.t(lang, "reminders.ask_zone") in wired.wire.texts()[-1]
    await send(wired, typed, language_code=lang)
    stored = await prefs(wired)
    assert (stored["time"], stored["enabled"], stored["tz_chosen"]) == ("21:00", True, False)
    reply = wired.wire.texts()[-1]
    assert catalog.t(lang, "reminders.time_set", time="21:00") in reply
    assert catalog.t(lang, "reminders.ask_zone") in reply
