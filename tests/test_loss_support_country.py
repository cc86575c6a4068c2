"""Specification of support after a loss by country, through the real handlers: the UK's loss
charities (Miscarriage Association, Sands), their numbers and their pages under the answer
reach UK users only (seen walking the bot as a user in Kazakhstan, who read them cited under
the answer to a question after a miscarriage)."""

from __future__ import annotations

import pytest

from tests.conftest import Wired
from tests.test_handlers_flow import press, send

#: An after-loss question in each language, answered by the after-loss topic.
QUESTIONS = {
    "en": "how long do you bleed after a miscarriage",
    "es": "cuánto dura el sangrado después de un aborto espontáneo",
    "ru": "сколько идёт кровь после выкидыша",
}
UK_ONLY = ("Miscarriage Association", "miscarriageassociation.org.uk", "Sands", "01924", "0808 164")


async def ask_after_a_loss(wired: Wired, locale: str, country: str) -> str:
    """The reply to the after-loss question of a user of ``country`` writing in ``locale``,
    onboarded as after a loss."""
    await send(wired, "/start", language_code=locale)
    for step in ("ob:consent", "ob:status:after_loss", "ob:skip", f"ob:country:{country}"):
        await press(wired, step, language_code=locale)
    wired.wire.clear()
    await send(wired, QUESTIONS[locale], language_code=locale)
    return "\n".join(wired.wire.texts())


@pytest.mark.parametrize("locale", list(QUESTIONS))
async def test_a_user_in_kazakhstan_reads_no_uk_loss_charity(wired: Wired, locale: str) -> None:
    """A user in Kazakhstan asking after a miscarriage reads the general line about support
    near them, and neither the UK's charities nor their numbers, in the words or the sources."""
    reply = await ask_after_a_loss(wired, locale, "KZ")
    place = wired.core.catalog.place("KZ")
    assert wired.core.catalog.t(locale, "where.loss_support", place=place) in reply
    assert [name for name in UK_ONLY if name in reply] == []


@pytest.mark.parametrize("locale", list(QUESTIONS))
async def test_a_user_in_the_uk_still_reads_the_uk_loss_charities(
    wired: Wired, locale: str
) -> None:
    """A UK user asking the same reads the Miscarriage Association's and Sands' numbers, and
    their pages among the sources."""
    reply = await ask_after_a_loss(wired, locale, "GB")
    assert "01924 200799" in reply and "0808 164 3332" in reply
    assert "miscarriageassociation.org.uk" in reply and "sands.org.uk" in reply
