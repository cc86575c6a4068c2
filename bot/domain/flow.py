"""The check-in flow engine: which question comes next, and what an answer, back or skip does.

The flow's structure is data (``content/flows/checkin.yaml``); this module walks it. It is
pure: it takes the flow spec, the vocabulary, the user's stage and the state so far, and
returns the next ``Prompt`` or ``Finished``. Words are looked up elsewhere by field and option
id, so the clinical routing is the same in every language.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.models import FlowState
from bot.domain.vocabulary import Answers, Vocabulary

CHECKIN = "checkin"


class StepCondition(BaseModel):
    """Ask a step only for these stages and pregnancy weeks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: tuple[str, ...] = ()
    weeks_min: int | None = None
    weeks_max: int | None = None

    def holds(self, status: str | None, weeks: int | None) -> bool:
        """True when a user at this stage and week should be asked."""
        if self.status and status not in self.status:
            return False
        if self.weeks_min is not None and (weeks is None or weeks < self.weeks_min):
            return False
        return not (self.weeks_max is not None and (weeks is None or weeks > self.weeks_max))


class StepSpec(BaseModel):
    """One question of the flow."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    when: StepCondition = Field(default_factory=StepCondition)
    required: bool = False
    input: Literal["buttons", "number"] = "buttons"
    stop_unless: tuple[str, ...] = ()


class FlowSpec(BaseModel):
    """The ordered steps of the check-in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: tuple[StepSpec, ...]

    @model_validator(mode="after")
    def _unique(self) -> FlowSpec:
        fields = [s.field for s in self.steps]
        if len(set(fields)) != len(fields):
            raise ValueError("a field is asked twice")
        return self

    def step(self, field: str) -> StepSpec:
        """The step that asks ``field``; KeyError when the flow has none."""
        for spec in self.steps:
            if spec.field == field:
                return spec
        raise KeyError(field)

    def check(self, vocab: Vocabulary) -> list[str]:
        """Problems with this flow against the vocabulary (empty when fine)."""
        problems = []
        for index, spec in enumerate(self.steps):
            where = f"steps[{index}]"
            field = vocab.fields.get(spec.field)
            if field is None:
                problems.append(f"{where}: unknown field {spec.field!r}")
                continue
            if (spec.input == "number") != (field.type == "integer"):
                problems.append(f"{where}: input does not fit field type {field.type}")
            problems.extend(
                f"{where}: stop_unless names unknown option {option!r}"
                for option in spec.stop_unless
                if option not in field.options
            )
            problems.extend(
                f"{where}: when names unknown status {status!r}"
                for status in spec.when.status
                if status not in vocab.fields["status"].options
            )
        return problems


class Prompt(BaseModel):
    """Ask ``field`` next."""

    model_config = ConfigDict(frozen=True)

    field: str
    kind: Literal["one", "many", "number"]
    options: tuple[str, ...]
    selected: tuple[str, ...] = ()
    can_back: bool
    can_skip: bool
    number: int  # 1-based position among the questions this user will be asked
    total: int
    # Options that do not end the check-in; any other tap stops it at once (danger signs).
    stop_unless: tuple[str, ...] = ()


class Finished(BaseModel):
    """No more questions; ``stopped`` when the danger-sign screen ended the check-in early."""

    model_config = ConfigDict(frozen=True)

    answers: Answers
    stopped: bool = False


Outcome = Prompt | Finished


class FlowError(ValueError):
    """An answer does not fit the current question (stale or forged input)."""


class NothingChosen(FlowError):
    """Done on a required multi-choice question with nothing selected: it must be answered."""


