"""A static HTML book of all content, for clinicians and translators to review without code.

``python -m bot content preview --out DIR`` writes one page per part of the content
(overview with the check-in flow drawn as SVG, questions, triage rules, outcomes, reasons,
FAQ answers, safety screen, every message, sources), with the locales side by side. Every
text is rendered the way the bot renders it (same templates, sample values for the
variables) and then shown as Telegram would: the Telegram HTML subset is kept, anything
else is shown as literal text. Pages are self-contained: inline CSS, inline SVG, no
scripts and nothing fetched from the network.

The page templates live in ``templates/`` beside this module and are rendered with
Jinja2 autoescaping on, so no content or sample value can inject markup into the book.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jinja2
import jinja2.meta
import yaml
from markupsafe import Markup, escape

from bot.catalog.catalog import Catalog
from bot.catalog.faq_content import REDFLAGS_FILE, faq_dir
from bot.catalog.files import ContentError, read_yaml
from bot.catalog.review import ReviewReport, check_reviews, read_manifest
from bot.catalog.triage_content import RULES_FILE
from bot.domain.limits import MESSAGE_MAX
from bot.domain.safety import CRISIS_REASONS, SafetyResult
from bot.domain.triage import Condition, Fallback, FieldTest, Rule
from bot.services.safety_reply import replies

TEMPLATE_DIR = Path(__file__).with_name("templates")

#: (file, title) of every page, in the order of the navigation bar.
PAGES: tuple[tuple[str, str], ...] = (
    ("index.html", "Overview and flow"),
    ("questions.html", "Questions"),
    ("rules.html", "Triage rules"),
    ("outcomes.html", "Outcomes"),
    ("reasons.html", "Reasons"),
    ("faq.html", "FAQ answers"),
    ("safety.html", "Safety screen"),
    ("messages.html", "All messages"),
    ("sources.html", "Sources"),
)

# Telegram's HTML parse mode: these tags format text; everything else is shown literally.
_TELEGRAM_TAGS = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "ins": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "span",
    "span": "span",
    "a": "a",
}
_LINK_SCHEMES = {"http", "https", "tg", "mailto"}
_ERRORS = (ContentError, KeyError, jinja2.TemplateError, TypeError, ValueError)


class _TelegramHtml(HTMLParser):
    """Re-emits Telegram HTML as safe HTML: known tags kept, the rest escaped as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        known = _TELEGRAM_TAGS.get(tag)
        if known is None:
            self.handle_data(self.get_starttag_text() or f"<{tag}>")
            return
        attributes = ""
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if urlparse(href).scheme in _LINK_SCHEMES:
                attributes = f' href="{escape(href)}"'
        elif tag == "tg-spoiler" or (tag == "span" and ("class", "tg-spoiler") in attrs):
            attributes = ' class="spoiler"'
        self.out.append(f"<{known}{attributes}>")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            self.handle_data(f"</{tag}>")
            return
        while self.open:
            closing = self.open.pop()
            self.out.append(f"</{_TELEGRAM_TAGS[closing]}>")
            if closing == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(str(escape(data)))
        self.text.append(data)

    def close(self) -> None:
        super().close()
        while self.open:
            self.out.append(f"</{_TELEGRAM_TAGS[self.open.pop()]}>")


def telegram_html(text: str) -> Markup:
    """Telegram-formatted text as safe HTML for the book."""
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    return Markup("".join(parser.out))  # noqa: S704 - every piece was escaped above


def telegram_plain(text: str) -> str:
    """The visible text of Telegram-formatted text, without tags."""
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    return "".join(parser.text)


# ----------------------------------------------------------------------------- page data


@dataclass(frozen=True)
class Shown:
    """One rendered text for one locale: the safe HTML, or why it could not be rendered."""

    html: Markup
    error: str | None = None


@dataclass
class Row:
    """A row of the side-by-side tables: an id column and one Shown per locale."""

    key: str
    cells: dict[str, Shown]
    note: str = ""
    anchor: str = ""


@dataclass
class Node:
    """A line of a condition in words, with the lines nested under it."""

    text: str
    code: tuple[str, ...] = ()
    link: str = ""
    suffix: str = ""
    children: list[Node] = field(default_factory=list)


