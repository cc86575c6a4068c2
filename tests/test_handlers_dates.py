"""Handler tests: dates as people type them at the onboarding prompts, in en, es and ru (the
real PTB Application, process_update, a fake request at the wire; the clock is 2026-06-01)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.clock import FakeClock
from bot.domain.pregnancy import due_date_from_weeks
from tests.conftest import Wired
from tests.support.updates import message_update
from tests.test_handlers_flow import USER, press, stored_doc
from tests.test_safety_first import EMERGENCY_EN

TODAY = dt.date(2026, 6, 1)
# Weeks said while the zone is unknown count from the earliest date anywhere (UTC-12): at
# 10:00 UTC that is still 31 May.
WEEKS_ANCHOR = dt.date(2026, 5, 31)
URGENT_EN = "If this is happening to you now"


async def say(w: Wired, text: str, lang: str = "en") -> None:
    await w.app.process_update(message_update(w.app.bot, USER, text, language_code=lang))  # type: ignore[arg-type]


async def at_prompt(w: Wired, status: str = "pregnant", lang: str = "en") -> None:
    """Consent given and ``status`` picked: the bot waits for the typed date."""
    await say(w, "/start", lang)
    await press(w, "ob:consent", language_code=lang)
    await press(w, f"ob:status:{status}", language_code=lang)


async def profile(w: Wired) -> dict[str, object]:
    doc = await stored_doc(w)
    result: dict[str, object] = doc["profile"]
    return result


async def test_a_day_first_numeric_due_date_is_stored_and_repeated(wired: Wired) -> None:
    """'15/03/2027' is stored as 15 March 2027 and the reply says the date it understood."""
    await at_prompt(wired)
    await say(wired, "15/03/2027")
    assert (await profile(wired))["due_date"] == "2027-03-15"
    assert "Due date: <b>March 15, 2027</b>" in wired.wire.texts()[-1]


async def test_a_spanish_written_due_date_is_read(wired: Wired) -> None:
    """'15 de marzo' from a Spanish user is 15 March 2027, repeated in Spanish."""
    await at_prompt(wired, lang="es")
    await say(wired, "15 de marzo", "es")
    assert (await profile(wired))["due_date"] == "2027-03-15"
    assert "<b>15 de marzo de 2027</b>" in wired.wire.texts()[-1]


async def test_a_russian_written_due_date_is_read(wired: Wired) -> None:
    """'15 марта' from a Russian user is 15 March 2027, repeated in Russian."""
    await at_prompt(wired, lang="ru")
    await say(wired, "15 марта", "ru")
    assert (await profile(wired))["due_date"] == "2027-03-15"
    assert "<b>15 марта 2027" in wired.wire.texts()[-1]


async def test_weeks_typed_at_the_due_date_prompt_give_the_due_date(wired: Wired) -> None:
    """'I'm 20 weeks' at the due-date prompt stores the due date of 20 weeks today."""
    await at_prompt(wired)
    await say(wired, "I'm 20 weeks")
    assert (await profile(wired))["due_date"] == due_date_from_weeks(20, WEEKS_ANCHOR).isoformat()
    assert "20 weeks pregnant" in wired.wire.texts()[-1]


async def test_weeks_in_russian_are_read_as_weeks(wired: Wired) -> None:
    """'20 недель' from a Russian user is 20 weeks pregnant, not a date 20 weeks away."""
    await at_prompt(wired, lang="ru")
    await say(wired, "20 недель", "ru")
    assert (await profile(wired))["due_date"] == due_date_from_weeks(20, WEEKS_ANCHOR).isoformat()


async def test_in_twelve_weeks_is_a_due_date_twelve_weeks_ahead(wired: Wired) -> None:
    """'in 12 weeks' is the due date 12 weeks from today, not 12 weeks pregnant."""
    await at_prompt(wired)
    await say(wired, "in 12 weeks")
    assert (await profile(wired))["due_date"] == "2026-08-24"


