"""Cross-file content checks run by ``python -m bot content check`` and at start-up.

What the architecture note asks of content: every key exists in every locale, every
template renders under StrictUndefined, every question and option has words, every
non-normal outcome carries its "contact your midwife / doctor" part (emergency: "call
emergency services"), callback data fits Telegram's 64 bytes and messages its 4,096
characters. For every country of the table (and an unknown one) the calls to action name that
country's own emergency numbers, and only a UK user reads UK service names (NHS). Every FAQ
topic's question and examples are read as a question by the intent reader: a person who types
what the content says gets that answer, not the greeting, feature or out-of-scope reply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from babel import Locale

from bot.catalog.files import ContentError
from bot.catalog.strings import CLDR_KEY
from bot.domain.countries import UNKNOWN_PLACE, Place
from bot.domain.limits import CALLBACK_DATA_MAX, MESSAGE_MAX
from bot.domain.menu import COMMANDS
from bot.domain.safety import CRISIS_REASONS

if TYPE_CHECKING:
    from bot.catalog.catalog import Catalog
    from bot.domain.faq import FaqTopic
    from bot.domain.intents import IntentReader

SESSION_ID = "f" * 8  # the longest session id the check-in puts in its buttons
CALL_TO_ACTION = {"routine", "soon", "urgent", "emergency"}
PLACEHOLDER = re.compile(r"{{\s*([a-zA-Z_][a-zA-Z0-9_]*)")
PLURAL_CALL = re.compile(r"\|\s*plural\(([^)]*)\)")
PLURAL_FORM = re.compile(r"(\w+)\s*=")
#: The UK's sexual health clinics, by name (elsewhere ``where.sexual_health`` describes them).
UK_SEXUAL_HEALTH = (
    "sexual health clinic",
    "sexual-health clinic",
    "centro de salud sexual",
    "сексуального здоровья",
)
#: The UK's support lines: named to UK users only, in an answer's words and under it too (a
#: source titled "Miscarriage Association – Contact details and helpline" reads as a line
#: to call; such a source is listed for the UK only, ``Source.countries``). Other UK names
#: may label a source ("NHS – Vaginal discharge in pregnancy"): a source is no service.
UK_SUPPORT_LINES = (
    # UK charities for support after a loss (where.loss_support names them to UK users)
    "Miscarriage Association",
    "Sands",
    # the UK's domestic abuse helpline (the countries table's GB line)
    "National Domestic Abuse Helpline",
)
#: Services of one country only: named only to users of that country.
LOCAL_SERVICES = {"GB": ("NHS", "A&amp;E", "A&E", "EPU", *UK_SEXUAL_HEALTH)}
#: FAQ answers are rendered for these countries (the UK, none, and one per language's
#: defaults); all but the UK must read no UK-only service, and no "the NHS advises" either:
#: what the NHS advises is cited in the sources, under the answer.
FAQ_PLACES = ("GB", None, "US", "ES", "MX", "RU")
FAQ_UK_SERVICES = (
    "999",
    "NHS",
    "A&amp;E",
    "A&E",
    "EPU",
    "(GP)",
    " GP ",
    " GP,",
    " GP.",
    *UK_SEXUAL_HEALTH,
    *UK_SUPPORT_LINES,
    # a UK coin as a clot's size means nothing elsewhere: a measure instead
    "50p",
    # the UK's nurse who visits after a birth; elsewhere the midwife or doctor is named
    "health visitor",
)
#: What an answer says when the user's country is not known: a user whose country has a
#: verified emergency number reads that number instead (``where.call``).
UNKNOWN_NUMBER_WORDS = (
    "local emergency number",
    "número de emergencias de tu país",
    "местному номеру экстренн",
)
#: Words that say how soon to act, by how soon (lower case). An urgency note sums up its
#: answer, so every time frame it names must be in the answer too: an answer that says
#: "straight away" under a note that says "within a few days" contradicts itself.
TIME_FRAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "today": ("now", "straight away", "immediately", "today", "same day", "as soon as"),
        "days": ("few days", "day or two"),
        "appointment": ("next appointment",),
    },
    "es": {
        "today": ("ahora", "de inmediato", "enseguida", "hoy", "mismo día", "lo antes posible"),
        "days": ("unos días", "próximos días", "uno o dos días"),
        "appointment": ("próxima cita",),
    },
    "ru": {
        "today": ("сейчас", "сразу", "немедленно", "сегодня", "тот же день", "как можно скорее"),
        "days": ("ближайшие дни", "пару дней"),
        "appointment": ("следующего приёма", "следующем приёме"),
    },
}


def check_catalog(catalog: Catalog) -> list[str]:
    """Every problem found, as "location: problem" lines (empty when all is well)."""
    problems: list[str] = []
    problems += _parity(catalog)
    for locale in catalog.locales:
        problems += _questions(catalog, locale)
        problems += _outcomes(catalog, locale)
        problems += _templates(catalog, locale)
        problems += _time_frames(catalog, locale)
        problems += _places(catalog, locale)
        problems += _reason_places(catalog, locale)
        problems += _help_lists_commands(catalog, locale)
        problems += _plural_forms(catalog, locale)
    problems += _callback_sizes(catalog)
    problems += topic_examples_as_questions(catalog.faq, catalog.intents)
    return problems


def topic_examples_as_questions(
    faq: Mapping[str, Mapping[str, FaqTopic]], intents: IntentReader
) -> list[str]:
    """A problem for every FAQ topic's question or example (``faq``: by locale, then id)
    that ``intents`` reads as anything but a question."""
    problems = []
    for locale, topics in faq.items():
        for topic in topics.values():
            for kind, text in (
                ("question", topic.question),
                *(("example", e) for e in topic.examples),
            ):
                read = intents.read(text).intent
                if read != "question":
                    problems.append(
                        f"locales/{locale}/faq: {topic.id}: {kind} {text!r} is read as {read}, "
                        "not as a question (content/locales/*/intents.yaml)"
                    )
    return problems


def _parity(catalog: Catalog) -> list[str]:
    base = catalog.texts[catalog.default_locale]
    problems = []
    for locale in catalog.locales:
        texts = catalog.texts[locale]
        if locale == catalog.default_locale:
            continue
        for key in sorted(set(base.strings) - set(texts.strings)):
            problems.append(f"locales/{locale}: missing string {key}")
        for key in sorted(set(texts.strings) - set(base.strings)):
            problems.append(f"locales/{locale}: string {key} is not in {catalog.default_locale}")
        for key in sorted(set(base.strings) & set(texts.strings)):
            ours = set(PLACEHOLDER.findall(texts.strings[key]))
            theirs = set(PLACEHOLDER.findall(base.strings[key]))
            if ours != theirs:
                problems.append(f"locales/{locale}: {key}: placeholders {sorted(ours)} differ")
        for name in sorted(set(base.template_names) - set(texts.template_names)):
            problems.append(f"locales/{locale}: missing template {name}")
        base_faq = set(catalog.faq.get(catalog.default_locale, {}))
        for topic in sorted(base_faq - set(catalog.faq.get(locale, {}))):
            problems.append(f"locales/{locale}/faq: missing topic {topic}")
        base_reasons = set(catalog.reasons.get(catalog.default_locale, {}))
        for reason in sorted(base_reasons - set(catalog.reasons.get(locale, {}))):
            problems.append(f"locales/{locale}/reasons.yaml: missing reason {reason}")
    return problems


def _questions(catalog: Catalog, locale: str) -> list[str]:
    problems = []
    texts = catalog.texts[locale]
    for step in catalog.flow_spec.steps:
        field = catalog.vocab.fields[step.field]
        labels = [*field.options, *(other.label for other in step.other_label.values())]
        for key in [f"q.{step.field}", *(f"opt.{step.field}.{o}" for o in labels)]:
            if not texts.has(key) and not catalog.texts[catalog.default_locale].has(key):
                problems.append(f"locales/{locale}/strings.yaml: missing {key}")
    for status in catalog.vocab.fields["status"].options:
        if not texts.has(f"status.{status}"):
            problems.append(f"locales/{locale}/strings.yaml: missing status.{status}")
    return problems


def _outcomes(catalog: Catalog, locale: str) -> list[str]:
    problems = []
    all_reasons = catalog.reasons.get(locale) or catalog.reasons[catalog.default_locale]
    for level in catalog.vocab.urgency_levels:
        try:
            cta = catalog.t(locale, f"cta.{level}")
            text = catalog.render(
                locale, "outcome.j2", level=level, reasons=list(all_reasons.values()), stopped=True
            )
        except (ContentError, KeyError) as exc:
            problems.append(f"locales/{locale}/templates/outcome.j2: level {level}: {exc}")
            continue
        if level in CALL_TO_ACTION and cta not in text:
            problems.append(f"locales/{locale}: outcome for {level} lacks its call to action")
        if level in ("urgent", "emergency") and not text.startswith(cta.split("\n")[0]):
            problems.append(f"locales/{locale}: {level} outcome must open with the call to action")
        short = catalog.render(locale, "outcome.j2", level=level, reasons=[], stopped=False)
        if len(short) > MESSAGE_MAX:
            problems.append(f"locales/{locale}: outcome for {level} exceeds {MESSAGE_MAX} chars")
    return problems


def _templates(catalog: Catalog, locale: str) -> list[str]:
    problems = []
    places = [catalog.place(code) for code in FAQ_PLACES]
    for topic in (catalog.faq.get(locale) or {}).values():
        where = f"locales/{locale}/faq: {topic.id}"
        # Source labels may name a UK service's site ("NHS 111 Wales"): only the words count.
        words = topic.model_copy(update={"sources": ()})
        for place in places:
            try:
                text = catalog.render(locale, "faq_answer.j2", topic=topic, place=place)
            except (ContentError, KeyError) as exc:
                problems.append(f"{where}: {exc}")
                break
            if len(text) > MESSAGE_MAX:
                problems.append(f"{where}: answer exceeds {MESSAGE_MAX} chars")
            if not topic.sources_for(place.country):
                country = place.country or "an unknown country"
                problems.append(f"{where}: cites no source to a user in {country}")
                break
            said = catalog.render(locale, "faq_answer.j2", topic=words, place=place)
            if place.emergency:
                unknown = [w for w in UNKNOWN_NUMBER_WORDS if w in said.lower()]
                if unknown:
                    problems.append(
                        f"{where}: says {unknown} to a user in {place.country}, whose number "
                        "is known (use where.call)"
                    )
                    break
            if place.country != "GB":
                found = [word for word in FAQ_UK_SERVICES if word in said]
                found += [w for w in UK_SUPPORT_LINES if w in text and w not in found]
                if found:
                    country = place.country or "an unknown country"
                    problems.append(f"{where}: names {found} to a user in {country}")
                    break
        for source in topic.sources:
            unknown = sorted(set(source.countries or ()) - set(catalog.countries.countries))
            if unknown:
                problems.append(f"{where}: source {source.url} is for unknown countries {unknown}")
    samples: dict[str, dict[str, object]] = {
        "help.j2": {},
        "privacy.j2": {},
        "safety.j2": {"level": "emergency", "flags": ["heavy_bleeding"]},
        "crisis.j2": {
            "level": "emergency",
            "flags": list(CRISIS_REASONS),
            "contacts": [
                {"name": "X", "emergency": "1", "crisis": ["2"], "support": ["4"], "abuse": ["3"]}
            ],
            "emergency": None,
            "stage": None,
        },
    }
    for name, context in samples.items():
        try:
            catalog.render(locale, name, **context)
        except (ContentError, KeyError) as exc:
            problems.append(f"locales/{locale}/templates/{name}: {exc}")
    return problems


def _time_frames(catalog: Catalog, locale: str) -> list[str]:
    """No FAQ urgency note names a time frame ("within a few days") that its answer does not
    (checked for every life stage the topic is for, and an unknown one)."""
    frames = TIME_FRAMES.get(locale)
    if frames is None:
        return []

    def named(text: str) -> set[str]:
        lowered = text.lower()
        return {frame for frame, words in frames.items() if any(w in lowered for w in words)}

    problems = []
    place = catalog.place(None)
    stages = (None, *catalog.vocab.fields["status"].options)
    for topic in (catalog.faq.get(locale) or {}).values():
        if not topic.urgency_note:
            continue
        for stage in stages:
            if stage is not None and topic.stages is not None and stage not in topic.stages:
                continue
            answer = named(catalog.fill(locale, topic.answer, place=place, stage=stage))
            note = named(catalog.fill(locale, topic.urgency_note, place=place, stage=stage))
            if note - answer:
                problems.append(
                    f"locales/{locale}/faq: {topic.id}: the urgency note says "
                    f"{sorted(note - answer)} but the answer does not"
                    + (f" (stage {stage})" if stage else "")
                )
                break
    return problems


def _plural_forms(catalog: Catalog, locale: str) -> list[str]:
    """Every ``plural(...)`` gives a form for each plural category of the locale's language
    (CLDR: Russian has one, few and many) and "other"."""
    texts = catalog.texts[locale]
    cldr = texts.strings.get(CLDR_KEY, locale)
    needed = {*Locale.parse(cldr).plural_form.tags, "other"}
    sources = {f"strings: {key}": value for key, value in texts.strings.items()}
    for name in texts.template_names:
        path = catalog.content_dir / "locales" / locale / "templates" / name
        sources[f"templates/{name}"] = path.read_text(encoding="utf-8")
    problems = []
    for where, source in sources.items():
        for call in PLURAL_CALL.findall(source):
            missing = needed - set(PLURAL_FORM.findall(call))
            if missing:
                problems.append(f"locales/{locale}: {where}: plural lacks {sorted(missing)}")
    return problems


def _help_lists_commands(catalog: Catalog, locale: str) -> list[str]:
    """/help names every command of the menu but /start and /help itself."""
    try:
        text = catalog.render(locale, "help.j2")
    except (ContentError, KeyError) as exc:
        return [f"locales/{locale}/templates/help.j2: {exc}"]
    named = set(re.findall(r"/([a-z_]+)", text))
    return [
        f"locales/{locale}/templates/help.j2: does not name /{name}"
        for name in COMMANDS
        if name not in ("start", "help") and name not in named
    ]


def _reason_places(catalog: Catalog, locale: str) -> list[str]:
    """A check-in reason's words read outside the UK name no UK-only service."""
    problems = []
    places = [catalog.place(code) for code in FAQ_PLACES if code != "GB"]
    for reason_id, reason in (catalog.reasons.get(locale) or {}).items():
        for words in filter(None, (reason.explain, reason.watch_for)):
            try:
                said = [catalog.fill(locale, words, place=place) for place in places]
            except (ContentError, KeyError) as exc:
                problems.append(f"locales/{locale}/reasons.yaml: {reason_id}: {exc}")
                continue
            found = sorted({w for text in said for w in FAQ_UK_SERVICES if w in text})
            if found:
                problems.append(
                    f"locales/{locale}/reasons.yaml: {reason_id}: names {found} outside the UK"
                )
    return problems


