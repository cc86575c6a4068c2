"""Loads the FAQ topics, synonym tables and red-flag rules from ``content/`` and checks them.

Layout: ``locales/<lang>/faq/*.yaml`` (each a mapping with a ``topics`` list),
``locales/<lang>/synonyms.yaml``, ``safety/redflags.yaml`` and ``faq_topics.yaml`` (the
topic ids every locale must cover). A locale directory with a ``faq`` folder takes part
in matching automatically, so adding Spanish or Russian FAQ content needs no code.
Errors name the file and the location.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from bot.catalog.crisis_net import load_crisis_net, load_obstetric_net
from bot.catalog.faq_meaning import load_faq_meaning
from bot.catalog.files import ContentError, read_yaml
from bot.domain.faq import (
    MAX_ANSWER_CHARS,
    BuiltParts,
    FaqTopic,
    LexicalMatcher,
    LocaleContent,
    MeaningReader,
    SynonymTable,
)
from bot.domain.intents import IntentReader, build_reader, field_words_of_topics
from bot.domain.safety import LEVEL_RANK, SafetyScreen, build_screen
from bot.domain.textnorm import normalize, tokenize

REQUIRED_TOPICS_FILE = Path("faq_topics.yaml")
REDFLAGS_FILE = Path("safety") / "redflags.yaml"
TRIAGE_RULES_FILE = Path("triage") / "rules.yaml"
#: Further rule files beside it (for example ``crisis.yaml``) may hold only these keys;
#: their rules and words join the main file's, which keeps the shared settings.
EXTRA_RULE_KEYS = frozenset({"lexicon", "known_words", "rules"})


def faq_dir(locale: str) -> Path:
    """Where the FAQ topic files of ``locale`` live, relative to the content directory."""
    return Path("locales") / locale / "faq"


def synonyms_file(locale: str) -> Path:
    """Where the synonym table of ``locale`` lives, relative to the content directory."""
    return Path("locales") / locale / "synonyms.yaml"


def faq_locales(content_dir: Path) -> tuple[str, ...]:
    """Locales that have at least one FAQ file."""
    locales_dir = content_dir / "locales"
    if not locales_dir.is_dir():
        return ()
    return tuple(
        sorted(
            entry.name
            for entry in locales_dir.iterdir()
            if (entry / "faq").is_dir() and any((entry / "faq").glob("*.yaml"))
        )
    )


def _errors_of(exc: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
        for error in exc.errors(include_input=False)
    ]


def _already_reported(error: str) -> bool:
    """Schema errors that the clearer "answer too long" / "missing sources" lines cover."""
    if error.startswith("answer:") and "at most" in error:
        return True
    return error.startswith("sources") and ("required" in error or "at least" in error)


def _parse_faq(content_dir: Path, locale: str) -> tuple[list[FaqTopic], list[str]]:
    """Topics of one locale and every problem found, as "file: location: problem"."""
    topics: list[FaqTopic] = []
    problems: list[str] = []
    files = sorted((content_dir / faq_dir(locale)).glob("*.yaml"))
    if not files:
        return [], [f"{faq_dir(locale)}: no FAQ files"]
    seen: dict[str, str] = {}
    for path in files:
        relative = path.relative_to(content_dir)
        try:
            data = read_yaml(path)
        except ContentError as exc:
            problems.append(str(exc))
            continue
        if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
            problems.append(f"{relative}: top level: expected a mapping with a `topics` list")
            continue
        for position, raw in enumerate(data["topics"]):
            where = raw.get("id", f"topics[{position}]") if isinstance(raw, dict) else position
            if isinstance(raw, dict) and isinstance(raw.get("answer"), str):
                length = len(raw["answer"])
                if length > MAX_ANSWER_CHARS:
                    problems.append(
                        f"{relative}: {where}: answer too long ({length} > {MAX_ANSWER_CHARS})"
                    )
            if isinstance(raw, dict) and not raw.get("sources"):
                problems.append(f"{relative}: {where}: missing sources")
            try:
                topic = FaqTopic.model_validate(raw)
            except ValidationError as exc:
                problems.extend(
                    f"{relative}: {where}: {error}"
                    for error in _errors_of(exc)
                    if not _already_reported(error)
                )
                continue
            if topic.id in seen:
                problems.append(f"{relative}: {topic.id}: duplicate id (also in {seen[topic.id]})")
                continue
            seen[topic.id] = str(relative)
            topics.append(topic)
    known = {topic.id for topic in topics}
    for topic in topics:
        for related in topic.related:
            if related not in known:
                problems.append(f"{seen[topic.id]}: {topic.id}: unknown related id {related!r}")
            elif related == topic.id:
                problems.append(f"{seen[topic.id]}: {topic.id}: related to itself")
    return topics, problems


def _parse_synonyms(content_dir: Path, locale: str) -> SynonymTable:
    path = content_dir / synonyms_file(locale)
    if not path.exists():
        return SynonymTable()
    try:
        return SynonymTable.model_validate(read_yaml(path) or {})
    except ValidationError as exc:
        relative = synonyms_file(locale)
        raise ContentError("\n".join(f"{relative}: {e}" for e in _errors_of(exc))) from None


def load_faq(content_dir: Path, locale: str) -> list[FaqTopic]:
    """The FAQ topics of one locale in file order; raises ContentError listing every problem."""
    topics, problems = _parse_faq(content_dir, locale)
    if problems:
        raise ContentError("\n".join(problems))
    return topics


def load_required_topics(content_dir: Path) -> dict[str, str]:
    """The topic ids every locale must cover, with their canonical questions."""
    path = content_dir / REQUIRED_TOPICS_FILE
    data = read_yaml(path)
    try:
        return {str(item["id"]): str(item["question"]) for item in data["topics"]}
    except (KeyError, TypeError):
        raise ContentError(
            f"{REQUIRED_TOPICS_FILE}: topics: expected a list of id/question"
        ) from None


def _content_words(content_dir: Path) -> set[str]:
    """Every word of every locale's FAQ titles, questions and examples."""
    words: set[str] = set()
    for locale in faq_locales(content_dir):
        topics, _ = _parse_faq(content_dir, locale)
        for topic in topics:
            for text in (topic.title, topic.question, *topic.examples):
                words.update(tokenize(normalize(text, 1000)))
    return words


