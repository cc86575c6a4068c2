"""The check-in's questions fit the life stage (content/flows/checkin.yaml ``when``): when the
bot does not know something, it asks."""

from __future__ import annotations

import pytest

from bot.catalog.catalog import Catalog
from bot.domain.flow import FlowSpec, Prompt
from bot.domain.models import FlowState
from bot.domain.stage import LifeStage


def asked_fields(catalog: Catalog, stage: LifeStage) -> set[str]:
    return {step.field for step in catalog.flow.applicable(stage)}


@pytest.mark.parametrize(("weeks", "asked"), [(None, True), (30, True), (20, True), (12, False)])
def test_baby_movements_are_asked_from_20_weeks_and_whenever_the_weeks_are_unknown(
    catalog: Catalog, weeks: int | None, asked: bool
) -> None:
    """A pregnant user is asked about the baby's movements from 20 weeks, and always when the
    bot does not know the weeks."""
    stage = LifeStage(status="pregnant", weeks=weeks)
    assert ("baby_movements" in asked_fields(catalog, stage)) is asked


@pytest.mark.parametrize("status", ["not_pregnant", "postpartum", "after_loss"])
def test_baby_movements_are_never_asked_outside_pregnancy(catalog: Catalog, status: str) -> None:
    """A cycle tracker, or a user after a birth or a loss, is never asked about movements."""
    assert "baby_movements" not in asked_fields(catalog, LifeStage(status=status))


def test_a_step_ruled_out_by_a_later_or_unknown_answer_is_refused(catalog: Catalog) -> None:
    """``unless_answer`` may name only an earlier step and options that step has."""
    spec = FlowSpec.model_validate(
        {
            "steps": [
                {"field": "amount", "unless_answer": {"colour": ["none"]}},
                {"field": "colour"},
                {"field": "odour", "unless_answer": {"colour": ["purple"]}},
            ]
        }
    )
    problems = spec.check(catalog.vocab)
    assert any("steps[0]" in p and "not an earlier step" in p for p in problems)
    assert any("steps[2]" in p and "unknown option 'purple'" in p for p in problems)


def test_a_saved_state_waiting_on_a_ruled_out_step_goes_on_to_the_next_question(
    catalog: Catalog,
) -> None:
    """A check-in saved at the consistency question after "No discharge" (before the rule
    existed) asks the next question still asked, never ends with the danger questions unasked."""
    stage = LifeStage(status="pregnant", weeks=30)
    state = FlowState(
        flow="checkin",
        step="consistency",
        history=["danger_signs", "colour"],
        answers={"danger_signs": ["none"], "colour": "none"},
    )
    outcome = catalog.flow.current(state, stage)
    assert isinstance(outcome, Prompt)
    assert outcome.field == "itch_soreness"
