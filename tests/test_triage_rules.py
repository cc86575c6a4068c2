"""Triage rules as data: the condition language, rule validation, and the clinical behaviours."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.catalog.files import CONTENT_DIR, read_yaml
from bot.catalog.triage_content import check_triage_content, load_reasons, load_triage
from bot.domain.triage import TriageRuleError, TriageRules, evaluate, load_rules, reason_ids
from bot.domain.vocabulary import Answers, Vocabulary

VOCAB = Vocabulary.model_validate(read_yaml(CONTENT_DIR / "vocabulary.yaml"))
RULES = load_triage(CONTENT_DIR, VOCAB)

QUIET_PREGNANT: Answers = {
    "status": "pregnant",
    "weeks": 24,
    "danger_signs": ["none"],
    "colour": "white",
    "consistency": "thin",
    "amount": "usual",
    "odour": "none",
    "itch_soreness": "none",
    "pain": ["none"],
    "bleeding": "none",
    "fluid_leak": "none",
    "fever": "no",
    "baby_movements": "normal",
}


def rules_from(text: str) -> TriageRules:
    """Load a small rule set written as YAML against the real vocabulary."""
    return load_rules(yaml.safe_load(text), VOCAB)


def level_of(answers: dict[str, Any]) -> str:
    """The level the real rules give a (validated) check-in."""
    return evaluate(RULES, VOCAB.validate_answers(answers)).level


def pregnant(**changes: Any) -> Answers:
    """A quiet 24-week check-in with some answers changed (None removes the answer)."""
    answers = {**QUIET_PREGNANT, **changes}
    return {k: v for k, v in answers.items() if v is not None}


def at_least(level: str, floor: str) -> bool:
    """Whether ``level`` is as urgent as ``floor`` or more."""
    return VOCAB.rank(level) >= VOCAB.rank(floor)


TWO_RULES = """
rules:
  - {id: R_low, level: routine, reasons: [low, shared], source: [S01], when: {colour: [yellow]}}
  - {id: U_high, level: urgent, reasons: [high, shared], source: [S01], when: {odour: [fishy]}}
  - {id: N_fine, level: normal, reasons: [fine], source: [S01], when: {amount: [usual]}}
fallback: {level: routine, reasons: [unknown]}
"""


# ---------------------------------------------------------------- evaluation


def test_highest_level_wins() -> None:
    """When rules of several levels match, the most urgent level is the result."""
    result = evaluate(rules_from(TWO_RULES), {"colour": "yellow", "odour": "fishy"})
    assert result.level == "urgent"


def test_reasons_are_most_urgent_first_without_repeats() -> None:
    """Reasons list the most urgent rule's reasons first and name each reason once."""
    result = evaluate(rules_from(TWO_RULES), {"colour": "yellow", "odour": "fishy"})
    assert result.reasons == ("high", "shared", "low")
    assert result.rule_ids == ("U_high", "R_low")


def test_normal_reasons_are_dropped_when_something_is_not_normal() -> None:
    """A reassuring reason never accompanies a higher level."""
    result = evaluate(rules_from(TWO_RULES), {"colour": "yellow", "amount": "usual"})
    assert result.level == "routine"
    assert "fine" not in result.reasons


def test_normal_reasons_are_given_when_the_check_in_is_normal() -> None:
    """A normal result carries its educational reason."""
    result = evaluate(rules_from(TWO_RULES), {"amount": "usual"})
    assert (result.level, result.reasons) == ("normal", ("fine",))


def test_no_matching_rule_gives_the_fallback_not_normal() -> None:
    """A check-in no rule recognises gets the fallback level and reason."""
    result = evaluate(rules_from(TWO_RULES), {"colour": "white"})
    assert (result.level, result.reasons, result.rule_ids) == ("routine", ("unknown",), ())


def test_result_is_frozen() -> None:
    """A triage result cannot be changed after the fact."""
    result = evaluate(rules_from(TWO_RULES), {"amount": "usual"})
    with pytest.raises(ValueError, match="frozen"):
        result.level = "urgent"  # type: ignore[misc]


# ---------------------------------------------------------------- condition language


