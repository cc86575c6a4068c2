"""The guided check-in in the chat: questions with buttons, back / skip / cancel, triage, reply.

Button data is ``ck:<session>:<action>[:<field>[:<option>]]``. The session id and field must
match the stored state, so a stale, repeated or forged press changes nothing and gets a
polite notice instead (RELIABILITY S1). Progress is stored after every answer, so nothing
is lost if the bot restarts in the middle.

The danger-sign screen comes first and must be answered: the first tap of a danger sign ends
the check-in with the emergency advice at once, and Done with nothing chosen is refused (the
question is shown again with a line saying what to tap).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.domain.faq import FaqTopic
from bot.domain.flow import CHECKIN, Finished, FlowError, NothingChosen, Outcome, Prompt
from bot.domain.models import CheckIn, FlowState, new_id
from bot.domain.safety import CRISIS_REASONS, SafetyResult
from bot.domain.shown_reasons import shown_reasons
from bot.domain.triage import TriageResult, evaluate
from bot.domain.vocabulary import Answers, Vocabulary
from bot.services import arrival, safety_reply
from bot.services.events import Button, Reply
from bot.services.keyboards import main_menu, rows
from bot.services.safety_reply import Stage
from bot.services.turn import Turn

DANGER_FIELD = "danger_signs"
log = logging.getLogger("bot.checkin")
RELATED_TOPICS_SHOWN = 3


def active_state(turn: Turn) -> FlowState | None:
    """The running check-in, if any."""
    state = turn.doc.state if turn.doc else None
    return state if state is not None and state.flow == CHECKIN else None


async def start(
    turn: Turn, *, edit: bool = False, restart: bool = False, asked_arrival: bool = False
) -> None:
    """``/checkin``: begin a new check-in. While one runs, ask first whether to continue it or
    start again (``restart``: the user chose to start again; the old one is dropped). Long
    past the due date, ask first whether the baby has arrived (``asked_arrival``: it was
    asked and the user is still pregnant)."""
    doc = turn.doc
    if doc is None or doc.consent_at is None:
        turn.say(turn.t("onboarding.consent_needed"))
        return
    if doc.profile.status is None:
        turn.say(turn.t("checkin.need_profile"))
        return
    running = active_state(turn)
    if running is not None and not restart:
        ask_continue(turn, running, edit=edit)
        return
    if running is None and not asked_arrival and arrival.due(turn):
        arrival.ask(turn, then="checkin", edit=edit)
        return
    # The keyboard of the step this one replaces (an older check-in's question, an
    # onboarding or reminder prompt) is closed when the first question is shown.
    state = FlowState(flow=CHECKIN, started_at=turn.now, message_id=turn.live_keyboard)
    doc.state = state
    turn.touch()
    outcome = turn.deps.catalog.flow.start(state, turn.stage)
    await _show(turn, state, outcome, edit=edit)


def ask_continue(turn: Turn, state: FlowState, *, edit: bool = False, instead: str = "") -> None:
    """A check-in runs: "Continue where you were, or start again?" (``instead``: the button
    data of what the user asked for instead, e.g. the profile; by default a new check-in)."""
    current = turn.deps.catalog.flow.current(state, turn.stage)
    number = current.number if isinstance(current, Prompt) else 1
    total = current.total if isinstance(current, Prompt) else 1
    other = (
        turn.button("btn.profile_instead", instead)
        if instead
        else turn.button("btn.restart_checkin", "checkin:new")
    )
    turn.say(
        turn.t("checkin.running", number=number, total=total, profile=bool(instead)),
        [[_session_button(turn.t("btn.continue_checkin"), state.session, "rc")], [other]],
        edit=edit,
    )


async def on_button(turn: Turn, parts: list[str]) -> None:
    """Buttons with the ``ck:`` prefix."""
    state = active_state(turn)
    if len(parts) < 2 or state is None or parts[0] != state.session:
        if not _old_danger_tap(turn, parts):
            turn.toast = turn.t("checkin.finished_already")
            # The pressed keyboard belongs to a finished or replaced check-in: close it.
            turn.replies.append(Reply(close=turn.incoming.message_id))
        return
    action, args = parts[1], parts[2:]
    flow = turn.deps.catalog.flow
    if action == "x":
        cancel(turn, edit=True)
        return
    if action in ("r", "rc"):
        # "rc": from the "continue or start again?" question, shown in its place.
        await _show(turn, state, flow.current(state, turn.stage), edit=action == "rc")
        return
    current = flow.current(state, turn.stage)
    if not isinstance(current, Prompt) or (
        action != "b" and (not args or args[0] != current.field)
    ):
        if not _old_danger_tap(turn, parts):
            turn.toast = turn.t("checkin.stale")
        return
    try:
        if action == "a" and len(args) == 2:
            outcome: Outcome = flow.answer(state, turn.stage, args[1])
        elif action == "t" and len(args) == 2:
            outcome = flow.toggle(state, turn.stage, args[1])
        elif action == "d":
            outcome = flow.done(state, turn.stage)
        elif action == "s":
            outcome = flow.skip(state, turn.stage)
        elif action == "b":
            outcome = flow.back(state, turn.stage)
        else:
            raise FlowError("unknown action")
    except NothingChosen:
        note = turn.t("checkin.danger_needs_answer")
        turn.say(
            _question_text(turn, current) + "\n\n" + note,
            _keyboard(turn, state, current),
            edit=True,
        )
        return
    except (FlowError, ValueError):
        turn.toast = turn.t("checkin.stale")
        return
    turn.touch()
    await _show(turn, state, outcome, edit=True)


def _old_danger_tap(turn: Turn, parts: list[str]) -> bool:
    """A danger sign tapped on an old or finished keyboard still gets its advice (not saved).

    True when ``parts`` was such a tap and the advice was given."""
    if len(parts) != 4 or parts[1] not in ("a", "t") or parts[2] != DANGER_FIELD:
        return False
    sign = parts[3]
    catalog = turn.deps.catalog
    if sign == "none" or sign not in catalog.vocab.fields[DANGER_FIELD].options:
        return False
    answers: Answers = {**turn.stage.known(), DANGER_FIELD: [sign]}
    result = evaluate(catalog.triage, answers)
    turn.say(outcome_text(turn, result, stopped=True))
    return True


def expects_number(turn: Turn) -> bool:
    """True when the current question wants a typed number."""
    state = active_state(turn)
    if state is None:
        return False
    current = turn.deps.catalog.flow.current(state, turn.stage)
    return isinstance(current, Prompt) and current.kind == "number"


async def on_number(turn: Turn, text: str) -> bool:
    """Take a typed number for the current question; False when the text is not a number."""
    state = active_state(turn)
    assert state is not None
    try:
        value = int(text.strip())
    except ValueError:
        return False
    flow = turn.deps.catalog.flow
    current = flow.current(state, turn.stage)
    assert isinstance(current, Prompt)
    try:
        outcome = flow.answer(state, turn.stage, value)
    except (FlowError, ValueError):
        spec = turn.deps.catalog.vocab.fields[current.field]
        low, high = spec.range or (0, 0)
        turn.say(turn.t("checkin.bad_number", low=low, high=high))
        return True
    turn.touch()
    await _show(turn, state, outcome, edit=False)
    return True


def note_typed_flag(turn: Turn, result: SafetyResult) -> None:
    """Keep a red flag typed while a check-in runs, so that the check-in's result is never
    weaker than what the person wrote during it (nor a crisis reply left out)."""
    state = active_state(turn)
    if state is None or result.level is None:
        return
    vocab = turn.deps.catalog.vocab
    if state.typed_level is None or vocab.rank(result.level) > vocab.rank(state.typed_level):
        state.typed_level = result.level
    state.typed_crisis = list(dict.fromkeys([*state.typed_crisis, *result.crisis]))
    turn.touch()


def _raised_by_typed(vocab: Vocabulary, result: TriageResult, state: FlowState) -> TriageResult:
    """``result`` at the level of a red flag typed during the check-in when that is higher;
    the answers' reassurance (reasons of the lowest level) is then dropped."""
    typed = state.typed_level
    if typed is None or vocab.rank(typed) <= vocab.rank(result.level):
        return result
    if vocab.rank(result.level) == 0:
        return TriageResult(level=typed, reasons=(), topics=(), rule_ids=())
    return result.model_copy(update={"level": typed})


