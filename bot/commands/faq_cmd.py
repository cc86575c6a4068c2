"""``python -m bot faq`` and ``python -m bot faq eval FILE``: the free-text pipeline from a shell.

``run`` reads JSON Lines ``{"text": "...", "lang": "en"}`` (``lang`` optional) and writes one
object per line: ``{"topic": id | null, "candidates": [ids], "level": urgency id | null}``.
``topic`` is the answer the bot would give outright, ``candidates`` the "did you mean" ids,
and ``level`` is set when the red-flag screen fired. The screen always runs first and its
level stands whatever the matcher finds. A bad line gives ``{"error": ...}`` and the command
goes on; error messages never echo the input, because messages are health data.

``evaluate`` prints accuracy and latency on a labelled file in the format of
``tests/data/faq-dev.yaml``, per language and overall.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO, get_args

from bot.catalog.faq_content import (
    build_matcher,
    faq_locales,
    load_faq,
    load_intents,
    load_safety,
)
from bot.catalog.files import CONTENT_DIR, ContentError, read_yaml
from bot.commands import jsonl, safety_eval
from bot.domain.faq import FaqTopic, Matcher, MatchResult
from bot.domain.intents import IntentReader, IntentResult
from bot.domain.models import Status
from bot.domain.safety import SafetyResult, SafetyScreen
from bot.services import safety_reply

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_BAD_CONTENT = 2


QUESTION = IntentResult("question")


@dataclass(frozen=True)
class Decision:
    """What the bot does with one free-text message: red flags first, then the FAQ."""

    safety: SafetyResult
    match: MatchResult
    intent: IntentResult = QUESTION

    def as_json(self) -> dict[str, object]:
        """The command's output object; a crisis has no topic and no candidates."""
        crisis = bool(self.safety.crisis)
        out: dict[str, object] = {
            "topic": None if crisis else self.match.topic,
            "candidates": [] if crisis else list(self.match.candidates),
            "level": self.safety.level,
        }
        if self.safety.category is not None:
            out["category"] = self.safety.category
        out["intent"] = self.intent.intent
        if self.intent.feature is not None:
            out["feature"] = self.intent.feature
        return out


def decide(
    screen: SafetyScreen,
    matcher: Matcher,
    text: str,
    lang: str | None,
    topics: Mapping[str, FaqTopic] | None = None,
    intents: IntentReader | None = None,
    stage: safety_reply.Stage | None = None,
) -> Decision:
    """Screen ``text`` for red flags, then match it to a FAQ topic.

    With ``topics`` (topic id -> topic), only topics for ``stage`` compete (the weeks the
    text names are less sure) and only what the chat would show is kept: a topic about
    another stage or week (``stage``, else weeks the text names), or one that may not follow
    a red flag, is dropped (``safety_reply.shown_match``). With ``intents``, a message that
    is not a question (a greeting, thanks, "how do I ...", distress, another field) gets its
    intent and no topic, as the chat answers it."""
    safety = screen.screen(text, lang, stage.status if stage is not None else None)
    given = stage or safety_reply.Stage()
    allowed = safety_reply.stage_filter(given, topics.get) if topics is not None else None
    match = matcher.match(text, lang, allowed)
    if safety.level is None and intents is not None:
        intent = intents.read(text)
        if intent.intent != "question":
            return Decision(safety, replace(match, topic=None, candidates=()), intent)
    if topics is not None:
        known = given.or_named_weeks(screen, text)
        match = safety_reply.shown_match(match, safety, known, topics.get)
    return Decision(safety=safety, match=match)


def run(stdin: TextIO, stdout: TextIO, content_dir: Path = CONTENT_DIR) -> int:
    """Answer every line of ``stdin`` onto ``stdout``.

    Returns 0 when every line was answered (bad lines with an error object), 2 when the
    FAQ or red-flag content itself is invalid.
    """
    try:
        screen = load_safety(content_dir)
        matcher = build_matcher(content_dir)
    except ContentError as exc:
        jsonl.emit(stdout, {"error": f"FAQ content is invalid: {exc}"})
        return EXIT_BAD_CONTENT
    topics = topics_by_lang(content_dir)
    intents = load_intents(content_dir, topics)
    jsonl.run(stdin, stdout, lambda raw: answer(raw, screen, matcher, topics, intents))
    return EXIT_OK


def topics_by_lang(content_dir: Path) -> dict[str, dict[str, FaqTopic]]:
    """Every locale's FAQ topics by id."""
    return {
        lang: {topic.id: topic for topic in load_faq(content_dir, lang)}
        for lang in faq_locales(content_dir)
    }