def matches(when: str, answers: Answers) -> bool:
    """Whether a single urgent rule with this condition fires on the answers."""
    text = f"""
rules:
  - id: X
    level: urgent
    reasons: [x]
    source: [S01]
    when: {when}
fallback: {{level: routine, reasons: [unknown]}}
"""
    return evaluate(rules_from(text), answers).level == "urgent"


def test_a_test_on_an_unasked_field_is_false() -> None:
    """Rules never assume an answer that was not given."""
    assert not matches("{bleeding: [none]}", {})


def test_or_absent_also_accepts_an_unasked_field() -> None:
    """With or_absent, a missing answer counts as passing the test."""
    assert matches("{weeks: {max: 36, or_absent: true}}", {})


def test_or_absent_still_tests_a_given_answer() -> None:
    """or_absent does not let a given answer outside the test pass."""
    assert not matches("{weeks: {max: 36, or_absent: true}}", {"weeks": 37})


def test_absent_true_matches_only_an_unasked_field() -> None:
    """absent: true is about whether the question was asked."""
    assert matches("{fluid_leak: {absent: true}}", {})
    assert not matches("{fluid_leak: {absent: true}}", {"fluid_leak": "none"})


def test_list_on_a_multi_choice_field_means_any_ticked() -> None:
    """A list tests whether at least one ticked answer is in it."""
    assert matches("{pain: [one_sided]}", {"pain": ["mild_cramps", "one_sided"]})


def test_all_of_needs_every_option_ticked() -> None:
    """all_of passes only when all the listed options are ticked."""
    assert not matches("{pain: {all_of: [one_sided, severe]}}", {"pain": ["one_sided"]})
    assert matches("{pain: {all_of: [one_sided, severe]}}", {"pain": ["severe", "one_sided"]})


def test_only_rejects_any_option_outside_the_list() -> None:
    """only passes when nothing outside the list was ticked."""
    assert matches("{pain: {only: [none, mild_cramps]}}", {"pain": ["mild_cramps"]})
    assert not matches("{pain: {only: [none, mild_cramps]}}", {"pain": ["mild_cramps", "severe"]})


def test_min_and_max_are_inclusive() -> None:
    """Week bounds include both ends."""
    assert matches("{weeks: {min: 20, max: 36}}", {"weeks": 20})
    assert matches("{weeks: {min: 20, max: 36}}", {"weeks": 36})
    assert not matches("{weeks: {min: 20, max: 36}}", {"weeks": 37})


def test_not_inverts_a_condition() -> None:
    """not passes when the inner condition does not hold, including on an unasked field."""
    assert matches("{not: {bleeding: [heavy]}}", {})
    assert not matches("{not: {bleeding: [heavy]}}", {"bleeding": "heavy"})


def test_any_needs_one_branch_and_a_mapping_needs_all_entries() -> None:
    """any is a logical or; entries side by side are a logical and."""
    when = "{status: [pregnant], any: [{bleeding: [light]}, {colour: [pink]}]}"
    assert matches(when, {"status": "pregnant", "colour": "pink"})
    assert not matches(when, {"status": "not_pregnant", "colour": "pink"})


def test_named_conditions_are_reused_with_is() -> None:
    """is: name applies a condition from the conditions section."""
    text = """
conditions:
  bleeding_now: {bleeding: [spotting, light, heavy]}
rules:
  - {id: X, level: urgent, reasons: [x], source: [S01], when: {is: bleeding_now}}
fallback: {level: routine, reasons: [unknown]}
"""
    assert evaluate(rules_from(text), {"bleeding": "light"}).level == "urgent"


# ---------------------------------------------------------------- rule validation


def load_errors(text: str) -> list[str]:
    """The errors load_rules reports for a rule set (empty when it loads)."""
    try:
        rules_from(text)
    except TriageRuleError as exc:
        return exc.errors
    return []


def one_rule(when: str, level: str = "urgent", extra: str = "") -> str:
    """A rule set with one rule called BAD_rule."""
    return f"""
rules:
  - id: BAD_rule
    level: {level}
    reasons: [x]
    source: [S01]
    when: {when}
{extra}
fallback: {{level: routine, reasons: [unknown]}}
"""