def cancel(turn: Turn, *, edit: bool = False) -> bool:
    """Drop a running check-in; True when there was one."""
    state = active_state(turn)
    if state is None:
        return False
    assert turn.doc is not None
    if not edit:
        turn.close_keyboard(state.message_id)
    turn.doc.state = None
    turn.touch()
    # The way on: the main menu, so a cancelled check-in is no dead end.
    turn.say(turn.t("checkin.cancelled"), main_menu(turn), edit=edit)
    return True


def resume_buttons(turn: Turn) -> list[list[Button]]:
    """A button that shows the current question again."""
    state = active_state(turn)
    if state is None:
        return []
    return [[_session_button(turn.t("btn.continue_checkin"), state.session, "r")]]


async def _show(turn: Turn, state: FlowState, outcome: Outcome, *, edit: bool) -> None:
    # One live question keyboard: the message edited in place becomes the question's; a
    # question sent anew closes the old one (its id is reported once sent: Outcome.shown).
    turn.step_shown(state.message_id, state, edit=edit)
    turn.touch()
    if isinstance(outcome, Prompt):
        turn.say(
            _question_text(turn, outcome),
            _keyboard(turn, state, outcome),
            edit=edit,
            numeric=outcome.kind == "number",
        )
        return
    await _finish(turn, outcome, edit=edit)


