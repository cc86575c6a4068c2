"""First contact: what the bot is, consent, life stage, due date or the date of a birth or
loss, and country (``/start``, ``/profile``).

Nothing health-related is stored before the user taps "I agree" (RELIABILITY P7); until then
the user has no stored document at all. Once the life stage is settled, a first onboarding
asks the country (skippable), so replies name the user's own emergency number; ``/profile``
changes it later.
"""

from __future__ import annotations

import datetime as dt
from typing import get_args

from bot.domain.models import FlowState, Status, UserDoc
from bot.domain.pregnancy import MAX_WEEKS, due_date_from_weeks
from bot.reminders import settings as reminder_settings
from bot.reminders.schedule import configure
from bot.services import arrival, date_prompt
from bot.services.date_prompt import DateQuestion
from bot.services.events import Button
from bot.services.keyboards import main_menu, rows
from bot.services.turn import Turn

FLOW = "onboarding"
#: The life stages a person can pick, in the order of the buttons (the model's own type).
STATUSES: tuple[str, ...] = get_args(Status)
TYPED_STEPS = ("due_date", "weeks", "cycle_start", "end_date")
#: The date question each typed step asks (at "weeks", a typed due date counts too).
QUESTIONS: dict[str, DateQuestion] = {
    "due_date": date_prompt.DUE_DATE,
    "weeks": date_prompt.DUE_DATE,
    "cycle_start": date_prompt.PERIOD_START,
    "end_date": date_prompt.END_DATE,
}
#: The weeks offered as buttons: from when a test is positive to past the due date.
WEEK_BUTTONS = range(4, 43)
WEEKS_PER_ROW = 7
# "country": the country buttons are shown (a typed name that is exactly a country, or a
# short answer naming one, counts);
# "country_name": after "Other country", a typed name is awaited.
COUNTRY_STEPS = ("country", "country_name")
#: At the country buttons, a text of up to this many words that names a country answers them.
SHORT_COUNTRY_ANSWER = 4


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
            with turn.step():  # the stage question asked before, if any, is replaced
                ask_status(turn)
            return
        if arrival.due(turn):
            arrival.ask(turn, then="menu")
            return
        turn.say(turn.stage_line(), main_menu(turn))
        return
    welcome(turn)


def welcome(turn: Turn, *, chosen_locale: bool = False) -> None:
    """What the bot is and the consent question, in the turn's language.

    Nothing is stored before consent, so a language picked before it (``chosen_locale``)
    travels in the buttons' data and the agreement stores it.
    """
    suffix = f":{turn.locale}" if chosen_locale else ""
    turn.say(
        turn.t("onboarding.welcome"),
        [
            [
                turn.button("btn.agree", f"ob:consent{suffix}"),
                turn.button("btn.not_now", f"ob:decline{suffix}"),
            ]
        ],
    )


def show_help(turn: Turn) -> None:
    """``/help``, or "what can you do?" typed: how the bot works, with the main menu once
    the person has a profile."""
    turn.say(turn.render("help.j2"), main_menu(turn) if turn.doc else [])


def ask_status(
    turn: Turn, *, edit: bool = False, country_button: bool = False, first: bool = False
) -> None:
    """Ask the life stage; from ``/profile`` (``country_button``) the country can be changed
    too. ``first``: part of the first onboarding (back from a later step). Cancel (or Skip,
    before any stage) leaves it as it is."""
    assert turn.doc is not None
    turn.doc.state = FlowState(
        flow=FLOW, step="status", started_at=turn.now, answers={"first": True} if first else {}
    )
    turn.touch()
    buttons = [[Button(turn.t(f"status.{s}"), f"ob:status:{s}")] for s in STATUSES]
    if country_button:
        country = turn.place.country
        label = (
            turn.t("btn.country_is", name=turn.deps.catalog.country_name(turn.locale, country))
            if country
            else turn.t("btn.country")
        )
        buttons.append([Button(label, "ob:country")])
    way_out = "btn.cancel" if turn.doc.profile.status is not None else "btn.skip"
    buttons.append([turn.button(way_out, "ob:close")])
    turn.say(turn.t("onboarding.ask_status"), buttons, edit=edit)