@pytest.mark.parametrize(
    ("when", "level", "problem"),
    [
        ("{colur: [red]}", "urgent", "unknown field"),
        ("{bleeding: [spoting]}", "urgent", "unknown option 'spoting'"),
        ("{bleeding: [none]}", "very_urgent", "unknown urgency level 'very_urgent'"),
        ("{colour: {min: 2}}", "urgent", "min/max apply to numbers only"),
        ("{weeks: [twenty]}", "urgent", "is a number"),
        ("{bleeding: {all_of: [light]}}", "urgent", "all_of needs a multi-choice field"),
        ("{is: no_such_condition}", "urgent", "unknown named condition 'no_such_condition'"),
        ("{bleeding: {any_of: [light], only: [none]}}", "urgent", "use exactly one of"),
        ("{}", "urgent", "empty condition"),
    ],
)
def test_invalid_rules_are_reported_with_the_rule_id(when: str, level: str, problem: str) -> None:
    """Each kind of mistake is reported, naming the rule it is in."""
    errors = load_errors(one_rule(when, level))
    assert any("BAD_rule" in e and problem in e for e in errors), errors


def test_errors_name_the_location_inside_the_rule() -> None:
    """A nested mistake names its path, so an editor can find it."""
    errors = load_errors(one_rule("{any: [{bleeding: [none]}, {pain: [sharp]}]}"))
    assert any("when.any[1].pain" in e for e in errors), errors


def test_unknown_keys_in_a_rule_are_rejected() -> None:
    """A misspelt rule key is an error, not silently ignored."""
    text = """
rules:
  - {id: BAD_rule, level: urgent, reasons: [x], source: [S01], when: {fever: ["yes"]}, lvl: soon}
fallback: {level: routine, reasons: [unknown]}
"""
    assert any("BAD_rule" in e and "lvl" in e for e in load_errors(text))


def test_duplicate_rule_ids_are_rejected() -> None:
    """Rule ids are unique, so results can name the rule behind them."""
    text = """
rules:
  - {id: SAME, level: urgent, reasons: [x], source: [S01], when: {fever: ["yes"]}}
  - {id: SAME, level: soon, reasons: [y], source: [S01], when: {fever: ["no"]}}
fallback: {level: routine, reasons: [unknown]}
"""
    assert any("duplicate rule id" in e for e in load_errors(text))


def test_named_conditions_may_not_refer_to_themselves() -> None:
    """A cycle of named conditions is an error instead of endless evaluation."""
    text = """
conditions:
  a: {is: b}
  b: {is: a}
rules:
  - {id: X, level: urgent, reasons: [x], source: [S01], when: {is: a}}
fallback: {level: routine, reasons: [unknown]}
"""
    assert any("refers to itself" in e for e in load_errors(text))


def test_a_normal_fallback_is_rejected() -> None:
    """The fallback may never call an unrecognised check-in normal."""
    text = """
rules:
  - {id: X, level: urgent, reasons: [x], source: [S01], when: {fever: ["yes"]}}
fallback: {level: normal, reasons: [unknown]}
"""
    assert any("fallback" in e and "never silently normal" in e for e in load_errors(text))


def test_a_source_must_be_an_id_or_an_address() -> None:
    """Every rule cites a reference source id or a public URL."""
    text = """
rules:
  - {id: BAD_rule, level: urgent, reasons: [x], source: [my aunt], when: {fever: ["yes"]}}
fallback: {level: routine, reasons: [unknown]}
"""
    assert any("BAD_rule" in e and "source" in e for e in load_errors(text))


def test_three_digit_source_ids_are_accepted_but_not_four() -> None:
    """Revision 2 of the reference numbers sources past S99 (S110, S121); S1234 is no id."""
    template = """
rules:
  - {id: R, level: urgent, reasons: [x], source: [%s], when: {fever: ["yes"]}}
fallback: {level: routine, reasons: [unknown]}
"""
    assert load_errors(template % "S110") == []
    assert any("source" in e for e in load_errors(template % "S1234"))


# ---------------------------------------------------------------- the real rules


