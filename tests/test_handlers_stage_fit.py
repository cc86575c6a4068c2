"""Handler tests: the check-in offers only the options that fit the person's stage, asks no
number the bot already knows, and its calls to action fit the stage (the real PTB
Application, process_update, a fake request at the wire; the clock is 2026-06-01)."""

from __future__ import annotations

import csv
import io
import re

import pytest

from bot.reports.export import LIST_SEPARATOR
from tests.conftest import Wired
from tests.support.checkin_walk import NORMAL_AT_30_WEEKS, walk_questions
from tests.test_handlers_country import to_country_step
from tests.test_handlers_flow import onboard_pregnant, press, send, stored_doc

# A normal check-in: every question answered, the typed numbers skipped.
NOTHING_WRONG = {
    **NORMAL_AT_30_WEEKS,
    "consistency": "creamy",
    "amount": "usual",
    "cycle_day": None,
    "days_since_end": None,
}


async def onboard_cycle_tracker(w: Wired, period_start: str | None = None) -> None:
    """Onboarding as "not pregnant", with the first day of the last period or skipping it."""
    await send(w, "/start")
    await press(w, "ob:consent")
    await press(w, "ob:status:not_pregnant")
    if period_start is None:
        await press(w, "ob:skip")
    else:
        await send(w, period_start)
    await press(w, "ob:country:skip")


async def onboard_as(w: Wired, who: str) -> None:
    """Onboarding as ``who``: "cycle" (not pregnant), "12 weeks" or "30 weeks" pregnant."""
    if who == "cycle":
        await onboard_cycle_tracker(w)
    else:
        await onboard_pregnant(w, who.split()[0])


def offered(w: Wired, field: str) -> dict[str, str]:
    """The options now shown for ``field``: option id -> button label."""
    prefix = f":{field}:"
    return {
        data.rsplit(":", 1)[1]: label
        for label, data in w.wire.last_buttons()
        if prefix in data and (":t:" in data or ":a:" in data)
    }


async def context_step(w: Wired) -> dict[str, str]:
    """Start a check-in, answer everything as normal up to the context question, and return
    the context options offered."""
    await send(w, "/checkin")
    await walk_questions(
        w.wire.last_buttons, lambda data: press(w, data), NOTHING_WRONG, stop_at="context"
    )
    return offered(w, "context")


@pytest.mark.parametrize(
    ("who", "shown"), [("cycle", False), ("12 weeks", False), ("30 weeks", True)]
)
async def test_cord_and_baby_head_are_danger_signs_only_later_in_pregnancy(
    wired: Wired, who: str, shown: bool
) -> None:
    """ "Cord felt" and "baby's head showing" are offered at 30 weeks, not at 12 or in a cycle."""
    await onboard_as(wired, who)
    await send(wired, "/checkin")
    options = offered(wired, "danger_signs")
    assert "heavy_bleeding" in options
    assert ("cord_felt_or_seen" in options) is shown
    assert ("urge_to_push_or_head_visible" in options) is shown


@pytest.mark.parametrize(
    ("who", "baby"), [("cycle", False), ("12 weeks", False), ("30 weeks", True)]
)
async def test_thoughts_of_harm_name_a_baby_only_where_there_is_one(
    wired: Wired, who: str, baby: bool
) -> None:
    """The thoughts-of-harm sign is always offered; it names the baby only later in pregnancy."""
    await onboard_as(wired, who)
    await send(wired, "/checkin")
    label = offered(wired, "danger_signs")["thoughts_of_harm"]
    assert "harming myself" in label
    assert ("baby" in label) is baby


async def test_a_forged_tap_of_an_option_not_offered_changes_nothing(wired: Wired) -> None:
    """At 12 weeks a forged "cord felt" tap is refused as stale and the screen stays asked."""
    await onboard_pregnant(wired, "12")
    await send(wired, "/checkin")
    session = wired.wire.last_buttons()[0][1].split(":")[1]
    await press(wired, f"ck:{session}:t:danger_signs:cord_felt_or_seen")
    doc = await stored_doc(wired)
    assert doc["checkins"] == []
    assert doc["state"]["step"] == "danger_signs"


async def test_a_pregnant_user_is_not_offered_a_period_or_contraception(wired: Wired) -> None:
    """At 30 weeks the context question offers waters and a stitch, not a period or the pill."""
    await onboard_pregnant(wired, "30")
    options = await context_step(wired)
    assert {"waters_already_broken", "cervical_stitch"} <= set(options)
    assert not {"on_period_now", "on_hormonal_contraception"} & set(options)