@dataclass
class RuleView:
    """One triage rule (or the fallback) as the rules and outcomes pages show it."""

    position: str
    id: str
    level: str
    words: list[Node]
    yaml: str
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    sources: list[SourceView]
    reason_urls: list[str]
    outcome: dict[str, Shown]
    stopped: bool


@dataclass(frozen=True)
class SourceView:
    """A source id of the medical reference with its title and addresses (if known)."""

    id: str
    title: str
    urls: tuple[str, ...]


def _shown(render: Callable[[], str]) -> Shown:
    try:
        return Shown(telegram_html(render()))
    except _ERRORS as exc:
        return Shown(Markup(""), f"{type(exc).__name__}: {exc}")


# ----------------------------------------------------------------------------- samples


def sample_values(catalog: Catalog, locale: str) -> dict[str, Any]:
    """Believable values for the variables the bot passes to strings and templates."""
    samples: dict[str, Any] = {
        "count": 3,
        "n": 2,
        "number": 2,
        "total": 11,
        "low": 1,
        "high": 90,
        "minutes": 30,
        "days": 3,
        "weeks": 24,
        "day": 14,
        "year": 2026,
        "time": "08:30",
        "tz": "Europe/London",
        "example": "2026-08-20",
        "when": dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC),
        "limit": MESSAGE_MAX,
        "first": dt.date(2026, 3, 1),
        "last": dt.date(2026, 3, 14),
    }
    derived: dict[str, Callable[[], str]] = {
        "flagged": lambda: catalog.t(locale, "date.short", when=samples["when"]),
        "date": lambda: catalog.t(locale, "date.long", when=samples["when"]),
        "today": lambda: samples["date"],
        "due": lambda: catalog.t(locale, "date.long", when=dt.date(2026, 8, 20)),
        "range": lambda: catalog.t(
            locale, "date.range", first=samples["first"], last=samples["last"]
        ),
        "level": lambda: catalog.t(locale, "level.soon"),
        "levels": lambda: ", ".join(
            catalog.t(locale, "chart.level_count", level=catalog.t(locale, f"level.{lv}"), n=n)
            for lv, n in (("soon", 1), ("normal", 2))
        ),
        "colour": lambda: catalog.t(locale, "opt.colour.white"),
        "stage_line": lambda: catalog.t(locale, "stage.pregnant", weeks=24),
    }
    for name, make in derived.items():
        try:
            samples[name] = make()
        except _ERRORS:
            samples[name] = f"[{name}]"
    return samples


def _variables(catalog: Catalog, locale: str, source: str) -> set[str]:
    env = catalog.texts[locale].env
    names = jinja2.meta.find_undeclared_variables(env.parse(source))
    # `range` is also a Jinja global, which find_undeclared_variables does not report.
    if "range" in source:
        names.add("range")
    return names - {"t"}


# ----------------------------------------------------------------------------- conditions


def describe(condition: Condition, catalog: Catalog) -> list[Node]:
    """A condition in words: one line per test, nested for all / any / not."""
    nodes: list[Node] = []
    for field_id, test in condition.fields.items():
        nodes.append(_describe_test(field_id, test, catalog))
    for name in condition.is_ or ():
        nodes.append(Node("the named condition holds:", (name,), link=f"#cond-{name}"))
    if condition.all_:
        nodes.append(Node("all of these hold:", children=_each(condition.all_, catalog)))
    if condition.any_:
        nodes.append(Node("at least one of these holds:", children=_each(condition.any_, catalog)))
    if condition.not_ is not None:
        nodes.append(Node("NOT:", children=describe(condition.not_, catalog)))
    return nodes


def _each(parts: tuple[Condition, ...], catalog: Catalog) -> list[Node]:
    out = []
    for part in parts:
        words = describe(part, catalog)
        out.append(words[0] if len(words) == 1 else Node("all of:", children=words))
    return out