@pytest.mark.parametrize("sign", [o for o in VOCAB.fields["danger_signs"].options if o != "none"])
def test_every_danger_sign_is_an_emergency(sign: str) -> None:
    """Any danger sign other than none gives emergency, whatever the stage."""
    assert level_of({"status": "not_pregnant", "danger_signs": [sign]}) == "emergency"


def test_an_unknown_future_danger_sign_is_still_an_emergency() -> None:
    """The safety net rule catches a danger sign added to the vocabulary later."""
    data = copy.deepcopy(read_yaml(CONTENT_DIR / "vocabulary.yaml"))  # read_yaml caches
    data["fields"]["danger_signs"]["options"].append("new_sign")
    vocab = Vocabulary.model_validate(data)
    rules = load_rules(read_yaml(CONTENT_DIR / "triage" / "rules.yaml"), vocab)
    assert evaluate(rules, {"danger_signs": ["new_sign"]}).level == "emergency"


def test_quiet_pregnancy_check_in_is_normal() -> None:
    """Thin milky discharge with nothing else is normal (N1)."""
    assert level_of(pregnant()) == "normal"


def test_show_before_37_weeks_is_urgent() -> None:
    """A pink jelly-like show at 36 weeks is a preterm-labour sign (U5)."""
    assert level_of(pregnant(weeks=36, colour="pink", consistency="jelly_like")) == "urgent"


def test_show_from_37_weeks_is_normal_with_watch_for() -> None:
    """The same show at 37 weeks is the term show (N6), with watch-for advice."""
    result = evaluate(RULES, pregnant(weeks=37, colour="pink", consistency="jelly_like"))
    assert result.level == "normal"
    assert result.reasons == ("term_show",)


def test_show_with_unknown_weeks_is_treated_as_before_37() -> None:
    """Without the weeks, a show cannot be assumed to be at term."""
    assert level_of(pregnant(weeks=None, colour="pink", consistency="jelly_like")) == "urgent"


def test_term_show_with_regular_tightenings_is_not_normal() -> None:
    """N6 needs no regular painful contractions."""
    answers = pregnant(
        weeks=38, colour="pink", consistency="jelly_like", pain=["regular_tightenings"]
    )
    assert at_least(level_of(answers), "urgent")


def test_bleeding_with_pain_in_pregnancy_is_urgent() -> None:
    """Modifier: any bleeding + pain is at least urgent."""
    assert level_of(pregnant(bleeding="spotting", pain=["mild_cramps"])) == "urgent"


def test_bleeding_with_severe_pain_in_pregnancy_is_an_emergency() -> None:
    """Modifier: bleeding with severe pain is an emergency (E4)."""
    assert level_of(pregnant(bleeding="spotting", pain=["severe"])) == "emergency"


def test_fever_with_any_sign_in_pregnancy_is_urgent() -> None:
    """Modifier: any sign + fever is at least urgent."""
    assert level_of(pregnant(colour="yellow", consistency="thick", fever="yes")) == "urgent"


def test_infection_type_discharge_that_is_watery_is_urgent() -> None:
    """Modifier: BV-type discharge that is watery cannot exclude leaking waters (U2)."""
    assert level_of(pregnant(colour="grey", consistency="watery", odour="fishy")) == "urgent"


def test_same_discharge_not_watery_is_soon() -> None:
    """Without the watery consistency, fishy grey discharge is S3 (soon)."""
    assert level_of(pregnant(colour="grey", consistency="thin", odour="fishy")) == "soon"


def test_reduced_movements_with_anything_else_is_urgent() -> None:
    """Modifier: reduced movements are at least urgent, even with a minor finding."""
    assert level_of(pregnant(baby_movements="reduced", itch_soreness="itchy")) == "urgent"


def test_stitch_with_any_symptom_is_urgent() -> None:
    """Modifier: a cervical stitch with any symptom is at least urgent (U10)."""
    assert level_of(pregnant(context=["cervical_stitch"], itch_soreness="itchy")) == "urgent"


def test_stitch_without_symptoms_is_not_normal() -> None:
    """A stitch with a quiet check-in still gets watch-for advice, not plain normal."""
    assert level_of(pregnant(context=["cervical_stitch"])) == "routine"