def _merged_safety_data(content_dir: Path) -> object:
    """The main red-flag file with every other ``safety/*.yaml`` rule file merged into it."""
    data = read_yaml(content_dir / REDFLAGS_FILE)
    if not isinstance(data, dict):
        return data
    merged = dict(data)
    for path in sorted((content_dir / REDFLAGS_FILE.parent).glob("*.yaml")):
        if path.name == REDFLAGS_FILE.name:
            continue
        relative = path.relative_to(content_dir)
        extra = read_yaml(path)
        if not isinstance(extra, dict) or not set(extra) <= EXTRA_RULE_KEYS:
            keys = ", ".join(sorted(EXTRA_RULE_KEYS))
            raise ContentError(f"{relative}: top level: expected a mapping with only {keys}")
        merged["rules"] = [*(merged.get("rules") or []), *(extra.get("rules") or [])]
        merged["known_words"] = [
            *(merged.get("known_words") or []),
            *(extra.get("known_words") or []),
        ]
        lexicon = {k: list(v) for k, v in (merged.get("lexicon") or {}).items()}
        for lang, words in (extra.get("lexicon") or {}).items():
            lexicon.setdefault(lang, []).extend(words or [])
        merged["lexicon"] = lexicon
    return merged


def danger_sign_levels(content_dir: Path) -> dict[str, str]:
    """The level the check-in's triage rules give each danger sign on its own.

    A red-flag rule that names a ``sign`` takes its level from here, so one table decides how
    urgent a sign is whether it arrives by free text or by the check-in's danger screen.
    """
    data = read_yaml(content_dir / TRIAGE_RULES_FILE)
    levels: dict[str, str] = {}
    for rule in data.get("rules", []) if isinstance(data, dict) else []:
        when = rule.get("when") if isinstance(rule, dict) else None
        level = rule.get("level") if isinstance(rule, dict) else None
        if not isinstance(when, dict) or set(when) != {"danger_signs"} or level not in LEVEL_RANK:
            continue
        signs = when["danger_signs"]
        for sign in signs if isinstance(signs, list) else []:
            if LEVEL_RANK[level] >= LEVEL_RANK.get(levels.get(sign, ""), -1):
                levels[sign] = level
    return levels


def _with_sign_levels(data: object, levels: dict[str, str]) -> object:
    if not isinstance(data, dict):
        return data
    rules = []
    for rule in data.get("rules") or []:
        if isinstance(rule, dict) and "sign" in rule:
            rule = dict(rule)
            sign = rule.pop("sign")
            if sign not in levels:
                raise ContentError(
                    f"{REDFLAGS_FILE.parent}: rule {rule.get('id')}: unknown sign {sign!r}"
                )
            if rule.setdefault("level", levels[sign]) != levels[sign]:
                raise ContentError(
                    f"{REDFLAGS_FILE.parent}: rule {rule.get('id')}: level {rule['level']} differs "
                    f"from the check-in's {levels[sign]} for {sign} ({TRIAGE_RULES_FILE})"
                )
        rules.append(rule)
    return {**data, "rules": rules}


def safety_data(content_dir: Path) -> object:
    """Every safety rule file merged, with the levels of rules that name a danger sign filled
    in: what ``build_screen`` validates."""
    return _with_sign_levels(_merged_safety_data(content_dir), danger_sign_levels(content_dir))