class Flow:
    """Walks a FlowSpec for one user stage."""

    def __init__(self, spec: FlowSpec, vocab: Vocabulary) -> None:
        self._spec = spec
        self._vocab = vocab

    def applicable(self, status: str | None, weeks: int | None) -> list[StepSpec]:
        """The steps this user will be asked, in order."""
        return [s for s in self._spec.steps if s.when.holds(status, weeks)]

    def start(self, state: FlowState, status: str | None, weeks: int | None) -> Outcome:
        """Begin at the first question."""
        steps = self.applicable(status, weeks)
        state.step = steps[0].field
        state.history = []
        state.answers = {}
        state.pending = []
        return self.current(state, status, weeks)

    def current(self, state: FlowState, status: str | None, weeks: int | None) -> Outcome:
        """The question the state is waiting for."""
        steps = self.applicable(status, weeks)
        fields = [s.field for s in steps]
        if state.step not in fields:
            return Finished(answers=self._final(state, status, weeks))
        spec = steps[fields.index(state.step)]
        field = self._vocab.fields[spec.field]
        kind: Literal["one", "many", "number"] = (
            "number" if field.type == "integer" else "many" if field.type == "many" else "one"
        )
        return Prompt(
            field=spec.field,
            kind=kind,
            options=field.options,
            selected=tuple(state.pending),
            can_back=bool(state.history),
            can_skip=not spec.required,
            number=fields.index(spec.field) + 1,
            total=len(fields),
            stop_unless=spec.stop_unless,
        )

    def answer(
        self, state: FlowState, status: str | None, weeks: int | None, value: str | int
    ) -> Outcome:
        """Record a single-choice or number answer and move on."""
        prompt = self._expect(state, status, weeks)
        if prompt.kind == "many":
            raise FlowError("multi-choice questions are answered with toggle and done")
        clean = self._vocab.validate_answers({prompt.field: value})[prompt.field]
        state.answers = {**state.answers, prompt.field: clean}
        return self._advance(state, status, weeks, prompt.field)

    def toggle(
        self, state: FlowState, status: str | None, weeks: int | None, option: str
    ) -> Outcome:
        """Select or unselect one option of a multi-choice question ('none' is exclusive).

        On a step with ``stop_unless`` (the danger-sign screen) a tap of any other option
        answers the step and ends the check-in at once, as Done would with it selected.
        """
        prompt = self._expect(state, status, weeks)
        if prompt.kind != "many" or option not in prompt.options:
            raise FlowError("not an option of this question")
        pending = list(state.pending)
        if prompt.stop_unless and option not in prompt.stop_unless:
            chosen = [
                o
                for o in prompt.options
                if (o == option or o in pending) and o not in prompt.stop_unless
            ]
            return self._confirm(state, status, weeks, prompt.field, chosen)
        if option in pending:
            pending.remove(option)
        elif option == "none":
            pending = ["none"]
        else:
            pending = [p for p in pending if p != "none"] + [option]
        state.pending = pending
        result = self.current(state, status, weeks)
        assert isinstance(result, Prompt)
        return result

    def done(self, state: FlowState, status: str | None, weeks: int | None) -> Outcome:
        """Confirm a multi-choice question; nothing selected counts as 'none', except on a
        required question, where it raises ``NothingChosen``."""
        prompt = self._expect(state, status, weeks)
        if prompt.kind != "many":
            raise FlowError("only multi-choice questions are confirmed")
        chosen = [o for o in prompt.options if o in state.pending]
        if not chosen and not prompt.can_skip:
            raise NothingChosen("a required question needs an answer")
        return self._confirm(state, status, weeks, prompt.field, chosen or ["none"])

    def _confirm(
        self,
        state: FlowState,
        status: str | None,
        weeks: int | None,
        field: str,
        chosen: list[str],
    ) -> Outcome:
        clean = self._vocab.validate_answers({field: chosen})[field]
        state.answers = {**state.answers, field: clean}
        state.pending = []
        return self._advance(state, status, weeks, field)

    def skip(self, state: FlowState, status: str | None, weeks: int | None) -> Outcome:
        """Leave the current question unanswered (absent in the stored check-in)."""
        prompt = self._expect(state, status, weeks)
        if not prompt.can_skip:
            raise FlowError("this question cannot be skipped")
        state.answers = {k: v for k, v in state.answers.items() if k != prompt.field}
        state.pending = []
        return self._advance(state, status, weeks, prompt.field, answered=False)

    def back(self, state: FlowState, status: str | None, weeks: int | None) -> Outcome:
        """Return to the previous question, forgetting its answer."""
        self._expect(state, status, weeks)
        if not state.history:
            raise FlowError("already at the first question")
        previous = state.history[-1]
        state.history = state.history[:-1]
        state.step = previous
        previous_answer = state.answers.get(previous)
        state.answers = {k: v for k, v in state.answers.items() if k != previous}
        state.pending = list(previous_answer) if isinstance(previous_answer, list) else []
        return self.current(state, status, weeks)

    def _expect(self, state: FlowState, status: str | None, weeks: int | None) -> Prompt:
        result = self.current(state, status, weeks)
        if not isinstance(result, Prompt):
            raise FlowError("the check-in is already complete")
        return result

    def _advance(
        self,
        state: FlowState,
        status: str | None,
        weeks: int | None,
        field: str,
        *,
        answered: bool = True,
    ) -> Outcome:
        spec = self._spec.step(field)
        value = state.answers.get(field)
        stops = isinstance(value, list) and any(v not in spec.stop_unless for v in value)
        if answered and spec.stop_unless and stops:
            state.step = ""
            return Finished(answers=self._final(state, status, weeks), stopped=True)
        fields = [s.field for s in self.applicable(status, weeks)]
        state.history = [*state.history, field]
        position = fields.index(field)
        state.step = fields[position + 1] if position + 1 < len(fields) else ""
        return self.current(state, status, weeks)

    def _final(self, state: FlowState, status: str | None, weeks: int | None) -> Answers:
        answers: Answers = {k: v for k, v in state.answers.items() if k in self._vocab.fields}
        if status is not None:
            answers["status"] = status
        if weeks is not None and status == "pregnant":
            answers["weeks"] = weeks
        return self._vocab.validate_answers(answers)