def test_possibly_pregnant_one_sided_pain_is_urgent() -> None:
    """Modifier: possibly pregnant + one-sided pain is at least urgent (U9)."""
    answers = {"status": "possibly_pregnant", "danger_signs": ["none"], "pain": ["one_sided"]}
    assert level_of(answers) == "urgent"


def test_possibly_pregnant_one_sided_severe_pain_is_an_emergency() -> None:
    """Modifier: possibly pregnant + one-sided and severe pain is an emergency (E3)."""
    answers = {"status": "possibly_pregnant", "pain": ["one_sided", "severe"]}
    assert level_of(answers) == "emergency"


def test_worried_in_pregnancy_is_at_least_soon() -> None:
    """Modifier: 'something feels wrong' in pregnancy is at least soon."""
    assert level_of(pregnant(context=["worried_something_is_wrong"])) == "soon"


def test_herpes_sores_in_third_trimester_are_urgent_but_earlier_soon() -> None:
    """U15 applies from 28 weeks; before that sores are S8 (soon)."""
    assert level_of(pregnant(weeks=28, context=["sores_or_blisters"])) == "urgent"
    assert level_of(pregnant(weeks=27, context=["sores_or_blisters"])) == "soon"


def test_postpartum_light_bleeding_is_not_the_pregnancy_bleeding_row() -> None:
    """Postpartum counts as not pregnant for U1: light bleeding is lochia (P7), not urgent;
    light loss still there after 6 weeks is mentioned at the check (P6)."""
    answers: dict[str, Any] = {
        "status": "postpartum",
        "danger_signs": ["none"],
        "colour": "red",
        "bleeding": "light",
    }
    assert level_of(answers) == "normal"
    assert level_of({**answers, "colour": "brown", "days_since_end": 50}) == "routine"


def test_postpartum_fever_with_smelly_discharge_is_urgent() -> None:
    """After the birth, fever with smelly discharge is an infection sign (urgent)."""
    answers = {
        "status": "postpartum",
        "danger_signs": ["none"],
        "odour": "unpleasant",
        "fever": "yes",
    }
    assert level_of(answers) == "urgent"


def test_not_pregnant_spotting_after_sex_is_soon_but_pregnant_urgent() -> None:
    """The same spotting after sex is S7 when not pregnant and U1 when pregnant."""
    base = {
        "danger_signs": ["none"],
        "colour": "pink",
        "bleeding": "spotting",
        "context": ["after_sex"],
    }
    assert level_of({**base, "status": "not_pregnant", "cycle_day": 18}) == "soon"
    assert level_of({**base, "status": "pregnant", "weeks": 18}) == "urgent"


def test_brown_at_the_end_of_a_period_is_normal() -> None:
    """N5: brownish discharge at the very end of a period is normal."""
    answers = {
        "status": "not_pregnant",
        "cycle_day": 6,
        "danger_signs": ["none"],
        "colour": "brown",
    }
    assert level_of(answers) == "normal"


def test_brown_mid_cycle_is_bleeding_between_periods() -> None:
    """The same brown discharge on day 16 is bleeding between periods (S7)."""
    answers = {
        "status": "not_pregnant",
        "cycle_day": 16,
        "danger_signs": ["none"],
        "colour": "brown",
    }
    assert level_of(answers) == "soon"


def test_empty_check_in_is_not_normal() -> None:
    """A check-in with no answers cannot be called normal."""
    assert level_of({}) != "normal"


def test_unknown_stage_is_triaged_as_possibly_pregnant() -> None:
    """Without the stage, bleeding gets the pregnancy rows (conservative)."""
    assert level_of({"danger_signs": ["none"], "bleeding": "spotting"}) == "urgent"


# ---------------------------------------------------------------- properties over any check-in


def _answers() -> st.SearchStrategy[Answers]:
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for field_id, spec in VOCAB.fields.items():
        if spec.type == "integer":
            assert spec.range is not None
            parts[field_id] = st.integers(*spec.range)
        elif spec.type == "one":
            parts[field_id] = st.sampled_from(spec.options)
        else:
            real = [o for o in spec.options if o != "none"]
            parts[field_id] = st.one_of(
                st.just(["none"]), st.lists(st.sampled_from(real), unique=True, max_size=3)
            )
    return st.fixed_dictionaries({}, optional=parts)


