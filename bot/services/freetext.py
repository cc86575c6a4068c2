"""Typed questions: the FAQ matcher, then a kind fallback; and what a red-flagged text gets.

The chat service screens every text before it reaches a flow (``bot.services.safety_reply``);
a flagged one comes to ``on_flagged``, whose call to action always comes first. The matcher
never guesses: a close call offers "did you mean" buttons, no match gets the fallback.
"""

from __future__ import annotations

import logging
import re

from bot.domain.faq import NO_MATCH, FaqTopic, MatchResult
from bot.domain.intents import IntentResult
from bot.domain.safety import SafetyResult
from bot.domain.textnorm import normalize
from bot.health import current
from bot.services import checkin, onboarding, safety_reply
from bot.services.events import Button, Reply
from bot.services.turn import Turn
from bot.storage.base import StorageError

log = logging.getLogger("bot.freetext")
TOPICS_PER_PAGE = 8
GAP_LIMIT = 300
IDENTIFYING = re.compile(r"\S+@\S+|@\w+|\d[\d\s().+-]{4,}\d")


async def on_text(turn: Turn, text: str) -> None:
    """Answer a typed message that the safety screen let through: FAQ, "did you mean" or the
    kind fallback."""
    catalog = turn.deps.catalog
    intent = catalog.intents.read(text)
    if intent.intent not in ("question", "unclear"):
        _answer_intent(turn, intent)
        if intent.intent == "out_of_scope":
            await _keep_gap(turn, text)  # editors see what people ask beyond the topics
        if intent.intent != "declining":
            # A "not now" is heard: no button back into the check-in they turned down (its
            # question keeps its own keyboard, and /checkin carries on later).
            _resume_hint(turn)
        return
    # A message that names nothing of the field gets no topic and no "did you mean".
    match = _shown_match(turn, text, None) if intent.intent == "question" else NO_MATCH
    if not _answer_match(turn, match):
        if onboarding.at_country_buttons(turn):
            onboarding.country_not_found(turn)
        else:
            _fallback(turn)
        await _keep_gap(turn, text)
    _resume_hint(turn)


def _fallback(turn: Turn) -> None:
    """Nothing matched: what the bot knows about, with the way on. In a paused check-in the
    way on is its own buttons (the resume hint follows), never a second check-in."""
    if checkin.active_state(turn) is not None:
        turn.say(turn.t("free_text.fallback_in_checkin"), [[turn.button("btn.topics", "topics")]])
        return
    turn.say(
        turn.t("free_text.fallback"),
        [
            [turn.button("btn.start_checkin", "checkin:start")],
            [turn.button("btn.topics", "topics")],
        ],
    )


async def on_flagged(turn: Turn, text: str, result: SafetyResult) -> None:
    """Answer a red-flagged text, in any state: the call to action first; after a crisis
    or an emergency only a way back; after an urgent flag only an FAQ answer that fits the
    person's stage and whose own call to action is not weaker than the flag's. The text
    is never read as the answer to a pending prompt, which stays as it was."""
    catalog = turn.deps.catalog
    turn.safety_first = True
    turn.replies.extend(
        safety_reply.replies(catalog, turn.locale, result, turn.place.country, turn.status)
    )
    checkin.note_typed_flag(turn, result)
    if result.crisis:
        _crisis_way_back(turn)
        return
    _answer_match(turn, _shown_match(turn, text, result))
    _resume_hint(turn)


def _crisis_way_back(turn: Turn) -> None:
    """After a crisis reply, a separate, neutral message with one button back to where the
    person was (the check-in's question, or onboarding's consent or stage question), so that
    nothing but the crisis reply is read first and they choose when to go on."""
    buttons = checkin.resume_buttons(turn)
    doc = turn.doc
    if not buttons and (doc is None or doc.consent_at is None or doc.profile.status is None):
        buttons = [[turn.button("btn.carry_on", "cmd:start")]]
    if buttons:
        turn.say(turn.t("free_text.crisis_way_back"), buttons)


def _answer_match(turn: Turn, match: MatchResult) -> bool:
    """Show the matched topic, or "did you mean" for the candidates; False when neither."""
    topic = turn.deps.catalog.topic(turn.locale, match.topic) if match.topic else None
    if topic is not None:
        show_topic(turn, topic)
        current().faq_outcome("answered")
    elif match.candidates:
        _did_you_mean(turn, match.candidates)
        current().faq_outcome("suggested")
    else:
        current().faq_outcome("unmatched")
    return topic is not None or bool(match.candidates)


def _shown_match(turn: Turn, text: str, result: SafetyResult | None) -> MatchResult:
    """The matcher's answer for ``text``, kept to what fits the person's stage and week (the
    profile's, else weeks the text names) and, after a red flag, to what may follow it."""
    catalog = turn.deps.catalog
    profile = safety_reply.Stage(turn.status, turn.weeks)

    def topic_of(topic_id: str) -> FaqTopic | None:
        return catalog.topic(turn.locale, topic_id)

    # Only topics for the person's stage compete; weeks the text names (less sure than the
    # profile's) then only drop an answer that does not fit them.
    match = catalog.matcher.match(text, turn.locale, safety_reply.stage_filter(profile, topic_of))
    stage = profile.or_named_weeks(catalog.safety, text)
    return safety_reply.shown_match(match, result, stage, topic_of)


def _resume_hint(turn: Turn) -> None:
    if checkin.active_state(turn) is not None:
        turn.say(turn.t("free_text.resume_hint"), checkin.resume_buttons(turn))