def load_safety(content_dir: Path) -> SafetyScreen:
    """The compiled red-flag screen, with the meaning-based crisis screen behind its crisis
    rules when the content has one; raises ContentError naming the file on bad rules."""
    data = safety_data(content_dir)
    semantic = load_crisis_net(content_dir)
    obstetric = load_obstetric_net(content_dir)
    try:
        # Real words of the FAQ content are never read as misspelt red-flag words.
        return build_screen(
            data,
            known_words=_content_words(content_dir),
            semantic=semantic,
            obstetric_semantic=obstetric,
        )
    except ValidationError as exc:
        raise ContentError(
            "\n".join(f"{REDFLAGS_FILE.parent}: {e}" for e in _errors_of(exc))
        ) from None


def intents_file(locale: str) -> Path:
    """Where the intent word lists of ``locale`` live, relative to the content directory."""
    return Path("locales") / locale / "intents.yaml"


def load_intents(content_dir: Path, topics: Mapping[str, Mapping[str, FaqTopic]]) -> IntentReader:
    """The intent reader over every locale's ``intents.yaml`` and the words of the FAQ
    ``topics`` (each locale's, by id, as already loaded); raises ContentError naming the file
    on a bad list."""
    raw: dict[str, object] = {}
    for locale_dir in sorted((content_dir / "locales").iterdir()):
        path = content_dir / intents_file(locale_dir.name)
        if path.exists():
            raw[locale_dir.name] = read_yaml(path) or {}
    words = field_words_of_topics(
        {
            lang: [(t.title, t.question, *t.examples) for t in by_id.values()]
            for lang, by_id in topics.items()
        }
    )
    try:
        return build_reader(raw, words)
    except ValidationError as exc:
        raise ContentError(
            "\n".join(f"locales/*/intents.yaml: {e}" for e in _errors_of(exc))
        ) from None


def build_matcher(
    content_dir: Path,
    built: Mapping[str, BuiltParts] | None = None,
    meaning: MeaningReader | None = None,
    topics: Mapping[str, Mapping[str, FaqTopic]] | None = None,
) -> LexicalMatcher:
    """A matcher over every locale that has FAQ content (other locales fall back to English);
    with ``built``, restored from the parts of an index of the same content; with
    ``meaning``, else the content's trained meaning step when it has one; with ``topics``
    (by locale, then id, in file order, as ``Catalog.faq``), a locale's topics already loaded
    instead of its FAQ files read and validated again."""
    locales = faq_locales(content_dir)
    if not locales:
        raise ContentError(f"{content_dir / 'locales'}: no locale has FAQ content")
    loaded = topics or {}
    contents = [
        LocaleContent(
            lang=locale,
            topics=(
                tuple(loaded[locale].values())
                if locale in loaded
                else tuple(load_faq(content_dir, locale))
            ),
            synonyms=_parse_synonyms(content_dir, locale),
        )
        for locale in locales
    ]
    if meaning is None:
        meaning = load_faq_meaning(content_dir, tuple(t.id for c in contents for t in c.topics))
    return LexicalMatcher(contents, built=built, meaning=meaning)


def check_faq_content(content_dir: Path, required_ids: list[str] | tuple[str, ...]) -> list[str]:
    """Every problem in the FAQ and red-flag content, as "file: location: problem" lines.

    Covers: a required topic id missing from a locale, duplicate ids, unknown related ids,
    missing sources, answers over the length limit, schema errors (an unknown life stage in
    ``stages``), a topic whose stages or weeks differ between locales and a bad synonym table.
    Empty when the content is fine. Red-flag rules and intents are checked where they are
    loaded (``load_safety``, ``load_intents``): ``Catalog.load`` fails on them first.
    """
    problems: list[str] = []
    locales = faq_locales(content_dir)
    if not locales:
        problems.append(f"{Path('locales')}: no locale has FAQ content")
    #: each topic's stages and weeks in the first locale; every other locale must agree
    fit: dict[str, tuple[object, object]] = {}
    for locale in locales:
        topics, errors = _parse_faq(content_dir, locale)
        problems.extend(errors)
        for topic in topics:
            said = fit.setdefault(topic.id, (topic.stages, topic.weeks))
            if said != (topic.stages, topic.weeks):
                problems.append(
                    f"{faq_dir(locale)}: {topic.id}: stages/weeks {topic.stages}/{topic.weeks} "
                    f"differ from {locales[0]}'s {said[0]}/{said[1]}"
                )
        present = {topic.id for topic in topics}
        for topic_id in required_ids:
            if topic_id not in present:
                problems.append(f"{faq_dir(locale)}: {topic_id}: missing topic id")
        try:
            _parse_synonyms(content_dir, locale)
        except ContentError as exc:
            problems.append(str(exc))
    return problems
