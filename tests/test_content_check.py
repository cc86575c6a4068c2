"""The content check: real content passes; broken copies fail with the file and location named."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.catalog.catalog import Catalog
from bot.catalog.files import CONTENT_DIR, ContentError
from tests.support.hang_guard import PROCESS_GUARD

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def problems_of(content_dir: Path) -> list[str]:
    try:
        return Catalog.load(content_dir).problems()
    except ContentError as exc:
        return str(exc).splitlines()


def test_real_content_passes() -> None:
    """The shipped content has no problems."""
    assert Catalog.load().problems() == []


def test_command_exits_zero_on_real_content() -> None:
    """`python -m bot content check` exits 0 and says ok."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=PROCESS_GUARD,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "content ok" in result.stdout


def test_missing_option_label_is_reported(content_copy: Path) -> None:
    """Removing an option's words names the locale file and the missing key."""
    strings = content_copy / "locales" / "en" / "strings.yaml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace('    fishy: "Fishy"\n', ""), encoding="utf-8")
    assert any("strings.yaml" in p and "opt.odour.fishy" in p for p in problems_of(content_copy))


def test_outcome_without_call_to_action_is_reported(content_copy: Path) -> None:
    """An outcome template that drops the call to action fails the check."""
    template = content_copy / "locales" / "en" / "templates" / "outcome.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('{{ t("cta." ~ level) }}', ""), encoding="utf-8")
    assert any("call to action" in p for p in problems_of(content_copy))


def test_unknown_field_in_flow_is_reported(content_copy: Path) -> None:
    """A flow step naming a field the vocabulary lacks names flows/checkin.yaml."""
    flow = content_copy / "flows" / "checkin.yaml"
    flow.write_text(
        flow.read_text(encoding="utf-8").replace("- field: odour", "- field: smell"),
        encoding="utf-8",
    )
    assert any("flows/checkin.yaml" in p and "smell" in p for p in problems_of(content_copy))


def test_template_with_undefined_variable_is_reported(content_copy: Path) -> None:
    """A template using a variable the bot never passes fails under StrictUndefined."""
    template = content_copy / "locales" / "en" / "templates" / "help.j2"
    template.write_text("{{ nobody_passes_this }}", encoding="utf-8")
    assert any("help.j2" in p for p in problems_of(content_copy))


def test_a_red_flag_whose_level_differs_from_the_checkin_is_reported(content_copy: Path) -> None:
    """A free-text rule naming a danger sign must have the check-in's level for that sign."""
    rules = content_copy / "safety" / "redflags.yaml"
    text = rules.read_text(encoding="utf-8")
    marker = "    reason: possible_pre_eclampsia\n"
    rules.write_text(text.replace(marker, marker + "    level: urgent\n"), encoding="utf-8")
    assert any("differs from the check-in" in p for p in problems_of(content_copy))


def test_a_crisis_rule_with_an_unknown_reason_is_reported(content_copy: Path) -> None:
    """A crisis rule must give one of the reasons the crisis reply has words for."""
    rules = content_copy / "safety" / "crisis.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(
        text.replace("reason: thoughts_of_harm", "reason: made_up", 1), encoding="utf-8"
    )
    assert any("crisis rule" in p for p in problems_of(content_copy))


def test_a_uk_service_in_a_call_to_action_for_everyone_is_reported(content_copy: Path) -> None:
    """A call to action that names NHS 111 whatever the user's country fails the check."""
    strings = content_copy / "locales" / "ru" / "strings.yaml"
    text = strings.read_text(encoding="utf-8")
    marker = "позвоните своему врачу, в поликлинику или на местную линию срочной медицинской помощи"
    assert marker in text
    strings.write_text(text.replace(marker, marker + " (NHS 111)"), encoding="utf-8")
    problems = problems_of(content_copy)
    assert any("locales/ru: country RU: cta.urgent names ['NHS']" in p for p in problems)
    assert not any("country GB" in p for p in problems)


def test_an_emergency_call_to_action_without_the_users_number_is_reported(
    content_copy: Path,
) -> None:
    """A cta.emergency that ignores the user's country fails for every country it leaves out."""
    strings = content_copy / "locales" / "es" / "strings.yaml"
    text = strings.read_text(encoding="utf-8")
    marker = "{{ place.emergency | join(' o al ') }}"
    assert marker in text
    strings.write_text(text.replace(marker, "112"), encoding="utf-8")
    problems = problems_of(content_copy)
    assert any("locales/es: country MX: cta.emergency does not name ['911']" in p for p in problems)


def test_an_faq_answer_naming_999_for_everyone_is_reported(content_copy: Path) -> None:
    """An FAQ answer that says "Call 999" whatever the user's country fails the check."""
    waters = content_copy / "locales" / "en" / "faq" / "waters.yaml"
    text = waters.read_text(encoding="utf-8")
    marker = "<b>{{ t('where.call_cap') }}</b> if you can feel or see the umbilical cord"
    assert marker in text
    waters.write_text(text.replace(marker, "<b>Call 999</b> if you can feel"), encoding="utf-8")
    problems = problems_of(content_copy)
    expected = "waters_breaking_signs: names ['999'] to a user in an unknown country"
    assert f"locales/en/faq: {expected}" in problems


