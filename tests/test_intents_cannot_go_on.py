"""Specification of short messages of giving up that no crisis rule reads ("ya no puedo", "me
rindo", "я сдаюсь"): they get the kind distress reply that names the emergency route, never
the fallback that says nothing."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog


@pytest.mark.parametrize(
    "text", ["im so done", "ya no puedo", "ya no aguanto", "me rindo", "я сдаюсь", "всё, не могу"]
)
def test_giving_up_said_alone_is_distress(catalog: Catalog, text: str) -> None:
    """A short message of giving up is answered as distress."""
    assert catalog.intents.read(text).intent == "distress"
