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