def _describe_test(field_id: str, test: FieldTest, catalog: Catalog) -> Node:
    spec = catalog.vocab.fields.get(field_id)
    many = spec is not None and spec.type == "many"
    if test.any_of is not None:
        verb = "includes any of" if many else "is"
        if len(test.any_of) > 1 and not many:
            verb = "is one of"
        node = Node(f"{field_id} {verb}", test.any_of)
    elif test.all_of is not None:
        node = Node(f"{field_id} includes all of", test.all_of)
    elif test.only is not None:
        node = Node(f"{field_id} has nothing but", test.only)
    elif test.min is not None and test.max is not None:
        node = Node(f"{field_id} is from {test.min} to {test.max}")
    elif test.min is not None:
        node = Node(f"{field_id} is {test.min} or more")
    elif test.max is not None:
        node = Node(f"{field_id} is {test.max} or less")
    elif test.absent is not None:
        node = Node(f"{field_id} was {'not ' if test.absent else ''}asked")
    else:
        node = Node(f"{field_id}: (no test)")
    if test.or_absent:
        node.suffix = "— or the question was not asked"
    return node


def _yaml(data: object) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=72, default_flow_style=None
    ).strip()


def _mentions_danger_signs(condition: Condition) -> bool:
    return any("danger_signs" in part.fields for _, part in condition.walk(""))


# ----------------------------------------------------------------------------- the book