async def test_a_week_button_stores_those_weeks(wired: Wired) -> None:
    """At the weeks prompt, the button '20' stores 20 weeks."""
    await at_prompt(wired)
    await press(wired, "ob:weeks")
    assert ("20", "ob:wk:20") in wired.wire.last_buttons()
    await press(wired, "ob:wk:20")
    assert (await profile(wired))["due_date"] == due_date_from_weeks(20, WEEKS_ANCHOR).isoformat()


@pytest.mark.parametrize(("text", "lang"), [("38.5", "en"), ("38,5", "es"), ("38,5", "ru")])
async def test_weeks_and_a_half_typed_at_the_weeks_prompt_store_those_weeks(
    wired: Wired, text: str, lang: str
) -> None:
    """'38.5' typed where the weeks were asked for is 38 weeks, not a fever or a date in 2038."""
    await at_prompt(wired, lang=lang)
    await press(wired, "ob:weeks", language_code=lang)
    wired.wire.clear()
    await say(wired, text, lang)
    assert (await profile(wired))["due_date"] == due_date_from_weeks(38, WEEKS_ANCHOR).isoformat()
    assert wired.wire.texts()[0].count("38") >= 1
    assert "2038" not in wired.wire.texts()[0]


@pytest.mark.parametrize(
    ("text", "lang"), [("34+2", "en"), ("34 semanas y 2 días", "es"), ("34 недели и 2 дня", "ru")]
)
async def test_weeks_and_days_typed_at_the_weeks_prompt_keep_the_days(
    wired: Wired, text: str, lang: str
) -> None:
    """'34+2' at the weeks prompt stores the due date of 34 weeks and 2 days, not of 34 weeks
    (two days late, so 37 weeks would be reached two days after the fact)."""
    await at_prompt(wired, lang=lang)
    await press(wired, "ob:weeks", language_code=lang)
    await say(wired, text, lang)
    expected = due_date_from_weeks(34, WEEKS_ANCHOR, days=2)
    assert (await profile(wired))["due_date"] == expected.isoformat()


async def test_a_bare_temperature_at_the_due_date_prompt_still_gets_the_call_to_action(
    wired: Wired,
) -> None:
    """'38.5' at the due-date prompt (which did not ask for weeks) is read as a temperature."""
    await at_prompt(wired)
    wired.wire.clear()
    await say(wired, "38.5")
    assert URGENT_EN in wired.wire.texts()[0]
    assert (await profile(wired))["due_date"] is None


async def test_a_temperature_said_at_the_weeks_prompt_still_gets_the_call_to_action(
    wired: Wired,
) -> None:
    """'I have a fever of 38.5' at the weeks prompt is a fever all the same."""
    await at_prompt(wired)
    await press(wired, "ob:weeks")
    wired.wire.clear()
    await say(wired, "i have a fever of 38.5")
    assert URGENT_EN in wired.wire.texts()[0]
    assert (await profile(wired))["due_date"] is None


async def eight_weeks_in_argentina_at_22(w: Wired, clock: FakeClock) -> None:
    """Onboarding at 01:00 UTC on 2 June (22:00 on 1 June in Buenos Aires): 8 weeks tapped,
    then Argentina, a country of one time zone."""
    await clock.advance(dt.timedelta(hours=15))
    await at_prompt(w)
    await press(w, "ob:weeks")
    await press(w, "ob:wk:8")
    await press(w, "ob:country:AR")


async def test_weeks_said_before_the_zone_is_known_still_read_so_in_a_zone_behind_utc(
    wired: Wired, clock: FakeClock
) -> None:
    """8 weeks tapped at 22:00 in Buenos Aires (already 2 June in UTC) still reads 8 weeks
    once the country gives the zone."""
    wired.wire.clear()
    await eight_weeks_in_argentina_at_22(wired, clock)
    (settled,) = [text for text in wired.wire.texts() if "Argentina" in text]
    assert "8 weeks pregnant" in settled


async def test_the_country_zone_gives_the_local_date_before_any_reminder(
    wired: Wired, clock: FakeClock
) -> None:
    """'today' typed at 22:00 in Buenos Aires (2 June in UTC) is 1 June for a person whose
    country has one zone, though no reminder zone was ever set."""
    await eight_weeks_in_argentina_at_22(wired, clock)
    await say(wired, "/profile")
    await press(wired, "ob:status:not_pregnant")
    await say(wired, "today")
    assert (await profile(wired))["cycle_start"] == "2026-06-01"


