"""Check-in triage: rules kept as data, checked against the vocabulary, evaluated purely.

The rules (``content/triage/rules.yaml``) map conditions over a check-in's answers to an
urgency level, reason ids (explained per locale) and FAQ topic ids. The condition language
is described in the header of that file; in short, a condition is a mapping whose entries
must all hold:

* ``<field id>: <test>`` tests one answer; a test on a field that was not asked is false
  unless it says ``or_absent: true``. Tests: a list of option ids (shorthand for
  ``any_of``), ``any_of``, ``all_of``, ``only``, ``min``/``max`` and ``absent``.
* ``all: [...]``, ``any: [...]`` and ``not: {...}`` nest conditions.
* ``is: <name>`` (or a list of names) uses a named condition from the ``conditions`` section.

``evaluate`` returns the highest level of every matching rule (never lower), with the
reasons of the rules that decided it, most urgent first. When no rule matches at all, the
``fallback`` (which may not be the lowest level) applies, so an unrecognised check-in never
comes out as silently normal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.domain.vocabulary import Answers, FieldSpec, Vocabulary

_KEYWORDS = frozenset({"all", "any", "not", "is"})
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_RULE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_SOURCE = re.compile(r"^(S\d{2,3}|https?://\S+)$")  # S01-S99 and, since revision 2, S100+

_Model = TypeVar("_Model", bound=BaseModel)


def _check_ids(value: tuple[str, ...]) -> tuple[str, ...]:
    for item in value:
        if not _ID.match(item):
            raise ValueError(f"'{item}' is not a lower_snake_case id")
    if len(set(value)) != len(value):
        raise ValueError("repeated id")
    return value


def _check_sources(value: tuple[str, ...]) -> tuple[str, ...]:
    for item in value:
        if not _SOURCE.match(item):
            raise ValueError(f"'{item}' is neither a source id like S01 or S110 nor an http(s) URL")
    return value


class TriageRuleError(ValueError):
    """The triage rules are invalid; ``errors`` lists every problem with its rule and location."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


