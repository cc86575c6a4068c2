"""The check-in flow engine: which question comes next, and what an answer, back or skip does.

The flow's structure is data (``content/flows/checkin.yaml``); this module walks it. It is
pure: it takes the flow spec, the vocabulary, what is known of the user's stage
(``LifeStage``) and the state so far, and returns the next ``Prompt`` or ``Finished``. The
data also says which options fit which stages (no "cord felt" at 12 weeks, no "I am on my
period" in pregnancy) and which numbers are not asked when the stage already knows them.
Words are looked up elsewhere by field and option id, so the clinical routing is the same in
every language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.models import FlowState
from bot.domain.stage import KNOWN_FIELDS, LifeStage
from bot.domain.vocabulary import Answers, Vocabulary

CHECKIN = "checkin"
# Stages whose plan a Flow keeps (a plan is a few tuples; stages seen in a day are far fewer).
PLAN_CACHE = 256


class StepCondition(BaseModel):
    """Ask a step (or offer an option) only for these stages and pregnancy weeks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: tuple[str, ...] = ()
    weeks_min: int | None = None
    weeks_max: int | None = None

    def holds(self, stage: LifeStage) -> bool:
        """True when a user at this stage and week should be asked.

        Unknown weeks fit any week bound: when unsure, ask (movements, the cord)."""
        if self.status and stage.status not in self.status:
            return False
        weeks = stage.weeks
        if weeks is None:
            return True
        if self.weeks_min is not None and weeks < self.weeks_min:
            return False
        return not (self.weeks_max is not None and weeks > self.weeks_max)


def any_holds(conditions: tuple[StepCondition, ...], stage: LifeStage) -> bool:
    """True when at least one of ``conditions`` holds for ``stage``."""
    return any(condition.holds(stage) for condition in conditions)


class OtherLabel(BaseModel):
    """Show an option with the words of ``opt.<field>.<label>`` unless one of ``unless``
    holds ("thoughts of harming myself" where no baby is involved)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(pattern=r"^[a-z0-9_]+$")
    unless: tuple[StepCondition, ...]


class StepSpec(BaseModel):
    """One question of the flow."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    when: StepCondition = Field(default_factory=StepCondition)
    required: bool = False
    input: Literal["buttons", "number"] = "buttons"
    stop_unless: tuple[str, ...] = ()
    #: an option named here is offered only when one of its conditions holds
    offer_when: dict[str, tuple[StepCondition, ...]] = Field(default_factory=dict)
    #: options shown with other words for some stages
    other_label: dict[str, OtherLabel] = Field(default_factory=dict)
    #: not asked when the stage already knows the number (the cycle day from the period date)
    unless_known: bool = False
    #: not asked when an earlier answer is one of these ("no discharge": no colour or smell)
    unless_answer: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    def asked(self, stage: LifeStage) -> bool:
        """True when a user at ``stage`` is asked this step."""
        if self.unless_known and self.field in stage.known():
            return False
        return self.when.holds(stage)

    def ruled_out(self, answers: Answers) -> bool:
        """True when an earlier answer makes this step pointless (``unless_answer``)."""
        for field, options in self.unless_answer.items():
            value = answers.get(field)
            chosen = value if isinstance(value, list) else [value]
            if any(option in options for option in chosen):
                return True
        return False

    def offered(self, options: tuple[str, ...], stage: LifeStage) -> tuple[str, ...]:
        """The options of this step that fit ``stage``, in order."""
        return tuple(
            o for o in options if o not in self.offer_when or any_holds(self.offer_when[o], stage)
        )

    def label(self, option: str, stage: LifeStage) -> str:
        """The option id whose words show ``option`` to a user at ``stage``."""
        other = self.other_label.get(option)
        return other.label if other is not None and not any_holds(other.unless, stage) else option


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
            named = [*spec.offer_when, *spec.other_label]
            problems.extend(
                f"{where}: names unknown option {option!r}"
                for option in named
                if option not in field.options
            )
            earlier = {s.field for s in self.steps[:index]}
            for gate, options in spec.unless_answer.items():
                if gate not in earlier:
                    problems.append(f"{where}: unless_answer names {gate!r}, not an earlier step")
                    continue
                problems.extend(
                    f"{where}: unless_answer names unknown option {option!r}"
                    for option in options
                    if option not in vocab.fields[gate].options
                )
            if spec.unless_known and spec.field not in KNOWN_FIELDS:
                problems.append(f"{where}: unless_known on a field the stage never knows")
            conditions = [
                spec.when,
                *(c for cs in spec.offer_when.values() for c in cs),
                *(c for other in spec.other_label.values() for c in other.unless),
            ]
            problems.extend(
                f"{where}: when names unknown status {status!r}"
                for condition in conditions
                for status in condition.status
                if status not in vocab.fields["status"].options
            )
        return problems