async def test_an_ambiguous_numeric_date_is_asked_about(wired: Wired) -> None:
    """'03/02/2027' (English, region unknown) offers 2 March and 3 February; the pick is kept."""
    await at_prompt(wired)
    await say(wired, "03/02/2027")
    buttons = wired.wire.last_buttons()
    assert ("March 2, 2027", "ob:date:2027-03-02") in buttons
    assert ("February 3, 2027", "ob:date:2027-02-03") in buttons
    assert (await profile(wired))["due_date"] is None
    await press(wired, "ob:date:2027-02-03")
    assert (await profile(wired))["due_date"] == "2027-02-03"


async def test_a_russian_numeric_date_is_day_first_without_asking(wired: Wired) -> None:
    """'03.02.2027' from a Russian user is 3 February 2027 at once."""
    await at_prompt(wired, lang="ru")
    await say(wired, "03.02.2027", "ru")
    assert (await profile(wired))["due_date"] == "2027-02-03"


async def test_a_due_date_too_far_ahead_says_what_was_understood(wired: Wired) -> None:
    """A due date two years ahead is refused naming the date read, the reason and an example."""
    await at_prompt(wired)
    await say(wired, "15/03/2028")
    text = wired.wire.texts()[-1]
    assert "March 15, 2028</b>, more than 42 weeks from today" in text
    assert "September 29, 2026" in text  # the example: 120 days ahead
    assert (await profile(wired))["due_date"] is None


async def test_a_period_start_a_few_days_ahead_is_in_the_future(wired: Wired) -> None:
    """'June 4' for a period start on 1 June is 'in the future', with an example in the past."""
    await at_prompt(wired, status="not_pregnant")
    await say(wired, "June 4")
    text = wired.wire.texts()[-1]
    assert "June 4, 2026</b>, which is in the future" in text
    assert "May 22, 2026" in text  # the example: 10 days ago
    assert (await profile(wired))["cycle_start"] is None


async def test_a_period_start_typed_as_days_ago_is_stored(wired: Wired) -> None:
    """'3 days ago' at the period prompt stores 29 May."""
    await at_prompt(wired, status="not_pregnant")
    await say(wired, "3 days ago")
    assert (await profile(wired))["cycle_start"] == "2026-05-29"


async def test_text_without_a_date_is_refused_with_an_example(wired: Wired) -> None:
    """A text with no date in it gets 'could not find a date' and a valid example."""
    await at_prompt(wired)
    await say(wired, "not sure really")
    assert "could not find a date" in wired.wire.texts()[-1]
    assert "September 29, 2026" in wired.wire.texts()[-1]


@pytest.mark.parametrize("typed", ["thirty four", "50"])
async def test_text_without_weeks_at_the_weeks_prompt_is_refused_in_weeks(
    wired: Wired, typed: str
) -> None:
    """At 'How many full weeks pregnant are you?', an answer read as no week is asked again
    for the weeks, with a number as the example, not a date."""
    await at_prompt(wired)
    await press(wired, "ob:weeks")
    await say(wired, typed)
    text = wired.wire.texts()[-1]
    assert "could not read that as weeks of pregnancy" in text and "<b>20</b>" in text
    assert "date" not in text
    assert (await profile(wired))["due_date"] is None


async def test_i_dont_know_keeps_a_pregnancy_without_weeks_and_says_so(wired: Wired) -> None:
    """'I don't know' stores pregnant without a due date, says so, and onboarding goes on."""
    await at_prompt(wired)
    assert ("🤷 I don't know", "ob:unknown") in wired.wire.last_buttons()
    await press(wired, "ob:unknown")
    stored = await profile(wired)
    assert (stored["status"], stored["due_date"]) == ("pregnant", None)
    text = wired.wire.texts()[-1]
    assert "without the week" in text and "Which country are you in?" in text


