"""Specification of the country table: only verified numbers are ever shown."""

from __future__ import annotations

import re

import pytest

from bot.catalog.catalog import Catalog
from bot.catalog.checks import place_texts
from bot.domain.countries import Country, contacts, contacts_for, shown
from bot.domain.safety import CRISIS_REASONS, SafetyResult
from bot.services import safety_reply


def test_an_entry_with_a_caveat_is_never_shown() -> None:
    """An entry marked [unverified] (or any bracketed caveat) is dropped."""
    assert shown(("112", "061 (regional) [unverified]", "016 [native check]")) == ("112",)


def test_no_shown_contact_of_any_country_carries_a_caveat(catalog: Catalog) -> None:
    """Across the whole table, nothing a reply may show has a bracketed caveat."""
    for code in catalog.countries.countries:
        found = contacts(catalog.countries, code)
        assert found is not None
        for entry in (*found.emergency, *found.crisis, *found.domestic_abuse):
            assert "[" not in entry, (code, entry)


def test_the_users_own_country_comes_alone(catalog: Catalog) -> None:
    """With a known country, only its numbers are listed."""
    found = contacts_for(catalog.countries, "ES", "en")
    assert [c.code for c in found] == ["ES"]
    assert found[0].emergency[0] == "112"


def test_an_unknown_country_gives_the_languages_default_list(catalog: Catalog) -> None:
    """Without a country, the default list of the person's language is used."""
    found = contacts_for(catalog.countries, None, "ru")
    assert found[0].code == "RU"


def test_country_names_are_in_the_persons_language(catalog: Catalog) -> None:
    """Country names come from CLDR in the reply's language."""
    assert catalog.country_name("ru", "GB") == "Великобритания"
    assert catalog.country_name("es", "US") == "Estados Unidos"


def test_the_numbers_to_dial_leave_out_explanations_and_unverified_entries(
    catalog: Catalog,
) -> None:
    """A place names the verified numbers alone: Russia 112 and 103, Spain only 112."""
    assert catalog.place("RU").emergency == ("112", "103")
    assert catalog.place("ES").emergency == ("112",)
    assert catalog.place(None).emergency == () and catalog.place("XX").country is None


def test_the_suggested_country_comes_from_the_zone_then_the_language(catalog: Catalog) -> None:
    """A reminder zone beats the language; a region beats the language's main country."""
    assert catalog.suggested_country("en-GB", None) == "GB"
    assert catalog.suggested_country("es-MX", None) == "MX"
    assert catalog.suggested_country("ru", None) == "RU"
    assert catalog.suggested_country("en", "Europe/Madrid") == "ES"
    assert catalog.suggested_country("pt-BR", None) is None


_NUMBER = re.compile(r"\d(?:[\d -]*\d)?")
#: Shorter digit runs are not numbers to call ("24/7", "7 days").
_DIALLED_MIN_DIGITS = 3


def unverified_numbers(country: Country) -> set[str]:
    """The numbers only entries with a bracketed caveat give for ``country``."""
    verified: set[str] = set()
    unverified: set[str] = set()
    for entries in (
        country.emergency,
        country.health_advice,
        country.crisis,
        country.domestic_abuse,
        country.maternity_words,
    ):
        for entry in entries:
            numbers = {m.group() for m in _NUMBER.finditer(entry)}
            (verified if entry in shown(entries) else unverified).update(numbers)
    return {
        number
        for number in unverified - verified
        if sum(ch.isdigit() for ch in number) >= _DIALLED_MIN_DIGITS
    }


def texts_read_in(catalog: Catalog, locale: str, code: str) -> dict[str, str]:
    """Every text whose words depend on the user's country, as a user of ``code`` reads it
    in ``locale``: calls to action, red-flag and crisis replies, check-in outcomes and
    reasons, FAQ answers for every stage they are for, /help and the country's own lines."""
    place = catalog.place(code)
    stages: tuple[str | None, ...] = (None, *catalog.vocab.fields["status"].options)
    texts = place_texts(catalog, locale, place)
    flagged = SafetyResult(
        level="emergency",
        flags=("heavy_bleeding", *CRISIS_REASONS),
        crisis=CRISIS_REASONS,
        crisis_level="emergency",
        obstetric_level="emergency",
    )
    for stage in stages:
        for n, reply in enumerate(safety_reply.replies(catalog, locale, flagged, code, stage)):
            texts[f"red flag reply {n} ({stage})"] = reply.text
        texts[f"intent.distress ({stage})"] = catalog.t(
            locale, "intent.distress", place=place, stage=stage
        )
    texts["country.saved"] = catalog.t(locale, "country.saved", place=place, name=code)
    for topic in catalog.faq[locale].values():
        for stage in stages:
            if stage is None or topic.stages is None or stage in topic.stages:
                texts[f"faq {topic.id} ({stage})"] = catalog.render(
                    locale, "faq_answer.j2", topic=topic, place=place, stage=stage
                )
    for reason_id, reason in catalog.reasons[locale].items():
        for words in filter(None, (reason.explain, reason.watch_for)):
            for stage in stages:
                texts[f"reason {reason_id} ({stage})"] = catalog.fill(
                    locale, words, place=place, stage=stage
                )
    return texts


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
def test_no_text_names_a_number_unverified_for_the_users_country(
    catalog: Catalog, locale: str
) -> None:
    """Whatever a user of any country reads, in any language and stage, it never names a
    number that the table gives for that country only in entries marked [unverified]."""
    found = []
    for code, country in catalog.countries.countries.items():
        numbers = unverified_numbers(country)
        if not numbers:
            continue
        # A number is whole: "116" is not named by "116 123".
        pattern = re.compile(
            r"(?<![\d-])(?<!\d )("
            + "|".join(map(re.escape, sorted(numbers)))
            + r")(?![\d-])(?! \d)"
        )
        for name, text in texts_read_in(catalog, locale, code).items():
            found += [(code, name, m.group()) for m in pattern.finditer(text)]
    assert found == []


