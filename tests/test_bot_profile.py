"""The bot's Telegram profile, as PTB's authors publish it: the command menu scoped to private
chats, and the description and short description, in every locale from content/."""

from __future__ import annotations

import json

import pytest

from bot.catalog.catalog import Catalog
from bot.tg.handlers import set_commands
from tests.conftest import Wired
from tests.support.updates import message_update

LIMITS = {"about.description": 512, "about.short_description": 120}


def by_language(wired: Wired, method: str) -> dict[str, dict[str, object]]:
    return {
        str(call.params.get("language_code") or ""): call.params
        for call in wired.wire.calls
        if call.method == method
    }


async def test_the_command_menu_is_for_private_chats_in_every_locale(wired: Wired) -> None:
    """setMyCommands goes out once per locale with the all-private-chats scope."""
    await set_commands(wired.app, wired.core.catalog)
    calls = by_language(wired, "setMyCommands")
    assert set(calls) == {"", "es", "ru"}
    for params in calls.values():
        scope = params["scope"]
        assert (json.loads(scope) if isinstance(scope, str) else scope) == {
            "type": "all_private_chats"
        }


@pytest.mark.parametrize(
    ("method", "field", "key"),
    [
        ("setMyDescription", "description", "about.description"),
        ("setMyShortDescription", "short_description", "about.short_description"),
    ],
)
async def test_descriptions_come_from_content_in_every_locale(
    wired: Wired, method: str, field: str, key: str
) -> None:
    """Each locale's description and short description are its own content strings."""
    catalog = wired.core.catalog
    await set_commands(wired.app, catalog)
    calls = by_language(wired, method)
    assert calls[""][field] == catalog.t("en", key)
    assert calls["es"][field] == catalog.t("es", key)
    assert calls["ru"][field] == catalog.t("ru", key)


@pytest.mark.parametrize("key", sorted(LIMITS))
def test_descriptions_fit_telegrams_limits(catalog: Catalog, key: str) -> None:
    """Every locale's text is non-empty, plain and within Telegram's length limit."""
    for locale in catalog.locales:
        text = catalog.t(locale, key)
        assert 0 < len(text) <= LIMITS[key], locale
        assert "<" not in text and "&" not in text, locale


async def test_replies_are_html_by_the_applications_defaults(wired: Wired) -> None:
    """Replies carry HTML parse mode and no link previews, set once through PTB's Defaults."""
    await wired.app.process_update(message_update(wired.app.bot, 1, "/start"))
    params = wired.wire.sent("sendMessage")[0].params
    assert params["parse_mode"] == "HTML"
    preview = params["link_preview_options"]
    assert (json.loads(preview) if isinstance(preview, str) else preview) == {"is_disabled": True}
