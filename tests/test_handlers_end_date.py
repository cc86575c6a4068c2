"""Handler tests: the day of a birth or a loss, asked after the stage in onboarding and in
/profile, gives the check-in and its triage the days since (the real PTB Application,
process_update, a fake request at the wire; the clock is 2026-06-01)."""

from __future__ import annotations

from tests.conftest import Wired
from tests.support.checkin_walk import walk_questions
from tests.test_handlers_flow import press, send, stored_doc

LOCHIA = {
    "danger_signs": ["none"],
    "colour": "red",
    "consistency": None,
    "amount": "usual",
    "odour": "none",
    "itch_soreness": "none",
    "pain": ["none"],
    "bleeding": "light",
    "fever": "no",
    "context": ["none"],
}


async def onboard_with_end_date(w: Wired, status: str, day: str | None) -> None:
    """Onboarding as ``status`` (postpartum or after_loss) with the day typed, or skipped."""
    await send(w, "/start")
    await press(w, "ob:consent")
    await press(w, f"ob:status:{status}")
    if day is None:
        await press(w, "ob:skip")
    else:
        await send(w, day)
    await press(w, "ob:country:skip")


async def checkin(w: Wired, answers: dict[str, object]) -> list[str]:
    """A check-in answered from ``answers``; the fields asked, in order."""
    await send(w, "/checkin")
    asked: list[str] = []

    async def tap(data: str) -> None:
        asked.append(data.split(":")[3])
        await press(w, data)

    await walk_questions(w.wire.last_buttons, tap, answers)  # type: ignore[arg-type]
    return asked


async def test_after_birth_the_birth_date_is_asked_after_the_stage(wired: Wired) -> None:
    """Choosing "had a baby" asks when the baby was born, with a date in the past as example."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:postpartum")
    text = wired.wire.texts()[-1]
    assert "When was your baby born?" in text and "May 18, 2026" in text
    assert ("Skip", "ob:skip") in wired.wire.last_buttons()


async def test_after_a_loss_the_day_is_asked_after_the_condolence(wired: Wired) -> None:
    """After a loss, condolence comes first, then a gentle, skippable question for the day."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:after_loss")
    text = wired.wire.texts()[-1]
    assert text.startswith("🤍 I'm so sorry for your loss")
    assert "the day your pregnancy ended" in text and "baby" not in text


async def test_the_birth_date_is_stored_and_the_checkin_knows_the_days_since(
    wired: Wired,
) -> None:
    """A birth on 25 May is stored; the check-in does not ask the days and stores 7."""
    await onboard_with_end_date(wired, "postpartum", "2026-05-25")
    asked = await checkin(wired, LOCHIA)
    doc = await stored_doc(wired)
    assert doc["profile"]["end_date"] == "2026-05-25"
    assert "days_since_end" not in asked
    assert doc["checkins"][0]["answers"]["days_since_end"] == 7


