"""Specification of the lines a crisis reply lists: a line the reference marks "not a crisis
line" (Australia's PANDA, the US maternal mental health hotline) is never listed as a crisis line,
only under its own label, and a reply with no crisis line below never points to one."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from bot.services.safety_reply import crisis_text


def _bullet(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"• <b>{name}</b>"))


def test_a_line_that_is_no_crisis_line_is_not_listed_as_one(catalog: Catalog) -> None:
    """Australia's PANDA helpline is not listed after 'crisis line:'."""
    text = crisis_text(catalog, "en", "urgent", ["thoughts_of_harm"], "AU", "postpartum")
    assert "crisis line:" not in _bullet(text, "Australia")


def test_a_support_line_shows_under_its_own_label(catalog: Catalog) -> None:
    """PANDA is shown as a support line, not for a crisis."""
    text = crisis_text(catalog, "en", "urgent", ["thoughts_of_harm"], "AU", "postpartum")
    assert "support line (not for a crisis): PANDA" in _bullet(text, "Australia")


def test_the_us_maternal_hotline_is_no_crisis_line(catalog: Catalog) -> None:
    """The US line 988 is the crisis line; 1-833-TLC-MAMA is listed as a support line."""
    bullet = _bullet(
        crisis_text(catalog, "en", "urgent", ["thoughts_of_harm"], "US"), "United States"
    )
    crisis = bullet.split("crisis line:")[1].split("support line")[0]
    assert "988" in crisis
    assert "TLC-MAMA" not in crisis


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
@pytest.mark.parametrize("level", ["urgent", "emergency"])
def test_a_reply_with_no_crisis_line_below_points_to_none(
    catalog: Catalog, locale: str, level: str
) -> None:
    """With no verified crisis line for the country, the same-day route names no line 'below'."""
    text = crisis_text(catalog, locale, level, ["thoughts_of_harm"], "AU", "postpartum")
    assert not any(word in text for word in ("(below)", "(abajo)", "(ниже)"))


@pytest.mark.parametrize(
    ("locale", "below"), [("en", "(below)"), ("es", "(abajo)"), ("ru", "(ниже)")]
)
def test_a_reply_with_a_crisis_line_below_still_points_to_it(
    catalog: Catalog, locale: str, below: str
) -> None:
    """With a verified crisis line (UK Samaritans), the reply still points to it below."""
    text = crisis_text(catalog, locale, "urgent", ["thoughts_of_harm"], "GB", "postpartum")
    assert below in text
    assert "116 123" in _bullet(text, catalog.country_name(locale, "GB"))