def ask_country(
    turn: Turn, *, edit: bool = False, first: bool = False, lead: str | None = None
) -> None:
    """Ask the country: a suggested one, the default list of the user's language, "Other
    country" (typed) and Skip. ``first``: part of the first onboarding, which ends after it;
    ``lead``: a line above the question (the stage just stored, acknowledged at once)."""
    assert turn.doc is not None
    answers = {"first": True} if first else {}
    if first and lead is not None:
        # The question's message says the stage: while it stays, the closing words do not.
        answers["stage_said"] = True
    turn.doc.state = FlowState(flow=FLOW, step="country", started_at=turn.now, answers=answers)
    turn.touch()
    text = turn.t("country.ask")
    turn.say(f"{lead}\n\n{text}" if lead else text, _country_buttons(turn), edit=edit)


def _country_buttons(turn: Turn) -> list[list[Button]]:
    assert turn.doc is not None
    catalog = turn.deps.catalog
    zone = turn.doc.reminder.tz if turn.doc.reminder.tz != "UTC" else None
    suggested = catalog.suggested_country(turn.incoming.language_code, zone)
    table = catalog.countries
    defaults = table.defaults.get(turn.locale) or table.defaults.get(catalog.default_locale, ())
    # The current country (from /profile) first, then the suggested one, then the defaults.
    codes = [code for code in (turn.place.country, suggested, *defaults) if code]
    buttons = [
        Button(f"{_flag(code)} {catalog.country_name(turn.locale, code)}", f"ob:country:{code}")
        for code in dict.fromkeys(codes)
    ]
    return [
        buttons[:1],  # on a row of its own: the likeliest one
        *rows(buttons[1:]),
        [
            turn.button("btn.other_country", "ob:country:other"),
            turn.button("btn.skip", "ob:country:skip"),
        ],
    ]


def _flag(code: str) -> str:
    """The flag emoji of a country code (two regional indicator letters)."""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)


async def on_button(turn: Turn, parts: list[str]) -> None:
    """Buttons with the ``ob:`` prefix."""
    action = parts[0] if parts else ""
    if action in ("consent", "decline") and len(parts) <= 2 and _chosen_locale(turn, parts[1:]):
        if action == "consent":
            await _consent(turn)
        else:
            # A new message: the welcome, with its emergency numbers, stays in the chat.
            again = "ob:consent" + "".join(f":{p}" for p in parts[1:])
            turn.say(turn.t("onboarding.declined"), [[turn.button("btn.changed_mind", again)]])
    elif action == "status" and len(parts) == 2 and parts[1] in STATUSES:
        await _set_status(turn, parts[1])
    elif action == "close" and _step(turn) == "status":
        _close(turn)
    elif action in ("weeks", "due", "skip", "unknown", "back") and _expecting(turn):
        _switch_input(turn, action)
    elif action == "wk" and len(parts) == 2 and _step(turn) == "weeks":
        _picked_weeks(turn, parts[1])
    elif action == "date" and len(parts) == 2 and _expecting(turn):
        _picked_date(turn, parts[1])
    elif action == "country" and len(parts) <= 2:
        await _on_country(turn, parts[1] if len(parts) == 2 else None)
    else:
        turn.toast = turn.t("errors.not_available")


def _chosen_locale(turn: Turn, given: list[str]) -> bool:
    """Take a language carried in a consent button (see ``welcome``); False if unknown."""
    if not given:
        return True
    if given[0] not in turn.deps.catalog.locales:
        return False
    if turn.doc is None or turn.doc.consent_at is None:
        turn.locale = given[0]
    return True


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
    # The first time the stage is set, the country is asked right after it.
    state = doc.state if doc.state is not None and doc.state.flow == FLOW else None
    again = state is not None and bool(state.answers.get("first"))
    first = {"first": True} if doc.profile.status is None or again else {}
    if status != doc.profile.status:
        doc.profile.end_date = None  # a birth date is no loss date: asked again
    doc.profile.status = status  # type: ignore[assignment]
    if status != "pregnant":
        doc.profile.due_date = None
    if status != "not_pregnant":
        doc.profile.cycle_start = None
    if status not in ("postpartum", "after_loss"):
        doc.profile.end_date = None
    turn.touch()
    if status in ("pregnant", "not_pregnant"):
        step = "due_date" if status == "pregnant" else "cycle_start"
        doc.state = FlowState(flow=FLOW, step=step, started_at=turn.now, answers=first)
        _ask_step(turn, edit=True)
    elif status == "after_loss":
        await _after_loss(turn, first)
    elif status == "postpartum":
        _ask_end_date(turn, first)
    elif first:
        ask_country(turn, edit=True, first=True)
    else:
        _finish(turn, edit=True)


