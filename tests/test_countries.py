"""Specification of the country table: only verified numbers are ever shown."""

from __future__ import annotations

from bot.catalog.catalog import Catalog
from bot.domain.countries import contacts, contacts_for, shown


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