class FieldTest(BaseModel):
    """A test on one answer: exactly one kind of test (``min`` and ``max`` count as one)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    any_of: tuple[str, ...] | None = None
    all_of: tuple[str, ...] | None = None
    only: tuple[str, ...] | None = None
    min: int | None = None
    max: int | None = None
    absent: bool | None = None
    or_absent: bool = False

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        if isinstance(data, str):
            return {"any_of": [data]}
        if isinstance(data, list):
            return {"any_of": data}
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> FieldTest:
        kinds = [
            self.any_of is not None,
            self.all_of is not None,
            self.only is not None,
            self.min is not None or self.max is not None,
            self.absent is not None,
        ]
        if sum(kinds) != 1:
            raise ValueError(
                "use exactly one of: a list of options, any_of, all_of, only, min/max, absent"
            )
        for options in (self.any_of, self.all_of, self.only):
            if options is not None and not options:
                raise ValueError("the option list is empty")
        if self.absent is not None and self.or_absent:
            raise ValueError("absent and or_absent cannot be combined")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        return self

    def options(self) -> tuple[str, ...]:
        """Every option id this test names."""
        return (self.any_of or ()) + (self.all_of or ()) + (self.only or ())

    def matches(self, value: object) -> bool:
        """Whether an answer (None when the field was not asked) passes this test."""
        if value is None:
            return self.absent is True or self.or_absent
        if self.absent is not None:
            return not self.absent
        if self.min is not None or self.max is not None:
            if isinstance(value, bool) or not isinstance(value, int):
                return False
            low_ok = self.min is None or value >= self.min
            high_ok = self.max is None or value <= self.max
            return low_ok and high_ok
        if isinstance(value, str):
            selected: tuple[str, ...] = (value,)
        elif isinstance(value, list):
            selected = tuple(v for v in value if isinstance(v, str))
        else:
            return False
        if self.any_of is not None:
            return any(item in self.any_of for item in selected)
        if self.all_of is not None:
            return all(item in selected for item in self.all_of)
        assert self.only is not None
        return all(item in self.only for item in selected)


class Condition(BaseModel):
    """A mapping of tests that must all hold: field tests, ``all``, ``any``, ``not`` and ``is``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    all_: tuple[Condition, ...] | None = Field(default=None, alias="all")
    any_: tuple[Condition, ...] | None = Field(default=None, alias="any")
    not_: Condition | None = Field(default=None, alias="not")
    is_: tuple[str, ...] | None = Field(default=None, alias="is")
    fields: dict[str, FieldTest] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _split_fields(cls, data: object) -> object:
        if not isinstance(data, Mapping):
            raise ValueError("a condition must be a mapping")
        if "fields" in data:
            raise ValueError("'fields' is not a field id; write the field ids directly")
        out: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        for key, value in data.items():
            if key in _KEYWORDS:
                out[key] = [value] if key == "is" and isinstance(value, str) else value
            else:
                fields[key] = value
        out["fields"] = fields
        return out

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not self.fields and all(
            part is None for part in (self.all_, self.any_, self.not_, self.is_)
        ):
            raise ValueError("an empty condition matches everything; say what must hold")
        for name, part in (("all", self.all_), ("any", self.any_), ("is", self.is_)):
            if part is not None and not part:
                raise ValueError(f"'{name}' needs at least one entry")
        return self

    def walk(self, path: str) -> Iterator[tuple[str, Condition]]:
        """This condition and every nested one, each with its location."""
        yield path, self
        for name, parts in (("all", self.all_), ("any", self.any_)):
            for index, part in enumerate(parts or ()):
                yield from part.walk(f"{path}.{name}[{index}]")
        if self.not_ is not None:
            yield from self.not_.walk(f"{path}.not")

    def holds(self, answers: Mapping[str, object], named: Mapping[str, Condition]) -> bool:
        """Whether the answers satisfy every part of this condition."""
        for field_id, test in self.fields.items():
            if not test.matches(answers.get(field_id)):
                return False
        if self.all_ is not None and not all(c.holds(answers, named) for c in self.all_):
            return False
        if self.any_ is not None and not any(c.holds(answers, named) for c in self.any_):
            return False
        if self.not_ is not None and self.not_.holds(answers, named):
            return False
        return self.is_ is None or all(named[name].holds(answers, named) for name in self.is_)


class _Outcome(BaseModel):
    """What a rule or the fallback gives: a level, reason ids, FAQ topic ids and sources."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: str
    reasons: tuple[str, ...] = Field(min_length=1)
    topics: tuple[str, ...] = ()
    source: tuple[str, ...] = ()

    @field_validator("reasons", "topics")
    @classmethod
    def _ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_ids(value)

    @field_validator("source")
    @classmethod
    def _sources(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_sources(value)


class Rule(_Outcome):
    """One triage rule: when its condition holds, the check-in is at least ``level``."""

    id: str
    source: tuple[str, ...] = Field(min_length=1)
    when: Condition

    @field_validator("id")
    @classmethod
    def _rule_id(cls, value: str) -> str:
        if not _RULE_ID.match(value):
            raise ValueError("rule ids are letters, digits and underscores")
        return value


class Fallback(_Outcome):
    """What a check-in gets when no rule matches at all (never the lowest level)."""


class TriageRules(BaseModel):
    """The validated rule set: levels in ascending order, named conditions, rules, fallback."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    levels: tuple[str, ...]
    conditions: dict[str, Condition] = Field(default_factory=dict)
    rules: tuple[Rule, ...]
    fallback: Fallback


