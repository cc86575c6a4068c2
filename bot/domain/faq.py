"""FAQ topics and the free-text matcher that knows its limits.

The matcher is lexical: TF-IDF over word stems (and stem bigrams) plus TF-IDF over
character n-grams, after normalisation, a per-locale synonym and slang table, spelling
correction against the content vocabulary and Snowball stemming. Each topic is scored
by its best-matching example phrasing blended with its centroid. A confident, clear win
gives the topic; a close call gives up to three "did you mean" candidates; a weak match
gives nothing, because a wrong answer to a health question is worse than "I'm not sure".
When a learnt meaning step is given (``Meaning``: a probability per topic read from the
message's sentence embedding), it is blended in: people ask in words the content never uses.

Work per message is bounded: only the first ``MATCH_WINDOW`` normalised characters are
read, so a 4,096-character message costs about what a short one does. Matching is pure
and deterministic (ties break by topic order in the content).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from abc import abstractmethod
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.domain.models import Status
from bot.domain.textnorm import (
    SpellIndex,
    normalize,
    normalize_term,
    stem,
    stemmer_language,
    tokenize,
)
from bot.domain.translit import russian_word

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

UrgencyLevel = Literal["normal", "routine", "soon", "urgent", "emergency"]

#: Normalised characters of a message that the matcher reads (RELIABILITY S8).
MATCH_WINDOW = 300
#: Longest answer body, so that answer, sources and a safety line fit one Telegram message.
MAX_ANSWER_CHARS = 1500
MAX_TITLE_CHARS = 40

# Scores are blends of cosine similarities, so they lie in [0, 1] (up to the largest meaning
# weight more with the meaning step). The thresholds were set on the development and extra
# labelled sets, rounded, and checked for a wide
# plateau rather than a peak, so that held-out questions of the same kind behave alike.
#: Below this nothing is offered at all: the message shares too little with any topic.
SUGGEST_MIN = 0.18
#: At or above this (and with a clear lead) the answer is given outright.
ANSWER_MIN = 0.27
#: The lead over the best unrelated runner-up needed to answer outright; a smaller lead
#: is a close call, and the user picks from "did you mean" buttons instead of a guess.
MARGIN = 0.03
#: Least total IDF of the known words in a message for an outright answer. One word
#: used across many topics ("discharge", "blood", "pain") is not enough to pick one of
#: them, so it gets "did you mean"; one specific word ("herpes") or several words are.
EVIDENCE_MIN = 3.5
#: Candidates within this distance of the best score are offered as "did you mean".
SUGGEST_BAND = 0.08
MAX_CANDIDATES = 3
#: Weight of the word-level similarity against the character n-gram similarity. Words
#: carry meaning; character n-grams rescue typos and word forms the stemmer misses.
WORD_WEIGHT = 0.5
#: Weight of a topic's best single example against its centroid. The best example catches
#: close paraphrases; the centroid rewards a message that shares words with many of a
#: topic's phrasings, which separated in-scope from out-of-scope messages best.
BEST_EXAMPLE_WEIGHT = 0.5
#: Character n-gram sizes (inside words, with word-boundary marks). Trigrams alone match
#: misspellings and word forms more loosely than trigrams with 4-grams did, which helped on a
#: later batch of people's questions the content was never tuned on, at no cost in no-match
#: precision.
CHAR_NGRAMS = (3,)
#: Share of the squared weight of a message's unknown features (words and n-grams no example
#: has) that counts in the message vector's length. At 1 a long message full of context the
#: content never mentions ("had my baby 3 weeks ago, so tired, my mum is staying with us, and
#: the discharge smells") scores under the answer threshold however well its question fits;
#: at 0 out-of-scope questions, whose few known words fit some topic, are answered. English
#: top-1 over the dev sets 1,278 -> 1,285 of 1,360 at 0.35-0.65 with no-match precision
#: unchanged on every file; 0.25 and 0 lost out-of-scope messages (coverage of the message
#: as an extra gate on answering did not win them back: those messages' words are known).
UNKNOWN_NORM_SHARE = 0.5
#: Stem bigrams count less than single stems: they sharpen, single stems carry.
BIGRAM_WEIGHT = 0.5
#: A topic whose content says it applies to weeks [a, b] keeps this share of its score
#: when the message mentions only weeks outside that range ("spotting at 30 weeks" is not
#: the early-pregnancy bleeding topic). A factor, not a veto: the words still count.
WEEK_MISMATCH_FACTOR = 0.75
#: A topic for other life stages keeps this share of its score when the message's own words
#: say whose it is ("had my baby 10 days ago", "after my miscarriage"), for when the profile
#: does not know the stage. A factor, not a veto, like the weeks.
STAGE_MISMATCH_FACTOR = 0.8
#: The score of a topic whose ``unfit_words`` the message holds: below any real score, and
#: dropped from the ranking (a veto, unlike the factors above).
UNFIT = -1.0
#: Weeks in a month of pregnancy, for "7 months pregnant".
WEEKS_PER_MONTH = 4.35
#: The first week of term. A topic about something happening before it (its weeks end the week
#: before: waters breaking, the plug coming away, labour starting early) keeps this share of its
#: score when the message names no week and no word of ``early_words``: asked without a week,
#: "what do I do when my waters break" is most often about term, the common case, and the
#: preterm topic is one link away. A factor, not a veto, like the weeks.
TERM_WEEK = 37
PRETERM_UNSAID_FACTOR = 0.9

#: Two related topics about the same event before 37 weeks and at term (waters breaking, the
#: plug coming away) are a stage pair. When the
#: message names no week and no word of ``early_words``, and the stage does not rule one out
#: (the ``allowed`` filter), the runner-up of a pair scoring at least this share of the best
#: makes it a close call: both are offered as "did you mean" rather than one picked by the
#: wording alone, because the right answer depends on the week the bot does not know.
STAGE_PAIR_SHARE = 0.95

#: The learnt meaning step (``Meaning``), blended with the lexical scores; chosen by leaving
#: one people-written dev batch out at a time (``python -m bot.commands.faq_meaning_train
#: --leave-one-batch-out``), never on held-out files. A topic's score gains this share of the
#: probability the model gives it: ``MEANING_WEIGHTS`` for the locale whose content is
#: matched, else ``MEANING_WEIGHT`` (English). Over 14 batches English was best at 0.2 (0.1-0.5
#: tried), Spanish at 0.4 and Russian at 0.3 (top-1 868 -> 874 of 914 and 879 -> 885 of 944
#: against 0.2, English and no-match precision unchanged on every batch).
MEANING_WEIGHT = 0.2
MEANING_WEIGHTS: Mapping[str, float] = MappingProxyType({"es": 0.4, "ru": 0.3})
#: A message the model reads as none of the topics with at least this probability is never
#: answered outright: a close call at most.
MEANING_NONE_MIN = 0.7
#: A topic the model gives at least this probability needs no lexical evidence
#: (``EVIDENCE_MIN``) to be answered outright: people name a topic in words the content
#: does not use.
MEANING_SURE = 0.7

_PLUS_WEEKS_RE = re.compile(r"(?<![0-9])([0-9]{1,2})\+[0-6](?![0-9])")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


class Source(BaseModel):
    """A public source a topic's facts come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")
    #: The countries (codes of the countries table) whose users read this source under the
    #: answer; None: everyone. A source that backs only words said in one country (the UK's
    #: loss charities, which ``where.loss_support`` names to UK users alone) is listed there
    #: only: elsewhere it would read as a helpline the user cannot call.
    countries: tuple[str, ...] | None = Field(default=None, min_length=1)