#: The command each feature question is answered with, as a button.
FEATURE_COMMANDS = {
    "delete": "delete",
    "export": "export",
    "reminders": "reminders",
    "language": "language",
    "checkin": "checkin",
    "history": "history",
    "topics": "topics",
    "profile": "profile",
}


def _answer_intent(turn: Turn, intent: IntentResult) -> None:
    """A greeting, thanks, "how do I ...", distress, a "not now" or a question from another
    field: a short kind reply, with the button that helps (none after a "not now"), and never
    an unrelated topic."""
    checkin_button = [turn.button("btn.start_checkin", "checkin:start")]
    topics_button = [turn.button("btn.topics", "topics")]
    if intent.intent == "feature_help" and intent.feature == "help":
        onboarding.show_help(turn)
    elif intent.intent == "feature_help" and intent.feature in FEATURE_COMMANDS:
        command = FEATURE_COMMANDS[intent.feature]
        label = turn.t(f"commands.{command}")
        turn.say(turn.t(f"intent.feature.{intent.feature}"), [[Button(label, f"cmd:{command}")]])
    elif intent.intent in ("greeting", "distress"):
        turn.say(turn.t(f"intent.{intent.intent}"), [checkin_button, topics_button])
    elif intent.intent == "out_of_scope":
        turn.say(turn.t("intent.out_of_scope"), [topics_button])
    else:
        turn.say(turn.t(f"intent.{intent.intent}"))


def _did_you_mean(turn: Turn, topic_ids: tuple[str, ...]) -> None:
    buttons = []
    for topic_id in topic_ids:
        candidate = turn.deps.catalog.topic(turn.locale, topic_id)
        if candidate is not None:
            buttons.append([Button(candidate.title, f"faq:{topic_id}")])
    turn.say(turn.t("free_text.did_you_mean"), buttons)


def show_topic(turn: Turn, topic: FaqTopic, *, edit: bool = False) -> None:
    """Send one FAQ answer with "was this helpful?" buttons."""
    text = turn.render("faq_answer.j2", topic=topic)
    buttons = [
        [
            turn.button("btn.helpful", f"fb:{topic.id}:1"),
            turn.button("btn.not_helpful", f"fb:{topic.id}:0"),
        ],
        *_related_buttons(turn, topic),
    ]
    turn.say(text, buttons, edit=edit)


def _related_buttons(turn: Turn, topic: FaqTopic) -> list[list[Button]]:
    return [
        [Button("📖 " + related.title, f"faq:{related.id}")]
        for related in turn.topics_for_stage(topic.related)[:2]
    ]


async def on_topic_button(turn: Turn, topic_id: str) -> None:
    """``faq:<topic>``: show a topic chosen from a list or a "did you mean"."""
    topic = turn.deps.catalog.topic(turn.locale, topic_id)
    if topic is None:
        turn.toast = turn.t("free_text.unknown_topic")
        return
    show_topic(turn, topic)


async def on_feedback(turn: Turn, parts: list[str]) -> None:
    """``fb:<topic>:<1|0>``: count a helpful / not helpful vote (no user id is kept), once
    per answer: the vote buttons leave the answer, its related topics stay."""
    topic = turn.deps.catalog.topic(turn.locale, parts[0]) if parts else None
    if len(parts) != 2 or parts[1] not in ("0", "1") or topic is None:
        turn.toast = turn.t("errors.not_available")
        return
    try:
        await turn.deps.storage.add_feedback(parts[0], parts[1] == "1")
    except StorageError:
        log.error("feedback_failed", extra={"user": turn.log_id})
    turn.toast = turn.t("free_text.thanks_feedback")
    turn.replies.append(
        Reply(close=turn.incoming.message_id, buttons=_related_buttons(turn, topic))
    )


def show_topics(turn: Turn, page: int = 0, *, edit: bool = False) -> None:
    """``/topics``: the topics that fit the person's stage and weeks (after a loss, no
    pregnancy topics), as buttons, a page at a time."""
    catalog = turn.deps.catalog
    ids = list(catalog.faq.get(turn.locale) or catalog.faq.get(catalog.default_locale) or {})
    topics = turn.topics_for_stage(ids)
    pages = max(1, -(-len(topics) // TOPICS_PER_PAGE))
    page = max(0, min(page, pages - 1))
    buttons: list[list[Button]] = [
        [Button(topic.title, f"faq:{topic.id}")]
        for topic in topics[page * TOPICS_PER_PAGE : (page + 1) * TOPICS_PER_PAGE]
    ]
    nav = []
    if page > 0:
        nav.append(Button("⬅️", f"topics:{page - 1}"))
    if page < pages - 1:
        nav.append(Button("➡️", f"topics:{page + 1}"))
    if nav:
        buttons.append(nav)
    turn.say(turn.t("free_text.topics_header") + f" ({page + 1}/{pages})", buttons, edit=edit)


def scrub(text: str) -> str:
    """What is kept of an unmatched question: normalised, capped, without numbers or handles.

    Long digit runs (phone numbers, ids), e-mail addresses and @handles could identify
    someone, so they are masked before anything is stored (RELIABILITY P2).
    """
    cleaned = normalize(text, GAP_LIMIT)
    return IDENTIFYING.sub("#", cleaned)


async def _keep_gap(turn: Turn, text: str) -> None:
    if not turn.deps.store_content_gaps or turn.doc is None or turn.doc.consent_at is None:
        return
    try:
        await turn.deps.storage.add_content_gap(scrub(text), turn.locale, turn.today.isoformat())
    except StorageError:
        log.error("content_gap_failed", extra={"user": turn.log_id})
