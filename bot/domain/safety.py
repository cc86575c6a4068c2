"""Red-flag screen for free text: runs before FAQ matching on every message.

Rules are data (``content/safety/redflags.yaml``): each names a level (urgent or
emergency), a reason id and per-language phrase patterns. Patterns are compiled into
token matchers (stems, prefixes, exact words; spelling slips one edit away from a known
word are tolerated), never into regular expressions, so screening is linear in the
message length and cannot be made slow by crafted input. The screen looks at the whole
Telegram-sized message, because a red flag at the end of a long story must still count.

Every rule of every language is applied whatever ``lang`` says: people mix languages
and a stored language can be wrong, and a wrong label must never hide a red flag.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.limits import MESSAGE_MAX
from bot.domain.models import Status
from bot.domain.textnorm import (
    SpellIndex,
    StringPool,
    normalize,
    normalize_term,
    read_clauses,
    skeleton,
    stem,
    tokenize,
)
from bot.domain.translit import LatinRussian, softless

#: Characters of a message the screen reads: all of a Telegram message.
SAFETY_WINDOW = MESSAGE_MAX
#: Default number of other words allowed between neighbouring slots of a sequence.
DEFAULT_GAP = 2
LEVEL_RANK = {"urgent": 0, "emergency": 1}
#: The reason ids a crisis rule may give; the crisis reply has words for each of them.
CRISIS_REASONS = (
    "thoughts_of_harm",
    "cannot_cope",
    "harm_to_baby_thoughts",
    "postpartum_psychosis",
    "overdose",
    "child_poisoning",
    "abuse_danger",
    "abuse",
)
_HEAD = 3
#: Words whose slots are remembered: the words of recent messages. Each entry holds the word
#: and a set (about 300 bytes), so 65,536 words typed over weeks would keep some 20 MB.
SLOT_CACHE = 8192
#: Stages at which a mentioned pregnancy week is expected, not a sign the stage is stale.
_PREGNANT = frozenset({"pregnant", "possibly_pregnant"})
#: Stored stages that words of ``pregnant_now`` outweigh. Not after a birth: there "my waters
#: broke" is far more often the birth's story than a new pregnancy.
_STALE_IF_PREGNANT = frozenset({"not_pregnant", "after_loss"})

#: A word, or a number with its decimals ("=37.5"), or the start of a decimal ("38.*": 38.1 …
#: 38.9, never 38 or 380).
_TERM_RE = re.compile(r"=?[^\W_]+(?:[.,][0-9]+)?\*?|[0-9]+[.,]\*")
#: Numbers a bare week may be: above any hour of the clock, within a pregnancy.
_BARE_WEEKS = range(25, 43)
_PLUS_WEEKS_RE = re.compile(r"(?<![0-9])([0-9]{1,2})\+[0-6](?![0-9])")


#: The earliest year a frame's ``years_after`` reads as a year ("in 1998").
_FIRST_YEAR = 1900


def _utc_year() -> int:
    """This year by the system clock, in UTC (a frame's past years end before it)."""
    return dt.datetime.now(dt.UTC).year


#: How many words after an exclusion's match a word for her own body down below is looked for.
PLACE_REACH = 4


class AllOf(BaseModel):
    """Every slot occurs, in any order, inside a window of ``within`` words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    all: tuple[str, ...] = Field(min_length=2)
    within: int = Field(ge=2, le=40)
    #: Slots none of which may occur anywhere in the message ("feel nothing for the nursery"
    #: is a feeling unless hours or a day are named).
    unless: tuple[str, ...] = ()


class Sequence(BaseModel):
    """Slots in order with at most ``gap`` other words between neighbours."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seq: str
    gap: int = Field(default=DEFAULT_GAP, ge=0, le=6)
    #: Slots none of which may occur anywhere in the message (as ``AllOf.unless``).
    unless: tuple[str, ...] = ()


Pattern = str | AllOf | Sequence
StageCue = Literal["pregnant", "not_pregnant", "postpartum", "after_loss"]


class WeeksCondition(BaseModel):
    """The rule fires only when a mentioned pregnancy week lies in [min, max]."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int = Field(default=0, ge=0, le=45)
    max: int = Field(default=45, ge=0, le=45)
    if_unknown: Literal["fire", "skip"] = "skip"


class Frame(BaseModel):
    """Words that set the rest of their clause apart from the writer's here and now: a
    pregnancy years ago ("with my first", "hace dos años"), a film or a series. A sign whose
    every matched word lies in such a clause is not the writer's sign now."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: True: crisis rules are set apart too (a character in a series); False: only obstetric
    #: signs (a past overdose or self-harm still gets the crisis reply).
    crisis: bool = False
    patterns: dict[str, tuple[Pattern, ...]]
    #: Words that end the frame's reach inside its clause ("now", "ahora", "сейчас"; "i" for
    #: a film: "... and i want to ..."); punctuation ends it too.
    ends: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Words that bring the past into the present ("again", "otra vez", "опять"): a frame
    #: whose clause or the next holds one sets nothing apart ("with my first i bled heavily,
    #: it is happening again").
    voids: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Phrases whose void words do not bring the past back: a question whether it will happen
    #: again ("will it happen again?", "¿volverá a pasar otra vez?", "это повторится снова?").
    void_exceptions: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)
    #: Words after which a year before this one (by the clock, from 1900) opens the frame as a
    #: pattern's match does: "fainted once at a concert in 2019", "en 2019", "в 2019 году".
    years_after: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: When given, the frame sets nothing apart unless the message also holds one of these
    #: ("how do you know if your waters broke? just curious": a question about signs sets
    #: them apart only when the writer also says it is asked for later or out of interest).
    needs: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)
    #: True: the frame also reaches over the clauses between it and a later match of
    #: ``needs``, up to a word of ``ends`` ("saw a birth on tv, so much blood, is that real?":
    #: the sign told between the story and the question is the story's).
    to_needs: bool = False
    #: True: a match with a negation among its words or in the four words before it, in its
    #: clause, sets nothing apart ("the bleeding has not stopped", "la fiebre no bajó").
    not_negated: bool = False
    #: True: a number ends the frame's reach too ("what temperature is too high 30 weeks 38.7":
    #: a reading told after a general question is the writer's own).
    numbers_end: bool = False
    #: True: the reach goes on into the next clause when nothing ended it in its own ("pricked my
    #: finger sewing, a drop of blood"), up to a word of ``ends``.
    next_clause: bool = False
    #: True: the reach also goes back over the clause before when nothing ended it in its own
    #: ("my waters broke... jk it was a water bottle": a sign taken back after it was told), up to
    #: a word of ``ends``.
    back: bool = False
    #: True: a word of ``voids`` anywhere in the message, not only in the frame's clause or the
    #: next, sets nothing apart (a normal feature told beside a danger sign in another clause:
    #: "3 days after the birth, small clots, dizzy": the clots may be half of that sign); with
    #: ``not_negated``, a negated match of its patterns or needs anywhere does the same ("not
    #: slowing down").
    voids_anywhere: bool = False