class FaqTopic(BaseModel):
    """One FAQ topic in one locale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1, max_length=MAX_ANSWER_CHARS)
    urgency_note: str | None = None
    level: UrgencyLevel
    sources: tuple[Source, ...] = Field(min_length=1)
    examples: tuple[str, ...] = Field(min_length=1)
    related: tuple[str, ...] = ()
    #: the life stages the topic is for (the profile's statuses); None: everyone
    stages: tuple[Status, ...] | None = Field(default=None, min_length=1)
    #: pregnancy weeks the topic is about; None: any week
    weeks: tuple[int, int] | None = None
    #: words that say a message is not this topic's question: a sign its answer does not call
    #: normal ("is yellow discharge normal" is no question for the more-discharge answer). A
    #: message with one of them never gets the topic, outright or as "did you mean".
    unfit_words: tuple[str, ...] = ()

    @field_validator("stages")
    @classmethod
    def _distinct_stages(cls, value: tuple[Status, ...] | None) -> tuple[Status, ...] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("stages lists a stage twice")
        return value

    def sources_for(self, country: str | None) -> tuple[Source, ...]:
        """The sources a user of ``country`` (None: not known) reads under the answer."""
        return tuple(
            source
            for source in self.sources
            if source.countries is None or country in source.countries
        )

    @property
    def cycle_only(self) -> bool:
        """True for a topic only for people who are not pregnant (cycle tracking): a
        pregnancy week in the message is a sign it is not meant."""
        return self.stages == ("not_pregnant",)

    @property
    def week_range(self) -> tuple[int, int] | None:
        """The pregnancy weeks a message about this topic may name ([0, 0]: none)."""
        return (0, 0) if self.cycle_only else self.weeks

    @field_validator("answer")
    @classmethod
    def _html_safe(cls, value: str) -> str:
        stripped = value
        for tag in ("<b>", "</b>", "<i>", "</i>"):
            stripped = stripped.replace(tag, "")
        if "<" in stripped or ">" in stripped:
            raise ValueError("answer may use only <b> and <i>; escape other < and >")
        if "&" in stripped.replace("&amp;", "").replace("&lt;", "").replace("&gt;", ""):
            raise ValueError("escape & as &amp; in answers")
        return value


class SynonymTable(BaseModel):
    """A locale's slang, synonyms and stop words for matching."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: phrase (one to three words) -> replacement words ("" drops the phrase)
    synonyms: dict[str, str] = Field(default_factory=dict)
    stopwords: tuple[str, ...] = ()
    #: words that mark a pregnancy week after a number ("33 wks")
    week_words: tuple[str, ...] = ()
    #: words that put a week number's meaning just below it ("before 37 weeks")
    week_below_words: tuple[str, ...] = ()
    #: words after "N weeks" that make it a time since something or a duration, not a
    #: pregnancy week ("2 weeks ago", "5 weeks pp", "2 месяца подряд")
    week_since_words: tuple[str, ...] = ()
    #: words before "N weeks" that make it a duration ("for 2 weeks", "hace 2 semanas")
    week_duration_words: tuple[str, ...] = ()
    #: hedges that may stand between a duration word and the number ("for like 5 weeks",
    #: "durante casi 3 semanas"); skipped when looking back for a duration word
    week_approx_words: tuple[str, ...] = ()
    #: words that mark months of pregnancy after a number ("7 months", "3 meses")
    month_words: tuple[str, ...] = ()
    #: words saying a pregnancy event came early ("early", "preterm", "premature")
    early_words: tuple[str, ...] = ()
    #: phrases saying the pregnancy is at term ("at term", "full term", "overdue"): read as a
    #: named week of ``TERM_WEEK``, so that topics about before 37 weeks do not fit
    term_phrases: tuple[str, ...] = ()
    #: life stage -> phrases (one to four words) by which a message says it is about that
    #: stage ("had my baby", "after my miscarriage"); a trailing "*" matches any ending
    stage_cues: dict[Status, tuple[str, ...]] = Field(default_factory=dict)