def _ask_end_date(turn: Turn, first: dict[str, bool], lead: str | None = None) -> None:
    """Ask the day of the birth or the loss (skippable): the check-in and its triage then know
    how many days ago it was."""
    assert turn.doc is not None
    turn.doc.state = FlowState(flow=FLOW, step="end_date", started_at=turn.now, answers=first)
    _ask_step(turn, edit=True, lead=lead)


def _ask_step(turn: Turn, *, edit: bool = False, lead: str | None = None) -> None:
    """Ask the typed step in the flow state, with its buttons (a way back and a way on)."""
    assert turn.doc is not None and turn.doc.state is not None
    turn.touch()
    step = turn.doc.state.step
    example = date_prompt.example(turn, QUESTIONS[step])
    text = turn.t(f"onboarding.ask_{step}", example=example)
    turn.say(
        f"{lead}\n\n{text}" if lead else text,
        _step_buttons(turn, step),
        edit=edit,
        typed_input=True,
        numeric=step == "weeks",
    )


def _step_buttons(turn: Turn, step: str) -> list[list[Button]]:
    back = turn.button("btn.back", "ob:back")
    if step == "due_date":
        return [
            [turn.button("btn.know_weeks", "ob:weeks"), turn.button("btn.dont_know", "ob:unknown")],
            [back],
        ]
    if step == "weeks":
        weeks = [Button(str(w), f"ob:wk:{w}") for w in WEEK_BUTTONS]
        return [
            *(weeks[i : i + WEEKS_PER_ROW] for i in range(0, len(weeks), WEEKS_PER_ROW)),
            [
                turn.button("btn.know_due_date", "ob:due"),
                turn.button("btn.dont_know", "ob:unknown"),
            ],
            [back],
        ]
    return [[turn.button("btn.skip", "ob:skip"), back]]


async def _after_loss(turn: Turn, first: dict[str, bool]) -> None:
    """A pregnancy has ended: condolence first, daily reminders paused unless the user turns
    them on again, then the date it ended (skippable); no week counts."""
    doc = turn.doc
    assert doc is not None
    paused = doc.reminder.enabled
    if paused:
        doc.reminder = configure(doc.reminder, turn.now, enabled=False)
        await turn.deps.reminders_changed(turn.key)
    _ask_end_date(turn, first, lead=turn.t("onboarding.after_loss", paused=paused))


def _stage_settled(turn: Turn, *, edit: bool = False, lead: str | None = None) -> None:
    """The stage step is over: ask the country in a first onboarding, else finish. ``lead``:
    what was just stored ("Due date: 15 March 2027")."""
    assert turn.doc is not None
    state = turn.doc.state
    if state is not None and state.answers.get("first") and turn.doc.profile.country is None:
        saved = turn.t("onboarding.stage_saved", stage_line=turn.stage_line())
        ask_country(turn, edit=edit, first=True, lead=f"{lead}\n{saved}" if lead else saved)
    else:
        _finish(turn, edit=edit, lead=lead)


def _close(turn: Turn) -> None:
    """Cancel at the stage question: nothing changes; the stage as it is, and the menu."""
    assert turn.doc is not None
    turn.doc.state = None
    turn.touch()
    turn.say(turn.stage_line(), main_menu(turn), edit=True)


