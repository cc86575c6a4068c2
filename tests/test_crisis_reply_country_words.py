"""Specification of the services a crisis reply names outside the UK: no domestic abuse
helpline "below" when none is listed for the country, and the UK's GP and health visitor named
as such only to UK users (seen walking the bot as a user in Canada, India and Nigeria); and a
reply to not coping alone speaks of no "these thoughts" the person never told of; an abuse
reply lists no police number as an abuse helpline where the reference has none (Nigeria)."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from bot.services.safety_reply import crisis_text
from tests.conftest import Wired
from tests.test_handlers_flow import press, send


@pytest.mark.parametrize(
    ("locale", "below"), [("en", "(below)"), ("es", "(abajo)"), ("ru", "(ниже)")]
)
def test_an_abuse_reply_with_no_helpline_below_points_to_none(
    catalog: Catalog, locale: str, below: str
) -> None:
    """Canada has no verified abuse line in the table, so the reply points to no line below."""
    text = crisis_text(catalog, locale, "urgent", ["abuse"], "CA", "pregnant")
    assert below not in text


@pytest.mark.parametrize(
    ("locale", "below"), [("en", "(below)"), ("es", "(abajo)"), ("ru", "(ниже)")]
)
def test_an_abuse_reply_with_a_helpline_below_still_points_to_it(
    catalog: Catalog, locale: str, below: str
) -> None:
    """With the UK's National Domestic Abuse Helpline listed, the reply points to it below."""
    text = crisis_text(catalog, locale, "urgent", ["abuse"], "GB", "pregnant")
    assert below in text
    assert "0808 2000 247" in text


@pytest.mark.parametrize("country", ["IN", "NG", "CA", "US", None])
@pytest.mark.parametrize("level", ["urgent", "emergency"])
def test_a_crisis_reply_outside_the_uk_names_no_gp_or_health_visitor(
    catalog: Catalog, country: str | None, level: str
) -> None:
    """A user outside the UK (or of no known country) reads 'doctor', never GP or health visitor."""
    flags = ["thoughts_of_harm", "abuse"]
    text = crisis_text(catalog, "en", level, flags, country, "postpartum")
    assert "GP" not in text
    assert "health visitor" not in text
    assert "your doctor" in text


def test_a_crisis_reply_in_the_uk_still_names_the_gp_and_health_visitor(
    catalog: Catalog,
) -> None:
    """A UK user after a birth is still pointed to their GP, midwife or health visitor."""
    text = crisis_text(catalog, "en", "urgent", ["thoughts_of_harm"], "GB", "postpartum")
    assert "your GP, your midwife or health visitor" in text


THESE_THOUGHTS = {"en": "these thoughts", "es": "estos pensamientos", "ru": "этим мыслям"}
THOUGHTS_OF_HARM = {
    "en": "If you have thoughts of harming yourself",
    "es": "Si tienes pensamientos de hacerte daño",
    "ru": "Если у вас есть мысли причинить себе вред",
}


@pytest.mark.parametrize("locale", list(THESE_THOUGHTS))
@pytest.mark.parametrize("level", ["urgent", "emergency"])
def test_a_reply_to_not_coping_alone_asks_about_thoughts_of_harm(
    catalog: Catalog, locale: str, level: str
) -> None:
    """'I'm crying all the time' (cannot_cope) told of no thoughts: the reply asks whether there
    are thoughts of harm, with the same call, instead of 'if you might act on these thoughts'."""
    text = crisis_text(catalog, locale, level, ["cannot_cope"], "KZ", "after_loss")
    assert THESE_THOUGHTS[locale] not in text
    assert THOUGHTS_OF_HARM[locale] in text and "112" in text.split(THOUGHTS_OF_HARM[locale])[1]


@pytest.mark.parametrize("locale", list(THESE_THOUGHTS))
def test_a_reply_to_thoughts_of_harm_still_speaks_of_these_thoughts(
    catalog: Catalog, locale: str
) -> None:
    """A message that told of thoughts of harm is still answered about 'these thoughts'."""
    flags = ["cannot_cope", "thoughts_of_harm"]
    text = crisis_text(catalog, locale, "emergency", flags, "KZ", "after_loss")
    assert THESE_THOUGHTS[locale] in text


#: The reference's note in Nigeria's abuse entry, never a line to call.
NO_LINE_NOTE = "no national domestic abuse line confirmed"


@pytest.mark.parametrize(
    ("locale", "below"), [("en", "(below)"), ("es", "(abajo)"), ("ru", "(ниже)")]
)
def test_an_abuse_reply_in_nigeria_lists_no_police_number_as_a_helpline(
    catalog: Catalog, locale: str, below: str
) -> None:
    """Nigeria has no abuse line (the reference: '112 (police) — no national domestic abuse
    line confirmed'): the reply says to call 112 in danger and to contact a service near the
    user, and neither points to a helpline below nor lists the table's note as one."""
    text = crisis_text(catalog, locale, "emergency", ["abuse_danger"], "NG", "pregnant")
    assert below not in text
    assert NO_LINE_NOTE not in text and "(police)" not in text
    assert "112" in text


def test_an_abuse_line_beside_the_emergency_number_is_still_listed(catalog: Catalog) -> None:
    """Mexico's abuse entries are 911 and Línea de la Vida: 911 is the number to call in
    danger, and the Línea de la Vida is still listed as the helpline below."""
    text = crisis_text(catalog, "es", "urgent", ["abuse"], "MX", "pregnant")
    assert "(abajo)" in text
    assert "ayuda por violencia: Línea de la Vida 800 911 2000" in text


def test_a_police_number_the_reply_does_not_say_to_call_stays_listed(catalog: Catalog) -> None:
    """Israel's reply says to call 101 (the ambulance) in danger, so its police number 100
    stays among the abuse lines, beside the rape crisis line."""
    text = crisis_text(catalog, "en", "urgent", ["abuse"], "IL", "pregnant")
    assert "abuse helpline: 100 (police); 1202" in text


async def test_a_user_in_nigeria_telling_of_abuse_is_pointed_to_no_missing_helpline(
    wired: Wired,
) -> None:
    """Typed to the bot by a user in Nigeria, a message about being hit gets the call to 112
    and no 'helpline (below)' that the list does not have."""
    await send(wired, "/start")
    for step in ("ob:consent", "ob:status:possibly_pregnant", "ob:country:NG"):
        await press(wired, step)
    wired.wire.clear()
    await send(wired, "my husband hit me and kicked my bump, i'm scared to go home")
    reply = "\n".join(wired.wire.texts())
    assert "call 112" in reply and "Nigeria</b>: emergency 112" in reply
    assert "(below)" not in reply and NO_LINE_NOTE not in reply