@dataclass(frozen=True)
class MatchResult:
    """What the matcher decided for one message.

    ``topic`` is the answer to give outright (None on a close call or no match);
    ``candidates`` are the "did you mean" ids, best first (empty unless a close call);
    ``ranked`` are the best topics whatever the decision (up to three, for evaluation and
    content-gap reports) and ``scores`` their scores, in the same order.
    """

    topic: str | None
    candidates: tuple[str, ...]
    scores: tuple[float, ...]
    ranked: tuple[str, ...] = ()


NO_MATCH = MatchResult(topic=None, candidates=(), scores=(), ranked=())


@dataclass(frozen=True)
class Meaning:
    """What a learnt model reads in a message: a probability per topic id, and that it is
    about none of them (out of scope or ordinary chat); together they sum to 1."""

    topics: Mapping[str, float]
    none: float


#: Reads a message's meaning, or None when it has none to give (a short message, or no
#: embedding at hand).
MeaningReader = Callable[[str], Meaning | None]


class Matcher(Protocol):
    """Anything that maps a free-text message to a FAQ decision."""

    def match(
        self, text: str, lang: str | None, allowed: Callable[[str], bool] | None = None
    ) -> MatchResult:
        """Decide the topic (or candidates, or nothing) for ``text``; with ``allowed``, only
        topics whose id it accepts compete."""
        ...


@dataclass(frozen=True)
class LocaleContent:
    """The FAQ topics and synonym table of one locale."""

    lang: str
    topics: tuple[FaqTopic, ...]
    synonyms: SynonymTable


@dataclass
class _Analysis:
    words: dict[str, float] = field(default_factory=dict)
    chars: dict[str, float] = field(default_factory=dict)
    weeks: list[int] = field(default_factory=list)
    stages: set[str] = field(default_factory=set)
    early: bool = False


#: A stage cue word: the word itself, or a prefix when it ends in "*".
_CueWord = tuple[str, bool]


def _cue_word_matches(cue: _CueWord, token: str) -> bool:
    word, prefix = cue
    return token.startswith(word) if prefix else token == word