class Book:
    """Everything the pages show, computed once from a loaded catalog."""

    def __init__(
        self,
        catalog: Catalog,
        today: dt.date,
        samples: Mapping[str, Any] | None = None,
    ) -> None:
        self.catalog = catalog
        self.today = today
        self.locales = catalog.locales
        self.overrides = dict(samples or {})
        self.samples = {
            loc: {**sample_values(catalog, loc), **self.overrides} for loc in self.locales
        }
        manifest = read_manifest(catalog.content_dir)
        self.source_ids = _source_register(manifest.get("source_ids"))
        self.review: ReviewReport = check_reviews(catalog.content_dir, today)
        self.raw_rules = read_yaml(catalog.content_dir / RULES_FILE)
        self._rules: list[RuleView] | None = None

    # -- helpers used by several pages

    def t(self, locale: str, key: str) -> Shown:
        """A string of ``locale`` rendered with the sample values."""
        return _shown(lambda: self.catalog.t(locale, key, **self.samples[locale]))

    def render(self, locale: str, template: str, **context: Any) -> Shown:
        """A template of ``locale`` rendered with ``context``."""
        return _shown(lambda: self.catalog.render(locale, template, **context))

    def language_names(self) -> dict[str, str]:
        """Each locale's own name for its language."""
        names = {}
        for locale in self.locales:
            texts = self.catalog.texts[locale]
            names[locale] = texts.strings.get("meta.language_name", locale)
        return names

    def source(self, source_id: str) -> SourceView:
        """A source id or address as shown next to a fact."""
        if source_id.startswith("http"):
            return SourceView(_host(source_id), source_id, (source_id,))
        return self.source_ids.get(source_id, SourceView(source_id, "not in the register", ()))

    # -- page data

    def questions(self) -> list[dict[str, Any]]:
        """Each flow step: its conditions, and question and option words per locale."""
        out = []
        for number, step in enumerate(self.catalog.flow_spec.steps, start=1):
            spec = self.catalog.vocab.fields[step.field]
            rows = [Row("question", {loc: self.t(loc, f"q.{step.field}") for loc in self.locales})]
            hint = {"many": "checkin.multi_hint", "integer": "checkin.number_hint"}.get(spec.type)
            if hint and step.stop_unless:
                hint = "checkin.danger_hint"
            if hint:
                rows.append(Row("hint", {loc: self.t(loc, hint) for loc in self.locales}))
            for option in spec.options:
                key = f"opt.{step.field}.{option}"
                rows.append(Row(option, {loc: self.t(loc, key) for loc in self.locales}))
            about = [
                {"one": "one answer", "many": "several answers allowed"}.get(
                    spec.type,
                    f"a typed whole number from {spec.range[0]} to {spec.range[1]}"
                    if spec.range
                    else "a typed whole number",
                )
            ]
            when = _step_when(step.when.status, step.when.weeks_min, step.when.weeks_max)
            about.append("asked only if " + " and ".join(when) if when else "asked of everyone")
            about.append("required (cannot be skipped)" if step.required else "can be skipped")
            out.append({"number": number, "step": step, "about": about, "rows": rows})
        return out

    def rules(self) -> list[RuleView]:
        """Every triage rule in file order, then the fallback, with its reply per locale."""
        if self._rules is None:
            self._rules = self._rule_views()
        return self._rules

    def _rule_views(self) -> list[RuleView]:
        triage = self.catalog.triage
        raw_by_id = {
            str(item.get("id")): item
            for item in (self.raw_rules.get("rules") or [])
            if isinstance(item, dict)
        }
        views = [
            self._rule_view(
                rule,
                position=str(position),
                rule_id=rule.id,
                words=describe(rule.when, self.catalog),
                yaml_text=_yaml(raw_by_id.get(rule.id, {}).get("when", {})),
                stopped=_mentions_danger_signs(rule.when),
            )
            for position, rule in enumerate(triage.rules, start=1)
        ]
        views.append(
            self._rule_view(
                triage.fallback,
                position="–",
                rule_id="fallback",
                words=[Node("no rule above matched")],
                yaml_text="",
                stopped=False,
            )
        )
        return views

    def _rule_view(
        self,
        gives: Rule | Fallback,
        *,
        position: str,
        rule_id: str,
        words: list[Node],
        yaml_text: str,
        stopped: bool,
    ) -> RuleView:
        """A rule or the fallback as the pages show it: where it stands, its condition in
        words and YAML, what it gives (level, reasons, topics, sources) and each locale's
        reply; ``stopped``: a rule about danger signs, whose reply is the one given after the
        danger-sign question stopped the check-in."""
        return RuleView(
            position=position,
            id=rule_id,
            level=gives.level,
            words=words,
            yaml=yaml_text,
            reasons=gives.reasons,
            topics=gives.topics,
            sources=[self.source(s) for s in gives.source],
            reason_urls=self._reason_urls(gives.reasons),
            outcome=self._outcomes(gives.level, gives.reasons, stopped),
            stopped=stopped,
        )

    def conditions(self) -> list[dict[str, Any]]:
        """The named conditions the rules use, in words and YAML."""
        raw = self.raw_rules.get("conditions") or {}
        return [
            {"name": name, "words": describe(cond, self.catalog), "yaml": _yaml(raw.get(name, {}))}
            for name, cond in self.catalog.triage.conditions.items()
        ]

    def _reason_urls(self, reason_ids: tuple[str, ...]) -> list[str]:
        urls: list[str] = []
        for reason_id in reason_ids:
            reason = self.catalog.reason(self.catalog.default_locale, reason_id)
            for url in reason.sources if reason else ():
                if url not in urls:
                    urls.append(url)
        return urls

    def _outcomes(self, level: str, reason_ids: tuple[str, ...], stopped: bool) -> dict[str, Shown]:
        out = {}
        for locale in self.locales:
            reasons = [self.catalog.reason(locale, r) for r in reason_ids]
            out[locale] = self.render(
                locale,
                "outcome.j2",
                level=level,
                reasons=[r for r in reasons if r is not None],
                stopped=stopped,
            )
        return out

    def reasons(self) -> list[dict[str, Any]]:
        """Every reason id with its words and sources per locale and the rules giving it."""
        given_by: dict[str, list[str]] = {}
        for rule in self.catalog.triage.rules:
            for reason_id in rule.reasons:
                given_by.setdefault(reason_id, []).append(rule.id)
        for reason_id in self.catalog.triage.fallback.reasons:
            given_by.setdefault(reason_id, []).append("fallback")
        ids = list(self.catalog.reasons.get(self.catalog.default_locale, {}))
        out = []
        for reason_id in ids:
            per_locale = {
                loc: self.catalog.reasons.get(loc, {}).get(reason_id) for loc in self.locales
            }
            out.append(
                {"id": reason_id, "rules": given_by.get(reason_id, []), "by_locale": per_locale}
            )
        return out

    def faq(self) -> list[dict[str, Any]]:
        """Every FAQ topic, rendered as the bot sends it, per locale."""
        default = self.catalog.faq.get(self.catalog.default_locale, {})
        ids = list(default)
        for locale in self.locales:
            ids += [t for t in self.catalog.faq.get(locale, {}) if t not in ids]
        out = []
        for topic_id in ids:
            cells: dict[str, Shown] = {}
            examples: dict[str, tuple[str, ...]] = {}
            for locale in self.locales:
                topic = self.catalog.faq.get(locale, {}).get(topic_id)
                if topic is None:
                    cells[locale] = Shown(Markup(""), "missing in this locale")
                    continue
                cells[locale] = self.render(locale, "faq_answer.j2", topic=topic)
                examples[locale] = topic.examples
            level = default[topic_id].level if topic_id in default else ""
            out.append({"id": topic_id, "level": level, "cells": cells, "examples": examples})
        return out

    def safety_replies(self) -> list[Row]:
        """The safety screen's replies per locale, for each kind of red flag and of crisis
        (with the default numbers of each language, as a person of unknown country sees)."""
        cases = (
            ("urgent", {"level": "urgent", "flags": ["bleeding_in_pregnancy"]}),
            ("emergency", {"level": "emergency", "flags": ["heavy_bleeding"]}),
        )
        rows = [
            Row(name, {loc: self.render(loc, "safety.j2", **ctx) for loc in self.locales})
            for name, ctx in cases
        ]
        for reason in CRISIS_REASONS:
            urgent = reason in ("cannot_cope", "harm_to_baby_thoughts", "abuse")
            level = "urgent" if urgent else "emergency"
            result = SafetyResult(level, (reason,), (reason,), crisis_level=level)
            cells = {loc: _shown(self._crisis_text(loc, result)) for loc in self.locales}
            rows.append(Row(f"crisis: {reason}", cells))
        return rows

    def _crisis_text(self, locale: str, result: SafetyResult) -> Callable[[], str]:
        return lambda: "\n".join(r.text for r in replies(self.catalog, locale, result))

    def redflags(self) -> list[dict[str, Any]]:
        """The red-flag rules: level, reason, and the phrases that fire them per language."""
        raw = read_yaml(self.catalog.content_dir / REDFLAGS_FILE)
        out = []
        for rule in raw.get("rules", []) if isinstance(raw, dict) else []:
            if not isinstance(rule, dict):
                continue
            patterns = {
                lang: [p if isinstance(p, str) else _yaml(p) for p in items]
                for lang, items in (rule.get("patterns") or {}).items()
            }
            out.append(
                {
                    "id": rule.get("id"),
                    "level": rule.get("level") or f"as the danger sign {rule.get('sign')}",
                    "reason": rule.get("reason"),
                    "negatable": bool(rule.get("negatable")),
                    "weeks": _yaml(rule["weeks"]) if rule.get("weeks") else "",
                    "patterns": patterns,
                    "exclude": _exclusions(rule),
                }
            )
        return out

    def messages(self) -> list[tuple[str, list[Row]]]:
        """Every string key, grouped by its first part, rendered per locale."""
        base = self.catalog.texts[self.catalog.default_locale]
        keys = list(base.strings)
        for locale in self.locales:
            keys += [k for k in self.catalog.texts[locale].strings if k not in keys]
        groups: dict[str, list[Row]] = {}
        for key in keys:
            used: set[str] = set()
            for locale in self.locales:
                source = self.catalog.texts[locale].strings.get(key)
                if source is not None:
                    used |= _variables(self.catalog, locale, source)
            cells = {}
            for locale in self.locales:
                if not self.catalog.texts[locale].has(key):
                    cells[locale] = Shown(Markup(""), "missing in this locale")
                else:
                    cells[locale] = self.t(locale, key)
            note = "variables: " + ", ".join(sorted(used)) if used else ""
            groups.setdefault(key.split(".")[0], []).append(
                Row(key, cells, note=note, anchor=f"s-{key}")
            )
        return list(groups.items())

    def templates(self) -> list[Row]:
        """The other reply templates (help, privacy, history) with sample values."""
        entries = [
            {
                "n": 1,
                "date": self.samples[loc]["date"],
                "stage": self.samples[loc]["stage_line"],
                "answers": [],
                "level": "soon",
            }
            for loc in self.locales[:1]
        ]
        history = {
            "entries": entries,
            "page": 1,
            "pages": 1,
        }
        rows = []
        for name, ctx in (("help.j2", {}), ("privacy.j2", {}), ("history.j2", history)):
            rows.append(Row(name, {loc: self.render(loc, name, **ctx) for loc in self.locales}))
        return rows

    def sources(self) -> dict[str, Any]:
        """The source register with the rules citing each id, and every address in use."""
        cited: dict[str, list[str]] = {}
        for rule in self.catalog.triage.rules:
            for source_id in rule.source:
                cited.setdefault(source_id, []).append(rule.id)
        addresses: dict[str, list[str]] = {}
        for locale in self.locales:
            for reason_id, reason in self.catalog.reasons.get(locale, {}).items():
                for url in reason.sources:
                    addresses.setdefault(url, []).append(f"reason {reason_id} ({locale})")
            for topic_id, topic in self.catalog.faq.get(locale, {}).items():
                for src in topic.sources:
                    addresses.setdefault(src.url, []).append(f"FAQ {topic_id} ({locale})")
        unknown = sorted(s for s in cited if s not in self.source_ids and not s.startswith("http"))
        return {
            "register": list(self.source_ids.values()),
            "cited": cited,
            "unknown": unknown,
            "addresses": sorted(addresses.items()),
        }

    def flow_svg(self) -> Markup:
        """The check-in flow as an inline SVG diagram."""
        return flow_diagram(self.catalog)