@settings(max_examples=400, deadline=None)
@given(_answers())
def test_any_valid_check_in_gets_a_known_level_and_explained_reasons(answers: Answers) -> None:
    """Evaluation is total: every valid check-in gets a level and reasons that have text."""
    result = evaluate(RULES, answers)
    assert result.level in VOCAB.urgency_levels
    assert result.reasons
    assert set(result.reasons) <= reason_ids(RULES)


NORMAL_BASES: list[Answers] = [
    QUIET_PREGNANT,
    {**QUIET_PREGNANT, "weeks": 38, "colour": "pink", "consistency": "jelly_like"},
    {
        "status": "not_pregnant",
        "cycle_day": 14,
        "danger_signs": ["none"],
        "colour": "clear",
        "consistency": "stretchy_egg_white",
        "amount": "increased",
        "odour": "none",
        "itch_soreness": "none",
        "pain": ["none"],
        "bleeding": "none",
    },
    {"status": "not_pregnant", "cycle_day": 5, "danger_signs": ["none"], "colour": "brown"},
]


def _near_normal() -> st.SearchStrategy[Answers]:
    """A normal check-in with one or two answers changed to anything valid."""
    changes = _answers().filter(lambda a: 1 <= len(a) <= 2)
    return st.builds(lambda base, new: {**base, **new}, st.sampled_from(NORMAL_BASES), changes)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_answers(), _near_normal()))
def test_normal_never_hides_a_red_flag(answers: Answers) -> None:
    """A normal result never comes with a danger sign, fever, leak, smell, itch or severe pain."""
    result = evaluate(RULES, answers)
    if result.level != "normal":
        return
    assert answers.get("danger_signs", ["none"]) in (["none"], [])
    assert answers.get("fever", "no") == "no"
    assert answers.get("fluid_leak", "none") == "none"
    assert answers.get("odour", "none") == "none"
    assert answers.get("itch_soreness", "none") == "none"
    assert answers.get("baby_movements") != "reduced"
    pain = answers.get("pain", [])
    assert not (isinstance(pain, list) and "severe" in pain)
    assert answers.get("bleeding") != "heavy"


# ---------------------------------------------------------------- content


def test_shipped_triage_content_has_no_problems() -> None:
    """The rules load and every reason they give has text and sources in English."""
    assert check_triage_content(CONTENT_DIR, VOCAB, ["en"]) == []


def test_every_reason_has_at_least_one_public_source() -> None:
    """Each explanation cites a public address."""
    reasons = load_reasons(CONTENT_DIR, "en")
    assert all(r.sources and r.sources[0].startswith("http") for r in reasons.values())


def test_content_check_reports_a_reason_without_text(tmp_path: Any) -> None:
    """A rule reason missing from a locale is named with its file."""
    (tmp_path / "triage").mkdir()
    (tmp_path / "locales" / "en").mkdir(parents=True)
    (tmp_path / "triage" / "rules.yaml").write_text(one_rule('{fever: ["yes"]}'))
    (tmp_path / "locales" / "en" / "reasons.yaml").write_text(
        "unknown: {explain: We could not tell., sources: ['https://www.nhs.uk/']}\n"
    )
    problems = check_triage_content(tmp_path, VOCAB, ["en"])
    assert any("reasons.yaml" in p and "x:" in p and "no text" in p for p in problems), problems


def test_content_check_reports_a_reason_without_sources(tmp_path: Any) -> None:
    """A reason text with no source is a content error."""
    (tmp_path / "triage").mkdir()
    (tmp_path / "locales" / "en").mkdir(parents=True)
    (tmp_path / "triage" / "rules.yaml").write_text(one_rule('{fever: ["yes"]}'))
    (tmp_path / "locales" / "en" / "reasons.yaml").write_text(
        "x: {explain: A fever., sources: []}\n"
        "unknown: {explain: We could not tell., sources: ['https://www.nhs.uk/']}\n"
    )
    problems = check_triage_content(tmp_path, VOCAB, ["en"])
    assert any("reasons.yaml" in p and "x: sources" in p for p in problems), problems