class _Analyzer:
    """Turns text into weighted word-stem and character n-gram features for one locale."""

    def __init__(self, lang: str, synonyms: SynonymTable) -> None:
        self.lang = stemmer_language(lang)
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        for phrase, replacement in synonyms.synonyms.items():
            key = tuple(tokenize(normalize(phrase, 200)))
            if key:
                self._phrases[key] = tuple(tokenize(normalize(replacement, 200)))
        self._longest = max((len(key) for key in self._phrases), default=1)
        self._latin_known = frozenset(
            word for key in self._phrases for word in key if word.isascii()
        ) | frozenset(normalize_term(word) for word in synonyms.week_words if word.isascii())
        self._stopwords = frozenset(normalize_term(word) for word in synonyms.stopwords)
        self._week_words = frozenset(normalize_term(word) for word in synonyms.week_words)
        self._below_words = frozenset(normalize_term(word) for word in synonyms.week_below_words)
        self._since_words = frozenset(normalize_term(word) for word in synonyms.week_since_words)
        self._duration_words = frozenset(
            normalize_term(word) for word in synonyms.week_duration_words
        )
        self._approx_words = frozenset(normalize_term(word) for word in synonyms.week_approx_words)
        self._month_words = frozenset(normalize_term(word) for word in synonyms.month_words)
        self._early_words = frozenset(normalize_term(word) for word in synonyms.early_words)
        self._term_phrases = frozenset(
            key
            for phrase in synonyms.term_phrases
            if (key := tuple(tokenize(normalize_term(phrase))))
        )
        # Cues indexed by their first word (exact, or a prefix of some length), so a message
        # is only compared with the cues that can start at each of its words.
        self._cues_exact: dict[str, list[tuple[tuple[_CueWord, ...], str]]] = {}
        self._cues_prefix: dict[str, list[tuple[tuple[_CueWord, ...], str]]] = {}
        for stage, phrases in synonyms.stage_cues.items():
            for phrase in phrases:
                words = tuple(
                    (token, raw.endswith("*"))
                    for raw in phrase.split()
                    for token in tokenize(normalize_term(raw))
                )
                if words:
                    first, prefix = words[0]
                    table = self._cues_prefix if prefix else self._cues_exact
                    table.setdefault(first, []).append((words, stage))
        self._prefix_lengths = sorted({len(first) for first in self._cues_prefix})
        self._spell: SpellIndex | None = None

    def set_vocabulary(self, words: Iterable[str]) -> None:
        """Words the content and the synonym table use; an unknown word one edit away
        from one of them (or differing only in doubled letters) is read as it."""
        vocabulary = list(words)
        for phrase, replacement in self._phrases.items():
            vocabulary.extend(phrase)
            vocabulary.extend(replacement)
        # Stop words are real words: never "correct" one into a content word ("buenas" is
        # not a slip for "buena", "thanks" not for "thank").
        self._spell = SpellIndex(vocabulary, known=self._stopwords)

    def set_spell_index(self, spell: SpellIndex) -> None:
        """Correct against ``spell``, an index ``set_vocabulary`` made for the same content."""
        self._spell = spell

    @property
    def spell(self) -> SpellIndex | None:
        """The spelling index, once the vocabulary is set."""
        return self._spell

    def _correct(self, token: str) -> str:
        if self._spell is None or token[0].isdigit():
            return token
        return self._spell.correct(token) or token

    def _from_latin(self, token: str) -> str:
        """A Russian word typed in Latin letters ("vydeleniya") in Cyrillic, unless the synonym
        table knows it as it is ("cm", "ttc")."""
        if not token.isascii() or not token.isalpha() or token in self._latin_known:
            return token
        return russian_word(token)

    def _named_week(self, raw: Sequence[str], i: int) -> tuple[int, bool] | None:
        """The number at ``raw[i]`` or after it, when the two words name a week ("30 weeks",
        "week 30", "semana 30") or a month ("7 months"), and whether it is months; else None.
        In "week 30" the number comes second, so ``raw[i]`` is the week word and ``raw[i + 1]``
        the number."""
        if i + 1 >= len(raw):
            return None
        token, after = raw[i], raw[i + 1]
        if token.isdigit() and after in self._week_words:
            return int(token), False
        if token.isdigit() and after in self._month_words:
            return int(token), True
        later = raw[i + 2] if i + 2 < len(raw) else ""
        if token in self._week_words and after.isdigit() and later not in self._week_words:
            return int(after), False
        return None

    def _not_a_week_of_now(self, raw: Sequence[str], i: int) -> bool:
        """True when the count at ``raw[i]`` (its unit at ``raw[i + 1]``) is a time since
        something ("5 weeks ago") or a duration ("for like 5 weeks"), not how far along."""
        if i + 2 < len(raw) and raw[i + 2] in self._since_words:
            return True
        back = i - 1
        while back >= 0 and raw[back] in self._approx_words:
            back -= 1
        return back >= 0 and raw[back] in self._duration_words

    def _term_week(self, tokens: Sequence[str]) -> int | None:
        """``TERM_WEEK`` when a phrase of ``term_phrases`` occurs in ``tokens``, the week before
        it when a word of ``week_below_words`` precedes the phrase ("before full term"), else
        None."""
        for phrase in self._term_phrases:
            n = len(phrase)
            for i in range(len(tokens) - n + 1):
                if tuple(tokens[i : i + n]) == phrase:
                    below = i > 0 and tokens[i - 1] in self._below_words
                    return TERM_WEEK - 1 if below else TERM_WEEK
        return None

    def _cues_starting(self, token: str) -> list[tuple[tuple[_CueWord, ...], str]]:
        """The cues whose first word matches ``token``."""
        found = list(self._cues_exact.get(token, ()))
        for length in self._prefix_lengths:
            if length > len(token):
                break
            found.extend(self._cues_prefix.get(token[:length], ()))
        return found

    def stages(self, tokens: Sequence[str]) -> set[str]:
        """The life stages whose cue phrases occur in ``tokens``. A cue inside a longer cue of
        another stage does not count: "not pregnant" says not pregnant, not also pregnant."""
        spans: list[tuple[int, int, str]] = []
        for i, token in enumerate(tokens):
            for words, stage in self._cues_starting(token):
                n = len(words)
                if i + n <= len(tokens) and all(
                    _cue_word_matches(w, t)
                    for w, t in zip(words[1:], tokens[i + 1 : i + n], strict=True)
                ):
                    spans.append((i, i + n, stage))
        return {
            stage
            for start, end, stage in spans
            if not any(
                other != stage and a <= start and end <= b and b - a > end - start
                for a, b, other in spans
            )
        }

    def surface(
        self,
        text: str,
        weeks: list[int] | None = None,
        stages: set[str] | None = None,
        early: list[bool] | None = None,
    ) -> list[str]:
        """Normalised, synonym-replaced, spelling-corrected words; pregnancy weeks the text
        mentions are appended to ``weeks`` and their words dropped, the life stages its
        words point at are added to ``stages``, and ``early`` gets True when a word says early."""
        normalized = normalize(text, MATCH_WINDOW)
        if self._week_words:
            # "38+2" is how midwives and notes write 38 weeks and 2 days.
            week_word = min(self._week_words)
            normalized = _PLUS_WEEKS_RE.sub(rf"\1 {week_word} ", normalized)
        tokens = tokenize(normalized)
        if self.lang == "ru" and not _CYRILLIC_RE.search(normalized):
            tokens = [self._from_latin(token) for token in tokens]
        raw = [self._correct(token) for token in tokens]
        if stages is not None and (self._cues_exact or self._cues_prefix):
            stages.update(self.stages(raw))
        if early is not None and not self._early_words.isdisjoint(raw):
            early.append(True)
        term = self._term_week(raw)
        if weeks is not None and term is not None:
            weeks.append(term)
        out: list[str] = []
        i = 0
        while i < len(raw):
            token = raw[i]
            named = self._named_week(raw, i)
            if named is not None:
                week, months = named
                if months:
                    # "7 months pregnant" is about week 30: a month is 4.35 weeks. The words
                    # stay: "months" is a word of the content too ("3 months off the pill").
                    week = round(week * WEEKS_PER_MONTH) if 0 < week <= 10 else 0
                    if weeks is not None and week and not self._not_a_week_of_now(raw, i):
                        weeks.append(week)
                    named = None
            if named is not None:
                week, _ = named
                if out and out[-1] in self._below_words:
                    # "before 37 weeks" is about weeks up to 36, not about week 37. The word
                    # is spent on the week: left as a word, "before" in the preterm topics'
                    # phrasings pulled "waters break before contractions?" towards them.
                    week -= 1
                    out.pop()
                if weeks is not None and 0 < week <= 45 and not self._not_a_week_of_now(raw, i):
                    weeks.append(week)
                i += 2
                continue
            for size in range(min(self._longest, len(raw) - i), 0, -1):
                replacement = self._phrases.get(tuple(raw[i : i + size]))
                if replacement is not None:
                    out.extend(replacement)
                    i += size
                    break
            else:
                if not token[0].isdigit():
                    out.append(token)
                i += 1
        if early is not None and not early and not self._early_words.isdisjoint(out):
            # A phrase the synonym table reads as an early word ("antes de tiempo") says it too.
            early.append(True)
        return out

    def analyse(self, text: str) -> _Analysis:
        result = _Analysis()
        early: list[bool] = []
        surface = self.surface(text, result.weeks, result.stages, early)
        result.early = bool(early)
        words = [w for w in surface if w not in self._stopwords]
        stems = [stem(w, self.lang) for w in words]
        for s in stems:
            result.words[s] = result.words.get(s, 0.0) + 1.0
        for a, b in itertools.pairwise(stems):
            key = f"{a}_{b}"
            result.words[key] = result.words.get(key, 0.0) + BIGRAM_WEIGHT
        for w in words:
            padded = f"<{w}>"
            for n in CHAR_NGRAMS:
                for start in range(len(padded) - n + 1):
                    gram = padded[start : start + n]
                    result.chars[gram] = result.chars.get(gram, 0.0) + 1.0
        return result