def _topics_for(topics: dict[str, dict[str, FaqTopic]], lang: str | None) -> dict[str, FaqTopic]:
    return topics.get(lang or "en") or topics.get("en") or {}


def answer(
    raw: object,
    screen: SafetyScreen,
    matcher: Matcher,
    topics: dict[str, dict[str, FaqTopic]] | None = None,
    intents: IntentReader | None = None,
) -> dict[str, object]:
    """The output object for one parsed input line, or an error object."""
    if not isinstance(raw, dict):
        return {"error": "expected a JSON object"}
    text = raw.get("text")
    lang = raw.get("lang")
    if not isinstance(text, str):
        return {"error": "`text` must be a string"}
    if lang is not None and not isinstance(lang, str):
        return {"error": "`lang` must be a string or null"}
    stage = _stage(raw)
    if isinstance(stage, str):
        return {"error": stage}
    chosen = _topics_for(topics, lang) if topics is not None else None
    return decide(screen, matcher, text, lang, chosen, intents, stage).as_json()


STATUSES: tuple[str, ...] = get_args(Status)


def _stage(raw: dict[str, object]) -> safety_reply.Stage | str:
    """The optional ``status``, ``weeks`` and ``days_since_end`` of an input line (what the
    chat knows from the profile), or an error message."""
    status = raw.get("status")
    weeks = raw.get("weeks")
    days = raw.get("days_since_end")
    if status is not None and status not in STATUSES:
        return f"`status` must be one of {', '.join(STATUSES)}"
    for name, value, top in (("weeks", weeks, 45), ("days_since_end", days, 730)):
        valid = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= top
        if value is not None and not valid:
            return f"`{name}` must be a whole number from 0 to {top}"
    return safety_reply.Stage(
        status=status if isinstance(status, str) else None,
        weeks=weeks if isinstance(weeks, int) else None,
    )


# --------------------------------------------------------------------------- evaluation


@dataclass
class _Tally:
    """Counts for one language (or overall)."""

    in_scope: int = 0
    top1: int = 0
    top3: int = 0
    none_items: int = 0
    none_ok: int = 0
    emergency_items: int = 0
    emergency_ok: int = 0
    urgent_items: int = 0
    urgent_ok: int = 0
    intent_items: int = 0
    intent_ok: int = 0
    intent_misses: list[str] = field(default_factory=list)
    #: questions with no danger in them: topic questions not labelled urgent, and intents
    ordinary_items: int = 0
    #: ordinary questions the screen called a crisis or an emergency
    alarms: list[str] = field(default_factory=list)
    #: ordinary questions that got the urgent "if this is happening to you now" banner
    urgent_banners: int = 0
    latencies: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EvalItem:
    """One labelled message."""

    id: str
    lang: str
    text: str
    topic: str | None = None
    also_ok: tuple[str, ...] = ()
    urgent_flag: bool = False
    expect: str | None = None
    #: set in a ``questions`` file: the intent the message has ("question" for a topic)
    intent: str | None = None
    feature: str | None = None