def test_belarus_ambulance_and_112_are_unverified(catalog: Catalog) -> None:
    """The table marks Belarus's 103 and 112 unverified everywhere it names them (its
    maternity words too), so a user in Belarus is never told to call them."""
    assert {"103", "112"} <= unverified_numbers(catalog.countries.countries["BY"])


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
def test_the_uks_loss_charities_are_named_to_uk_users(catalog: Catalog, locale: str) -> None:
    """After a loss, a user in the UK reads the Miscarriage Association's and Sands'
    numbers from the countries table."""
    topic = catalog.faq[locale]["after_pregnancy_loss"]
    text = catalog.render(
        locale, "faq_answer.j2", topic=topic, place=catalog.place("GB"), stage="after_loss"
    )
    assert "01924 200799" in text
    assert "0808 164 3332" in text


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
@pytest.mark.parametrize("country", ["ES", "MX", "RU", None])
def test_a_user_outside_the_uk_reads_no_uk_loss_charity(
    catalog: Catalog, locale: str, country: str | None
) -> None:
    """After a loss, a user outside the UK (or whose country is unknown) reads a general line
    about support near them, not the UK's charities."""
    place = catalog.place(country)
    topic = catalog.faq[locale]["after_pregnancy_loss"]
    answer = catalog.fill(locale, topic.answer, place=place, stage="after_loss")
    reason = catalog.reasons[locale]["loss_as_expected"].explain
    words = answer + catalog.fill(locale, reason, place=place, stage="after_loss")
    assert catalog.t(locale, "where.loss_support", place=place) in answer
    for charity in ("Miscarriage Association", "Sands", "Tommy's", "01924"):
        assert charity not in words


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
def test_the_mental_health_answer_names_the_users_own_crisis_line(
    catalog: Catalog, locale: str
) -> None:
    """The answer about low mood and self-harm names the verified crisis line of the user's
    country (988 in the US), not the UK's Samaritans."""
    topic = catalog.faq[locale]["low_mood_anxiety_self_harm_perinatal"]
    text = catalog.fill(locale, topic.answer, place=catalog.place("US"), stage="postpartum")
    assert "988" in text
    assert "Samaritans" not in text


@pytest.mark.parametrize(
    ("locale", "country", "said", "not_said"),
    [
        ("ru", "KZ", "111 (единый контакт-центр", "unified contact centre"),
        ("es", "CO", "Línea 106 (salud mental", "mental health, free"),
        ("en", "RU", "8-800-2000-122 (helpline for children", "телефон доверия"),
    ],
)
def test_the_mental_health_answer_names_the_crisis_line_in_the_readers_words(
    catalog: Catalog, locale: str, country: str, said: str, not_said: str
) -> None:
    """The answer about low mood names the country's crisis line in the reader's language, as
    the crisis reply does (a user in Kazakhstan reading Russian read the table's English)."""
    topic = catalog.faq[locale]["low_mood_anxiety_self_harm_perinatal"]
    text = catalog.fill(locale, topic.answer, place=catalog.place(country), stage="postpartum")
    assert said in text and not_said not in text


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("es", ["España: 024", "México: Línea de la Vida 800 911 2000"]),
        ("ru", ["Россия: 8-800-2000-122", "Казахстан: 111"]),
        ("en", ["United Kingdom: Samaritans 116 123", "United States: 988"]),
    ],
)
def test_with_the_country_unknown_the_mental_health_answer_lists_the_languages_crisis_lines(
    catalog: Catalog, locale: str, said: list[str]
) -> None:
    """With the country not known, the answer about low mood lists the crisis lines of the
    countries the reader's language is shown by default (a Spanish reader read only of the
    UK's Samaritans)."""
    topic = catalog.faq[locale]["low_mood_anxiety_self_harm_perinatal"]
    text = catalog.fill(locale, topic.answer, place=catalog.place(None), stage="postpartum")
    assert all(f"• {line}" in text for line in said)
    assert ("Samaritans" in text) is (locale == "en")


def test_with_the_country_known_the_mental_health_answer_lists_no_other_countries_lines(
    catalog: Catalog,
) -> None:
    """A user in Spain reads Spain's crisis line in the answer, not Mexico's beside it."""
    topic = catalog.faq["es"]["low_mood_anxiety_self_harm_perinatal"]
    text = catalog.fill("es", topic.answer, place=catalog.place("ES"), stage="postpartum")
    assert "024" in text and "800 911 2000" not in text and "•" not in text


def test_a_translated_line_with_another_number_is_refused() -> None:
    """A line's words in another language that change a digit of the line do not load."""
    with pytest.raises(ValueError, match="same digits"):
        Country(
            name="X",
            crisis=("024 (free, 24/7)",),
            words={"es": {"crisis": ("024 (gratuita, 24 horas)",)}},  # type: ignore[dict-item]
        )


def test_an_abuse_entry_naming_only_the_emergency_number_is_no_helpline(
    catalog: Catalog,
) -> None:
    """Nigeria's abuse entry is the emergency number with the reference's note that no line
    exists, so no abuse helpline is shown; the UK's helpline still is."""
    nigeria = contacts(catalog.countries, "NG", "en")
    assert nigeria is not None and nigeria.domestic_abuse == () and nigeria.emergency
    uk = contacts(catalog.countries, "GB", "en")
    assert uk is not None and "0808 2000 247" in uk.domestic_abuse[0]
