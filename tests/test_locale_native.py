"""Spanish and Russian read as written, not translated: dates, units and plurals from CLDR
(Babel), typed city names found in every language, no ISO date in a reply, and the content
check catching a command missing from a locale's /help."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.catalog.catalog import Catalog
from bot.catalog.files import CONTENT_DIR
from tests.conftest import Wired
from tests.support.checkin_walk import NORMAL_AT_30_WEEKS
from tests.support.wire import inline_buttons
from tests.test_handlers_continue import last_sent_id, tap
from tests.test_handlers_flow import USER, button, onboard_pregnant, press, send, walk_checkin


async def reminder(w: Wired) -> dict[str, Any]:
    doc = await w.core.storage.load_user(w.core.deps.hasher.user_key(USER))
    assert doc is not None
    prefs: dict[str, Any] = doc["reminder"]
    return prefs


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Москва", "Europe/Moscow"),
        ("Мадрид", "Europe/Madrid"),
        ("Nueva York", "America/New_York"),
        ("Ciudad de México", "America/Mexico_City"),
        ("Munich", "Europe/Berlin"),
    ],
)
async def test_a_typed_city_sets_its_time_zone(wired: Wired, typed: str, zone: str) -> None:
    """A city typed in Russian, Spanish or English at the zone prompt sets its IANA zone."""
    await onboard_pregnant(wired)
    await press(wired, "rem:zone")
    await send(wired, typed)
    assert (await reminder(wired))["tz"] == zone


async def in_language_with_one_checkin(w: Wired, locale: str) -> None:
    """Onboarded at 30 weeks with one normal check-in, then switched to ``locale``."""
    await onboard_pregnant(w, "30")
    await walk_checkin(w, NORMAL_AT_30_WEEKS)
    await press(w, f"lang:{locale}")
    w.wire.clear()


async def in_russian_with_one_checkin(w: Wired) -> None:
    await in_language_with_one_checkin(w, "ru")


async def test_russian_history_words_the_date_as_russian_does(wired: Wired) -> None:
    """/history in Russian shows "1 июн. 2026 г.", never the ISO date."""
    await in_russian_with_one_checkin(wired)
    await send(wired, "/history")
    page = wired.wire.texts()[-1]
    assert "1 июн. 2026\u202fг." in page
    assert "2026-06-01" not in page


async def test_russian_history_says_the_weeks_with_the_right_plural(wired: Wired) -> None:
    """A check-in at 30 weeks reads "30 недель", not the shortcut "30 нед."."""
    await in_russian_with_one_checkin(wired)
    await send(wired, "/history")
    page = wired.wire.texts()[-1]
    assert "30 недель" in page and "нед." not in page


async def test_russian_chart_caption_counts_with_the_plural_form(wired: Wired) -> None:
    """One check-in is "1 отметка" in the chart's caption, not "Отметок: 1"."""
    await in_russian_with_one_checkin(wired)
    await send(wired, "/history")
    caption = str(wired.wire.sent("sendPhoto")[-1].params["caption"])
    assert "1 отметка" in caption and "Отметок:" not in caption


async def test_a_paused_reminder_names_the_date_in_words(wired: Wired) -> None:
    """The reminder menu says "paused until 4 Jun 2026", not "2026-06-04"."""
    await onboard_pregnant(wired)
    await press(wired, "rem:toggle")
    await press(wired, "rem:pause:3")
    await send(wired, "/reminders")
    menu = wired.wire.texts()[-1]
    assert "4 Jun 2026" in menu and "2026-06-04" not in menu


async def test_russian_pause_buttons_say_days_in_full(wired: Wired) -> None:
    """The Russian pause buttons say "3 дня" or "7 дней", never "дн."."""
    await onboard_pregnant(wired)
    await press(wired, "rem:toggle")
    await press(wired, "lang:ru")
    await send(wired, "/reminders")
    markup = wired.wire.sent()[-1].params["reply_markup"]
    labels = [
        b["text"] for b in inline_buttons(markup) if b["callback_data"].startswith("rem:pause")
    ]
    assert labels and all("дн." not in label for label in labels)
    assert any("дня" in label or "дней" in label for label in labels)


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
def test_help_names_the_summary_command(catalog: Catalog, locale: str) -> None:
    """/help in every language lists /summary."""
    assert "/summary" in catalog.render(locale, "help.j2")