def load_items(path: Path) -> list[EvalItem]:
    """Read a labelled file into items: ``in_scope`` and ``out_of_scope`` lists, or one
    ``questions`` list whose items carry a ``topic`` or an ``intent``."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping with in_scope / out_of_scope")
    items: list[EvalItem] = []
    for section in ("in_scope", "out_of_scope", "questions"):
        for position, raw in enumerate(data.get(section) or []):
            try:
                intent = raw.get("intent")
                if section == "questions":
                    intent = intent or "question"
                items.append(
                    EvalItem(
                        id=str(raw["id"]),
                        lang=str(raw.get("lang", "en")),
                        text=str(raw["text"]),
                        topic=raw.get("topic"),
                        also_ok=tuple(raw.get("also_ok") or ()),
                        urgent_flag=bool(raw.get("urgent_flag", False)),
                        expect="none" if intent == "out_of_scope" else raw.get("expect"),
                        intent=intent,
                        feature=raw.get("feature"),
                    )
                )
            except (KeyError, TypeError, AttributeError):
                raise ContentError(f"{path}: {section}[{position}]: needs id and text") from None
    return items


def score(
    items: Iterable[EvalItem],
    screen: SafetyScreen,
    matcher: Matcher,
    topics: dict[str, dict[str, FaqTopic]] | None = None,
    intents: IntentReader | None = None,
) -> dict[str, _Tally]:
    """Run every item through the pipeline; tallies per language and under "all"."""
    tallies: dict[str, _Tally] = {}
    for item in items:
        started = time.perf_counter()
        chosen = _topics_for(topics, item.lang) if topics is not None else None
        decision = decide(screen, matcher, item.text, item.lang, chosen, intents)
        elapsed = time.perf_counter() - started
        for key in (item.lang, "all"):
            tally = tallies.setdefault(key, _Tally())
            tally.latencies.append(elapsed)
            _count(tally, item, decision)
    return tallies


def _count(tally: _Tally, item: EvalItem, decision: Decision) -> None:
    level = decision.safety.level
    if item.topic is not None:
        tally.in_scope += 1
        good = {item.topic, *item.also_ok}
        if decision.match.topic in good:
            tally.top1 += 1
        elif item.id not in tally.misses:
            tally.misses.append(item.id)
        if good.intersection(decision.match.ranked[:3]):
            tally.top3 += 1
        if item.urgent_flag:
            tally.urgent_items += 1
            tally.urgent_ok += level in ("urgent", "emergency")
    if item.expect in (None, "none") and not item.urgent_flag:
        tally.ordinary_items += 1
        if level == "emergency" or decision.safety.category == "crisis":
            tally.alarms.append(item.id)
        elif level is not None:
            tally.urgent_banners += 1
    if item.expect == "none":
        tally.none_items += 1
        tally.none_ok += decision.match.topic is None
    elif item.expect == "emergency":
        tally.emergency_items += 1
        tally.emergency_ok += level == "emergency"
    if item.intent is not None:
        tally.intent_items += 1
        got = decision.intent
        right = got.intent == item.intent and (item.feature is None or got.feature == item.feature)
        tally.intent_ok += right
        if not right:
            tally.intent_misses.append(item.id)


def _ratio(good: int, total: int) -> str:
    return f"{good / total:.3f} ({good}/{total})" if total else "n/a"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def report(tallies: dict[str, _Tally], stdout: TextIO) -> None:
    """Print one block of metrics per language, then overall."""
    keys = [*sorted(k for k in tallies if k != "all"), "all"]
    for key in keys:
        tally = tallies[key]
        stdout.write(f"[{key}]\n")
        stdout.write(f"  top-1               {_ratio(tally.top1, tally.in_scope)}\n")
        stdout.write(f"  top-3               {_ratio(tally.top3, tally.in_scope)}\n")
        stdout.write(f"  no-match precision  {_ratio(tally.none_ok, tally.none_items)}\n")
        stdout.write(f"  emergency recall    {_ratio(tally.emergency_ok, tally.emergency_items)}\n")
        stdout.write(f"  urgent-flag recall  {_ratio(tally.urgent_ok, tally.urgent_items)}\n")
        stdout.write(f"  intent accuracy     {_ratio(tally.intent_ok, tally.intent_items)}\n")
        alarms = _ratio(len(tally.alarms), tally.ordinary_items)
        stdout.write(f"  false-alarm rate    {alarms}\n")
        banners = _ratio(tally.urgent_banners, tally.ordinary_items)
        stdout.write(f"  urgent banners      {banners}\n")
        if tally.latencies:
            median = statistics.median(tally.latencies) * 1000
            p99 = _percentile(tally.latencies, 0.99) * 1000
            stdout.write(f"  latency ms          median {median:.2f}  p99 {p99:.2f}\n")
        if key != "all" and tally.misses:
            stdout.write(f"  top-1 misses        {' '.join(tally.misses)}\n")
        if key != "all" and tally.alarms:
            stdout.write(f"  false alarms        {' '.join(tally.alarms)}\n")
        if key != "all" and tally.intent_misses:
            stdout.write(f"  intent misses       {' '.join(tally.intent_misses)}\n")


def evaluate(path: str | Path, stdout: TextIO, content_dir: Path = CONTENT_DIR) -> int:
    """Print the metrics of the labelled file at ``path``: for an FAQ file top-1, top-3,
    no-match precision, emergency and urgent-flag recall and latency; for a safety file
    (an ``items`` list) crisis, emergency and urgent recall and false alarms.
    Returns 0, 1 for a bad file, 2 for bad content."""
    try:
        screen = load_safety(content_dir)
        matcher = build_matcher(content_dir)
    except ContentError as exc:
        stdout.write(f"error: FAQ content is invalid: {exc}\n")
        return EXIT_BAD_CONTENT
    try:
        data = read_yaml(Path(path))
        if isinstance(data, dict) and "items" in data:
            safety_eval.report(safety_eval.score(safety_eval.load(Path(path)), screen), stdout)
            return EXIT_OK
        items = load_items(Path(path))
    except ContentError as exc:
        stdout.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    topics = topics_by_lang(content_dir)
    tallies = score(items, screen, matcher, topics, load_intents(content_dir, topics))
    report(tallies, stdout)
    return EXIT_OK
