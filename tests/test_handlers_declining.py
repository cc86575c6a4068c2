"""Handler tests: a person who turns a check-in, a reminder or the bot down for now ("not now",
"ahora no", "не сейчас") is heard: a short kind reply in their language, and no button that
starts again what they declined; a decline told with crisis words still gets the crisis reply."""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.support.wire import inline_buttons
from tests.test_handlers_flow import onboard_pregnant, send

DECLINING_OPENS = {"en": "OK, no problem", "es": "Vale, sin problema", "ru": "Хорошо, без проблем"}
CRISIS_OPENS = "💛 <b>Thank you for telling me.</b>"


def reply_buttons(w: Wired) -> list[str]:
    """Callback data of every button sent so far."""
    return [
        str(b["callback_data"])
        for call in w.wire.sent()
        if (markup := call.params.get("reply_markup"))
        for b in inline_buttons(markup)
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("no i dont want to do the check in now", "en"),
        ("not today thanks", "en"),
        ("maybe later", "en"),
        ("no quiero hacer el registro ahora", "es"),
        ("ahora no, gracias", "es"),
        ("не хочу сейчас ничего заполнять", "ru"),
        ("потом", "ru"),
    ],
)
async def test_a_decline_gets_a_kind_reply_and_no_checkin_button(
    wired: Wired, text: str, lang: str
) -> None:
    """A "not now" gets one kind reply in the person's language and no button at all."""
    await send(wired, text, language_code=lang)
    texts = wired.wire.texts()
    assert len(texts) == 1
    assert texts[0].startswith(DECLINING_OPENS[lang])
    assert reply_buttons(wired) == []


async def test_a_decline_during_a_checkin_gets_no_button_back_into_it(wired: Wired) -> None:
    """Mid check-in, "not now" gets the kind reply alone, without the resume button."""
    await onboard_pregnant(wired)
    await send(wired, "/checkin")
    wired.wire.clear()
    await send(wired, "not now")
    texts = wired.wire.texts()
    assert len(texts) == 1
    assert texts[0].startswith(DECLINING_OPENS["en"])
    assert reply_buttons(wired) == []


@pytest.mark.parametrize(
    "text", ["no i dont want to do this anymore", "not now. i dont want to be here anymore"]
)
async def test_a_decline_with_crisis_words_gets_the_crisis_reply_first(
    wired: Wired, text: str
) -> None:
    """A decline told with words of ending gets the crisis reply first, and no decline reply."""
    await send(wired, text)
    texts = wired.wire.texts()
    assert texts[0].startswith(CRISIS_OPENS)
    assert not any(t.startswith(DECLINING_OPENS["en"]) for t in texts)