class NetDoubt(BaseModel):
    """A concept whose words explain away a crisis that only the meaning-based screen saw:
    thanks and feeling better, a usual dose of an everyday medicine, low mood with thoughts
    of harm denied, an everyday idiom. In a message that holds ``patterns`` and none of
    ``unless`` (words that keep the alarm: a child, a count, a goodbye), that screen is heeded
    only at ``heed_at`` (default: ``doubt_probability``) or above. The rules are never
    quietened."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    patterns: dict[str, tuple[Pattern, ...]]
    unless: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)
    #: True: the concept counts only when its matches cover every word of the message ("i
    #: dont know what to do" alone, answered as distress; "... anymore" is not alone).
    alone: bool = False
    heed_at: float | None = Field(default=None, gt=0.0, le=1.0)
    #: When given, the concept drops no verdict: a crisis verdict below ``heed_at`` that no other
    #: doubt dropped is given as this crisis reason, at the verdict's own level. Grief after a
    #: loss read as thoughts of harm gets the words for not coping, never a lower level.
    recast: str | None = None

    @model_validator(mode="after")
    def _slots_valid(self) -> NetDoubt:
        if self.recast is not None and self.recast not in CRISIS_REASONS:
            raise ValueError(f"a net doubt's recast is one of {', '.join(CRISIS_REASONS)}")
        for patterns in (*self.patterns.values(), *self.unless.values()):
            _check_patterns(patterns)
        return self


class Denial(BaseModel):
    """Words that deny a sign in so many words ("not suicidal", "no thoughts of killing
    myself", "sin ideas suicidas"). A match of ``patterns`` inside one clause sets the words it
    covers aside, like an exclusion, unless a match of ``unless`` (words that bring the sign
    back: "but", "again", "back") follows it in the message. A denial split from its sign by
    punctuation ("no. suicidal thoughts are back") denies nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    patterns: dict[str, tuple[Pattern, ...]]
    unless: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _slots_valid(self) -> Denial:
        for patterns in (*self.patterns.values(), *self.unless.values()):
            _check_patterns(patterns)
        return self


class RedFlagRule(BaseModel):
    """One red flag: its level, reason id and phrase patterns per language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    level: Literal["urgent", "emergency"]
    reason: str
    #: ``crisis``: thoughts of suicide or self-harm, harming the baby, overdose or poisoning,
    #: abuse. Their reply is the crisis reply, and nothing follows it.
    category: Literal["obstetric", "crisis"] = "obstetric"
    #: Life stages the rule is about; a person known to be at another stage is not flagged
    #: by it (bleeding is a pregnancy red flag, not a cycle tracker's period). Empty: any.
    stages: tuple[str, ...] = ()
    #: The rule applies only when the stage is known (stored or told by the message) and listed:
    #: for signs that another rule already covers when the stage is unknown.
    needs_stage: bool = False
    languages: tuple[str, ...] = Field(min_length=1)
    negatable: bool = False
    weeks: WeeksCondition | None = None
    patterns: dict[str, tuple[Pattern, ...]]
    exclude: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)
    #: Everyday explanations that hold only while the message does not say the writer is (or
    #: may be) pregnant now (``pregnant_now``: a positive test, a late period): a pill or a
    #: period explains spotting, not "on the pill, now a positive test and bleeding".
    exclude_not_pregnant: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)
    denial: Denial | None = None
    #: True: the rule fires only when one match of a pattern covers every word of the message
    #: (a bare "38.6" sent alone is a temperature; the same number inside a sentence may be a
    #: price, a week or a weight).
    alone: bool = False

    @model_validator(mode="after")
    def _languages_match(self) -> RedFlagRule:
        if self.category == "crisis" and (self.reason not in CRISIS_REASONS or self.negatable):
            raise ValueError(
                f"rule {self.id}: a crisis rule is never negatable and its reason is one of "
                f"{', '.join(CRISIS_REASONS)}"
            )
        if set(self.patterns) != set(self.languages):
            raise ValueError(f"rule {self.id}: pattern languages must equal `languages`")
        if not set(self.exclude) | set(self.exclude_not_pregnant) <= set(self.languages):
            raise ValueError(f"rule {self.id}: exclude languages must be among `languages`")
        if self.denial is not None and not set(self.denial.patterns) <= set(self.languages):
            raise ValueError(f"rule {self.id}: denial languages must be among `languages`")
        for lang, patterns in (
            *self.patterns.items(),
            *self.exclude.items(),
            *self.exclude_not_pregnant.items(),
        ):
            if not patterns:
                raise ValueError(f"rule {self.id}: no patterns for {lang}")
            _check_patterns(patterns)
        return self


class SafetyRules(BaseModel):
    """The whole red-flag file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    week_words: dict[str, tuple[str, ...]]
    week_not_before: tuple[str, ...] = ()
    week_not_after: tuple[str, ...] = ()
    #: Small words that may stand between a week_not_after word and the number ("antes de las
    #: 37 semanas", "before the 37th week"): they are skipped when looking back.
    week_gap_words: tuple[str, ...] = ()
    #: Words after which a bare number ending its clause is a pregnancy week though the word
    #: "weeks" is left out ("¿normal a las 34?", "нормально на 34?"), from 25 to 42 only.
    week_bare_after: tuple[str, ...] = ()
    #: Words by which a message says whose it is when the stored stage is unknown ("6 days pp",
    #: "at the end of my period", "after my miscarriage"), per stage and language. A message
    #: whose words point at exactly one stage, and that names no pregnancy week, is screened
    #: for that stage; cues of pregnancy itself only block the inference.
    stage_cues: dict[StageCue, dict[str, tuple[Pattern, ...]]] = Field(default_factory=dict)
    #: Words by which a message says the writer is pregnant now ("my waters broke", "I'm
    #: pregnant"), per language. Like a named pregnancy week they speak for themselves over a
    #: stored stage of not pregnant or after a loss (the profile may be stale): the message is
    #: then screened as of an unknown stage, so no pregnancy red flag is skipped.
    pregnant_now: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)
    negations: dict[str, tuple[str, ...]]
    negation_fillers: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Signs a negation right before them is about ("no pain", "ni sangrado", "не болит"): such
    #: a negation never stands for the absence another rule asks for ("kicking a lot, no pain"
    #: is not "no kicks").
    negation_objects: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Negations that follow the word they negate ("крови нет", "боли нет").
    negations_after: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: A lone word that answers a question no ("fever? nope.", "¿sangrado? no", "кровь? нет"):
    #: the obstetric signs of the question it answers are denied.
    negation_answers: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Words that join denied signs into a list ("no discharge or fever", "sin flujo ni
    #: fiebre", "без боли или крови"): a negation reaches a sign over a joiner and the
    #: ``negation_objects`` sign before it, never over any other word ("no pain and bleeding").
    negation_joiners: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Words whose negation is itself the sign ("can't walk for the pain", "no para de
    #: sangrar", "не проходит"): a negation before them never silences a match.
    negation_kept: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Two-word negations that also read as their contraction ("will not" as "wont", "can
    #: not" as "cant"): the word before "not" mapped to the contraction, per language.
    split_negations: dict[str, dict[str, str]] = Field(default_factory=dict)
    #: Words by which the writer turns to her own state now ("i'm", "estoy", "у меня"): an
    #: obstetric rule's exclusion whose match spans one is two things told, not one everyday
    #: phrase ("my dog gave birth and i'm bleeding heavily").
    own_words: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Words for her own body down below ("down there", "vagina", "abajo", "снизу"): an
    #: obstetric rule's exclusion with one of them inside its match or in the few words after
    #: it is two things told, not one everyday phrase ("cut my finger earlier and now bleeding
    #: heavily from down there": the finger, then her own bleeding).
    own_places: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    frames: dict[str, Frame] = Field(default_factory=dict)
    #: Distinctive Russian words as typed in Latin letters ("menya", "bolit", "krov"): a
    #: message with two of them is also read in Cyrillic (bot.domain.translit).
    latin_russian_cues: tuple[str, ...] = ()
    #: Words of a light or joking tone ("lol", "jaja", "хаха") and marks that say the same
    #: (emoji). In such a message, or one whose crisis words a frame set apart, the meaning-based
    #: crisis screen is heeded only at ``doubt_probability`` or above.
    light_tone: dict[str, tuple[Pattern, ...]] = Field(default_factory=dict)
    light_tone_marks: tuple[str, ...] = ()
    doubt_probability: float = Field(default=1.0, gt=0.0, le=1.0)
    net_doubts: dict[str, NetDoubt] = Field(default_factory=dict)
    #: Stages in which the meaning-based obstetric screen's verdict with this reason is heeded,
    #: when the stage is known (stored, or told by the message) and the message does not say
    #: pregnant now; a reason left out is heeded in every stage. After a stillbirth, "she was
    #: stillborn at 38 weeks" read as reduced baby movements is no sign to act on.
    net_stages: dict[str, tuple[Status, ...]] = Field(default_factory=dict)
    lexicon: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    known_words: tuple[str, ...] = ()
    rules: tuple[RedFlagRule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> SafetyRules:
        ids = [rule.id for rule in self.rules]
        duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
        if duplicates:
            raise ValueError(f"duplicate rule ids: {duplicates}")
        return self


@dataclass(frozen=True)
class SemanticVerdict:
    """What a meaning-based crisis screen concluded: a crisis reason and its level."""

    reason: str
    level: str
    #: How sure the screen is (0-1); 1.0 when it does not say.
    probability: float = 1.0


#: A meaning-based screen: the verdict for a text, or None. The crisis one is asked only when no
#: crisis rule fired, the obstetric one only when no rule fired at all and the crisis one saw
#: nothing: each can add a verdict but never take one away or lower it.
SemanticScreen = Callable[[str], SemanticVerdict | None]


@dataclass(frozen=True)
class SafetyResult:
    """The screen's verdict: the highest level fired (None when nothing fired), the
    reason ids of every rule that fired, most urgent first, and those of crisis rules."""

    level: str | None
    flags: tuple[str, ...]
    crisis: tuple[str, ...] = ()
    crisis_level: str | None = None
    obstetric_level: str | None = None

    @property
    def category(self) -> str | None:
        """``crisis`` when a crisis rule fired, ``obstetric`` for other red flags, else None."""
        if self.crisis:
            return "crisis"
        return "obstetric" if self.level is not None else None


def _slots_of(pattern: Pattern) -> tuple[str, ...]:
    if isinstance(pattern, AllOf):
        return pattern.all
    text = pattern.seq if isinstance(pattern, Sequence) else pattern
    return tuple(text.split())


def _check_patterns(patterns: Iterable[Pattern]) -> None:
    """Raise ValueError when a slot of ``patterns`` holds a malformed term."""
    for pattern in patterns:
        for slot in (*_slots_of(pattern), *_unless_of(pattern)):
            _check_slot(slot)


def _unless_of(pattern: Pattern) -> tuple[str, ...]:
    return () if isinstance(pattern, str) else pattern.unless


def _check_slot(slot: str) -> None:
    for term in slot.split("|"):
        if not _TERM_RE.fullmatch(term):
            raise ValueError(f"bad term {term!r} in slot {slot!r}")
        word = term.strip("=*").rstrip(".,")
        if tokenize(normalize_term(word)) != [normalize_term(word)]:
            raise ValueError(f"term {term!r} is not a single normalised word")


@dataclass(frozen=True)
class _Compiled:
    """A pattern as slot ids: ordered with a gap, or unordered within a window."""

    slots: tuple[int, ...]
    ordered: bool
    span: int
    #: Slots whose presence anywhere in the message means the pattern does not match.
    unless: tuple[int, ...] = ()


#: A frame's and a rule's word lists and patterns, compiled into slot ids and word sets: the
#: built screen keeps the frames and rules without them (``_without_words``).
_FRAME_WORDS = ("patterns", "ends", "voids", "void_exceptions", "needs", "years_after")
_RULE_WORDS = ("patterns", "exclude", "exclude_not_pregnant", "denial")


@dataclass(frozen=True)
class _CompiledFrame:
    """A frame with its patterns as slot ids and its word lists normalised; ``frame`` keeps
    its options, not its words."""

    frame: Frame
    patterns: tuple[_Compiled, ...]
    ends: frozenset[str]
    voids: frozenset[str]
    exceptions: tuple[_Compiled, ...]
    needs: tuple[_Compiled, ...]
    years_after: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _CompiledRule:
    """A rule with its patterns as slot ids; ``rule`` keeps its level, reason, stages and
    options, not its phrase patterns."""

    rule: RedFlagRule
    patterns: tuple[_Compiled, ...]
    excludes: tuple[_Compiled, ...]
    denials: tuple[_Compiled, ...] = ()
    #: ``exclude_not_pregnant``: applied only when the message does not say pregnant now.
    excludes_not_pregnant: tuple[_Compiled, ...] = ()
    denial_unless: tuple[_Compiled, ...] = ()


class _TermIndex:
    """Maps a token to the ids of every slot one of whose terms it matches.

    Each term's slot ids are a tuple, not a set: about 20,000 terms, most in one slot, took
    216 bytes a set against 48 for a one-id tuple (about 3 MB of the running bot's heap).
    Once every rule is compiled (``seal``), a term in one slot keeps the id itself (no
    tuple), the stems are looked up per language (no ``(language, stem)`` key tuples), and
    the slot numbering, needed only while compiling, is let go: about 1 MB less.
    """

    def __init__(self, spell: SpellIndex, languages: Iterable[str]) -> None:
        self._spell = spell
        self._languages = tuple(languages)
        self._exact: dict[str, Posting] = {}
        self._stems: dict[tuple[str, str], Posting] = {}
        self._prefixes: dict[str, Posting] = {}
        self._max_prefix = 0
        # Snowball stems start with (nearly) the word's own first letters, so a token
        # whose first letters begin no stem term cannot match one and is not stemmed.
        # This keeps a 4,096-character message of random words cheap.
        self._stem_heads: set[tuple[str, str]] = set()
        # Per language once sealed: the stems and their first letters.
        self._lang_stems: dict[str, dict[str, Posting]] = {}
        self._lang_heads: dict[str, frozenset[str]] = {}
        self._slot_ids: dict[tuple[str, str], int] = {}
        self._sealed = False
        # The same Cyrillic terms without soft signs, for Russian read from Latin letters.
        self._soft: dict[str, Posting] = {}
        self._soft_prefixes: dict[str, Posting] = {}
        self._soft_stems: dict[str, Posting] = {}
        self.slots_of = lru_cache(maxsize=SLOT_CACHE)(self._slots_of)

    def seal(self) -> None:
        """Compact the index once every slot is numbered; no slot can be added after. Each
        key is kept as one string object shared with the spelling index's words, and terms
        in the same slots share one tuple of their ids."""
        one = StringPool(self._spell.state().known).one
        same: dict[Posting, Posting] = {}

        def compact(found: Posting) -> Posting:
            found = _compact(found)
            return same.setdefault(found, found)

        for name in ("_exact", "_prefixes", "_soft", "_soft_prefixes", "_soft_stems"):
            postings: dict[str, Posting] = getattr(self, name)
            setattr(self, name, {one(key): compact(found) for key, found in postings.items()})
        for lang in self._languages:
            self._lang_stems[lang] = {}
            self._lang_heads[lang] = frozenset(
                one(h) for held, h in self._stem_heads if held == lang
            )
        for (lang, stem_key), found in self._stems.items():
            self._lang_stems[lang][one(stem_key)] = compact(found)
        self._stems = {}
        self._stem_heads = set()
        self._slot_ids = {}
        self._sealed = True
        self.slots_of.cache_clear()

    def slot_id(self, slot: str, lang: str) -> int:
        if self._sealed:
            raise RuntimeError("the term index is sealed: every slot was numbered")
        key = (slot, lang)
        found = self._slot_ids.get(key)
        if found is not None:
            return found
        slot_id = len(self._slot_ids)
        self._slot_ids[key] = slot_id
        for term in slot.split("|"):
            word = normalize_term(term.strip("=*"))
            if not word.isascii():
                self._add_soft(term, word, lang, slot_id)
            if term.startswith("="):
                _post(self._exact, word, slot_id)
            elif term.endswith("*"):
                prefix = skeleton(word)
                _post(self._prefixes, prefix, slot_id)
                self._max_prefix = max(self._max_prefix, len(prefix))
            else:
                stem_key = skeleton(stem(word, lang))
                _post(self._stems, (lang, stem_key), slot_id)
                self._stem_heads.add((lang, stem_key[:_HEAD]))
        return slot_id

    def _add_soft(self, term: str, word: str, lang: str, slot_id: int) -> None:
        if term.startswith("="):
            _post(self._soft, skeleton(softless(word)), slot_id)
        elif term.endswith("*"):
            _post(self._soft_prefixes, skeleton(softless(word)), slot_id)
        else:
            key = skeleton(softless(stem(word, lang)))
            _post(self._soft_stems, key, slot_id)

    def soft_slots_of(self, reading: str) -> frozenset[int]:
        """Slots of the Cyrillic terms that a Cyrillic reading of a Latin word matches, soft
        signs aside ("krov" read as "кров" is "кровь")."""
        word = skeleton(softless(reading))
        found: set[int] = set()
        _add(found, self._soft.get(word))
        for length in range(1, len(word) + 1):
            _add(found, self._soft_prefixes.get(word[:length]))
        _add(found, self._soft_stems.get(skeleton(softless(stem(reading, "ru")))))
        if len(reading) > 2 and reading[-1] == "и" and reading[-2] in _RU_VOWELS:
            # "soboi" is "собой": a final "й" typed "i" changes the stem ("собо", not "соб")
            _add(found, self._soft_stems.get(skeleton(softless(stem(reading[:-1] + "й", "ru")))))
        return frozenset(found)

    def _forms(self, token: str) -> tuple[str, ...]:
        corrected = self._spell.correct(token)
        return (token,) if corrected is None else (token, corrected)

    def _slots_of(self, token: str) -> frozenset[int]:
        found: set[int] = set()
        for form in self._forms(token):
            _add(found, self._exact.get(form))
            skel = skeleton(form)
            for length in range(1, min(len(skel), self._max_prefix) + 1):
                _add(found, self._prefixes.get(skel[:length]))
            for lang in self._languages:
                heads = self._lang_heads[lang]
                if not any(skel[:n] in heads for n in range(1, _HEAD + 1)):
                    continue
                _add(found, self._lang_stems[lang].get(skeleton(stem(form, lang))))
        return frozenset(found)


_Key = TypeVar("_Key")


_RU_VOWELS = frozenset("аеёиоуыэюя")


#: A term's slot ids: while compiling a tuple, once sealed a lone id is the id itself.
Posting = int | tuple[int, ...]


def _compact(found: Posting) -> Posting:
    return found[0] if isinstance(found, tuple) and len(found) == 1 else found


def _add(found: set[int], posting: Posting | None) -> None:
    """Add the slot ids of ``posting`` (a term's, or None for no term) to ``found``."""
    if posting is None:
        return
    if isinstance(posting, int):
        found.add(posting)
    else:
        found.update(posting)


def _post(postings: dict[_Key, Posting], key: _Key, slot_id: int) -> None:
    """Add ``slot_id`` to the slot ids of ``key`` (once), while compiling."""
    found = postings.get(key, ())
    if isinstance(found, int):  # sealed: never reached, slot_id refuses first
        found = (found,)
    if slot_id not in found:
        postings[key] = (*found, slot_id)


class SafetyScreen:
    """Compiled red-flag rules; ``screen`` is pure and deterministic."""

    def __init__(
        self,
        rules: SafetyRules,
        known_words: Iterable[str] = (),
        semantic: SemanticScreen | None = None,
        obstetric_semantic: SemanticScreen | None = None,
        this_year: Callable[[], int] = _utc_year,
    ) -> None:
        #: The reason ids the rules give.
        self.reasons = frozenset(rule.reason for rule in rules.rules)
        self._doubt_probability = rules.doubt_probability
        self.this_year = this_year
        self.semantic = semantic
        self.obstetric_semantic = obstetric_semantic
        languages = sorted({lang for rule in rules.rules for lang in rule.languages})
        vocabulary: list[str] = []
        for words in rules.lexicon.values():
            vocabulary.extend(normalize_term(word) for word in words)
        for rule in rules.rules:
            for patterns in rule.patterns.values():
                for pattern in patterns:
                    for slot in _slots_of(pattern):
                        vocabulary.extend(
                            normalize_term(term)
                            for term in slot.split("|")
                            if not term.startswith("=") and not term.endswith("*")
                        )
        known = [normalize_term(word) for word in (*rules.known_words, *known_words)]
        self._index = _TermIndex(SpellIndex(vocabulary, known=known), languages)
        self._rules = tuple(
            _CompiledRule(
                rule=_without_words(rule, _RULE_WORDS),
                patterns=self._compile_all(rule.patterns),
                excludes=self._compile_all(rule.exclude),
                denials=self._compile_all(rule.denial.patterns) if rule.denial else (),
                denial_unless=self._compile_all(rule.denial.unless) if rule.denial else (),
                excludes_not_pregnant=self._compile_all(rule.exclude_not_pregnant),
            )
            for rule in rules.rules
        )
        self._negations = _word_set(rules.negations)
        self._fillers = _word_set(rules.negation_fillers)
        self._after = _word_set(rules.negations_after)
        self._joiners = _word_set(rules.negation_joiners)
        self._answers = _word_set(rules.negation_answers)
        self._kept = _word_set(rules.negation_kept)
        self._negation_words = self._negations | self._after | self._kept
        self._own_words = _word_set(rules.own_words)
        self._own_places = tuple(
            tuple(normalize_term(word) for word in place.split())
            for places in rules.own_places.values()
            for place in places
        )
        self._latin_russian = LatinRussian(
            normalize_term(word) for word in rules.latin_russian_cues
        )
        self._split: dict[tuple[str, str], str] = {}
        for pairs in rules.split_negations.values():
            for two_words, joined in pairs.items():
                head, tail = tokenize(normalize_term(two_words))
                self._split[head, tail] = normalize_term(joined)
        self._week_words = tuple(
            normalize_term(word) for words in rules.week_words.values() for word in words
        )
        self._not_before = frozenset(normalize_term(word) for word in rules.week_not_before)
        self._not_after = frozenset(normalize_term(word) for word in rules.week_not_after)
        self._week_gap = frozenset(normalize_term(word) for word in rules.week_gap_words)
        self._bare_after = frozenset(normalize_term(word) for word in rules.week_bare_after)
        self._frames = tuple(
            _CompiledFrame(
                frame=_without_words(frame, _FRAME_WORDS),
                patterns=self._compile_all(frame.patterns),
                ends=_word_set(frame.ends),
                voids=_word_set(frame.voids),
                exceptions=self._compile_all(frame.void_exceptions),
                needs=self._compile_all(frame.needs),
                years_after=_word_set(frame.years_after),
            )
            for frame in rules.frames.values()
        )
        self._objects = self._compile_all(
            {lang: tuple(words) for lang, words in rules.negation_objects.items()}
        )
        self._light_tone = self._compile_all(rules.light_tone)
        self._light_marks = tuple(normalize_term(mark) for mark in rules.light_tone_marks)
        self._cues = tuple(
            (stage, self._compile_all(by_lang)) for stage, by_lang in rules.stage_cues.items()
        )
        self._pregnant_now = self._compile_all(rules.pregnant_now)
        self._net_stages = {reason: frozenset(s) for reason, s in rules.net_stages.items()}
        self._net_doubts = tuple(
            (
                self._compile_all(doubt.patterns),
                self._compile_all(doubt.unless),
                doubt.alone,
                rules.doubt_probability if doubt.heed_at is None else doubt.heed_at,
                doubt.recast,
            )
            for doubt in rules.net_doubts.values()
        )
        self._index.seal()

    def _compile_all(self, by_lang: dict[str, tuple[Pattern, ...]]) -> tuple[_Compiled, ...]:
        compiled: list[_Compiled] = []
        for lang, patterns in sorted(by_lang.items()):
            for pattern in patterns:
                slots = tuple(self._index.slot_id(slot, lang) for slot in _slots_of(pattern))
                unless = tuple(self._index.slot_id(slot, lang) for slot in _unless_of(pattern))
                if isinstance(pattern, AllOf):
                    compiled.append(_Compiled(slots, False, pattern.within, unless))
                elif isinstance(pattern, Sequence):
                    compiled.append(_Compiled(slots, True, pattern.gap, unless))
                else:
                    compiled.append(_Compiled(slots, ordered=True, span=DEFAULT_GAP))
        return tuple(compiled)

    def screen(
        self,
        text: str,
        lang: str | None = None,
        status: str | None = None,
        *,
        asked_weeks: bool = False,
    ) -> SafetyResult:
        """Red flags in ``text``: the highest level and the reasons, most urgent first.

        ``status`` is the person's life stage when known; rules about other stages are then
        left out. Unknown (None) leaves every rule in: when unsure, escalate. ``asked_weeks``:
        the bot has just asked how many weeks pregnant the person is, so a bare number
        answers it ("38.5" is a week, not a temperature): rules that fire only on a value
        sent alone are left out."""
        del lang  # every language's rules always apply; see the module docstring
        normalized = normalize(text, SAFETY_WINDOW)
        read = read_clauses(normalized)
        tokens = read.tokens
        # Russian in Latin letters is also read in Cyrillic: each word keeps the slots of
        # its Latin form and adds those of its reading, and a negation in either counts.
        reading = self._latin_russian.reading(tokens)
        positions: dict[int, list[int]] = {}
        for position, token in enumerate(tokens):
            slots = self._index.slots_of(token)
            if position >= 1 and (tokens[position - 1], token) in self._split:
                # "will not stop" reads as "wont stop" too; the words keep their own slots.
                slots |= self._index.slots_of(self._split[tokens[position - 1], token])
            if reading is not None and reading[position] != token:
                slots |= self._index.soft_slots_of(reading[position])
            for slot_id in slots:
                positions.setdefault(slot_id, []).append(position)
        if reading is not None:
            tokens = [
                cyrillic if cyrillic in self._negation_words else latin
                for latin, cyrillic in zip(tokens, reading, strict=True)
            ]
        weeks: tuple[int, ...] | None = None
        stored = status
        if status is None or status not in _PREGNANT:
            # A message naming a pregnancy week speaks for itself: the stored stage may be
            # stale, and when unsure the screen escalates.
            weeks = self._weeks(normalized, tokens, read.clauses)
            if weeks or (
                status in _STALE_IF_PREGNANT and self._says_pregnant_now(positions, tokens)
            ):
                status = None
            else:
                status = status or self._cued_stage(positions, tokens)
        clauses = read.clauses
        apart = self._framed(positions, tokens, clauses)
        answered = self._answered_no(read.asked, tokens, clauses)
        objects = frozenset(
            p for pattern in self._objects for match in _matches(pattern, positions) for p in match
        )
        fired: list[RedFlagRule] = []
        pregnant_now: bool | None = None
        # A crisis rule's words that a frame set apart: the writer speaks of a film, or of years
        # ago, and the meaning-based screen must be surer before it overrules that.
        doubted = False
        for compiled in self._rules:
            rule = compiled.rule
            if rule.stages and status not in rule.stages and (status or rule.needs_stage):
                continue
            if rule.alone and asked_weeks:
                continue
            if not any(_all_present(p, positions) for p in compiled.patterns):
                continue
            if rule.weeks is not None:
                if weeks is None:
                    weeks = self._weeks(normalized, tokens, read.clauses)
                if not _weeks_ok(rule.weeks, weeks):
                    continue
            excluded: set[int] = set()
            excludes = compiled.excludes
            if compiled.excludes_not_pregnant:
                if pregnant_now is None:
                    pregnant_now = self._says_pregnant_now(positions, tokens)
                if not pregnant_now:
                    excludes += compiled.excludes_not_pregnant
            for pattern in excludes:
                for match in _matches(pattern, positions):
                    # An everyday phrase that is negated ("haven't felt baby move all day")
                    # no longer says that all is well about a body or a baby.
                    if rule.category == "crisis" or not (
                        self._negated_phrase(tokens, clauses, min(match))
                        or self._two_things(tokens, match)
                    ):
                        excluded.update(match)
            excluded.update(_denied(compiled, positions, clauses))
            if rule.category != "crisis":
                excluded.update(answered)
            framed = apart[rule.category == "crisis"]
            for pattern in compiled.patterns:
                if rule.alone and not _covers_all(pattern, positions, len(tokens)):
                    continue
                if self._fires(
                    pattern, positions, tokens, rule.negatable, excluded, framed, objects
                ):
                    fired.append(rule)
                    break
            else:
                if rule.category == "crisis" and framed:
                    doubted = doubted or any(
                        framed.issuperset(match)
                        for pattern in compiled.patterns
                        for match in _matches(pattern, positions)
                    )
        fired.sort(key=lambda rule: -LEVEL_RANK[rule.level])
        crisis = [rule for rule in fired if rule.category == "crisis"]
        obstetric = [rule for rule in fired if rule.category != "crisis"]
        obstetric_level: str | None = obstetric[0].level if obstetric else None
        crisis_reasons = tuple(dict.fromkeys(rule.reason for rule in crisis))
        crisis_level: str | None = crisis[0].level if crisis else None
        semantic: tuple[str, ...] = ()
        # A pregnancy week ("reviewed at 28 weeks") is no count of tablets to a net doubt.
        week_at = frozenset(self._week_numbers(tokens, clauses))
        if not crisis and self.semantic is not None:
            verdict = self.semantic(text[:SAFETY_WINDOW])
            if verdict is not None and verdict.probability < self._heed_at(
                positions, len(tokens), normalized, doubted, week_at
            ):
                verdict = None
            if verdict is not None:
                recast = self._recast(positions, len(tokens), verdict.probability, week_at)
                if recast is not None:
                    # The words change, never the level: when unsure, escalate.
                    verdict = SemanticVerdict(recast, verdict.level, verdict.probability)
            if verdict is not None:
                semantic = crisis_reasons = (verdict.reason,)
                crisis_level = verdict.level
        if not fired and not semantic and self.obstetric_semantic is not None:
            # Only where nothing at all fired: it never lowers a rule's level and adds
            # nothing beside a crisis verdict. The same doubts quieten it.
            verdict = self.obstetric_semantic(text[:SAFETY_WINDOW])
            if verdict is not None and not self._net_heeded_in(
                verdict.reason, status, stored, positions, tokens
            ):
                verdict = None
            if verdict is not None and verdict.probability >= self._heed_at(
                positions, len(tokens), normalized, doubted, week_at
            ):
                semantic = (verdict.reason,)
                obstetric_level = verdict.level
        levels = [level for level in (crisis_level, obstetric_level) if level is not None]
        if not levels:
            return SafetyResult(level=None, flags=())
        return SafetyResult(
            level=max(levels, key=LEVEL_RANK.__getitem__),
            flags=tuple(dict.fromkeys([*semantic, *(rule.reason for rule in fired)])),
            crisis=crisis_reasons,
            crisis_level=crisis_level,
            obstetric_level=obstetric_level,
        )

    def _framed(
        self, positions: dict[int, list[int]], tokens: list[str], clauses: list[int]
    ) -> tuple[frozenset[int], frozenset[int]]:
        """Positions set apart by a frame: for obstetric rules, and for crisis rules."""
        apart: tuple[set[int], set[int]] = (set(), set())
        for compiled in self._frames:
            frame, ends = compiled.frame, compiled.ends
            needed = [
                m
                for p in compiled.needs
                if _all_present(p, positions)
                for m in _matches(p, positions)
            ]
            if compiled.needs and not needed:
                continue
            last_need = max((max(m) for m in needed), default=-1) if frame.to_needs else -1
            asked = {
                p for e in compiled.exceptions for match in _matches(e, positions) for p in match
            }
            if (
                frame.voids_anywhere
                and frame.not_negated
                and any(
                    self._negated_span(tokens, clauses, match)
                    for pattern in (*compiled.patterns, *compiled.needs)
                    for match in _matches(pattern, positions)
                )
            ):
                # "like a heavy period, not slowing down": the normal feature denied is a void
                continue
            matches = [m for p in compiled.patterns for m in _matches(p, positions)]
            if compiled.years_after:
                matches += self._past_years(compiled.years_after, tokens)
            for match in matches:
                if frame.not_negated and self._negated_span(tokens, clauses, match):
                    continue
                clause = clauses[min(match)]
                near = (clause, clause + 1)
                if any(
                    token in compiled.voids and i not in asked
                    for i, (token, c) in enumerate(zip(tokens, clauses, strict=True))
                    if frame.voids_anywhere or c in near
                ):
                    continue
                clause_reach = _reach(
                    tokens, clauses, ends, min(match), max(match), frame.numbers_end
                )
                if frame.next_clause:
                    clause_reach = _next_clause(tokens, clauses, ends, clause_reach)
                if frame.back:
                    clause_reach = _clause_before(tokens, clauses, ends, clause_reach)
                reach: Iterable[int] = clause_reach
                if last_need > max(match):
                    reach = [*reach, *_reach_on(tokens, ends, max(match), last_need)]
                apart[0].update(reach)
                if frame.crisis:
                    apart[1].update(reach)
        return frozenset(apart[0]), frozenset(apart[1])

    def _past_years(self, after: frozenset[str], tokens: list[str]) -> list[tuple[int, ...]]:
        """(word, year) positions of a year before this one right after a word of ``after``."""
        this_year = self.this_year()
        return [
            (i - 1, i)
            for i in range(1, len(tokens))
            if tokens[i - 1] in after
            and len(tokens[i]) == 4
            and tokens[i].isdigit()
            and _FIRST_YEAR <= int(tokens[i]) < this_year
        ]

    def _heed_at(
        self,
        positions: dict[int, list[int]],
        length: int,
        normalized: str,
        doubted: bool,
        week_at: frozenset[int] = frozenset(),
    ) -> float:
        """The certainty the meaning-based screen needs before its crisis verdict is heeded:
        none usually, more in a light tone, beside crisis words a frame set apart, or where a
        net doubt's words explain the verdict away."""
        heed_at = 0.0
        if doubted or self._light(positions, normalized):
            heed_at = self._doubt_probability
        for patterns, unless, alone, doubt_at, recast in self._net_doubts:
            if recast is not None:
                continue  # it recasts a verdict (``_recast``), never drops one
            if doubt_at > heed_at and self._doubts(
                patterns, unless, alone, positions, length, week_at
            ):
                heed_at = doubt_at
        return heed_at

    def _recast(
        self,
        positions: dict[int, list[int]],
        length: int,
        probability: float,
        week_at: frozenset[int] = frozenset(),
    ) -> str | None:
        """The crisis reason a net doubt gives a verdict it doubts (``recast``), or None."""
        for patterns, unless, alone, doubt_at, recast in self._net_doubts:
            if (
                recast is not None
                and probability < doubt_at
                and self._doubts(patterns, unless, alone, positions, length, week_at)
            ):
                return recast
        return None

    @staticmethod
    def _doubts(
        patterns: tuple[_Compiled, ...],
        unless: tuple[_Compiled, ...],
        alone: bool,
        positions: dict[int, list[int]],
        length: int,
        week_at: frozenset[int] = frozenset(),
    ) -> bool:
        """True when a net doubt's words are in the message and none of its ``unless``; a
        number that names a pregnancy week (at ``week_at``) is no count that keeps the alarm."""
        if any(not week_at.issuperset(m) for p in unless for m in _matches(p, positions)):
            return False
        matches = [m for p in patterns for m in _matches(p, positions)]
        covered = {i for m in matches for i in range(min(m), max(m) + 1)}
        return bool(matches) and (not alone or len(covered) == length)

    def _net_heeded_in(
        self,
        reason: str,
        status: str | None,
        stored: str | None,
        positions: dict[int, list[int]],
        tokens: list[str],
    ) -> bool:
        """True when the obstetric screen's verdict for ``reason`` is heeded in the writer's
        stage (``net_stages``): the stage the message was screened for, or, where a named week
        alone set a stored stage after a loss aside ("stillborn at 38 weeks"), that stored
        stage, unless the message says pregnant now. Unknown: heeded."""
        allowed = self._net_stages.get(reason)
        if allowed is None:
            return True
        stage = status
        if (
            stage is None
            and stored in _STALE_IF_PREGNANT
            and not self._says_pregnant_now(positions, tokens)
        ):
            stage = stored
        return stage is None or stage in allowed

    def _answered_no(
        self, asked: frozenset[int], tokens: list[str], clauses: list[int]
    ) -> set[int]:
        """Positions of the words in a question (``asked``: clauses that end in a question
        mark) answered by a lone no in the next clause ("fever? nope. pain? nope."): a
        checklist the writer answers for herself."""
        if not asked:
            return set()
        alone = {
            clauses[i]
            for i, token in enumerate(tokens)
            if token in self._answers
            and (i == 0 or clauses[i - 1] != clauses[i])
            and (i + 1 == len(tokens) or clauses[i + 1] != clauses[i])
        }
        return {i for i, clause in enumerate(clauses) if clause in asked and clause + 1 in alone}

    def _light(self, positions: dict[int, list[int]], normalized: str) -> bool:
        """True when the message is written in a light or joking tone ("lol", "jaja")."""
        if any(mark in normalized for mark in self._light_marks):
            return True
        return any(any(_matches(pattern, positions)) for pattern in self._light_tone)

    def _says_pregnant_now(self, positions: dict[int, list[int]], tokens: list[str]) -> bool:
        """True when words of ``pregnant_now`` say, not negated, that the writer is pregnant."""
        return any(self._fires(p, positions, tokens, True, set()) for p in self._pregnant_now)

    def _cued_stage(self, positions: dict[int, list[int]], tokens: list[str]) -> str | None:
        cued = {
            stage
            for stage, patterns in self._cues
            if any(self._fires(p, positions, tokens, True, set()) for p in patterns)
        }
        if len(cued) != 1 or "pregnant" in cued:
            return None
        return cued.pop()

    def mentioned_weeks(self, text: str) -> tuple[int, ...]:
        """Pregnancy weeks that ``text`` mentions ("33 weeks", "38+2", "34 недели")."""
        normalized = normalize(text, SAFETY_WINDOW)
        read = read_clauses(normalized)
        return self._weeks(normalized, read.tokens, read.clauses)

    def _fires(
        self,
        pattern: _Compiled,
        positions: dict[int, list[int]],
        tokens: list[str],
        negatable: bool,
        excluded: set[int],
        framed: frozenset[int] = frozenset(),
        objects: frozenset[int] = frozenset(),
    ) -> bool:
        while True:
            # Words an exclusion covers or a negation silences ("no smell" in "stitch, no smell
            # but cramping") are set aside and the pattern is matched again without them: a match
            # takes each slot's first word in reach, so a later word of that slot would otherwise
            # never be tried.
            dropped: set[int] = set()
            for match in _matches(pattern, positions):
                if excluded.intersection(match):
                    dropped.update(excluded.intersection(match))
                    continue
                if framed.issuperset(match):
                    continue
                if objects and any(self._bound_elsewhere(tokens, p, match, objects) for p in match):
                    continue
                negated = {
                    p for p in match if negatable and self._negated(tokens, p, match, objects)
                }
                if negated:
                    dropped.update(negated)
                    continue
                return True
            if not dropped:
                return False
            positions = {
                slot: kept
                for slot in pattern.slots
                if (kept := [p for p in positions.get(slot, ()) if p not in dropped])
            }

    def _bound_elsewhere(
        self, tokens: list[str], position: int, match: tuple[int, ...], objects: frozenset[int]
    ) -> bool:
        """True when the matched word at ``position`` is a negation that belongs to a sign
        right after it outside the match ("no pain", "ni sangrado", "не болит")."""
        if tokens[position] not in self._negations:
            return False
        for after in range(position + 1, min(position + 3, len(tokens))):
            if after in match:
                return False
            if after in objects:
                return True
            if tokens[after] not in self._fillers:
                return False
        return False

    def _two_things(self, tokens: list[str], match: tuple[int, ...]) -> bool:
        """True when an exclusion's match spans a word by which the writer turns to her own
        state now ("my dog gave birth and i'm bleeding heavily"), or names her own body down
        below inside it or in the words right after it ("cut my finger and now bleeding
        heavily from down there"): no one phrase."""
        after = range(min(match) + 1, min(max(match) + 1 + PLACE_REACH, len(tokens)))
        return any(
            tokens[i] in self._own_words
            for i in range(min(match) + 1, max(match))
            if i not in match
        ) or any(
            tuple(tokens[i : i + len(place)]) == place
            for i in after
            if i not in match
            for place in self._own_places
        )

    def _negated_span(self, tokens: list[str], clauses: list[int], match: tuple[int, ...]) -> bool:
        """True when a negation stands among the words of ``match`` or in the four before it."""
        inside = range(min(match), max(match) + 1)
        return self._negated_phrase(tokens, clauses, min(match)) or any(
            tokens[i] in self._negations for i in inside
        )

    def _negated_phrase(self, tokens: list[str], clauses: list[int], start: int) -> bool:
        """True when a negation stands in the four words before ``start``, in its clause."""
        return any(
            tokens[i] in self._negations and clauses[i] == clauses[start]
            for i in range(max(start - 4, 0), start)
        )

    def _negated(
        self,
        tokens: list[str],
        position: int,
        match: tuple[int, ...],
        objects: frozenset[int] = frozenset(),
    ) -> bool:
        """True when a negation outside the match stands right before the matched word at
        ``position`` (or one filler word before it): "la panza dura pero no duele" says the
        pain is absent, wherever the negated word sits in the match. A negation that is
        part of the pattern ("no para de sangrar") is what the pattern asks for. A list of
        denied signs carries the negation on: "no discharge or fever" denies the fever."""
        if tokens[position] in self._kept:
            return False
        after = position + 1
        if after < len(tokens) and after not in match and tokens[after] in self._after:
            return True
        before = position - 1
        fillers = 0
        while before >= 0 and before not in match:
            token = tokens[before]
            if token in self._negations:
                return True
            if token in self._joiners and before - 1 in objects and before - 1 not in match:
                # "no discharge or fever": over the joiner and the listed sign before it
                before -= 2
                fillers = 0
                continue
            if (
                fillers
                and before in objects
                and before >= 1
                and tokens[before - 1] in self._negations
            ):
                # "sin dolor de espalda": the denied sign and a small word name where it is
                return True
            fillers += 1
            if token not in self._fillers or fillers > 2:
                return False
            before -= 1
        return False

    def _is_week_word(self, token: str) -> bool:
        return any(
            token.startswith(word[:-1]) if word.endswith("*") else token == word
            for word in self._week_words
        )

    def _weeks(self, normalized: str, tokens: list[str], clauses: list[int]) -> tuple[int, ...]:
        """Pregnancy weeks the message mentions ("33 weeks", "33w", "week 33", "38+2");
        ``clauses``: the clause of each token."""
        found = [int(m.group(1)) for m in _PLUS_WEEKS_RE.finditer(normalized)]
        found.extend(int(tokens[i]) for i in self._week_numbers(tokens, clauses))
        return tuple(week for week in found if 0 < week <= 45)

    def _week_numbers(self, tokens: list[str], clauses: list[int]) -> list[int]:
        """Positions of the numbers in ``tokens`` that name a pregnancy week ("33 weeks",
        "week 33", "¿normal a las 34?")."""
        found: list[int] = []
        for i, token in enumerate(tokens):
            if not token.isdigit() or len(token) > 2:
                continue
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            before = tokens[i - 1] if i >= 1 else ""
            back = i - 1
            while back >= 1 and tokens[back] in self._week_gap and i - back < 3:
                back -= 1
            if self._is_week_word(after):
                following = tokens[i + 2] if i + 2 < len(tokens) else ""
                if following in self._week_gap and i + 3 < len(tokens):
                    # "6 semanas del parto", "6 weeks after the birth": the word after the gap
                    following = tokens[i + 3]
                # "before 37 weeks" is no week of now; "never had them before, 33 weeks" is.
                if following in self._not_before or (
                    back >= 0 and tokens[back] in self._not_after and clauses[back] == clauses[i]
                ):
                    continue
                found.append(i)
            elif self._is_week_word(before) and len(before) > 1 and clauses[i - 1] == clauses[i]:
                # "week 30", never "7 weeks, 3 days ago" across a comma
                found.append(i)
            elif (
                before in self._bare_after
                and int(token) in _BARE_WEEKS
                and (not after or clauses[i + 1] != clauses[i])
                and not (back >= 0 and tokens[back] in self._not_after)
            ):
                # "¿normal a las 34?": no hour (to 24) and no age ("a los 34", "в 34") reads so
                found.append(i)
        return found


_Model = TypeVar("_Model", bound=BaseModel)


def _without_words(model: _Model, fields: tuple[str, ...]) -> _Model:
    """``model`` with the given word and pattern fields emptied, once compiled: the validated
    rules' phrase patterns (about 1.9 MB of models and strings for the content's rules) are
    not kept by the running screen, which reads only their slot ids."""
    empty: dict[str, object] = {name: None if name == "denial" else {} for name in fields}
    return model.model_copy(update=empty)


def _word_set(by_language: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """The normalised words of a per-language word list, all languages together."""
    return frozenset(normalize_term(word) for words in by_language.values() for word in words)


def _denied(
    compiled: _CompiledRule, positions: dict[int, list[int]], clauses: list[int]
) -> set[int]:
    """Positions of the rule's denials that stand: inside one clause, and with no words after
    them that bring the sign back."""
    denied: set[int] = set()
    for pattern in compiled.denials:
        for match in _matches(pattern, positions):
            last = max(match)
            if clauses[min(match)] != clauses[last]:
                continue
            if any(
                position > last
                for kept in compiled.denial_unless
                for found in _matches(kept, positions)
                for position in found
            ):
                continue
            denied.update(match)
    return denied


def _all_present(pattern: _Compiled, positions: dict[int, list[int]]) -> bool:
    return all(slot in positions for slot in pattern.slots)


def _covers_all(pattern: _Compiled, positions: dict[int, list[int]], length: int) -> bool:
    """True when one match of ``pattern`` spans the whole message, first word to last."""
    return any(min(m) == 0 and max(m) == length - 1 for m in _matches(pattern, positions))


def _matches(pattern: _Compiled, positions: dict[int, list[int]]) -> Iterable[tuple[int, ...]]:
    """Every way ``pattern`` matches, one per starting token, as matched token positions."""
    if not _all_present(pattern, positions) or any(s in positions for s in pattern.unless):
        return
    if pattern.ordered:
        for start in positions[pattern.slots[0]]:
            match = [start]
            for slot in pattern.slots[1:]:
                last = match[-1]
                found = positions[slot]
                i = bisect_right(found, last)
                if i == len(found) or found[i] > last + pattern.span + 1:
                    break
                match.append(found[i])
            else:
                yield tuple(match)
        return
    # A window starts at some slot's occurrence, so that slot picks the start itself and
    # the match's first word is where a negation would stand.
    starts = sorted({p for slot in pattern.slots for p in positions[slot]})
    for start in starts:
        chosen: list[int] = []
        for slot in pattern.slots:
            found = positions[slot]
            i = bisect_left(found, start)
            if i == len(found) or found[i] >= start + pattern.span:
                break
            chosen.append(found[i])
        else:
            yield tuple(chosen)


def _reach(
    tokens: list[str],
    clauses: list[int],
    ends: frozenset[str],
    first: int,
    last: int,
    numbers_end: bool = False,
) -> range:
    """The words of a frame's clause around it, up to a word (or a number) that ends its reach."""
    clause = clauses[first]

    def open_at(i: int) -> bool:
        return (
            clauses[i] == clause
            and tokens[i] not in ends
            and not (numbers_end and tokens[i][:1].isdigit())
        )

    while first > 0 and open_at(first - 1):
        first -= 1
    end = last + 1
    while end < len(tokens) and open_at(end):
        end += 1
    return range(first, end)


def _next_clause(
    tokens: list[str], clauses: list[int], ends: frozenset[str], reach: range
) -> range:
    """``reach`` and the next clause after it up to a word of ``ends``, when ``reach`` runs to
    the end of its own clause."""
    end = reach.stop
    if not reach or end >= len(tokens) or clauses[end] == clauses[reach.stop - 1]:
        return reach
    clause = clauses[end]
    while end < len(tokens) and clauses[end] == clause and tokens[end] not in ends:
        end += 1
    return range(reach.start, end)


def _clause_before(
    tokens: list[str], clauses: list[int], ends: frozenset[str], reach: range
) -> range:
    """``reach`` and the clause before it back to a word of ``ends``, when ``reach`` runs back
    to the start of its own clause."""
    start = reach.start
    if not reach or start == 0 or clauses[start - 1] == clauses[start]:
        return reach
    clause = clauses[start - 1]
    while start > 0 and clauses[start - 1] == clause and tokens[start - 1] not in ends:
        start -= 1
    return range(start, reach.stop)


def _reach_on(tokens: list[str], ends: frozenset[str], last: int, until: int) -> range:
    """The words after a frame up to ``until`` over clause breaks, or none when an end word
    or a number lies between ("... bleeding at 30 weeks, is that real?" is the writer's own)."""
    span = range(last + 1, until + 1)
    if any(tokens[i] in ends or tokens[i][:1].isdigit() for i in span):
        return range(0)
    return span


def _weeks_ok(condition: WeeksCondition, weeks: tuple[int, ...]) -> bool:
    if not weeks:
        return condition.if_unknown == "fire"
    return any(condition.min <= week <= condition.max for week in weeks)


def build_screen(
    data: object,
    known_words: Iterable[str] = (),
    semantic: SemanticScreen | None = None,
    obstetric_semantic: SemanticScreen | None = None,
    this_year: Callable[[], int] = _utc_year,
) -> SafetyScreen:
    """Validate raw red-flag data (as parsed from YAML) and compile it into a screen.

    ``known_words`` are real words (for example every word of the FAQ content) that are
    never read as a misspelling of a red-flag word.
    """
    rules = SafetyRules.model_validate(data)
    return SafetyScreen(rules, known_words, semantic, obstetric_semantic, this_year)
