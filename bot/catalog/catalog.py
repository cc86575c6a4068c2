"""The typed content catalog: everything under ``content/`` loaded and validated once.

``Catalog.load`` is what start-up and ``python -m bot content check`` both run, so content
that would fail in front of a user fails here first, with the file and location named.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError

from bot.catalog import faq_index_file
from bot.catalog.check_stamp import content_digest
from bot.catalog.checks import check_catalog
from bot.catalog.country_names import CountryNames, suggested_country
from bot.catalog.faq_content import (
    build_matcher,
    check_faq_content,
    load_faq,
    load_intents,
    load_safety,
)
from bot.catalog.files import CONTENT_DIR, ContentError, forget_parsed, read_yaml
from bot.catalog.source_rules import check_sources
from bot.catalog.strings import CLDR_KEY, LocaleTexts
from bot.catalog.triage_content import check_triage_content, load_reasons, load_triage
from bot.catalog.zone_names import zone_name
from bot.domain.countries import UNKNOWN_PLACE, CountryTable, Place, contacts_for, place
from bot.domain.faq import FaqTopic, Matcher
from bot.domain.flow import Flow, FlowSpec
from bot.domain.intents import IntentReader
from bot.domain.safety import SafetyScreen
from bot.domain.shown_reasons import ShownReasons
from bot.domain.stage import ArrivalAsk
from bot.domain.textnorm import forget_cached
from bot.domain.times import TimeReader, TimeWords
from bot.domain.triage import Reason, TriageRules, reason_ids
from bot.domain.vocabulary import Vocabulary

SHOWN_FILE = Path("triage") / "shown.yaml"
_T = TypeVar("_T")


@dataclass
class Catalog:
    """Validated content, ready to serve."""

    content_dir: Path
    version: str
    default_locale: str
    locales: tuple[str, ...]
    vocab: Vocabulary
    flow_spec: FlowSpec
    flow: Flow
    triage: TriageRules
    texts: dict[str, LocaleTexts]
    reasons: dict[str, dict[str, Reason]]
    faq: dict[str, dict[str, FaqTopic]]
    safety: SafetyScreen
    countries: CountryTable
    intents: IntentReader
    shown: ShownReasons
    arrival: ArrivalAsk
    times: TimeReader
    #: The digest the start-up checks stamp (``check_stamp.content_digest``), when known: the
    #: FAQ index is then read from the install's file written under it, or written there.
    index_key: str | None = None
    _matcher: Matcher | None = field(default=None, repr=False)
    _matcher_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _country_names: CountryNames | None = field(default=None, repr=False)
    _crisis_examples: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, content_dir: Path = CONTENT_DIR) -> Catalog:
        """Load and validate all content; raises ContentError naming file and location."""
        manifest = read_yaml(content_dir / "manifest.yaml")
        if not isinstance(manifest, dict):
            raise ContentError(f"{content_dir / 'manifest.yaml'}: expected a mapping")
        default = str(manifest.get("default_locale", "en"))
        locales = tuple(str(x) for x in manifest.get("locales", [default]))
        if default not in locales:
            raise ContentError("manifest.yaml: default_locale is not in locales")
        vocab = _validated(Vocabulary, content_dir / "vocabulary.yaml")
        flow_spec = _validated(FlowSpec, content_dir / "flows" / "checkin.yaml")
        problems = [f"flows/checkin.yaml: {p}" for p in flow_spec.check(vocab)]
        if problems:
            raise ContentError("\n".join(problems))
        base = LocaleTexts(default, content_dir / "locales" / default)
        texts = {default: base}
        for locale in locales:
            if locale != default:
                texts[locale] = LocaleTexts(locale, content_dir / "locales" / locale, base)
        faq = {
            locale: {t.id: t for t in load_faq(content_dir, locale)}
            for locale in locales
            if (content_dir / "locales" / locale / "faq").is_dir()
        }
        reasons = {loc: load_reasons(content_dir, loc) for loc in locales}
        _register_content(texts, faq, reasons)
        return cls(
            content_dir=content_dir,
            version=str(manifest.get("version", "0")),
            default_locale=default,
            locales=locales,
            vocab=vocab,
            flow_spec=flow_spec,
            flow=Flow(flow_spec, vocab),
            triage=load_triage(content_dir, vocab),
            texts=texts,
            reasons=reasons,
            faq=faq,
            safety=load_safety(content_dir),
            countries=_validated(CountryTable, content_dir / "countries.yaml"),
            intents=load_intents(content_dir, faq),
            shown=_validated(ShownReasons, content_dir / SHOWN_FILE),
            arrival=_validated(ArrivalAsk, content_dir / "arrival.yaml"),
            times=_time_reader(content_dir, locales),
        )

    @property
    def matcher(self) -> Matcher:
        """The FAQ matcher, indexed on first use.

        Indexing every locale's FAQ takes about a second; building it lazily (the runner
        warms it in a thread right after start-up) keeps the cold start short while the
        content itself was already validated by ``load``. With ``index_key`` it is read from
        the install's file instead when one was written for the same digest
        (``bot.catalog.faq_index_file``).
        """
        if self._matcher is None:
            with self._matcher_lock:
                if self._matcher is None:
                    self._matcher = self._read_or_build_matcher()
        return self._matcher

    def _read_or_build_matcher(self) -> Matcher:
        # The FAQ topics are the ones loaded with the catalog: their files were let go after
        # loading (check_stamp.load_checked), and validating them again would only copy them.
        if self.index_key is None:
            return build_matcher(self.content_dir, topics=self.faq)
        parts = faq_index_file.read(self.index_key)
        if parts is not None:
            return build_matcher(self.content_dir, parts, topics=self.faq)
        matcher = build_matcher(self.content_dir, topics=self.faq)
        # As the stamp: only an index of content that still has the digest is written.
        if content_digest(self.content_dir) == self.index_key:
            faq_index_file.write(matcher, self.index_key)
        return matcher

    def warm(self) -> None:
        """Build the FAQ index, the last thing made from the content's files, then let go of
        what building it read (``forget_sources``)."""
        self.matcher  # noqa: B018 - building it is the point
        self.forget_sources()

    @staticmethod
    def forget_sources() -> None:
        """Let go of the parsed YAML files (``read_yaml`` keeps them for the loaders that
        share them) and of the words cached while the content was read
        (``textnorm.forget_cached``): what is built from them no longer needs them."""
        forget_parsed()
        forget_cached()

    def locale_for(self, language_code: str | None) -> str:
        """The supported locale closest to a Telegram language code."""
        if language_code:
            short = language_code.split("-")[0].lower()
            if short in self.locales:
                return short
        return self.default_locale

    def t(self, locale: str, key: str, **context: Any) -> str:
        """Render the string ``key`` in ``locale``."""
        return self.texts.get(locale, self.texts[self.default_locale]).text(key, **context)

    def fill(self, locale: str, text: str, **context: Any) -> str:
        """Render trusted content text of ``locale`` (see ``LocaleTexts.fill``)."""
        return self.texts.get(locale, self.texts[self.default_locale]).fill(text, **context)

    def render(self, locale: str, template: str, **context: Any) -> str:
        """Render ``templates/<template>`` in ``locale``."""
        texts = self.texts.get(locale, self.texts[self.default_locale])
        return texts.render(template, **context)

    def country_name(self, locale: str, code: str) -> str:
        """A country's name in ``locale`` (CLDR, through Babel), else the data's own name."""
        try:
            name = Locale.parse(locale).territories.get(code.upper())
        except (ValueError, UnknownLocaleError):
            name = None
        country = self.countries.countries.get(code.upper())
        return str(name or (country.name if country else code))

    def zone_name(self, locale: str, zone: str) -> str:
        """A time zone's name in ``locale``: its city in CLDR (through Babel, "Мадрид" for
        Europe/Madrid), "UTC", or the offset of a zone without a city."""
        texts = self.texts.get(locale) or self.texts[self.default_locale]
        return zone_name(zone, Locale.parse(texts.strings.get(CLDR_KEY, locale)))

    def place(self, country: str | None) -> Place:
        """What replies say about where a user of ``country`` is (unknown when None)."""
        found = place(self.countries, country)
        if found is UNKNOWN_PLACE:
            return Place(crisis_examples=self.crisis_examples)
        return found

    def crisis_examples(self, locale: str) -> tuple[str, ...]:
        """The first crisis line of each country that ``locale``'s readers are shown while
        their own country is not known, as "Country: line" (country names from CLDR)."""
        found = self._crisis_examples.get(locale)
        if found is None:
            found = tuple(
                f"{self.country_name(locale, c.code)}: {c.crisis[0]}"
                for c in contacts_for(self.countries, None, locale)
                if c.crisis
            )
            self._crisis_examples[locale] = found
        return found

    def find_country(self, text: str, *, whole: bool = False) -> str | None:
        """The code of the table's country a typed ``text`` names, or None (see
        ``CountryNames.find``)."""
        if self._country_names is None:
            self._country_names = CountryNames(self.countries, self.locales)
        return self._country_names.find(text, whole=whole)

    def suggested_country(self, language_code: str | None, zone: str | None) -> str | None:
        """The table's country a user's reminder zone or Telegram language points to."""
        return suggested_country(self.countries, language_code, zone)

    def topic(self, locale: str, topic_id: str) -> FaqTopic | None:
        """An FAQ topic in ``locale``, else in the default locale, else None."""
        return self._in_locale(self.faq, locale, topic_id)

    def reason(self, locale: str, reason_id: str) -> Reason | None:
        """A reason's words in ``locale``, else in the default locale."""
        return self._in_locale(self.reasons, locale, reason_id)

    def _in_locale(
        self, by_locale: Mapping[str, Mapping[str, _T]], locale: str, item_id: str
    ) -> _T | None:
        """``item_id`` of a per-locale table (``by_locale[locale][item_id]``) in ``locale``,
        else in the default locale, else None."""
        for loc in (locale, self.default_locale):
            found = by_locale.get(loc, {}).get(item_id)
            if found is not None:
                return found
        return None

    def problems(self, *, index_faq: bool = True) -> list[str]:
        """Cross-file checks beyond what loading already enforced (empty when all is well).

        ``index_faq`` also builds the FAQ index; start-up skips it and warms it afterwards.
        """
        problems = check_triage_content(self.content_dir, self.vocab, self.locales)
        if index_faq:
            self.matcher  # noqa: B018 - building the index validates the FAQ examples too
        required = read_yaml(self.content_dir / "faq_topics.yaml")
        ids: list[str] = []
        if isinstance(required, dict):
            ids = [str(t["id"]) for t in required.get("topics", [])]
        problems += check_faq_content(self.content_dir, ids)
        problems += check_sources(self.content_dir, self.locales)
        problems += [f"{SHOWN_FILE}: {p}" for p in self.shown.problems(reason_ids(self.triage))]
        problems += check_catalog(self)
        return problems