def test_an_faq_answer_sizing_clots_by_a_uk_coin_for_everyone_is_reported(
    content_copy: Path,
) -> None:
    """An FAQ answer that sizes clots as "a 50p coin" whatever the user's country fails the
    check (a user in the US or India reads a measure instead)."""
    path = content_copy / "locales" / "en" / "faq" / "stages.yaml"
    text = path.read_text(encoding="utf-8")
    marker = (
        "{% if place.country == 'GB' %}a 50p coin (about 2.5 cm)"
        "{% else %}about 2.5 cm (1 inch){% endif %}"
    )
    assert marker in text
    path.write_text(text.replace(marker, "a 50p coin (about 2.5 cm)"), "utf-8")
    problems = problems_of(content_copy)
    expected = "bleeding_after_birth_lochia: names ['50p'] to a user in an unknown country"
    assert f"locales/en/faq: {expected}" in problems


def test_a_reason_naming_the_health_visitor_for_everyone_is_reported(
    content_copy: Path,
) -> None:
    """A check-in reason that sends every reader to a health visitor, a UK service, fails the
    check."""
    path = content_copy / "locales" / "en" / "reasons.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "talk to your midwife, {% if place.country == 'GB' %}health visitor {% endif %}or"
    assert marker in text
    path.write_text(text.replace(marker, "talk to your midwife, health visitor or"), "utf-8")
    problems = problems_of(content_copy)
    expected = "heavy_periods_after_birth: names ['health visitor'] outside the UK"
    assert f"locales/en/reasons.yaml: {expected}" in problems


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
def test_a_uk_loss_charity_cited_under_every_answer_is_reported(
    content_copy: Path, locale: str
) -> None:
    """A source naming the Miscarriage Association listed under the answer for every country
    fails the check (a user in Kazakhstan read it as a helpline of theirs)."""
    path = content_copy / "locales" / locale / "faq" / "stages.yaml"
    text = path.read_text(encoding="utf-8")
    marker = '"https://www.miscarriageassociation.org.uk/media-queries/", countries: [GB]}'
    assert marker in text
    path.write_text(text.replace(marker, marker.replace(", countries: [GB]", "")), "utf-8")
    problems = problems_of(content_copy)
    expected = "after_pregnancy_loss: names ['Miscarriage Association'] to a user in"
    assert any(p.startswith(f"locales/{locale}/faq: {expected}") for p in problems), problems


def test_a_source_for_a_country_not_in_the_table_is_reported(content_copy: Path) -> None:
    """A source listed for a country code the countries table lacks fails the check (a typo
    would hide the source from everyone)."""
    path = content_copy / "locales" / "en" / "faq" / "stages.yaml"
    text = path.read_text(encoding="utf-8")
    marker = '"https://www.sands.org.uk/", countries: [GB]}'
    assert marker in text
    path.write_text(text.replace(marker, marker.replace("[GB]", "[UK]")), "utf-8")
    problems = problems_of(content_copy)
    expected = "https://www.sands.org.uk/ is for unknown countries ['UK']"
    assert f"locales/en/faq: after_pregnancy_loss: source {expected}" in problems


def test_an_faq_answer_whose_sources_are_all_for_the_uk_is_reported(content_copy: Path) -> None:
    """An answer whose every source is listed for UK users only fails the check: elsewhere
    it would cite nothing."""
    path = content_copy / "locales" / "en" / "faq" / "stages.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: after_pregnancy_loss")
    end = text.index("    examples:", start)
    part = text[start:end]
    gated = re.sub(r'(url: "[^"]+")}', r"\1, countries: [GB]}", part)
    assert gated.count("countries: [GB]") == part.count("url:") == 5
    path.write_text(text[:start] + gated + text[end:], "utf-8")
    problems = problems_of(content_copy)
    expected = "after_pregnancy_loss: cites no source to a user in an unknown country"
    assert f"locales/en/faq: {expected}" in problems


def test_an_faq_answer_saying_the_nhs_advises_to_everyone_is_reported(content_copy: Path) -> None:
    """An FAQ answer whose words say "the NHS advises" whatever the user's country fails the
    check (the NHS is cited in the sources, under the answer)."""
    path = content_copy / "locales" / "en" / "faq" / "bleeding.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "This is the advice for any bleeding in pregnancy"
    assert marker in text
    path.write_text(text.replace(marker, "The NHS advises this for any bleeding"), "utf-8")
    problems = problems_of(content_copy)
    expected = "bleeding_after_sex_pregnancy: names ['NHS'] to a user in an unknown country"
    assert f"locales/en/faq: {expected}" in problems


