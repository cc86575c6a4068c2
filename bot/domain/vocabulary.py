"""The canonical check-in vocabulary (field ids, option ids, urgency levels) and answer validation.

The vocabulary is content (``content/vocabulary.yaml``); this module gives it a typed shape
and validates stored check-ins against it, so that stored data, triage rules, exports and
tests all speak the same ids.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

AnswerValue = str | int | list[str]
Answers = dict[str, AnswerValue]


class FieldSpec(BaseModel):
    """One check-in field: a single choice, a multi-choice or a bounded integer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["one", "many", "integer"]
    options: tuple[str, ...] = ()
    range: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _shape(self) -> FieldSpec:
        if self.type == "integer":
            if self.range is None or self.options:
                raise ValueError("integer fields need a range and no options")
        elif not self.options or self.range is not None:
            raise ValueError("choice fields need options and no range")
        if len(set(self.options)) != len(self.options):
            raise ValueError("duplicate option ids")
        return self


class Vocabulary(BaseModel):
    """Urgency levels in ascending order and the check-in fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    urgency_levels: tuple[str, ...]
    fields: dict[str, FieldSpec]

    def rank(self, level: str) -> int:
        """Position of ``level`` in ascending urgency; raises KeyError for an unknown level."""
        try:
            return self.urgency_levels.index(level)
        except ValueError:
            raise KeyError(level) from None

    def max_level(self, levels: list[str] | tuple[str, ...]) -> str:
        """The most urgent of ``levels`` (the lowest level when empty)."""
        if not levels:
            return self.urgency_levels[0]
        return max(levels, key=self.rank)

    def validate_answers(self, raw: object) -> Answers:
        """Return a clean copy of a check-in, or raise ValueError naming the bad field.

        Error messages name fields and ids from the vocabulary only, never the input value,
        so they are safe to log and to show.
        """
        if not isinstance(raw, dict):
            raise ValueError("a check-in must be an object of field ids")
        clean: Answers = {}
        for field_id, value in raw.items():
            spec = self.fields.get(field_id) if isinstance(field_id, str) else None
            if spec is None:
                raise ValueError("unknown field")
            clean[field_id] = _validate_value(field_id, spec, value)
        return clean


def _validate_value(field_id: str, spec: FieldSpec, value: object) -> AnswerValue:
    if spec.type == "integer":
        assert spec.range is not None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{field_id}: expected a whole number")
        low, high = spec.range
        if not low <= value <= high:
            raise ValueError(f"{field_id}: out of range {low}-{high}")
        return value
    if spec.type == "one":
        if not isinstance(value, str) or value not in spec.options:
            raise ValueError(f"{field_id}: not one of its options")
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{field_id}: expected a list of option ids")
    if any(v not in spec.options for v in value):
        raise ValueError(f"{field_id}: not one of its options")
    if len(set(value)) != len(value):
        raise ValueError(f"{field_id}: repeated option")
    if "none" in value and len(value) > 1:
        raise ValueError(f"{field_id}: 'none' cannot be combined with other options")
    return list(value)