_T = TypeVar("_T")
_V = TypeVar("_V")


class NumberedFeatures(Mapping[str, _V]):
    """A read-only mapping from a space's features to values stored by feature number: the
    numbers (``numbers``: feature -> its place, shared by a space's weights and postings)
    and one compact store that a subclass reads a place from (``_at``). The common part of
    ``FeatureWeights`` and ``Postings``."""

    __slots__ = ("numbers",)

    def __init__(self, numbers: Mapping[str, int]) -> None:
        self.numbers = numbers

    @abstractmethod
    def _at(self, at: int) -> _V:
        """The value stored at place ``at``."""

    def __getitem__(self, feature: str) -> _V:
        return self._at(self.numbers[feature])

    @overload
    def get(self, feature: str, /) -> _V | None: ...

    @overload
    def get(self, feature: str, default: _V | _T, /) -> _V | _T: ...

    def get(self, feature: str, default: _V | _T | None = None, /) -> _V | _T | None:
        """The value of ``feature``, else ``default``: one look-up of its number, where
        ``Mapping.get`` would catch the KeyError of ``__getitem__``."""
        at = self.numbers.get(feature)
        return default if at is None else self._at(at)

    def __iter__(self) -> Iterator[str]:
        return iter(self.numbers)

    def __len__(self) -> int:
        return len(self.numbers)


class FeatureWeights(NumberedFeatures[float]):
    """Each feature's weight (an IDF) by the space's feature numbers, in one array of doubles:
    8 bytes a feature, where a dict of its own took about 60 with the float objects. The
    numbers (``numbers``: feature -> its place) are shared with the space's postings."""

    __slots__ = ("weights",)

    def __init__(self, numbers: Mapping[str, int], weights: array[float]) -> None:
        super().__init__(numbers)
        self.weights = weights

    @classmethod
    def of(cls, weights: Mapping[str, float]) -> FeatureWeights:
        """The weights of ``weights``' features, numbered in its order."""
        numbers = {feature: at for at, feature in enumerate(weights)}
        return cls(numbers, array("d", weights.values()))

    def _at(self, at: int) -> float:
        return self.weights[at]


class Postings(NumberedFeatures[memoryview]):
    """Each feature's postings (packed, see ``_posting``) as a slice of one bytes blob, by the
    feature numbers of its space: ``ends[n]`` is where feature ``n``'s end. One blob and 8
    bytes a feature, where a bytes object a feature in a dict took about 70 more."""

    __slots__ = ("blob", "ends")

    def __init__(self, numbers: Mapping[str, int], ends: array[int], blob: bytes) -> None:
        super().__init__(numbers)
        self.ends = ends
        self.blob = blob

    @classmethod
    def pack(
        cls, numbers: Mapping[str, int], postings: Mapping[str, list[tuple[int, float]]]
    ) -> Postings:
        """The postings of each numbered feature (weights kept bit for bit); a feature with
        none has an empty slice, read as none."""
        import numpy as np

        packed = [
            np.array(postings.get(feature, []), dtype=_posting()).tobytes() for feature in numbers
        ]
        ends = array("q", itertools.accumulate(len(entries) for entries in packed))
        return cls(numbers, ends, b"".join(packed))

    def _at(self, at: int) -> memoryview:
        start = self.ends[at - 1] if at else 0
        return memoryview(self.blob)[start : self.ends[at]]