def test_a_reason_naming_the_uks_sexual_health_clinic_for_everyone_is_reported(
    content_copy: Path,
) -> None:
    """A check-in reason that sends everyone to "a sexual health clinic" (the UK's service)
    fails the check; ``where.sexual_health`` names it for UK users only."""
    path = content_copy / "locales" / "en" / "reasons.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "A {{ t('where.sexual_health') }}\n    or {{ t('where.gp') }} can check them."
    assert marker in text
    path.write_text(text.replace(marker, "A sexual health clinic can check them."), "utf-8")
    expected = "genital_sores: names ['sexual health clinic'] outside the UK"
    assert f"locales/en/reasons.yaml: {expected}" in problems_of(content_copy)


def test_an_option_rule_naming_an_unknown_option_is_reported(content_copy: Path) -> None:
    """A flow step whose offer_when names an option the vocabulary lacks fails the check."""
    flow = content_copy / "flows" / "checkin.yaml"
    text = flow.read_text(encoding="utf-8")
    assert "      cord_felt_or_seen: [" in text
    flow.write_text(text.replace("      cord_felt_or_seen: [", "      cord_felt: ["), "utf-8")
    assert any("names unknown option 'cord_felt'" in p for p in problems_of(content_copy))


def test_a_reason_naming_a_gp_for_everyone_is_reported(content_copy: Path) -> None:
    """A check-in reason that sends everyone to "a GP" fails the check, naming the reason."""
    reasons = content_copy / "locales" / "en" / "reasons.yaml"
    text = reasons.read_text(encoding="utf-8")
    marker = "mention them to your midwife,\n    {{ t('where.gp') }} or nurse."
    assert marker in text
    reasons.write_text(
        text.replace(marker, "mention them to your midwife,\n    GP or nurse."), "utf-8"
    )
    problems = problems_of(content_copy)
    assert any("reasons.yaml: unclassified_check_in: names [' GP ']" in p for p in problems)


def test_an_urgency_note_slower_than_its_answer_is_reported(content_copy: Path) -> None:
    """An FAQ answer that says "straight away" under an urgency note that says "within a few
    days" contradicts itself and fails the check."""
    path = content_copy / "locales" / "en" / "faq" / "infections.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "<b>Tell your midwife or {{ t('where.gp') }} in the next few days</b>"
    assert marker in text
    path.write_text(text.replace(marker, marker.replace("in the next few days", "now")), "utf-8")
    expected = "genital_herpes_pregnancy: the urgency note says ['days'] but the answer does not"
    assert any(p.startswith(f"locales/en/faq: {expected}") for p in problems_of(content_copy))


def test_an_faq_answer_without_the_users_known_number_is_reported(content_copy: Path) -> None:
    """An FAQ answer that says "your local emergency number" to a user whose country's number
    is known fails the check (``where.call`` names the number)."""
    path = content_copy / "locales" / "en" / "faq" / "stages.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "<b>{{ t('where.call_cap') }}</b> for a fit (seizure)"
    assert marker in text
    path.write_text(
        text.replace(marker, "<b>Call your local emergency number</b> for a fit"), "utf-8"
    )
    expected = "pre_eclampsia_warning_signs: says ['local emergency number'] to a user in GB"
    assert any(p.startswith(f"locales/en/faq: {expected}") for p in problems_of(content_copy))


def test_a_spanish_answer_naming_the_uks_sexual_health_centre_is_reported(
    content_copy: Path,
) -> None:
    """A Spanish FAQ answer that sends everyone to "un centro de salud sexual" (the UK's
    sexual health clinic) fails the check; ``where.sexual_health`` names it for UK users."""
    path = content_copy / "locales" / "es" / "faq" / "infections.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "<b>Pide cita en un {{ t('where.sexual_health') }}"
    assert marker in text
    path.write_text(text.replace(marker, "<b>Pide cita en un centro de salud sexual"), "utf-8")
    expected = "trichomoniasis: names ['centro de salud sexual'] to a user in an unknown country"
    assert f"locales/es/faq: {expected}" in problems_of(content_copy)


def test_an_after_loss_answer_naming_uk_charities_for_everyone_is_reported(
    content_copy: Path,
) -> None:
    """An after-loss answer that names the UK's loss charities whatever the user's country
    fails the check; ``where.loss_support`` names them to UK users only."""
    path = content_copy / "locales" / "en" / "faq" / "stages.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "Support is there whenever you want it. {{ t('where.loss_support') }}"
    assert marker in text
    path.write_text(text.replace(marker, "Sands (0808 164 3332) listens and helps."), "utf-8")
    expected = "after_pregnancy_loss: names ['Sands'] to a user in an unknown country"
    assert f"locales/en/faq: {expected}" in problems_of(content_copy)


def test_a_negative_wait_before_asking_about_the_birth_is_reported(content_copy: Path) -> None:
    """arrival.yaml's days before "has your baby arrived?" are validated at load: a negative
    number names the file and the field."""
    path = content_copy / "arrival.yaml"
    text = path.read_text(encoding="utf-8")
    assert "ask_after_days: 14" in text
    path.write_text(text.replace("ask_after_days: 14", "ask_after_days: -1"), "utf-8")
    problems = "\n".join(problems_of(content_copy))
    assert "arrival.yaml" in problems and "ask_after_days" in problems