class Reason(BaseModel):
    """The words for one reason id in one locale: why, what to watch for, and public sources."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    explain: str = Field(min_length=1)
    watch_for: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not item.startswith(("https://", "http://")) or any(c.isspace() for c in item):
                raise ValueError(f"'{item}' is not a public http(s) address")
        return value

    @field_validator("explain", "watch_for")
    @classmethod
    def _plain(cls, value: str | None) -> str | None:
        # The words are templates sent as HTML (they may name the user's services, see
        # where.* strings): markup or a bare & would break the message.
        if value is not None and ("<" in value or ">" in value or "&" in value):
            raise ValueError("reason words may not contain <, > or &")
        return value


class TriageResult(BaseModel):
    """The urgency of one check-in and why: reasons and topics most urgent first, no repeats."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: str
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    rule_ids: tuple[str, ...]


def evaluate(rules: TriageRules, answers: Answers) -> TriageResult:
    """Triage one validated check-in: the highest level of every matching rule wins.

    Reasons, topics and rule ids come from the matching rules, most urgent first, without
    repeats. Reasons of lowest-level ("normal") rules are given only when the result is that
    level, so reassurance never accompanies a warning. No match at all gives the fallback.
    """
    rank = {level: index for index, level in enumerate(rules.levels)}
    matched = [rule for rule in rules.rules if rule.when.holds(answers, rules.conditions)]
    if not matched:
        fallback = rules.fallback
        return TriageResult(
            level=fallback.level,
            reasons=fallback.reasons,
            topics=fallback.topics,
            rule_ids=(),
        )
    ordered = sorted(matched, key=lambda rule: -rank[rule.level])  # stable: file order next
    level = ordered[0].level
    lowest = rules.levels[0]
    deciding = [rule for rule in ordered if rule.level != lowest or level == lowest]
    return TriageResult(
        level=level,
        reasons=_unique(reason for rule in deciding for reason in rule.reasons),
        topics=_unique(topic for rule in deciding for topic in rule.topics),
        rule_ids=tuple(rule.id for rule in deciding),
    )


def reason_ids(rules: TriageRules) -> frozenset[str]:
    """Every reason id the rules (and the fallback) can give; each needs text in every locale."""
    found = {reason for rule in rules.rules for reason in rule.reasons}
    return frozenset(found | set(rules.fallback.reasons))


def topic_ids(rules: TriageRules) -> frozenset[str]:
    """Every FAQ topic id the rules (and the fallback) point to."""
    found = {topic for rule in rules.rules for topic in rule.topics}
    return frozenset(found | set(rules.fallback.topics))