def _save_date(turn: Turn, date: dt.date, *, edit: bool = False) -> None:
    """Store the date the typed step asked for, and say what was stored."""
    assert turn.doc is not None and turn.doc.state is not None
    step = turn.doc.state.step
    profile = turn.doc.profile
    if step in ("due_date", "weeks"):
        profile.due_date = date
    elif step == "cycle_start":
        profile.cycle_start = date
    else:
        profile.end_date = date
    turn.touch()
    name = QUESTIONS[step].name
    _stage_settled(
        turn, edit=edit, lead=turn.t(f"dates.{name}.saved", date=date_prompt.shown(turn, date))
    )


def _picked_weeks(turn: Turn, value: str) -> None:
    weeks = int(value) if value.isdigit() else -1
    if not 0 <= weeks <= MAX_WEEKS:
        turn.toast = turn.t("errors.not_available")
        return
    _save_date(turn, due_date_from_weeks(weeks, turn.weeks_anchor), edit=True)


def _picked_date(turn: Turn, value: str) -> None:
    """A choice between two readings of a typed date (03/04 as 3 April or 4 March)."""
    step = _step(turn)
    date = date_prompt.picked(turn, value, QUESTIONS[step]) if step else None
    if date is None:
        turn.toast = turn.t("errors.not_available")
        return
    _save_date(turn, date, edit=True)


def _step(turn: Turn) -> str | None:
    state = turn.doc.state if turn.doc else None
    return state.step if state is not None and state.flow == FLOW else None


def asks_status(turn: Turn) -> bool:
    """True while the stage question waits for an answer."""
    return _step(turn) == "status"


def asks_weeks(turn: Turn) -> bool:
    """True while the typed step waits for the number of weeks."""
    return _step(turn) == "weeks"


def _expecting(turn: Turn) -> bool:
    return _step(turn) in TYPED_STEPS


def _switch_input(turn: Turn, action: str) -> None:
    """The buttons of a typed step: weeks instead of a date and back, "I don't know", Skip,
    and Back to the stage question."""
    assert turn.doc is not None and turn.doc.state is not None
    state = turn.doc.state
    if action in ("weeks", "due"):
        state.step = "weeks" if action == "weeks" else "due_date"
        _ask_step(turn, edit=True)
    elif action == "unknown":
        _week_unknown(turn, edit=True)
    elif action == "back":
        first = bool(state.answers.get("first"))
        ask_status(turn, edit=True, country_button=not first, first=first)
    else:
        _stage_settled(turn, edit=True)


def _week_unknown(turn: Turn, *, edit: bool) -> None:
    """Pregnant without a week, said so: answers stay general until the date is added."""
    assert turn.doc is not None
    turn.doc.profile.due_date = None
    turn.touch()
    _stage_settled(turn, edit=edit, lead=turn.t("onboarding.weeks_unknown"))


def expects_text(turn: Turn) -> bool:
    """True when onboarding waits for a typed date, number or country name."""
    return _expecting(turn) or _step(turn) in COUNTRY_STEPS


async def on_text(turn: Turn, text: str) -> bool:
    """A typed due date, number of weeks, period start date or country name; False when the
    text is not for onboarding (at the country buttons, a text that is not a country name)."""
    assert turn.doc is not None and turn.doc.state is not None
    step = turn.doc.state.step
    if step in COUNTRY_STEPS:
        return _typed_country(turn, text, step)
    if step in ("due_date", "weeks") and turn.deps.catalog.intents.dont_know(text):
        _week_unknown(turn, edit=False)  # typed, as the "I don't know" button says it
        return True
    date = date_prompt.read(
        turn,
        text,
        QUESTIONS[step],
        pick="ob:date",
        buttons=_step_buttons(turn, step),
        numeric=step == "weeks",
    )
    if date is not None:
        _save_date(turn, date)
    return True