class Space:
    """One TF-IDF space (words or character n-grams) over every example of a locale: each
    feature's IDF, the IDF of a feature no example has, each feature's postings (packed, see
    ``_posting``) and the number of examples. IDFs and postings are by feature number
    (``FeatureWeights``, ``Postings``): the index lives in every running bot."""

    def __init__(
        self, idf: FeatureWeights, unknown_idf: float, postings: Postings, size: int
    ) -> None:
        self.idf = idf
        self.unknown_idf = unknown_idf
        self.postings = postings
        self.size = size

    @classmethod
    def build(cls, docs: Sequence[Mapping[str, float]], doc_topic: Sequence[int]) -> Space:
        """The space of the analysed examples ``docs``, each of topic ``doc_topic[i]``."""
        topic_df: dict[str, set[int]] = {}
        for doc, topic in zip(docs, doc_topic, strict=True):
            for feature in doc:
                topic_df.setdefault(feature, set()).add(topic)
        n_topics = len(set(doc_topic)) or 1
        # Document frequency counts topics, not examples: a word used by many topics
        # says little about which one is meant, however often one topic repeats it.
        idf = {
            feature: math.log((n_topics + 1) / (len(topics) + 1)) + 1.0
            for feature, topics in topic_df.items()
        }
        weights = FeatureWeights.of(idf)
        space = cls(weights, math.log(n_topics + 1) + 1.0, Postings.pack({}, {}), len(docs))
        postings: dict[str, list[tuple[int, float]]] = {}
        for index, doc in enumerate(docs):
            vector = space.weigh(doc)
            for feature, weight in vector.items():
                postings.setdefault(feature, []).append((index, weight))
        space.postings = Postings.pack(weights.numbers, postings)
        return space

    def weigh(self, features: Mapping[str, float], unknown_share: float = 1.0) -> dict[str, float]:
        """TF-IDF vector of unit length when ``unknown_share`` is 1. Features no example has
        get the highest IDF, so words the content never uses pull the similarity down; they
        count ``unknown_share`` of their square in the length (a message's context words)."""
        vector: dict[str, float] = {}
        unknown = 0.0
        for feature, tf in features.items():
            idf = self.idf.get(feature)
            weight = (1.0 + math.log(tf) if tf >= 1 else tf) * (idf or self.unknown_idf)
            if idf is None:
                unknown += weight * weight
            vector[feature] = weight
        total = sum(w * w for w in vector.values())
        norm = math.sqrt(total - (1.0 - unknown_share) * unknown) or 1.0
        return {f: w / norm for f, w in vector.items()}

    def similarities(self, vector: Mapping[str, float]) -> NDArray[np.float64]:
        """Cosine similarity of a weighed query with every example, by example index."""
        return _accumulate(vector, self.postings, self.size)


@dataclass(frozen=True)
class BuiltParts:
    """What indexing a locale computes from its examples, the costly part of building the
    FAQ index; the rest is read from the topics. Kept apart so that an index stored as plain
    arrays (``bot.catalog.faq_index_file``) is restored without analysing any example."""

    spell: SpellIndex
    #: the topic number of each example, examples listed topic by topic
    doc_topic: tuple[int, ...]
    words: Space
    chars: Space
    #: by the feature numbers of ``words`` and ``chars``
    centroid_words: Postings
    centroid_chars: Postings