@pytest.mark.parametrize(
    ("typed", "lang", "said"),
    [
        ("idk", "en", "without the week"),
        ("I don't know yet", "en", "without the week"),
        ("no sé", "es", "estás embarazada, sin la semana"),
        ("ni idea", "es", "estás embarazada, sin la semana"),
        ("не знаю", "ru", "без срока"),
        ("пока не знаю", "ru", "без срока"),
    ],
)
async def test_a_typed_i_dont_know_at_the_due_date_is_the_button(
    wired: Wired, typed: str, lang: str, said: str
) -> None:
    """'idk' typed at the due-date prompt does what the 'I don't know' button does: pregnant
    without a week, said so, and onboarding goes on to the country."""
    await at_prompt(wired, lang=lang)
    await say(wired, typed, lang)
    stored = await profile(wired)
    assert (stored["status"], stored["due_date"]) == ("pregnant", None)
    text = wired.wire.texts()[-1]
    assert said in text and "ob:country:skip" in {d for _, d in wired.wire.last_buttons()}


async def test_a_typed_i_dont_know_at_the_weeks_prompt_is_the_button(wired: Wired) -> None:
    """'dunno' at the weeks prompt (which has the same button) goes on without the week."""
    await at_prompt(wired)
    await press(wired, "ob:weeks")
    await say(wired, "dunno")
    assert "without the week" in wired.wire.texts()[-1]
    assert (await profile(wired))["due_date"] is None


async def test_back_at_the_date_prompt_returns_to_the_stages(wired: Wired) -> None:
    """Back at the due-date prompt shows the stages again; the first onboarding still asks the
    country after the new stage."""
    await at_prompt(wired)
    await press(wired, "ob:back")
    assert "Which of these fits you now?" in wired.wire.texts()[-1]
    await press(wired, "ob:status:postpartum")
    await press(wired, "ob:skip")
    assert "Which country are you in?" in wired.wire.texts()[-1]


async def test_a_red_flag_naming_weeks_is_not_read_as_weeks(wired: Wired) -> None:
    """A red flag that names '20 weeks' at the due-date prompt gets the call to action first
    and stores no due date."""
    await at_prompt(wired)
    wired.wire.clear()
    await say(wired, "20 weeks and I'm bleeding a lot, soaking pads and feel really dizzy")
    assert EMERGENCY_EN in wired.wire.texts()[0]
    assert (await profile(wired))["due_date"] is None


async def test_a_russian_period_start_ahead_is_refused_in_russian(wired: Wired) -> None:
    """'через 3 дня' at the period prompt is refused in Russian as a date not yet come, with
    an example in the past."""
    await at_prompt(wired, status="not_pregnant", lang="ru")
    await say(wired, "через 3 дня", "ru")
    text = wired.wire.texts()[-1]
    assert "<b>4 июня 2026" in text and "эта дата ещё не наступила" in text
    assert "<b>22 мая 2026" in text
    assert (await profile(wired))["cycle_start"] is None


async def test_a_spanish_due_date_too_far_is_refused_in_spanish(wired: Wired) -> None:
    """A due date two years ahead is refused in Spanish, naming the date read."""
    await at_prompt(wired, lang="es")
    await say(wired, "15/03/2028", "es")
    assert "<b>15 de marzo de 2028</b>, a más de 42 semanas de hoy" in wired.wire.texts()[-1]


async def test_i_dont_know_in_spanish(wired: Wired) -> None:
    """The Spanish due-date prompt offers 'No lo sé', which says the week is not saved."""
    await at_prompt(wired, lang="es")
    assert ("🤷 No lo sé", "ob:unknown") in wired.wire.last_buttons()
    await press(wired, "ob:unknown", language_code="es")
    assert "estás embarazada, sin la semana" in wired.wire.texts()[-1]


async def test_last_friday_in_spanish_is_a_period_start(wired: Wired) -> None:
    """'el viernes pasado' at the period prompt on Monday 1 June stores Friday 29 May."""
    await at_prompt(wired, status="not_pregnant", lang="es")
    await say(wired, "el viernes pasado", "es")
    assert (await profile(wired))["cycle_start"] == "2026-05-29"