def load_rules(data: object, vocab: Vocabulary) -> TriageRules:
    """Validate parsed rules against the vocabulary, or raise TriageRuleError listing every problem.

    Checks the structure (unknown keys, wrong types), that every field id, option id and level
    exists in the vocabulary and fits the field's type, that rule ids are unique, that named
    conditions exist and do not refer to themselves, and that the fallback is not the lowest
    level. Messages name the rule id and the location inside it.
    """
    if not isinstance(data, Mapping):
        raise TriageRuleError(["top level: expected a mapping with 'rules' and 'fallback'"])
    errors: list[str] = []
    unknown = sorted(set(data) - {"version", "conditions", "rules", "fallback"})
    for key in unknown:
        errors.append(f"top level: unknown key '{key}'")
    for field_id in sorted(_KEYWORDS & set(vocab.fields)):
        errors.append(f"vocabulary: field id '{field_id}' clashes with a condition keyword")

    conditions: dict[str, Condition] = {}
    raw_conditions = data.get("conditions") or {}
    if not isinstance(raw_conditions, Mapping):
        errors.append("conditions: expected a mapping of name -> condition")
        raw_conditions = {}
    for name, raw in raw_conditions.items():
        where = f"conditions.{name}"
        if not isinstance(name, str) or not _ID.match(name):
            errors.append(f"{where}: names are lower_snake_case")
            continue
        parsed = _parse(Condition, raw, where, errors)
        if parsed is not None:
            conditions[name] = parsed

    rules: list[Rule] = []
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        errors.append("rules: expected a non-empty list of rules")
        raw_rules = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules):
        raw_id = raw.get("id") if isinstance(raw, Mapping) else None
        where = f"rule {raw_id}" if isinstance(raw_id, str) else f"rules[{index}]"
        rule = _parse(Rule, raw, where, errors)
        if rule is None:
            continue
        if rule.id in seen:
            errors.append(f"{where}: duplicate rule id")
        seen.add(rule.id)
        rules.append(rule)

    fallback = _parse(Fallback, data.get("fallback"), "fallback", errors)
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        errors.append("version: expected a whole number")

    levels = vocab.urgency_levels
    for name, condition in conditions.items():
        errors.extend(_check_condition(condition, f"conditions.{name}", vocab, conditions))
    errors.extend(_check_cycles(conditions))
    for rule in rules:
        where = f"rule {rule.id}"
        if rule.level not in levels:
            errors.append(f"{where}: level: unknown urgency level '{rule.level}'")
        errors.extend(_check_condition(rule.when, f"{where}: when", vocab, conditions))
    if fallback is not None:
        if fallback.level not in levels:
            errors.append(f"fallback: level: unknown urgency level '{fallback.level}'")
        elif fallback.level == levels[0]:
            errors.append(f"fallback: level: must be above '{levels[0]}' (never silently normal)")

    if errors:
        raise TriageRuleError(errors)
    assert fallback is not None and isinstance(version, int)
    return TriageRules(
        version=version,
        levels=levels,
        conditions=conditions,
        rules=tuple(rules),
        fallback=fallback,
    )


def _parse(model: type[_Model], raw: object, where: str, errors: list[str]) -> _Model | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for item in exc.errors(include_url=False, include_input=False):
            loc = _format_loc(item["loc"])
            errors.append(f"{where}: {loc}: {item['msg']}" if loc else f"{where}: {item['msg']}")
        return None


def _format_loc(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item != "fields":  # the parser's own bucket for field tests, not a user key
            parts.append(f".{item}" if parts else str(item))
    return "".join(parts)


def _check_condition(
    condition: Condition, where: str, vocab: Vocabulary, named: Mapping[str, Condition]
) -> list[str]:
    errors: list[str] = []
    for path, node in condition.walk(where):
        for name in node.is_ or ():
            if name not in named:
                errors.append(f"{path}.is: unknown named condition '{name}'")
        for field_id, test in node.fields.items():
            spec = vocab.fields.get(field_id)
            if spec is None:
                errors.append(f"{path}.{field_id}: unknown field")
                continue
            errors.extend(_check_test(field_id, spec, test, f"{path}.{field_id}"))
    return errors


def _check_test(field_id: str, spec: FieldSpec, test: FieldTest, where: str) -> list[str]:
    ranged = test.min is not None or test.max is not None
    if spec.type == "integer":
        if test.options():
            return [f"{where}: '{field_id}' is a number; use min/max"]
        return []
    if ranged:
        return [f"{where}: '{field_id}' is a choice; min/max apply to numbers only"]
    if test.all_of is not None and spec.type == "one":
        return [f"{where}: all_of needs a multi-choice field; '{field_id}' has one answer"]
    return [
        f"{where}: unknown option '{option}' for '{field_id}'"
        for option in test.options()
        if option not in spec.options
    ]


def _check_cycles(conditions: Mapping[str, Condition]) -> list[str]:
    def refs(condition: Condition) -> set[str]:
        return {name for _, node in condition.walk("") for name in node.is_ or ()}

    errors: list[str] = []
    for start in conditions:
        stack, seen = [start], set()
        while stack:
            name = stack.pop()
            for ref in refs(conditions[name]) if name in conditions else ():
                if ref == start:
                    errors.append(f"conditions.{start}: refers to itself through 'is'")
                    stack.clear()
                    break
                if ref not in seen:
                    seen.add(ref)
                    stack.append(ref)
    return errors


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
