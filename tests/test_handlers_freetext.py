"""Handler tests for typed questions: answer, did-you-mean, fallback, red flags, feedback."""

from __future__ import annotations

from tests.conftest import Wired
from tests.support.wire import inline_buttons
from tests.test_handlers_flow import USER, onboard_pregnant, press, send


async def test_confident_question_gets_answer_with_feedback_buttons(wired: Wired) -> None:
    """A clear question is answered outright with 'was this helpful?' buttons and sources."""
    await send(wired, "is it normal to have more white discharge when pregnant, no smell")
    text = wired.wire.texts()[-1]
    assert "Sources:" in text
    datas = [d for _, d in wired.wire.last_buttons()]
    assert "fb:normal_discharge_pregnancy:1" in datas


async def test_vague_question_offers_did_you_mean(wired: Wired) -> None:
    """A one-word question gets up to three 'did you mean' buttons, not a guess."""
    await send(wired, "discharge")
    assert "Did you mean" in wired.wire.texts()[-1]
    assert 1 <= len(wired.wire.last_buttons()) <= 3


async def test_unmatched_question_gets_kind_fallback(wired: Wired) -> None:
    """A question that matches no topic gets the fallback offering the check-in and topics."""
    await send(wired, "zorbl fingle wamp?")
    assert "not sure I understood" in wired.wire.texts()[-1]
    datas = [d for _, d in wired.wire.last_buttons()]
    assert "checkin:start" in datas and "topics" in datas


async def test_red_flag_text_gets_emergency_advice_first(wired: Wired) -> None:
    """Heavy bleeding described in free text is answered with 'call emergency services' first."""
    await send(wired, "bleeding so heavy im soaking a pad every half hour and feel dizzy")
    first_reply = wired.wire.texts()[0]
    assert "Call emergency services now" in first_reply.split("\n")[0]


async def test_red_flag_mid_checkin_comes_first_and_checkin_resumes(wired: Wired) -> None:
    """Emergency text typed during a check-in gets emergency advice, then a resume button."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    wired.wire.clear()
    await send(wired, "my waters just gushed and i can feel the cord")
    texts = wired.wire.texts()
    assert "Call emergency services now" in texts[0]
    resume = [d for _, d in wired.wire.last_buttons() if d.endswith(":r")]
    assert resume
    await press(wired, resume[0])
    assert "First, safety" in wired.wire.texts()[-1]


async def test_feedback_button_is_counted_without_user_id(wired: Wired) -> None:
    """A helpful vote increments the topic's count and stores no user id."""
    await press(wired, "fb:thrush_pregnancy:1")
    counts = await wired.core.storage.feedback_counts()
    assert counts["thrush_pregnancy"]["helpful"] == 1
    assert str(USER) not in str(counts)


async def test_feedback_for_unknown_topic_is_refused(wired: Wired) -> None:
    """A forged feedback button for a topic that does not exist counts nothing."""
    await press(wired, "fb:not_a_topic:1")
    assert await wired.core.storage.feedback_counts() == {}


async def test_topics_lists_topic_buttons(wired: Wired) -> None:
    """/topics shows topic buttons that open an answer."""
    await send(wired, "/topics")
    first = wired.wire.last_buttons()[0][1]
    assert first.startswith("faq:")
    await press(wired, first)
    assert "Sources:" in wired.wire.texts()[-1]


async def test_unmatched_question_is_kept_without_user_id(wired: Wired) -> None:
    """After consent, an unmatched question is kept for editors with no user id."""
    await onboard_pregnant(wired)
    await send(wired, "tell me a joke pls")
    gaps = await wired.core.storage.content_gaps()
    assert gaps and gaps[-1]["text"] == "tell me a joke pls"
    assert set(gaps[-1]) == {"text", "lang", "at"}


def test_kept_questions_lose_phone_numbers_and_handles() -> None:
    """Digit runs, e-mails and @handles are masked before an unmatched question is kept."""
    from bot.services.freetext import scrub

    kept = scrub("call me on +44 7700 900123 or mail a.b@example.com, I'm @jane")
    assert "7700" not in kept and "example.com" not in kept and "jane" not in kept


async def topics_offered(w: Wired) -> dict[str, str]:
    """Every topic /topics offers, over all its pages: topic id -> button label."""
    await send(w, "/topics")
    offered: dict[str, str] = {}
    while True:
        buttons = w.wire.last_buttons()
        offered.update({d[4:]: label for label, d in buttons if d and d.startswith("faq:")})
        forward = [d for label, d in buttons if label == "➡️" and d]
        if not forward:
            return offered
        await press(w, forward[0])


async def test_topics_after_a_loss_offer_no_pregnancy_topics(wired: Wired) -> None:
    """After a pregnancy loss /topics lists the topic for that time and no pregnancy topics."""
    await send(wired, "/start")
    for step in ("ob:consent", "ob:status:after_loss", "ob:skip", "ob:country:skip"):
        await press(wired, step)
    offered = await topics_offered(wired)
    assert "after_pregnancy_loss" in offered
    assert "miscarriage_signs" not in offered
    assert not any("in pregnancy" in label for label in offered.values())


async def test_unmatched_text_in_a_paused_checkin_points_to_its_buttons(wired: Wired) -> None:
    """A text nothing matches, typed during a check-in, says to answer with the question's
    buttons and offers the way back, never a second check-in."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    wired.wire.clear()
    await send(wired, "zorbl fingle wamp?")
    assert "tap one of its buttons" in wired.wire.texts()[0]
    offered = [
        b["callback_data"]
        for call in wired.wire.sent()
        for b in inline_buttons(call.params.get("reply_markup") or {})
    ]
    assert "checkin:start" not in offered
    assert any(data.endswith(":r") for data in offered)