def _question_text(turn: Turn, prompt: Prompt) -> str:
    lines = [turn.t("checkin.header", number=prompt.number, total=prompt.total)]
    if prompt.number == 1:
        lines.append(turn.stage_line() + " " + turn.t("checkin.stage_hint"))
    lines += ["", turn.t(f"q.{prompt.field}")]
    if prompt.kind == "many":
        lines.append(turn.t("checkin.danger_hint" if prompt.stop_unless else "checkin.multi_hint"))
    elif prompt.kind == "number":
        lines.append(turn.t("checkin.number_hint"))
    return "\n".join(lines)


def _session_button(label: str, session: str, rest: str) -> Button:
    # The data names the session: a keyboard of these is one person's, shown once.
    return Button(label, f"ck:{session}:{rest}", one_session=True)


def _keyboard(turn: Turn, state: FlowState, prompt: Prompt) -> list[list[Button]]:
    sid, field = state.session, prompt.field
    keyboard: list[list[Button]] = []
    shown = zip(prompt.options, prompt.labels, strict=True)
    if prompt.kind == "one":
        keyboard += rows(
            [
                _session_button(turn.t(f"opt.{field}.{label}"), sid, f"a:{field}:{o}")
                for o, label in shown
            ]
        )
    elif prompt.kind == "many":
        keyboard += rows(
            [
                _session_button(
                    ("✅ " if o in prompt.selected else "") + turn.t(f"opt.{field}.{label}"),
                    sid,
                    f"t:{field}:{o}",
                )
                for o, label in shown
            ]
        )
        keyboard.append([_session_button(turn.t("btn.done"), sid, f"d:{field}")])
    nav = []
    if prompt.can_back:
        nav.append(_session_button(turn.t("btn.back"), sid, "b"))
    if prompt.can_skip:
        nav.append(_session_button(turn.t("btn.skip"), sid, f"s:{field}"))
    nav.append(_session_button(turn.t("btn.cancel"), sid, "x"))
    keyboard.append(nav)
    return keyboard


