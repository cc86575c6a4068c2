"""Stand-in meaning-based screens for safety tests: each gives one verdict to every text, so a
test says what the rules and the doubts do with it, whatever the trained screens would say."""

from __future__ import annotations

import copy
from collections import OrderedDict

import numpy as np
import pytest

from bot.catalog import crisis_net
from bot.domain.safety import SafetyScreen, SemanticVerdict


def with_nets(
    rules_only: SafetyScreen,
    crisis: SemanticVerdict | None = None,
    obstetric: SemanticVerdict | None = None,
) -> SafetyScreen:
    """The rules with stand-in crisis and obstetric screens that give these verdicts."""
    screen = copy.copy(rules_only)
    screen.semantic = lambda text: crisis
    screen.obstetric_semantic = lambda text: obstetric
    return screen


def count_encodings(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts the sentence encoder is asked to encode from now on (each call's list), with
    no embedding remembered from before; the encoder itself is replaced by zeros."""
    encoded: list[list[str]] = []

    def fake_embed(texts: list[str]) -> np.ndarray:
        encoded.append(texts)
        return np.zeros((len(texts), 512), dtype=np.float32)

    monkeypatch.setattr(crisis_net, "embed", fake_embed)
    monkeypatch.setattr(crisis_net, "_recent", OrderedDict())
    return encoded
