"""Which of a check-in's reasons its reply shows: the deciding level's, each said once.

A check-in keeps every reason its matching rules gave (history and the summary show them);
the reply leads with what to do, so it explains only the reasons of the level that decided
it, and leaves out a reason that a more specific one of the same reply already covers
(``content/triage/shown.yaml``): someone who reported green waters reads why green waters
matter and the pad advice once, not four reasons and "call if you get a watery leak".
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from bot.domain.triage import TriageResult, TriageRules


class ShownReasons(BaseModel):
    """``covers``: reason id -> the reason ids a reply leaves out when it shows that one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    covers: dict[str, frozenset[str]] = {}

    def problems(self, known: frozenset[str]) -> list[str]:
        """Reason ids named here that no rule gives, and reasons said to cover themselves."""
        found = []
        for reason_id, covered in self.covers.items():
            for name in sorted({reason_id, *covered} - known):
                found.append(f"{reason_id}: no rule gives the reason {name}")
            if reason_id in covered:
                found.append(f"{reason_id}: a reason cannot cover itself")
        return found


def shown_reasons(
    rules: TriageRules, result: TriageResult, covers: Mapping[str, frozenset[str]]
) -> tuple[str, ...]:
    """The reason ids a reply explains, most urgent rule first, without repeats."""
    levels = {rule.id: rule.level for rule in rules.rules}
    deciding = [
        reason
        for rule in rules.rules
        if rule.id in result.rule_ids and levels[rule.id] == result.level
        for reason in rule.reasons
    ]
    # The result lists reasons most urgent first; keep that order for the deciding ones.
    wanted = set(deciding) if deciding else set(result.reasons)
    ordered = [reason for reason in result.reasons if reason in wanted]
    covered = {c for reason in ordered for c in covers.get(reason, frozenset())}
    return tuple(reason for reason in ordered if reason not in covered)
