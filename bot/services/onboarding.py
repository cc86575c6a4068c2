"""First contact: what the bot is, consent, life stage and due date (``/start``, ``/profile``).

Nothing health-related is stored before the user taps "I agree" (RELIABILITY P7); until then
the user has no stored document at all.
"""

from __future__ import annotations

import datetime as dt

from bot.domain.models import FlowState, UserDoc
from bot.domain.pregnancy import due_date_from_weeks, plausible_due_date
from bot.domain.reminders import configure
from bot.services.events import Button
from bot.services.turn import Turn

FLOW = "onboarding"
STATUSES = ("pregnant", "possibly_pregnant", "not_pregnant", "postpartum")


async def start(turn: Turn) -> None:
    """``/start``: welcome back a known user, or explain and ask for consent."""
    doc = turn.doc
    if doc is not None and doc.consent_at is not None:
        if not doc.active:
            # Back after blocking the bot: reminders resume from tomorrow, never as a catch-up.
            doc.active = True
            doc.reminder = configure(doc.reminder, turn.now)
            turn.touch()
            await turn.deps.reminders_changed(turn.key)
        if doc.profile.status is None:
            ask_status(turn)
            return
        turn.say(turn.stage_line(), main_menu(turn))
        return
    turn.say(
        turn.t("onboarding.welcome"),
        [[turn.button("btn.agree", "ob:consent"), turn.button("btn.not_now", "ob:decline")]],
    )


def main_menu(turn: Turn) -> list[list[Button]]:
    """The buttons offered when nothing else is going on."""
    return [
        [turn.button("btn.start_checkin", "checkin:start")],
        [turn.button("btn.topics", "topics"), turn.button("btn.history", "hist:0")],
        [turn.button("btn.reminders", "rem:menu")],
    ]


def ask_status(turn: Turn, *, edit: bool = False) -> None:
    """Ask the life stage."""
    assert turn.doc is not None
    turn.doc.state = FlowState(flow=FLOW, step="status", started_at=turn.now)
    turn.touch()
    buttons = [Button(turn.t(f"status.{s}"), f"ob:status:{s}") for s in STATUSES]
    turn.say(turn.t("onboarding.ask_status"), [[b] for b in buttons], edit=edit)


async def on_button(turn: Turn, parts: list[str]) -> None:
    """Buttons with the ``ob:`` prefix."""
    action = parts[0] if parts else ""
    if action == "consent":
        await _consent(turn)
    elif action == "decline":
        turn.say(turn.t("onboarding.declined"), edit=True)
    elif action == "status" and len(parts) == 2 and parts[1] in STATUSES:
        await _set_status(turn, parts[1])
    elif action in ("weeks", "due", "skip") and _expecting(turn):
        _switch_input(turn, action)
    else:
        turn.toast = turn.t("errors.not_available")


async def _consent(turn: Turn) -> None:
    if turn.doc is None:
        turn.doc = UserDoc(
            key=turn.key,
            chat_id=turn.incoming.chat_id,
            locale=turn.locale,
            created_at=turn.now,
            consent_at=turn.now,
        )
        await turn.audit("consent")
    elif turn.doc.consent_at is None:
        turn.doc.consent_at = turn.now
    turn.doc.active = True
    turn.touch()
    ask_status(turn, edit=True)


async def _set_status(turn: Turn, status: str) -> None:
    doc = turn.doc
    if doc is None or doc.consent_at is None:
        turn.say(turn.t("onboarding.consent_needed"))
        return
    doc.profile.status = status  # type: ignore[assignment]
    if status != "pregnant":
        doc.profile.due_date = None
    if status != "not_pregnant":
        doc.profile.cycle_start = None
    turn.touch()
    if status == "pregnant":
        doc.state = FlowState(flow=FLOW, step="due_date", started_at=turn.now)
        turn.say(
            _ask_due_date_text(turn),
            [[turn.button("btn.know_weeks", "ob:weeks")]],
            edit=True,
            typed_input=True,
        )
    elif status == "not_pregnant":
        doc.state = FlowState(flow=FLOW, step="cycle_start", started_at=turn.now)
        turn.say(
            turn.t("onboarding.ask_cycle_start"),
            [[turn.button("btn.skip", "ob:skip")]],
            edit=True,
            typed_input=True,
        )
    else:
        _finish(turn, edit=True)


def _expecting(turn: Turn) -> bool:
    state = turn.doc.state if turn.doc else None
    return (
        state is not None
        and state.flow == FLOW
        and state.step
        in (
            "due_date",
            "weeks",
            "cycle_start",
        )
    )


def _switch_input(turn: Turn, action: str) -> None:
    assert turn.doc is not None and turn.doc.state is not None
    if action == "weeks":
        turn.doc.state.step = "weeks"
        turn.touch()
        turn.say(
            turn.t("onboarding.ask_weeks"),
            [[turn.button("btn.know_due_date", "ob:due")]],
            edit=True,
            typed_input=True,
        )
    elif action == "due":
        turn.doc.state.step = "due_date"
        turn.touch()
        turn.say(
            _ask_due_date_text(turn),
            [[turn.button("btn.know_weeks", "ob:weeks")]],
            edit=True,
            typed_input=True,
        )
    else:
        _finish(turn, edit=True)


def expects_text(turn: Turn) -> bool:
    """True when onboarding waits for a typed date or number."""
    return _expecting(turn)


async def on_text(turn: Turn, text: str) -> None:
    """A typed due date, number of weeks or period start date."""
    assert turn.doc is not None and turn.doc.state is not None
    step = turn.doc.state.step
    example = _example_date(turn)
    if step == "weeks":
        try:
            weeks = int(text.strip())
        except ValueError:
            weeks = -1
        if not 0 <= weeks <= 45:
            turn.say(
                turn.t("onboarding.bad_weeks"),
                [[turn.button("btn.know_due_date", "ob:due")]],
                typed_input=True,
            )
            return
        turn.doc.profile.due_date = due_date_from_weeks(weeks, turn.today)
        turn.touch()
        _finish(turn)
        return
    date = _parse_date(text)
    if date is None:
        turn.say(turn.t("onboarding.bad_date", example=example), typed_input=True)
        return
    if step == "due_date":
        if not plausible_due_date(date, turn.today):
            turn.say(turn.t("onboarding.date_out_of_range", example=example), typed_input=True)
            return
        turn.doc.profile.due_date = date
    else:
        if not 0 <= (turn.today - date).days <= 89:
            turn.say(turn.t("onboarding.date_out_of_range", example=example), typed_input=True)
            return
        turn.doc.profile.cycle_start = date
    turn.touch()
    _finish(turn)


def _finish(turn: Turn, *, edit: bool = False) -> None:
    assert turn.doc is not None
    turn.doc.state = None
    turn.touch()
    text = turn.t("onboarding.done", stage_line=turn.stage_line())
    if not turn.doc.reminder.enabled:
        text += "\n\n" + turn.t("onboarding.offer_reminder")
    turn.say(text, main_menu(turn), edit=edit)


def _ask_due_date_text(turn: Turn) -> str:
    return turn.t("onboarding.ask_due_date", example=_example_date(turn))


def _example_date(turn: Turn) -> str:
    return (turn.today + dt.timedelta(days=120)).isoformat()


def _parse_date(text: str) -> dt.date | None:
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        return None