class _LocaleIndex:
    def __init__(self, content: LocaleContent, built: BuiltParts | None = None) -> None:
        self.lang = content.lang
        self.topics = tuple(topic.id for topic in content.topics)
        # Relatedness is symmetric: a near tie between two related topics is not a close
        # call, because either answer links to the other.
        related: dict[str, set[str]] = {topic.id: set(topic.related) for topic in content.topics}
        for topic in content.topics:
            for other in topic.related:
                related.setdefault(other, set()).add(topic.id)
        self.related = {key: frozenset(value) for key, value in related.items()}
        self.weeks = [topic.week_range for topic in content.topics]
        self.preterm = [
            topic.weeks is not None and topic.weeks[1] == TERM_WEEK - 1 for topic in content.topics
        ]
        self.stages = [topic.stages for topic in content.topics]
        self.stage_pairs = _stage_pairs(content.topics, self.related)
        self.analyzer = _Analyzer(content.lang, content.synonyms)
        self.built = built or self._build(content)
        self.analyzer.set_spell_index(self.built.spell)
        self.unfit = [
            frozenset(s for w in topic.unfit_words for s in self.analyzer.analyse(w).words)
            for topic in content.topics
        ]
        self.doc_topic = self.built.doc_topic
        # Examples are listed topic by topic, and every topic has at least its title, so
        # each topic's examples are one slice starting here.
        import numpy as np

        self.topic_starts = np.array(
            [self.doc_topic.index(number) for number in range(len(self.topics))], dtype=np.intp
        )
        self.words = self.built.words
        self.chars = self.built.chars
        self.centroid_words = self.built.centroid_words
        self.centroid_chars = self.built.centroid_chars

    def _build(self, content: LocaleContent) -> BuiltParts:
        """Analyse every example (title, question and phrasings) of every topic."""
        texts: list[tuple[int, str]] = []
        for number, topic in enumerate(content.topics):
            for text in (topic.title, topic.question, *topic.examples):
                texts.append((number, text))
        vocabulary = [w for _, text in texts for w in tokenize(normalize(text, MATCH_WINDOW))]
        self.analyzer.set_vocabulary(vocabulary)
        analyses = [self.analyzer.analyse(text) for _, text in texts]
        doc_topic = tuple(number for number, _ in texts)
        words = Space.build([a.words for a in analyses], doc_topic)
        chars = Space.build([a.chars for a in analyses], doc_topic)
        assert self.analyzer.spell is not None  # set_vocabulary made it
        # A centroid per topic: the example vectors' mean, as a pseudo-document.
        return BuiltParts(
            spell=self.analyzer.spell,
            doc_topic=doc_topic,
            words=words,
            chars=chars,
            centroid_words=self._centroids(words, doc_topic),
            centroid_chars=self._centroids(chars, doc_topic),
        )

    def _centroids(self, space: Space, doc_topic: Sequence[int]) -> Postings:
        """Postings of each topic's centroid (the normalised sum of its example vectors)."""
        import numpy as np

        sums: list[dict[str, float]] = [{} for _ in self.topics]
        for feature, postings in space.postings.items():
            entries = np.frombuffer(postings, dtype=_posting())
            for index, weight in zip(
                entries["owner"].tolist(), entries["weight"].tolist(), strict=True
            ):
                bucket = sums[doc_topic[index]]
                bucket[feature] = bucket.get(feature, 0.0) + weight
        out: dict[str, list[tuple[int, float]]] = {}
        for number, vector in enumerate(sums):
            norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            for feature, weight in vector.items():
                out.setdefault(feature, []).append((number, weight / norm))
        return Postings.pack(space.idf.numbers, out)

    def scores(self, text: str) -> tuple[list[float], float]:
        """One score in [0, 1] per topic, in content order, and the message's evidence
        (total IDF of its words that the content knows)."""
        scores, evidence, _ = self.scores_and_timing(text)
        return scores, evidence

    def scores_and_timing(
        self, text: str, meaning: Mapping[str, float] | None = None
    ) -> tuple[list[float], float, bool]:
        """``scores``, and whether the message says when in pregnancy it is (names a week or
        month, or a word of ``early_words``). With ``meaning`` (topic -> probability), each
        topic's score gains its probability times the locale's weight before the weeks and life
        stages the message names weigh it: a topic for another stage keeps the same share of
        what the meaning step gives it as of its words' score."""
        analysis = self.analyzer.analyse(text)
        timed = bool(analysis.weeks) or analysis.early
        weight = MEANING_WEIGHTS.get(self.lang, MEANING_WEIGHT)
        read = [weight * meaning.get(topic, 0.0) if meaning else 0.0 for topic in self.topics]
        if not analysis.words and not analysis.chars:
            return read, 0.0, timed
        evidence = sum(
            self.words.idf.get(feature, 0.0) for feature in analysis.words if "_" not in feature
        )
        query_words = self.words.weigh(analysis.words, UNKNOWN_NORM_SHARE)
        query_chars = self.chars.weigh(analysis.chars, UNKNOWN_NORM_SHARE)
        word_sims = self.words.similarities(query_words)
        char_sims = self.chars.similarities(query_chars)
        import numpy as np

        n_topics = len(self.topics)
        values = WORD_WEIGHT * word_sims + (1 - WORD_WEIGHT) * char_sims
        best = np.maximum.reduceat(values, self.topic_starts)
        centroids = WORD_WEIGHT * _accumulate(query_words, self.centroid_words, n_topics)
        centroids += (1 - WORD_WEIGHT) * _accumulate(query_chars, self.centroid_chars, n_topics)
        result = []
        for number, (top, centroid) in enumerate(
            zip(best.tolist(), centroids.tolist(), strict=True)
        ):
            score = BEST_EXAMPLE_WEIGHT * top + (1 - BEST_EXAMPLE_WEIGHT) * centroid
            score += read[number]
            stage = self.weeks[number]
            if stage is not None and analysis.weeks:
                low, high = stage
                if not any(low <= week <= high for week in analysis.weeks):
                    score *= WEEK_MISMATCH_FACTOR
            elif self.preterm[number] and not analysis.weeks and not analysis.early:
                score *= PRETERM_UNSAID_FACTOR
            fits = self.stages[number]
            if fits is not None and analysis.stages and analysis.stages.isdisjoint(fits):
                score *= STAGE_MISMATCH_FACTOR
            if not self.unfit[number].isdisjoint(analysis.words):
                score = UNFIT
            result.append(score)
        return result, evidence, timed