async def test_last_friday_in_russian_is_a_period_start(wired: Wired) -> None:
    """'в прошлую пятницу' at the period prompt on Monday 1 June stores Friday 29 May."""
    await at_prompt(wired, status="not_pregnant", lang="ru")
    await say(wired, "в прошлую пятницу", "ru")
    assert (await profile(wired))["cycle_start"] == "2026-05-29"


async def test_last_friday_in_english_is_a_period_start(wired: Wired) -> None:
    """'last friday' at the period prompt on Monday 1 June stores Friday 29 May."""
    await at_prompt(wired, status="not_pregnant")
    await say(wired, "last friday")
    assert (await profile(wired))["cycle_start"] == "2026-05-29"


async def test_next_tuesday_in_spanish_is_a_due_date(wired: Wired) -> None:
    """'el martes que viene' at the due-date prompt on Monday 1 June stores Tuesday 2 June."""
    await at_prompt(wired, lang="es")
    await say(wired, "el martes que viene", "es")
    assert (await profile(wired))["due_date"] == "2026-06-02"


async def test_next_tuesday_in_russian_is_a_due_date(wired: Wired) -> None:
    """'в следующий вторник' at the due-date prompt on Monday 1 June stores Tuesday 2 June."""
    await at_prompt(wired, lang="ru")
    await say(wired, "в следующий вторник", "ru")
    assert (await profile(wired))["due_date"] == "2026-06-02"


async def test_next_tuesday_in_english_is_a_due_date(wired: Wired) -> None:
    """'next tuesday' at the due-date prompt on Monday 1 June stores Tuesday 2 June."""
    await at_prompt(wired)
    await say(wired, "next tuesday")
    assert (await profile(wired))["due_date"] == "2026-06-02"


async def test_el_martes_at_the_period_prompt_is_the_last_tuesday(wired: Wired) -> None:
    """'el martes' at the period prompt on Monday 1 June stores Tuesday 26 May."""
    await at_prompt(wired, status="not_pregnant", lang="es")
    await say(wired, "el martes", "es")
    assert (await profile(wired))["cycle_start"] == "2026-05-26"


async def test_el_martes_at_the_due_date_prompt_is_the_coming_tuesday(wired: Wired) -> None:
    """'el martes' at the due-date prompt on Monday 1 June stores Tuesday 2 June."""
    await at_prompt(wired, lang="es")
    await say(wired, "el martes", "es")
    assert (await profile(wired))["due_date"] == "2026-06-02"


async def test_vo_vtornik_at_the_period_prompt_is_the_last_tuesday(wired: Wired) -> None:
    """'во вторник' at the period prompt on Monday 1 June stores Tuesday 26 May."""
    await at_prompt(wired, status="not_pregnant", lang="ru")
    await say(wired, "во вторник", "ru")
    assert (await profile(wired))["cycle_start"] == "2026-05-26"


async def test_vo_vtornik_at_the_due_date_prompt_is_the_coming_tuesday(wired: Wired) -> None:
    """'во вторник' at the due-date prompt on Monday 1 June stores Tuesday 2 June, not a
    choice between the last and the coming Tuesday."""
    await at_prompt(wired, lang="ru")
    await say(wired, "во вторник", "ru")
    assert (await profile(wired))["due_date"] == "2026-06-02"


async def test_on_tuesday_at_the_period_prompt_is_the_last_tuesday(wired: Wired) -> None:
    """'on tuesday' at the period prompt on Monday 1 June stores Tuesday 26 May."""
    await at_prompt(wired, status="not_pregnant")
    await say(wired, "on tuesday")
    assert (await profile(wired))["cycle_start"] == "2026-05-26"


async def test_tuesday_at_the_due_date_prompt_is_the_coming_tuesday(wired: Wired) -> None:
    """'tuesday' at the due-date prompt on Monday 1 June stores Tuesday 2 June, not a choice
    between the last and the coming Tuesday."""
    await at_prompt(wired)
    await say(wired, "tuesday")
    assert (await profile(wired))["due_date"] == "2026-06-02"