def _register_content(
    texts: dict[str, LocaleTexts],
    faq: dict[str, dict[str, FaqTopic]],
    reasons: dict[str, dict[str, Reason]],
) -> None:
    """FAQ answers and reasons' words are templates of their locale (they name the user's
    services and fit the stage), registered from the loaded files."""
    for locale, topics in faq.items():
        for topic in topics.values():
            texts[locale].add_content(f"faq/{topic.id}/answer", topic.answer)
            if topic.urgency_note:
                texts[locale].add_content(f"faq/{topic.id}/urgency_note", topic.urgency_note)
    for locale, words in reasons.items():
        for reason_id, reason in words.items():
            texts[locale].add_content(f"reasons/{reason_id}/explain", reason.explain)
            if reason.watch_for:
                texts[locale].add_content(f"reasons/{reason_id}/watch_for", reason.watch_for)


def _time_reader(content_dir: Path, locales: tuple[str, ...]) -> TimeReader:
    """The reminder-time reader over every locale's ``times.yaml`` (each locale has one)."""
    words = {
        locale: _validated(TimeWords, content_dir / "locales" / locale / "times.yaml")
        for locale in locales
    }
    try:
        return TimeReader(words)
    except ValueError as exc:
        raise ContentError(str(exc)) from None


def _validated(model: Any, path: Path) -> Any:
    try:
        return model.model_validate(read_yaml(path))
    except ValueError as exc:
        raise ContentError(f"{path}: {exc}") from None