async def test_a_cycle_tracker_is_not_offered_waters_or_a_stitch(wired: Wired) -> None:
    """A cycle tracker's context question offers a period and contraception, not waters."""
    await onboard_cycle_tracker(wired)
    options = await context_step(wired)
    assert {"on_period_now", "on_hormonal_contraception"} <= set(options)
    assert not {"waters_already_broken", "cervical_stitch"} & set(options)


@pytest.mark.parametrize("status", ["postpartum", "after_loss"])
async def test_after_a_birth_or_loss_no_sweep_or_progesterone_is_offered(
    wired: Wired, status: str
) -> None:
    """After a birth or a loss the context question offers no membrane sweep and no
    progesterone pessaries, which belong to a pregnancy (or fertility treatment)."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, f"ob:status:{status}")
    await press(wired, "ob:skip")
    await press(wired, "ob:country:skip")
    options = await context_step(wired)
    assert "worried_something_is_wrong" in options
    assert not {"sweep_or_internal_exam", "vaginal_progesterone"} & set(options)


async def test_a_pregnant_user_is_offered_the_sweep_and_progesterone(wired: Wired) -> None:
    """In pregnancy the context question still offers a sweep and progesterone."""
    await onboard_pregnant(wired, "30")
    options = await context_step(wired)
    assert {"sweep_or_internal_exam", "vaginal_progesterone"} <= set(options)


async def test_the_known_cycle_day_is_not_asked_and_is_stored(wired: Wired) -> None:
    """With the period start known (20 May), the check-in skips the cycle day and stores 13."""
    await onboard_cycle_tracker(wired, "2026-05-20")
    await send(wired, "/checkin")
    asked: list[str] = []

    async def tap(data: str) -> None:
        asked.append(data.split(":")[3])
        await press(wired, data)

    await walk_questions(wired.wire.last_buttons, tap, NOTHING_WRONG)
    assert "cycle_day" not in asked
    [checkin] = (await stored_doc(wired))["checkins"]
    assert checkin["answers"]["cycle_day"] == 13


async def test_the_cycle_day_is_asked_when_not_known(wired: Wired) -> None:
    """Without a period date the check-in asks the cycle day."""
    await onboard_cycle_tracker(wired)
    await send(wired, "/checkin")
    await walk_questions(
        wired.wire.last_buttons, lambda data: press(wired, data), NOTHING_WRONG, stop_at="context"
    )
    assert "Which day of your cycle" in "\n".join(wired.wire.texts()[-3:])


async def test_an_urgent_reply_in_pregnancy_never_says_if_you_are_not_pregnant(
    wired: Wired,
) -> None:
    """Bleeding at 12 weeks is urgent, and the reply speaks to a pregnant person only."""
    await onboard_pregnant(wired, "12")
    await send(wired, "/checkin")
    await walk_questions(
        wired.wire.last_buttons,
        lambda data: press(wired, data),
        NOTHING_WRONG | {"colour": "red", "bleeding": "light"},
    )
    final = wired.wire.texts()[-1]
    assert final.startswith("📞 <b>Contact your maternity unit")
    assert "not pregnant" not in final


async def test_an_emergency_reply_to_a_cycle_tracker_names_no_labour_ward(wired: Wired) -> None:
    """A cycle tracker tapping heavy bleeding is sent to emergency services, not a labour ward."""
    await onboard_cycle_tracker(wired)
    await send(wired, "/checkin")
    await press(
        wired, next(d for _, d in wired.wire.last_buttons() if d.endswith(":heavy_bleeding"))
    )
    call_to_action = wired.wire.texts()[-1].split("\n")[0]
    assert call_to_action.startswith("🚨") and "emergency department" in call_to_action
    assert "labour ward" not in call_to_action


async def test_a_cycle_tracker_asking_about_brown_discharge_gets_no_pregnancy_answer(
    wired: Wired,
) -> None:
    """Brown discharge at the end of a period gets neither the pregnancy topic nor a midwife."""
    await onboard_cycle_tracker(wired)
    wired.wire.clear()
    await send(wired, "is brown discharge normal at the end of my period")
    topic = wired.core.catalog.topic("en", "brown_discharge_pregnancy")
    assert topic is not None
    [reply] = wired.wire.texts()
    assert topic.title not in reply and "midwife" not in reply


async def test_after_a_loss_the_thoughts_of_harm_reply_never_mentions_a_baby(
    wired: Wired,
) -> None:
    """After a loss, tapping thoughts of harm gets the crisis reply with no baby in it."""
    await send(wired, "/start")
    await press(wired, "ob:consent")
    await press(wired, "ob:status:after_loss")
    await press(wired, "ob:skip")
    await press(wired, "ob:country:skip")
    await send(wired, "/checkin")
    await press(
        wired, next(d for _, d in wired.wire.last_buttons() if d.endswith(":thoughts_of_harm"))
    )
    shown = re.sub(r"<[^>]+>", "", wired.wire.texts()[-1])
    assert "Thank you for telling me" in shown
    assert "baby" not in shown.lower()


@pytest.mark.parametrize(("who", "named"), [("cycle", False), ("30 weeks", True)])
async def test_an_answers_last_line_names_a_midwife_only_to_someone_who_has_one(
    wired: Wired, who: str, named: bool
) -> None:
    """The line under every FAQ answer sends a cycle tracker to her doctor, and a pregnant
    user to her midwife or doctor."""
    await onboard_as(wired, who)
    await send(wired, "what does egg white mucus mean")
    last_line = wired.wire.texts()[-1].splitlines()[-1]
    assert "doctor" in last_line
    assert ("midwife" in last_line) is named


@pytest.mark.parametrize("text", ["hello", "😭😭"])
@pytest.mark.parametrize(("who", "named"), [("cycle", False), ("30 weeks", True)])
async def test_a_greeting_or_crying_names_a_midwife_only_to_someone_who_has_one(
    wired: Wired, text: str, who: str, named: bool
) -> None:
    """The greeting and the kind reply to crying name the doctor to a cycle tracker, and the
    midwife or doctor in pregnancy."""
    await onboard_as(wired, who)
    await send(wired, text)
    reply = wired.wire.texts()[-1]
    assert "doctor" in reply
    assert ("midwife" in reply) is named


async def step_options(w: Wired, field: str) -> dict[str, str]:
    """Start a check-in, answer everything as normal up to ``field``, and return its options."""
    await send(w, "/checkin")
    await walk_questions(
        w.wire.last_buttons, lambda data: press(w, data), NOTHING_WRONG, stop_at=field
    )
    return offered(w, field)


@pytest.mark.parametrize(("who", "named"), [("cycle", False), ("30 weeks", True)])
async def test_the_jelly_blob_is_called_a_mucus_plug_only_in_pregnancy(
    wired: Wired, who: str, named: bool
) -> None:
    """ "A blob of jelly" is offered to everyone, called a mucus plug only in pregnancy."""
    await onboard_as(wired, who)
    label = (await step_options(wired, "consistency"))["jelly_like"]
    assert label.startswith("A blob of jelly")
    assert ("mucus plug" in label) is named


@pytest.mark.parametrize(("who", "shown"), [("cycle", False), ("30 weeks", True)])
async def test_regular_tightenings_are_offered_only_in_or_after_a_pregnancy(
    wired: Wired, who: str, shown: bool
) -> None:
    """ "Regular tightenings" of the bump is a pain option in pregnancy, not in the cycle."""
    await onboard_as(wired, who)
    options = await step_options(wired, "pain")
    assert "mild_cramps" in options
    assert ("regular_tightenings" in options) is shown


@pytest.mark.parametrize("lang", ["en", "es", "ru"])
async def test_the_csv_topics_are_the_ones_the_reply_offered(wired: Wired, lang: str) -> None:
    """A danger sign's rules name topics of every stage; a pregnant user's reply offers only
    the pregnancy ones, and the CSV's topics column lists those same titles, no other."""
    await to_country_step(wired, lang, weeks="12")
    await press(wired, "ob:country:skip", language_code=lang)
    await send(wired, "/checkin", language_code=lang)
    [sign] = [
        d for _, d in wired.wire.last_buttons() if d.endswith(":t:danger_signs:heavy_bleeding")
    ]
    await press(wired, sign, language_code=lang)
    offered = [
        label.removeprefix("📖 ") for label, d in wired.wire.last_buttons() if d.startswith("faq:")
    ]
    assert offered
    after_birth = wired.core.catalog.topic(lang, "emergency_signs_after_birth")
    assert after_birth is not None and after_birth.title not in offered
    await send(wired, "/export", language_code=lang)
    rows = list(csv.DictReader(io.StringIO(wired.wire.files[-1][2].decode("utf-8-sig"))))
    column = wired.core.catalog.t(lang, "export.column.topics")
    assert [row[column] for row in rows] == [LIST_SEPARATOR.join(offered)]