def _stage_pairs(
    topics: Sequence[FaqTopic], related: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """For each topic id, the related topics about other pregnancy weeks (see
    ``STAGE_PAIR_SHARE``): one ends before term, the other starts at term."""
    weeks = {topic.id: topic.weeks for topic in topics if topic.weeks is not None}
    pairs: dict[str, frozenset[str]] = {}
    for topic_id, own in weeks.items():
        others = frozenset(
            other
            for other in related.get(topic_id, frozenset())
            if other in weeks and _term_split(own, weeks[other])
        )
        if others:
            pairs[topic_id] = others
    return pairs


def _term_split(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """True when one range ends the week before term and the other starts at term."""
    return {one[1], other[1]} >= {TERM_WEEK - 1} and TERM_WEEK in (one[0], other[0])


@functools.cache
def _posting() -> np.dtype[np.void]:
    """A posting: the owner (an example or a topic) and its weight, 12 bytes instead of a tuple
    of two objects (88 bytes with its list slot): most of the FAQ index's memory. Kept as
    bytes and read through a NumPy view at match time, so nothing is unpacked object by object.
    NumPy is imported here, not with the module, so that starting the bot stays light."""
    import numpy as np

    return np.dtype([("owner", "<i4"), ("weight", "<f8")])


def _accumulate(vector: Mapping[str, float], postings: Postings, size: int) -> NDArray[np.float64]:
    """Dot products of ``vector`` with each of ``size`` owners (zero for owners sharing no
    feature). Each feature lists an owner once, so the in-place sums add exactly as
    one-by-one sums would, in the same order."""
    import numpy as np

    scores = np.zeros(size)
    for feature, weight in vector.items():
        packed = postings.get(feature)
        if packed:
            entries = np.frombuffer(packed, dtype=_posting())
            scores[entries["owner"]] += weight * entries["weight"]
    return scores


class LexicalMatcher:
    """TF-IDF matcher over every locale's FAQ content; see the module docstring."""

    def __init__(
        self,
        locales: Iterable[LocaleContent],
        fallback: str = "en",
        built: Mapping[str, BuiltParts] | None = None,
        meaning: MeaningReader | None = None,
    ) -> None:
        """Index ``locales``; with ``built``, each locale it has is restored from its parts
        (``LexicalMatcher.parts`` of an index of the same content) instead of analysed; with
        ``meaning``, the learnt meaning step is blended in."""
        built = built or {}
        self._meaning = meaning
        self._indexes = {
            content.lang: _LocaleIndex(content, built.get(content.lang)) for content in locales
        }
        if not self._indexes:
            raise ValueError("no FAQ content to match against")
        self._fallback = fallback if fallback in self._indexes else sorted(self._indexes)[0]

    def parts(self) -> dict[str, BuiltParts]:
        """Each locale's built parts, to store and restore the index (see ``__init__``)."""
        return {lang: index.built for lang, index in self._indexes.items()}

    @property
    def languages(self) -> tuple[str, ...]:
        """Locales that have FAQ content of their own."""
        return tuple(sorted(self._indexes))

    def _index(self, lang: str | None) -> _LocaleIndex:
        # A locale without FAQ content of its own is matched against the fallback
        # locale's content, with that locale's normalisation and stemming.
        if lang is not None and lang in self._indexes:
            return self._indexes[lang]
        return self._indexes[self._fallback]

    def rank(self, text: str, lang: str | None, k: int = MAX_CANDIDATES) -> list[tuple[str, float]]:
        """The ``k`` best topics and their scores, best first, ties by content order."""
        return self._ranked(text, lang)[0][:k]

    def _ranked(
        self, text: str, lang: str | None, allowed: Callable[[str], bool] | None = None
    ) -> tuple[list[tuple[str, float]], float]:
        ranked, evidence, _ = self._ranked_timed(text, lang, allowed, self._meaning_of(text))
        return ranked, evidence

    def _meaning_of(self, text: str) -> Meaning | None:
        """What the meaning step reads in ``text``, or None without one (or a meaning)."""
        return self._meaning(text) if self._meaning is not None else None

    def _ranked_timed(
        self,
        text: str,
        lang: str | None,
        allowed: Callable[[str], bool] | None = None,
        meaning: Meaning | None = None,
    ) -> tuple[list[tuple[str, float]], float, bool]:
        index = self._index(lang)
        scores, evidence, timed = index.scores_and_timing(
            text, meaning.topics if meaning is not None else None
        )
        unfit = {i for i, score in enumerate(scores) if score == UNFIT}
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        order = [i for i in order if i not in unfit]
        if allowed is not None:
            order = [i for i in order if allowed(index.topics[i])]
        return [(index.topics[i], round(scores[i], 6)) for i in order], evidence, timed

    def match(
        self, text: str, lang: str | None, allowed: Callable[[str], bool] | None = None
    ) -> MatchResult:
        """Confident match -> topic; close call -> candidates; weak -> nothing. With
        ``allowed`` (e.g. topics that fit the person's life stage), only the topics it
        accepts compete, so the best fitting topic can win where another would have."""
        index = self._index(lang)
        meaning = self._meaning_of(text)
        top, evidence, timed = self._ranked_timed(text, lang, allowed, meaning)
        ranked = tuple(t for t, _ in top[:MAX_CANDIDATES])
        scores = tuple(s for _, s in top[:MAX_CANDIDATES])
        if not top or top[0][1] < SUGGEST_MIN:
            return MatchResult(topic=None, candidates=(), scores=scores, ranked=ranked)
        best_id, best = top[0]
        partners = index.stage_pairs.get(best_id, frozenset())
        if partners and not timed:
            close = [t for t, s in top[1:] if t in partners and s >= best * STAGE_PAIR_SHARE]
            if close:
                floor = max(SUGGEST_MIN, best - SUGGEST_BAND)
                rest = [t for t, s in top[1:] if s >= floor and t not in close]
                candidates = (best_id, *close, *rest)[:MAX_CANDIDATES]
                return MatchResult(topic=None, candidates=candidates, scores=scores, ranked=ranked)
        related = index.related.get(best_id, frozenset())
        rival = next((s for t, s in top[1:] if t not in related), 0.0)
        enough = evidence >= EVIDENCE_MIN
        if meaning is not None:
            enough = enough or meaning.topics.get(best_id, 0.0) >= MEANING_SURE
            enough = enough and meaning.none < MEANING_NONE_MIN
        if best >= ANSWER_MIN and best - rival >= MARGIN and enough:
            return MatchResult(topic=best_id, candidates=(), scores=scores, ranked=ranked)
        floor = max(SUGGEST_MIN, best - SUGGEST_BAND)
        candidates = tuple(t for t, s in top[:MAX_CANDIDATES] if s >= floor)
        return MatchResult(topic=None, candidates=candidates, scores=scores, ranked=ranked)