async def test_a_birth_date_in_the_future_is_refused(wired: Wired) -> None:
    """A birth date after today is refused with an example in the past, and nothing stored."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:postpartum")
    await send(wired, "2026-07-01")
    refusal = wired.wire.texts()[-1]
    assert "July 1, 2026</b>, which is in the future" in refusal and "May 18, 2026" in refusal
    assert (await stored_doc(wired))["profile"]["end_date"] is None


async def test_without_the_date_the_checkin_asks_the_days_since(wired: Wired) -> None:
    """When the birth date was skipped, the check-in asks how many days ago it was."""
    await onboard_with_end_date(wired, "postpartum", None)
    await send(wired, "/checkin")
    walk = (wired.wire.last_buttons, lambda data: press(wired, data), LOCHIA)
    await walk_questions(*walk, stop_at="days_since_end")
    assert "How many days ago was your baby born?" in wired.wire.texts()[-1]
    await send(wired, "3")
    await walk_questions(*walk)
    [stored] = (await stored_doc(wired))["checkins"]
    assert stored["answers"]["days_since_end"] == 3


async def test_red_bleeding_two_days_after_birth_is_normal_but_not_a_month_after(
    wired: Wired,
) -> None:
    """The days since the birth decide the level: red lochia is normal on day 2, not day 30."""
    await onboard_with_end_date(wired, "postpartum", "2026-05-30")
    await checkin(wired, LOCHIA)
    await press(wired, "ob:status:postpartum")  # the /profile stage buttons' data
    await send(wired, "2026-05-02")
    await checkin(wired, LOCHIA)
    levels = [c["level"] for c in (await stored_doc(wired))["checkins"]]
    assert levels[0] == "normal" and levels[1] != "normal"


async def test_a_new_stage_forgets_the_old_date(wired: Wired) -> None:
    """Changing from "had a baby" to "pregnancy ended" does not keep the birth date."""
    await onboard_with_end_date(wired, "postpartum", "2026-05-25")
    await send(wired, "/profile")
    await press(wired, "ob:status:after_loss")
    assert (await stored_doc(wired))["profile"]["end_date"] is None


async def test_history_after_a_birth_lists_the_checkin_with_the_days_since(
    wired: Wired,
) -> None:
    """/history after a birth 12 days ago lists the check-in as '12 days after the birth', not
    an error."""
    await onboard_with_end_date(wired, "postpartum", "2026-05-20")
    await checkin(wired, LOCHIA)
    await send(wired, "/history")
    listing = wired.wire.texts()[-1]
    assert "Your check-ins" in listing and "12 days after the birth" in listing


async def test_history_after_a_loss_lists_the_checkin(wired: Wired) -> None:
    """/history after a loss lists the check-in under its stage, not an error."""
    await onboard_with_end_date(wired, "after_loss", "2026-05-20")
    await checkin(wired, LOCHIA)
    await send(wired, "/history")
    listing = wired.wire.texts()[-1]
    assert "Your check-ins" in listing and "12 days after the pregnancy ended" in listing


async def test_a_summary_after_a_birth_is_a_pdf(wired: Wired) -> None:
    """/summary after a birth sends the PDF, not an error."""
    await onboard_with_end_date(wired, "postpartum", "2026-05-20")
    await checkin(wired, LOCHIA)
    await send(wired, "/summary")
    await press(wired, "sum:30")
    method, _, pdf = wired.wire.files[-1]
    assert method == "sendDocument" and pdf.startswith(b"%PDF-")


async def test_a_summary_after_a_loss_is_a_pdf(wired: Wired) -> None:
    """/summary after a loss sends the PDF, not an error."""
    await onboard_with_end_date(wired, "after_loss", "2026-05-20")
    await checkin(wired, LOCHIA)
    await send(wired, "/summary")
    await press(wired, "sum:30")
    method, _, pdf = wired.wire.files[-1]
    assert method == "sendDocument" and pdf.startswith(b"%PDF-")


async def test_after_a_loss_the_example_question_is_not_about_a_pregnancy(wired: Wired) -> None:
    """The closing onboarding message after a loss gives an example question about the loss."""
    await onboard_with_end_date(wired, "after_loss", None)
    done = next(t for t in reversed(wired.wire.texts()) if "type a question" in t)
    assert "30 weeks" not in done and "after a miscarriage" in done


async def test_after_a_birth_the_example_question_is_about_after_the_birth(wired: Wired) -> None:
    """The closing onboarding message after a birth gives an example about bleeding after it."""
    await onboard_with_end_date(wired, "postpartum", None)
    done = next(t for t in reversed(wired.wire.texts()) if "type a question" in t)
    assert "30 weeks" not in done and "after birth" in done


async def test_a_day_and_month_written_with_a_dot_is_that_date_not_a_time(wired: Wired) -> None:
    """A birth date typed "23.05", as it is written in Russia, is the 23rd of May, not 23:05."""
    await send(wired, "/start", language_code="ru")
    for step in ("ob:consent", "ob:status:postpartum"):
        await press(wired, step, language_code="ru")
    await send(wired, "23.05", language_code="ru")
    assert (await stored_doc(wired))["profile"]["end_date"] == "2026-05-23"


async def test_a_spanish_date_with_its_article_is_read(wired: Wired) -> None:
    """A birth date typed "el 23 de mayo", as Spanish speakers say it, is the 23rd of May."""
    await send(wired, "/start", language_code="es")
    for step in ("ob:consent", "ob:status:postpartum"):
        await press(wired, step, language_code="es")
    await send(wired, "el 23 de mayo", language_code="es")
    assert (await stored_doc(wired))["profile"]["end_date"] == "2026-05-23"


async def test_a_russian_date_with_an_ordinal_ending_is_read(wired: Wired) -> None:
    """A birth date typed "23-го мая" is the 23rd of May."""
    await send(wired, "/start", language_code="ru")
    for step in ("ob:consent", "ob:status:postpartum"):
        await press(wired, step, language_code="ru")
    await send(wired, "23-го мая", language_code="ru")
    assert (await stored_doc(wired))["profile"]["end_date"] == "2026-05-23"