async def _on_country(turn: Turn, choice: str | None) -> None:
    """``ob:country`` (the country buttons), ``ob:country:<CODE>``, ``:other`` and ``:skip``.

    Only a code of the country table is ever stored; anything else (forged data) gets a
    polite notice and changes nothing."""
    doc = turn.doc
    if doc is None or doc.consent_at is None:
        turn.say(turn.t("onboarding.consent_needed"))
        return
    state = doc.state if doc.state is not None and doc.state.flow == FLOW else None
    first = bool(state is not None and state.answers.get("first"))
    if choice is None:
        ask_country(turn, edit=True, first=first)
    elif choice == "skip":
        _country_done(turn, edit=True)
    elif choice == "other":
        # The question's message becomes the name prompt: the stage it said is gone.
        answers = {k: v for k, v in state.answers.items() if k != "stage_said"} if state else {}
        doc.state = FlowState(flow=FLOW, step="country_name", started_at=turn.now, answers=answers)
        turn.touch()
        turn.say(
            turn.t("country.ask_name"),
            _country_name_buttons(turn),
            edit=True,
            typed_input=True,
        )
    elif choice in turn.deps.catalog.countries.countries:
        doc.profile.country = choice
        turn.touch()
        _country_done(turn, edit=True)
    else:
        turn.toast = turn.t("country.refused")


def _country_name_buttons(turn: Turn) -> list[list[Button]]:
    """Under the typed country name: Skip, and Back to the country buttons."""
    return [[turn.button("btn.skip", "ob:country:skip"), turn.button("btn.back", "ob:country")]]


def at_country_buttons(turn: Turn) -> bool:
    """True while the country buttons wait for a tap."""
    return _step(turn) == "country"


def country_not_found(turn: Turn) -> None:
    """A text at the country buttons that names no country and no topic: say so and show the
    buttons again, so that the question does not scroll away behind a fallback."""
    turn.say(turn.t("country.not_read"), _country_buttons(turn))


def _typed_country(turn: Turn, text: str, step: str) -> bool:
    assert turn.doc is not None
    catalog = turn.deps.catalog
    code = catalog.find_country(text, whole=step == "country")
    if code is None and step == "country" and len(text.split()) <= SHORT_COUNTRY_ANSWER:
        # "Argentina, Córdoba", "soy de México": a short answer naming a country is one.
        code = catalog.find_country(text)
    if code is not None:
        turn.doc.profile.country = code
        turn.touch()
        _country_done(turn)
        return True
    if step == "country":
        return False  # not a country name: a question, read as one
    # Not a country of the table: replies will say "your local emergency number".
    turn.doc.profile.country = None
    turn.touch()
    turn.say(
        turn.t("country.unknown"),
        _country_name_buttons(turn),
        typed_input=True,
    )
    return True


def _country_done(turn: Turn, *, edit: bool = False) -> None:
    """The country is chosen (or skipped): say what replies will name; the first onboarding
    ends here, a change from ``/profile`` goes back to the main menu."""
    assert turn.doc is not None
    country = turn.place.country
    line = (
        turn.t("country.saved", name=turn.deps.catalog.country_name(turn.locale, country))
        if country
        else turn.t("country.not_set")
    )
    state = turn.doc.state
    if state is not None and state.flow == FLOW and state.answers.get("first"):
        _finish(turn, edit=edit, lead=line)
        return
    if state is not None and state.flow == FLOW:
        turn.doc.state = None
        turn.touch()
    turn.say(line, main_menu(turn), edit=edit)


def _finish(turn: Turn, *, edit: bool = False, lead: str | None = None) -> None:
    assert turn.doc is not None
    state = turn.doc.state
    # Edited in place, the message that said the stage is replaced: say it here instead.
    said = bool(
        not edit and state is not None and state.flow == FLOW and state.answers.get("stage_said")
    )
    turn.doc.state = None
    turn.touch()
    text = turn.t(
        "onboarding.done",
        stage_line=turn.stage_line(),
        stage=turn.doc.profile.status,
        stage_said=said,
    )
    if lead:
        text = lead + "\n\n" + text
    buttons = main_menu(turn)
    # After a loss no daily reminder is offered (the user can still turn one on in
    # /reminders), and the after-loss answer is a tap away.
    if turn.doc.profile.status == "after_loss":
        buttons = [[turn.button("btn.after_loss_topic", "faq:after_pregnancy_loss")], *buttons]
    turn.say(text, buttons, edit=edit)
    if turn.doc.profile.status != "after_loss" and not turn.doc.reminder.enabled:
        reminder_settings.offer(turn)