def test_a_command_missing_from_a_locales_help_is_reported(tmp_path: Path) -> None:
    """Dropping /summary from the Spanish /help fails the content check, naming the file."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    help_file = content / "locales" / "es" / "templates" / "help.j2"
    lines = help_file.read_text(encoding="utf-8").splitlines(keepends=True)
    help_file.write_text("".join(x for x in lines if not x.startswith("/summary")), "utf-8")
    problems = Catalog.load(content).problems(index_faq=False)
    assert "locales/es/templates/help.j2: does not name /summary" in problems


def exported(w: Wired, suffix: str) -> tuple[str, bytes]:
    """The name and bytes of the exported file ending with ``suffix``."""
    return next((name, data) for _, name, data in w.wire.files if name.endswith(suffix))


async def test_spanish_csv_has_spanish_headings_and_answers(wired: Wired) -> None:
    """The Spanish CSV names its columns and answers in Spanish, not with ids."""
    await in_language_with_one_checkin(wired, "es")
    await send(wired, "/export")
    _, data = exported(wired, ".csv")
    header, row = data.decode("utf-8-sig").splitlines()[:2]
    assert header.startswith("Id del registro,Fecha,") and "Color" in header
    assert "colour" not in header and "Normal" in row and ",white," not in row


async def test_russian_export_files_have_russian_names(wired: Wired) -> None:
    """The Russian export's files are named in Russian."""
    await in_language_with_one_checkin(wired, "ru")
    await send(wired, "/export")
    assert exported(wired, ".json")[0] == "мои-данные-2026-06-01.json"
    assert exported(wired, ".csv")[0] == "мои-отметки-2026-06-01.csv"


def test_a_plural_missing_a_form_of_its_language_is_reported(tmp_path: Path) -> None:
    """A Russian plural without its "many" form fails the content check, naming the string."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    strings = content / "locales" / "ru" / "strings.account.yaml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("many='отметок', ", ""), encoding="utf-8")
    problems = Catalog.load(content).problems(index_faq=False)
    assert "locales/ru: strings: chart.caption: plural lacks ['many']" in problems


async def test_the_reminder_menu_names_the_zone_by_its_city(wired: Wired) -> None:
    """After "Madrid" is typed, the menu says "time zone: Madrid", never "Europe/Madrid"."""
    await onboard_pregnant(wired)
    await press(wired, "rem:zone")
    await send(wired, "Madrid")
    menu = wired.wire.texts()[-1]
    assert "(time zone: Madrid)" in menu and "Europe/" not in menu


async def test_the_russian_reminder_menu_names_the_zone_in_russian(wired: Wired) -> None:
    """After "Москва" is typed in Russian, the menu says "часовой пояс: Москва"."""
    await onboard_pregnant(wired)
    await press(wired, "lang:ru")
    await press(wired, "rem:zone")
    await send(wired, "Москва")
    menu = wired.wire.texts()[-1]
    assert "(часовой пояс: Москва)" in menu and "Europe/" not in menu


async def test_the_spanish_zone_picker_shows_cities_in_spanish(wired: Wired) -> None:
    """The Spanish zone buttons read "Nueva York" and "Londres", no IANA id."""
    await onboard_pregnant(wired)
    await press(wired, "lang:es")
    await send(wired, "/reminders")
    await tap(wired, "rem:zone", last_sent_id(wired))  # on the menu, as Telegram sends it
    labels = [label for label, data in wired.wire.last_buttons() if data.startswith("rem:zone:")]
    assert "Nueva York" in labels and "Londres" in labels
    assert not any("/" in label for label in labels)


async def test_a_picked_zone_is_named_in_spanish(wired: Wired) -> None:
    """Picking New York's button in Spanish shows "zona horaria: Nueva York"."""
    await onboard_pregnant(wired)
    await press(wired, "lang:es")
    await press(wired, "rem:zone")
    await press(wired, button(wired, "Nueva York"))
    assert "(zona horaria: Nueva York)" in wired.wire.texts()[-1]


@pytest.mark.parametrize(
    ("zone", "locale", "name"),
    [
        ("Europe/Moscow", "ru", "Москва"),
        ("Asia/Kolkata", "es", "Calcuta"),
        ("UTC", "ru", "UTC"),
        ("Etc/GMT+3", "en", "GMT-03:00"),
    ],
)
def test_a_zone_is_named_by_its_city_utc_or_its_true_offset(
    catalog: Catalog, zone: str, locale: str, name: str
) -> None:
    """A zone reads as its CLDR city, UTC as "UTC", and a zone without a city as the offset it
    keeps (Etc/GMT+3 is three hours behind UTC)."""
    assert catalog.zone_name(locale, zone) == name
