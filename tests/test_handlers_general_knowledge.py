"""Handler tests: a question about another subject that shares only ordinary words with a
topic ("who invented the telephone" and the cerclage topic's "who") gets the out-of-scope
reply, never a topic or "did you mean"; a close call inside the field is still answered."""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.test_handlers_flow import send
from tests.test_handlers_intents import last_datas

OUT_OF_SCOPE_OPENS = {
    "en": "I can only help with discharge",
    "es": "Solo puedo ayudarte con el flujo",
    "ru": "Я могу помочь только с выделениями",
}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("who invented the telephone", "en"),
        ("what year did the titanic sink", "en"),
        ("quien pinto la mona lisa", "es"),
        ("как приготовить борщ", "ru"),
    ],
)
async def test_general_knowledge_question_gets_the_out_of_scope_reply(
    wired: Wired, text: str, lang: str
) -> None:
    """A general-knowledge question in any language is sent to the out-of-scope reply alone."""
    await send(wired, text, language_code=lang)
    texts = wired.wire.texts()
    assert texts[-1].startswith(OUT_OF_SCOPE_OPENS[lang])
    assert not any(data.startswith(("faq:", "fb:")) for data in last_datas(wired))


async def test_ordinary_words_without_a_question_get_the_fallback(wired: Wired) -> None:
    """A message naming nothing of the field that asks nothing gets the fallback, no topic."""
    await send(wired, "the telephone rang all morning")
    assert "not sure I understood" in wired.wire.texts()[-1]
    assert not any(data.startswith(("faq:", "fb:")) for data in last_datas(wired))


async def test_close_call_inside_the_field_is_still_answered(wired: Wired) -> None:
    """A question of the field worded with a question word ("who") still gets its topic."""
    await send(wired, "who decides if i need a stitch in my cervix")
    assert "fb:cerclage_who_and_when:1" in last_datas(wired)
