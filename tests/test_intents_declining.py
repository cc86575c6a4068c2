"""A "not now" in en/es/ru, typos and no punctuation included, is read as declining; a message
that asks for a feature, says something more ("anymore", "be here") or asks a question is not."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog


@pytest.mark.parametrize(
    "text",
    [
        "no i dont want to do the check in now",
        "not now",
        "Not now!",
        "maybe latr",
        "no thx",
        "not today thanks",
        "i dont want to do it now",
        "laterrr",
        "no quiero hacer el registro ahora",
        "ahora no",
        "luego",
        "no gracias",
        "hoy no",
        "не хочу сейчас ничего заполнять",
        "не сейчас",
        "потом",
        "нет спасибо",
        "ne seichas",
    ],
)
def test_a_decline_for_now_is_declining(catalog: Catalog, text: str) -> None:
    """Turning a check-in, a reminder or the bot down for now is the declining intent."""
    assert catalog.intents.read(text).intent == "declining"


@pytest.mark.parametrize(
    "text",
    [
        "no i dont want to do this anymore",
        "i dont want to be here",
        "i dont want it",
        "не хочу больше ничего заполнять",
        "не хочу ничего",
        "no quiero hacer nada",
        "not now im scared",
        "oh no",
        "ay no 😭",
    ],
)
def test_more_than_a_decline_is_no_decline(catalog: Catalog, text: str) -> None:
    """Words of an ending, of harm, of feelings or of what one wants are never read as declining."""
    assert catalog.intents.read(text).intent != "declining"


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("i want to do a check in now", "checkin"),
        ("can i do the check in later", "checkin"),
        ("remind me later", "reminders"),
        ("quiero hacer un registro", "checkin"),
    ],
)
def test_asking_for_a_feature_later_still_asks_for_it(
    catalog: Catalog, text: str, feature: str
) -> None:
    """A feature asked for, even for later, is feature help and not a decline."""
    read = catalog.intents.read(text)
    assert (read.intent, read.feature) == ("feature_help", feature)


def test_ok_thanks_is_still_thanks(catalog: Catalog) -> None:
    """Thanks with no word of turning down is thanks, not a decline."""
    assert catalog.intents.read("ok thanks").intent == "thanks"