def _host(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.") or url


def _source_register(raw: object) -> dict[str, SourceView]:
    register: dict[str, SourceView] = {}
    if not isinstance(raw, dict):
        return register
    for source_id, entry in raw.items():
        if not isinstance(entry, dict):
            continue
        urls = entry.get("urls") or []
        register[str(source_id)] = SourceView(
            str(source_id),
            str(entry.get("title", "")),
            tuple(str(u) for u in (urls if isinstance(urls, list) else [urls])),
        )
    return register


def _step_when(status: tuple[str, ...], weeks_min: int | None, weeks_max: int | None) -> list[str]:
    parts = []
    if status:
        parts.append("stage is " + " or ".join(status))
    if weeks_min is not None and weeks_max is not None:
        parts.append(f"{weeks_min} to {weeks_max} weeks")
    elif weeks_min is not None:
        parts.append(f"{weeks_min} weeks or more")
    elif weeks_max is not None:
        parts.append(f"{weeks_max} weeks or less")
    return parts


# ----------------------------------------------------------------------------- flow diagram

_W = 1000
_BOX_X = 250
_BOX_W = 380
_STOP_GAP = 150
_CX = _BOX_X + _BOX_W // 2
_GAP = 40
_LINE = 17
_WRAP = 50


@dataclass
class _Box:
    x: int
    y: int
    w: int
    h: int
    kind: str
    title: str
    lines: list[str]


@dataclass
class _Edge:
    d: str
    kind: str
    label: list[str] = field(default_factory=list)
    label_x: int = 0
    label_y: int = 0
    anchor: str = "start"


def flow_diagram(catalog: Catalog) -> Markup:
    """Lay out the check-in flow (steps in order, skip paths, the danger-sign stop) as SVG."""
    locale = catalog.default_locale
    boxes: list[_Box] = []
    edges: list[_Edge] = []
    y = 16
    previous_skips = False
    start = _Box(_BOX_X + 90, y, _BOX_W - 180, 36, "start", "Check-in starts (/checkin)", [])
    boxes.append(start)
    y += start.h + _GAP
    for number, step in enumerate(catalog.flow_spec.steps, start=1):
        spec = catalog.vocab.fields[step.field]
        try:
            question = telegram_plain(catalog.t(locale, f"q.{step.field}"))
        except _ERRORS:
            question = f"q.{step.field}"
        lines = textwrap.wrap(" ".join(question.split()), _WRAP)[:3] or [""]
        kind = {"one": "one answer", "many": "several answers", "integer": "typed number"}
        tags = [kind[spec.type]]
        tags.append("required" if step.required else "can skip")
        box = _Box(
            _BOX_X,
            y,
            _BOX_W,
            30 + _LINE * len(lines),
            "stop-step" if step.stop_unless else ("cond" if _has_when(step) else "step"),
            f"{number}. {step.field} · {', '.join(tags)}",
            lines,
        )
        boxes.append(box)
        top_mid = y - _GAP // 2
        edges.append(_Edge(f"M{_CX},{y - _GAP} V{y - 2}", "flow"))
        if _has_when(step):
            bottom_mid = y + box.h + _GAP // 2
            # Back-to-back optional questions get their skip paths apart, so they read as two.
            left = _BOX_X - (52 if previous_skips else 30)
            words = _step_when(step.when.status, step.when.weeks_min, step.when.weeks_max)
            edges.append(
                _Edge(
                    f"M{_CX},{top_mid} H{left} V{bottom_mid} H{_CX - 4}",
                    "skip",
                    ["asked only if", *(" and ".join(words).split(" and ")), "otherwise skipped"],
                    left - 10,
                    top_mid + 22,
                    "end",
                )
            )
        previous_skips = _has_when(step)
        if step.stop_unless:
            stop_x = _BOX_X + _BOX_W + _STOP_GAP
            stop = _Box(
                stop_x,
                y - 6,
                _W - stop_x - 12,
                92,
                "stop",
                "STOP: no more questions",
                ["Emergency advice at once", "(outcome level: emergency;", "see the E rules)"],
            )
            boxes.append(stop)
            mid = y + box.h // 2
            edges.append(
                _Edge(
                    f"M{_BOX_X + _BOX_W},{mid} H{stop_x - 2}",
                    "danger",
                    ["any tap", "except: " + ", ".join(step.stop_unless)],
                    _BOX_X + _BOX_W + 8,
                    mid - 22,
                )
            )
        y += box.h + _GAP
    end = _Box(
        _BOX_X - 20,
        y,
        _BOX_W + 40,
        30 + _LINE * 2,
        "end",
        "Triage: every rule in triage/rules.yaml is checked",
        [
            "the highest level wins; no match gives the fallback",
            "→ the outcome reply (see Outcomes)",
        ],
    )
    edges.append(_Edge(f"M{_CX},{y - _GAP} V{y - 2}", "flow"))
    boxes.append(end)
    height = y + end.h + 16
    env = _environment()
    svg = env.get_template("flow.svg.j2").render(
        width=_W, height=height, boxes=boxes, edges=edges, line_height=_LINE
    )
    return Markup(svg)  # noqa: S704 - rendered by an autoescaping environment


def _has_when(step: Any) -> bool:
    when = step.when
    return bool(when.status) or when.weeks_min is not None or when.weeks_max is not None


# ----------------------------------------------------------------------------- writing


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["host"] = _host
    return env


def build_pages(
    catalog: Catalog, today: dt.date | None = None, samples: Mapping[str, Any] | None = None
) -> dict[str, str]:
    """Every page of the book as HTML, by file name."""
    book = Book(catalog, today or dt.date.today(), samples)
    env = _environment()
    common = {
        "book": book,
        "pages": PAGES,
        "locales": book.locales,
        "names": book.language_names(),
        "today": book.today,
        "version": catalog.version,
        "faq_dir": faq_dir,
    }
    out = {}
    for name, title in PAGES:
        template = env.get_template(name.replace(".html", ".html.j2"))
        out[name] = template.render(current=name, title=title, **common)
    return out


def write_preview(
    catalog: Catalog,
    out_dir: Path,
    today: dt.date | None = None,
    samples: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write the book into ``out_dir`` (created if needed); returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in build_pages(catalog, today, samples).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _exclusions(rule: dict[str, Any]) -> dict[str, list[str]]:
    """A rule's exclusions per language, those that hold only while the message does not say
    pregnant now (``exclude_not_pregnant``) marked so."""
    out: dict[str, list[str]] = {}
    for key, mark in (("exclude", ""), ("exclude_not_pregnant", "(unless pregnant now) ")):
        for lang, items in (rule.get(key) or {}).items():
            out.setdefault(lang, []).extend(
                mark + (p if isinstance(p, str) else _yaml(p)) for p in items
            )
    return out