def _places(catalog: Catalog, locale: str) -> list[str]:
    """The calls to action under every place: a known country's numbers are named, an unknown
    country gets a list of numbers (a known country without a verified number gets none: other
    countries' numbers may be unverified there), and a country's own services reach only its
    users."""
    problems = []
    places = [UNKNOWN_PLACE, *(catalog.place(code) for code in catalog.countries.countries)]
    for place in places:
        where = f"locales/{locale}: country {place.country or 'unknown'}"
        try:
            texts = place_texts(catalog, locale, place)
        except (ContentError, KeyError) as exc:
            problems.append(f"{where}: {exc}")
            continue
        for name, emergency in texts.items():
            if not name.startswith("cta.emergency"):
                continue
            if place.emergency:
                missing = [n for n in place.emergency if n not in emergency]
                if missing:
                    problems.append(f"{where}: {name} does not name {missing}")
            elif place.country is None and not re.search(r"\d", emergency):
                problems.append(f"{where}: {name} lists no emergency numbers")
        for country, services in LOCAL_SERVICES.items():
            if place.country == country:
                continue
            for name, text in texts.items():
                found = [word for word in services if word in text]
                if found:
                    problems.append(f"{where}: {name} names {found}, services of {country}")
    return problems


def place_texts(catalog: Catalog, locale: str, place: Place) -> dict[str, str]:
    """What a user of ``place`` reads in the calls to action, by string or template."""
    # Every life stage (and an unknown one) reads its own call to action.
    stages = (None, *catalog.vocab.fields["status"].options)
    texts = {
        f"cta.{level}" + (f" ({stage})" if stage else ""): catalog.t(
            locale, f"cta.{level}", place=place, stage=stage
        )
        for level in ("emergency", "urgent")
        for stage in stages
    }
    for level in ("emergency", "urgent"):
        texts[f"safety.j2 {level}"] = catalog.render(
            locale, "safety.j2", level=level, flags=["heavy_bleeding"], place=place
        )
    for level in catalog.vocab.urgency_levels:
        texts[f"outcome.j2 {level}"] = catalog.render(
            locale, "outcome.j2", level=level, reasons=[], stopped=True, place=place
        )
    texts["help.j2"] = catalog.render(locale, "help.j2", place=place)
    return texts


def _callback_sizes(catalog: Catalog) -> list[str]:
    problems = []
    for data in (
        "ob:country:other",
        "ob:country:skip",
        *(f"ob:country:{c}" for c in catalog.countries.countries),
    ):
        if len(data.encode()) > CALLBACK_DATA_MAX:
            problems.append(f"countries.yaml: {data}: button data too long")
    for step in catalog.flow_spec.steps:
        for option in catalog.vocab.fields[step.field].options:
            data = f"ck:{SESSION_ID}:t:{step.field}:{option}"
            if len(data.encode()) > CALLBACK_DATA_MAX:
                problems.append(f"vocabulary: {step.field}.{option}: button data too long")
    for locale in catalog.locales:
        for topic_id in catalog.faq.get(locale, {}):
            if len(f"fb:{topic_id}:1".encode()) > CALLBACK_DATA_MAX:
                problems.append(f"locales/{locale}/faq: {topic_id}: id too long for a button")
    return problems
