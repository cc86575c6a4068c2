"""Specification of ``net_stages`` (content/safety/redflags.yaml): after a loss, the meaning-based
obstetric screen's reading of reduced baby movements is not heeded ("our daughter was stillborn at
38 weeks two weeks ago" read so at 0.989), also where the message names the week of the loss;
where the stage is unknown, or the writer says she is pregnant again, it still is."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen, SemanticVerdict
from tests.stand_in_nets import with_nets

#: How sure the obstetric screen was that telling of a stillbirth was reduced movements.
STILLBIRTH_TOLD = 0.989


def _with_net(rules_only: SafetyScreen) -> SafetyScreen:
    """The rules with an obstetric screen that reads every text as reduced movements."""
    verdict = SemanticVerdict("reduced_fetal_movements", "urgent", STILLBIRTH_TOLD)
    return with_nets(rules_only, obstetric=verdict)


@pytest.mark.parametrize(
    "text",
    [
        "our daughter was stillborn at 38 weeks two weeks ago",
        "mi hija nació dormida a las 37 semanas, hace un mes",
        "наш сын родился мёртвым в 39 недель",
    ],
)
def test_a_stillbirth_told_after_a_loss_is_no_call_about_movements(
    rules_only: SafetyScreen, text: str
) -> None:
    """After a loss, telling of it is not read as reduced baby movements."""
    assert _with_net(rules_only).screen(text, status="after_loss").level is None


def test_the_same_words_from_someone_of_unknown_stage_are_still_heeded(
    rules_only: SafetyScreen,
) -> None:
    """Where the stage is unknown the obstetric screen is heeded: when unsure, escalate."""
    result = _with_net(rules_only).screen("our daughter was stillborn at 38 weeks two weeks ago")
    assert result.level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "im pregnant again, 30 weeks, she feels different today",
        "estoy embarazada otra vez, 30 semanas, hoy la noto distinta",
    ],
)
def test_pregnant_again_after_a_loss_is_still_heeded(rules_only: SafetyScreen, text: str) -> None:
    """A writer whose stored stage is after a loss but who says she is pregnant now is read as
    pregnant."""
    assert _with_net(rules_only).screen(text, status="after_loss").level == "urgent"