async def _finish(turn: Turn, finished: Finished, *, edit: bool) -> None:
    assert turn.doc is not None
    catalog = turn.deps.catalog
    result = evaluate(catalog.triage, finished.answers)
    state = active_state(turn)
    typed_crisis: list[str] = []
    if state is not None:
        result = _raised_by_typed(catalog.vocab, result, state)
        typed_crisis = state.typed_crisis
    record = CheckIn(
        id=state.record_id if state is not None else new_id(),
        at=turn.now,
        local_date=turn.today,
        answers=finished.answers,
        level=result.level,
        reasons=list(result.reasons),
        topics=list(result.topics),
    )
    turn.add_checkin(record)
    turn.doc.state = None
    # Urgent or emergency: the call to action goes ahead of other people's replies.
    turn.safety_first = catalog.vocab.rank(result.level) >= catalog.vocab.rank("urgent")
    tapped = [reason for reason in result.reasons if reason in CRISIS_REASONS]
    crisis = list(dict.fromkeys([*tapped, *typed_crisis]))
    if crisis:
        # A crisis sign tapped gets the same reply as typed (crisis line, compassionate
        # lines), at the check-in's level, and nothing after it but the saved note.
        text = safety_reply.crisis_text(
            catalog, turn.locale, result.level, crisis, turn.place.country, turn.status
        )
        buttons: list[list[Button]] = []
    else:
        text = outcome_text(
            turn,
            result,
            stopped=finished.stopped,
            nothing_answered=_nothing_answered(turn, finished, result)
            and (state is None or state.typed_level is None),
        )
        buttons = _after_buttons(turn, result)

    def say_outcome(note_key: str) -> None:
        if edit:
            # The last question's keyboard is closed without a word about saving: the one
            # "saved" line comes after the call to action, never above it.
            turn.say(turn.t("checkin.closed"), edit=True)
        turn.say(text + "\n\n" + turn.t(note_key), buttons)

    await turn.commit_saying(
        lambda: say_outcome("checkin.saved"), lambda: say_outcome("checkin.not_saved")
    )


def _nothing_answered(turn: Turn, finished: Finished, result: TriageResult) -> bool:
    """True when every question but the required danger-sign screen was skipped and no rule
    matched (a rule on the stage alone still gets its full reply)."""
    spec = turn.deps.catalog.flow_spec
    known = turn.stage.known()  # filled in from the profile, not answered (the cycle day)
    asked = [step.field for step in spec.steps if not step.required and step.field not in known]
    skipped = not any(field in finished.answers for field in asked)
    return skipped and not finished.stopped and not result.rule_ids


def outcome_text(
    turn: Turn, result: TriageResult, *, stopped: bool, nothing_answered: bool = False
) -> str:
    """The templated reply for a triage result: what to do first, then why (the deciding
    level's reasons, each said once), then what to watch."""
    catalog = turn.deps.catalog
    reasons = []
    for reason_id in shown_reasons(catalog.triage, result, catalog.shown.covers):
        reason = catalog.reason(turn.locale, reason_id)
        if reason is not None:
            reasons.append(reason)
    return turn.render(
        "outcome.j2",
        level=result.level,
        reasons=reasons,
        stopped=stopped,
        nothing_answered=nothing_answered,
    )


def related_topics(
    turn: Turn, topic_ids: Iterable[str], stage: Stage | None = None
) -> list[FaqTopic]:
    """The topics a check-in's reply offers: those that fit the person's stage (now, or
    ``stage``), most urgent first, a few at most."""
    return turn.topics_for_stage(topic_ids, stage)[:RELATED_TOPICS_SHOWN]


def _after_buttons(turn: Turn, result: TriageResult) -> list[list[Button]]:
    buttons: list[list[Button]] = []
    for topic in related_topics(turn, result.topics):
        buttons.append([Button("📖 " + topic.title, f"faq:{topic.id}")])
    buttons.append([turn.button("btn.history", "hist:0"), turn.button("btn.topics", "topics")])
    return buttons