class Prompt(BaseModel):
    """Ask ``field`` next."""

    model_config = ConfigDict(frozen=True)

    field: str
    kind: Literal["one", "many", "number"]
    options: tuple[str, ...]
    # The option ids whose words show each option (``opt.<field>.<label>``), in order.
    labels: tuple[str, ...] = ()
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


@dataclass(frozen=True)
class _Plan:
    """What the flow asks a user at one stage: the steps in order, and per field its position
    and the options offered with the option ids whose words show them."""

    steps: tuple[StepSpec, ...]
    position: dict[str, int]
    options: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


class Flow:
    """Walks a FlowSpec for one user stage."""

    def __init__(self, spec: FlowSpec, vocab: Vocabulary) -> None:
        self._spec = spec
        self._vocab = vocab
        # A tap looks at the current question two or three times (the service's check, the
        # answer's, the next question): the stage's plan is worked out once, not each time.
        self._plan: Callable[[LifeStage], _Plan] = lru_cache(maxsize=PLAN_CACHE)(self._make_plan)

    def _make_plan(self, stage: LifeStage) -> _Plan:
        steps = tuple(s for s in self._spec.steps if s.asked(stage))
        options = {}
        for spec in steps:
            offered = spec.offered(self._vocab.fields[spec.field].options, stage)
            options[spec.field] = (offered, tuple(spec.label(o, stage) for o in offered))
        return _Plan(steps, {s.field: i for i, s in enumerate(steps)}, options)

    def applicable(self, stage: LifeStage) -> list[StepSpec]:
        """The steps this user will be asked, in order."""
        return list(self._plan(stage).steps)

    def start(self, state: FlowState, stage: LifeStage) -> Outcome:
        """Begin at the first question."""
        steps = self._plan(stage).steps
        state.step = steps[0].field
        state.history = []
        state.answers = {}
        state.pending = []
        return self.current(state, stage)

    def _steps(self, stage: LifeStage, answers: Answers) -> tuple[StepSpec, ...]:
        """The steps asked of this user, given the answers so far (earlier answers can rule
        later steps out: no colour question after "no discharge")."""
        return tuple(s for s in self._plan(stage).steps if not s.ruled_out(answers))

    def current(self, state: FlowState, stage: LifeStage) -> Outcome:
        """The question the state is waiting for."""
        plan = self._plan(stage)
        steps = self._steps(stage, state.answers)
        fields = [s.field for s in steps]
        step = state.step
        if step not in fields and step in plan.position:
            # A step an earlier answer rules out (a state saved before the rule existed) goes
            # on to the next step asked, never to the end: danger questions may still follow.
            later = [s.field for s in plan.steps[plan.position[step] + 1 :] if s.field in fields]
            step = later[0] if later else ""
        if step not in fields:
            return Finished(answers=self._final(state, stage))
        index = fields.index(step)
        spec = steps[index]
        field = self._vocab.fields[spec.field]
        kind: Literal["one", "many", "number"] = (
            "number" if field.type == "integer" else "many" if field.type == "many" else "one"
        )
        options, labels = plan.options[spec.field]
        return Prompt(
            field=spec.field,
            kind=kind,
            options=options,
            labels=labels,
            selected=tuple(state.pending),
            can_back=bool(state.history),
            can_skip=not spec.required,
            number=index + 1,
            total=len(steps),
            stop_unless=spec.stop_unless,
        )

    def answer(self, state: FlowState, stage: LifeStage, value: str | int) -> Outcome:
        """Record a single-choice or number answer and move on."""
        prompt = self._expect(state, stage)
        if prompt.kind == "many":
            raise FlowError("multi-choice questions are answered with toggle and done")
        if prompt.kind == "one" and value not in prompt.options:
            raise FlowError("not an option offered at this stage")
        clean = self._vocab.validate_answers({prompt.field: value})[prompt.field]
        state.answers = {**state.answers, prompt.field: clean}
        return self._advance(state, stage, prompt.field)

    def toggle(self, state: FlowState, stage: LifeStage, option: str) -> Outcome:
        """Select or unselect one option of a multi-choice question ('none' is exclusive).

        On a step with ``stop_unless`` (the danger-sign screen) a tap of any other option
        answers the step and ends the check-in at once, as Done would with it selected.
        """
        prompt = self._expect(state, stage)
        if prompt.kind != "many" or option not in prompt.options:
            raise FlowError("not an option of this question")
        pending = list(state.pending)
        if prompt.stop_unless and option not in prompt.stop_unless:
            chosen = [
                o
                for o in prompt.options
                if (o == option or o in pending) and o not in prompt.stop_unless
            ]
            return self._confirm(state, stage, prompt.field, chosen)
        if option in pending:
            pending.remove(option)
        elif option == "none":
            pending = ["none"]
        else:
            pending = [p for p in pending if p != "none"] + [option]
        state.pending = pending
        result = self.current(state, stage)
        assert isinstance(result, Prompt)
        return result

    def done(self, state: FlowState, stage: LifeStage) -> Outcome:
        """Confirm a multi-choice question; nothing selected counts as 'none', except on a
        required question, where it raises ``NothingChosen``."""
        prompt = self._expect(state, stage)
        if prompt.kind != "many":
            raise FlowError("only multi-choice questions are confirmed")
        chosen = [o for o in prompt.options if o in state.pending]
        if not chosen and not prompt.can_skip:
            raise NothingChosen("a required question needs an answer")
        return self._confirm(state, stage, prompt.field, chosen or ["none"])

    def _confirm(
        self,
        state: FlowState,
        stage: LifeStage,
        field: str,
        chosen: list[str],
    ) -> Outcome:
        clean = self._vocab.validate_answers({field: chosen})[field]
        state.answers = {**state.answers, field: clean}
        state.pending = []
        return self._advance(state, stage, field)

    def skip(self, state: FlowState, stage: LifeStage) -> Outcome:
        """Leave the current question unanswered (absent in the stored check-in)."""
        prompt = self._expect(state, stage)
        if not prompt.can_skip:
            raise FlowError("this question cannot be skipped")
        state.answers = {k: v for k, v in state.answers.items() if k != prompt.field}
        state.pending = []
        return self._advance(state, stage, prompt.field, answered=False)

    def back(self, state: FlowState, stage: LifeStage) -> Outcome:
        """Return to the previous question, forgetting its answer."""
        self._expect(state, stage)
        if not state.history:
            raise FlowError("already at the first question")
        previous = state.history[-1]
        state.history = state.history[:-1]
        state.step = previous
        previous_answer = state.answers.get(previous)
        state.answers = {k: v for k, v in state.answers.items() if k != previous}
        state.pending = list(previous_answer) if isinstance(previous_answer, list) else []
        return self.current(state, stage)

    def _expect(self, state: FlowState, stage: LifeStage) -> Prompt:
        result = self.current(state, stage)
        if not isinstance(result, Prompt):
            raise FlowError("the check-in is already complete")
        return result

    def _advance(
        self,
        state: FlowState,
        stage: LifeStage,
        field: str,
        *,
        answered: bool = True,
    ) -> Outcome:
        spec = self._spec.step(field)
        value = state.answers.get(field)
        stops = isinstance(value, list) and any(v not in spec.stop_unless for v in value)
        if answered and spec.stop_unless and stops:
            state.step = ""
            return Finished(answers=self._final(state, stage), stopped=True)
        plan = self._plan(stage)
        state.history = [*state.history, field]
        later = plan.steps[plan.position[field] + 1 :]
        following = [s.field for s in later if not s.ruled_out(state.answers)]
        state.step = following[0] if following else ""
        return self.current(state, stage)

    def _final(self, state: FlowState, stage: LifeStage) -> Answers:
        # An answer given before an earlier one ruled its question out is not kept.
        ruled_out = {s.field for s in self._plan(stage).steps if s.ruled_out(state.answers)}
        answers: Answers = {
            k: v for k, v in state.answers.items() if k in self._vocab.fields and k not in ruled_out
        }
        return self._vocab.validate_answers(answers | stage.known())
