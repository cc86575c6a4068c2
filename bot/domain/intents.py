"""What a message that is not a red flag is for: a question, or ordinary chat.

Besides questions people greet, thank, ask how the bot itself works ("how do I delete my
data"), show distress without words ("😭😭😭", "help 😰"), say the bot is asking again what
they already said ("I already told you"), or ask about something outside the bot's field
("is jogging ok in the second trimester"). Each is recognised from per-locale word
lists kept as data (``content/locales/<lang>/intents.yaml``), on normalised tokens, so the
check is linear in the message and deterministic. Every locale's lists apply to every
message: people mix languages, and a stored language can be wrong.

Out of scope means: the message names something the bot does not cover and nothing it
does, so the matcher's nearest topic would be a wrong answer. A message that names nothing of
the field at all (no word of ``in_scope``, ``down_there`` or ``field``, in any locale) cannot
be answered by a topic either, however many ordinary words it shares with one ("who invented
the telephone" shares "who" with the cerclage topic): it is out of scope when it asks
something, else ``unclear`` (the kind fallback, nothing offered).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.textnorm import SpellIndex, normalize, normalize_term, stem, tokenize
from bot.domain.translit import russian_word, softless, to_cyrillic

Intent = Literal[
    "question",
    "greeting",
    "thanks",
    "feature_help",
    "distress",
    "follow_up",
    "out_of_scope",
    "declining",
    "unclear",
]
#: Greetings and thanks are short: a longer message that starts "hi" is a question.
CHAT_MAX_TOKENS = 6
#: A "not now" is read in a message of up to this many words ("no i dont want to do the check
#: in now" has ten).
DECLINING_MAX_TOKENS = 12
#: Distress words count in a message of up to this many words with nothing else to go on.
DISTRESS_MAX_TOKENS = 20
#: Tokens shorter than this match a listed word only exactly, never by stem.
STEM_MIN = 5
#: A word of the field is read through one slip of the keyboard ("dischage") only when it has
#: this many letters: shorter ordinary words are one edit from a field word too often
#: ("patatas" and "patadas", "mexico" and "medico", "mount" and "month").
FIELD_SPELL_MIN = 8
#: A question word among a message's first words makes it ask something.
ASKING_WINDOW = 2
#: A word of the FAQ topics names the field when it has this many letters and belongs to at
#: most this many topics: shorter or more widely used words are everyday words ("about",
#: "people", "without") as often as words of the field. Chosen on the topics' own examples,
#: each left out in turn (30 of the 50 that no hand-kept word names are then named by the
#: others' words), against the general questions of faq-oos22-dev (6 of 70 then let through):
#: 5 letters or 3 topics let 8 to 12 through for 33 or 34.
TOPIC_WORD_MIN = 6
TOPIC_WORD_MAX_TOPICS = 1
#: Listed words shorter than this match only as written, never by stem.
LISTED_STEM_MIN = 4
#: Russian typed in Latin letters is read in Cyrillic when this many different words of it
#: (of three letters or more) are words of the Russian lists ...
LATIN_RUSSIAN_CUES = 2
#: ... or when one such word has this many letters ("kolyaska"): no English or Spanish word
#: reads as one.
LATIN_RUSSIAN_LONG = 6
#: Characters of a message that the intent check reads.
INTENT_WINDOW = 300
#: A feature's ``phrases`` ask for it only in a message of up to this many words: "i had the
#: baby" is news for the profile, a longer message telling it ("drowning in laundry since the
#: baby arrived") is most often something else.
FEATURE_PHRASE_MAX_TOKENS = CHAT_MAX_TOKENS
#: Two words typed apart count as one feature word ("check in") only when joined they are this
#: long: shorter joins are other words ("to do" is Spanish "todo", everything, a delete request).
JOINED_MIN = 6


class FeatureWords(BaseModel):
    """A feature is asked about when a word of ``action`` and one of ``object`` occur, or a
    word of ``also_action`` and one of ``also_when``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    action: tuple[str, ...] = Field(min_length=1)
    object: tuple[str, ...] = ()
    #: Words that ask for the feature only beside a word of ``also_when`` ("avísame" with
    #: "cada", "record" with "today"), matched as written, never by stem: alone they have
    #: another sense ("¿aviso a la matrona?", "how do I record my mucus" is a topic).
    also_action: tuple[str, ...] = ()
    also_when: tuple[str, ...] = ()
    #: Phrases that ask for the feature by themselves in a short message ("i had the baby",
    #: "ya nació mi bebé", "я родила"), matched word for word.
    phrases: tuple[str, ...] = ()
    #: True: not asked when the message also names the bot's field or another subject
    #: (``in_scope``, ``out_of_scope``) beyond the feature's own words: "i had the baby 2
    #: weeks ago and my discharge smells" is a question, not news for the profile.
    not_beside_field: bool = False
    #: Words of the field that belong to the feature's own requests ("parto" of "cambiar fecha
    #: de parto", "due" of "due date"): ``not_beside_field`` does not count them.
    own_field_words: tuple[str, ...] = ()


class IntentWords(BaseModel):
    """One locale's intent lists (words and short phrases, matched after normalising)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    greeting: tuple[str, ...] = ()
    thanks: tuple[str, ...] = ()
    #: Words that may stand beside a greeting or thanks without making it a question.
    filler: tuple[str, ...] = ()
    bot_words: tuple[str, ...] = ()
    #: A short answer to a yes/no offer ("yes please", "sí", "не надо"): words that say yes,
    #: words that say no, and words that may stand beside either ("please", "now").
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    yes_no_filler: tuple[str, ...] = ()
    #: "I don't know" typed at a question with that button ("idk", "no sé", "не знаю"): the
    #: whole answer is one of these, the words of ``yes_no_filler`` aside.
    dont_know: tuple[str, ...] = ()
    #: "What can you do?": the person asks what the bot is for (phrases), answered as /help.
    help: tuple[str, ...] = ()
    features: dict[str, FeatureWords] = Field(default_factory=dict)
    #: Phrases in which the features' words have another sense ("do i chart": charting one's
    #: own mucus; "a tracking app": another app; "a diario": daily): their words ask for no
    #: feature.
    feature_other_senses: tuple[str, ...] = ()
    distress: tuple[str, ...] = ()
    #: "I already told you": the person says the bot asks again what they already said.
    follow_up: tuple[str, ...] = ()
    #: "Not now", "maybe later", "no thanks": the person turns down a check-in, a reminder, a
    #: question or the bot for now. A short message with a word or phrase of ``declining``, or
    #: one of ``declining_not`` ("dont want") beside a word of ``declining_what`` (what the bot
    #: asks for: "check in", "questions") or ``declining_when`` ("now", "today"), and no word
    #: but those and ``declining_filler``; all matched as written, never by stem.
    declining: tuple[str, ...] = ()
    declining_not: tuple[str, ...] = ()
    declining_what: tuple[str, ...] = ()
    declining_when: tuple[str, ...] = ()
    declining_filler: tuple[str, ...] = ()
    out_of_scope: tuple[str, ...] = ()
    in_scope: tuple[str, ...] = ()
    #: Another part of the body or the baby's ("discharge from my ear", "baby's eye"), or
    #: another subject that shares the field's words (hospital bag): out of scope even beside
    #: in-scope words, unless the message also names one of ``down_there``.
    elsewhere: tuple[str, ...] = ()
    down_there: tuple[str, ...] = ()
    #: Words of the field that do not make a message a question of the field on their own
    #: ("baby", "pregnant", "hospital": "best baby monitor" is another subject), but without
    #: one of them, ``in_scope`` or ``down_there`` a message names nothing the bot covers.
    field: tuple[str, ...] = ()
    #: Words that open a question ("who", "qué", "как"): a message that names nothing of the
    #: field and opens with one asks about another subject.
    question_words: tuple[str, ...] = ()
    #: Sayings whose body words say nothing about the body ("keep an eye on", "на глаз"):
    #: their words are not read as ``elsewhere``.
    idioms: tuple[str, ...] = ()


@dataclass(frozen=True)
class IntentResult:
    """The intent of a message, and for ``feature_help`` which feature."""

    intent: Intent
    feature: str | None = None


#: An SOS or a siren sent alone asks for help as crying does: the distress reply names the
#: emergency number, where "I'm not sure I understood" named none.
_DISTRESS_EMOJI = frozenset("😭😢😥😰😱😨😩😫😞😔💔🥺😿😖😣😓😪😟☹🙁😧😦🆘🚨")
#: An answer of only these (a thumbs-up, folded hands, a heart, a smile) says thanks or okay.
_THANKS_EMOJI = frozenset("👍👌🙏🙌🫶❤♥💛💚💙💜🤍💕💖💗😘🥰😊🙂☺🤗")


def _emoji_only(text: str) -> bool:
    stripped = [c for c in text if not c.isspace()]
    if not stripped:
        return False
    return all(unicodedata.category(c) in ("So", "Sk", "Cn", "Mn", "Po") for c in stripped)


#: Words of every locale: exact normalised forms, Snowball stems in each locale's language,
#: and the exact forms with each run of a repeated letter cut to one (``_squeezed``).
_Forms = tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str]]

#: A letter typed three times or more in a row: drawn out for feeling ("heyyy", "holaaa").
_DRAWN_OUT = re.compile(r"(\w)\1\1")
_RUN = re.compile(r"(\w)\1+")


def _squeezed(token: str) -> str:
    """``token`` with each run of a repeated letter cut to one ("hellooo" -> "helo")."""
    return _RUN.sub(r"\1", token)


class IntentReader:
    """Compiled word lists of every locale; ``read`` is pure.

    A word of a locale's list matches a token that is the same word, or that has the same
    stem in that locale's language only: stemming across languages makes short words of one
    language collide with another's ("como" with "comer", "patadas" with "pate").
    """

    def __init__(
        self,
        by_locale: dict[str, IntentWords],
        topic_words: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        def forms(pick: Callable[[IntentWords], Iterable[str]]) -> _Forms:
            return _forms({lang: pick(words) for lang, words in by_locale.items()})

        def phrases(pick: Callable[[IntentWords], Iterable[str]]) -> frozenset[tuple[str, ...]]:
            return frozenset(
                tokens
                for words in by_locale.values()
                for word in pick(words)
                if len(tokens := tuple(tokenize(normalize_term(word)))) > 1
            )

        self._greeting = forms(lambda w: w.greeting)
        self._thanks = forms(lambda w: w.thanks)
        self._greeting_phrases = phrases(lambda w: w.greeting)
        self._thanks_phrases = phrases(lambda w: w.thanks)
        self._allowed = forms(lambda w: (*w.greeting, *w.thanks, *w.filler, *w.bot_words))
        self._distress = forms(lambda w: w.distress)
        self._distress_phrases = phrases(lambda w: w.distress)
        self._follow_up_phrases = phrases(lambda w: w.follow_up)
        self._help_phrases = phrases(lambda w: w.help)
        self._declining = tuple(
            (forms(_field(name)), phrases(_field(name)))
            for name in ("declining", "declining_not", "declining_what", "declining_when")
        )
        self._declining_filler = forms(lambda w: (*w.declining_filler, *w.thanks))
        self._yes = forms(lambda w: w.yes)
        self._no = forms(lambda w: w.no)
        self._yes_no_filler = forms(lambda w: w.yes_no_filler)
        self._dont_know = frozenset(
            self._without_filler(tokenize(normalize_term(said)))
            for words in by_locale.values()
            for said in words.dont_know
        )
        self._out = forms(lambda w: w.out_of_scope)
        self._out_phrases = phrases(lambda w: w.out_of_scope)
        self._in = forms(lambda w: w.in_scope)
        self._in_phrases = phrases(lambda w: w.in_scope)
        self._elsewhere = forms(lambda w: w.elsewhere)
        self._elsewhere_phrases = phrases(lambda w: w.elsewhere)
        self._down_there = forms(lambda w: w.down_there)
        self._idiom_phrases = phrases(lambda w: w.idioms)
        self._field = forms(lambda w: (*w.in_scope, *w.down_there, *w.field))
        self._field_phrases = phrases(lambda w: (*w.in_scope, *w.down_there, *w.field))
        ordinary = {
            token
            for field in IntentWords.model_fields
            if field not in ("in_scope", "down_there", "field")
            for words in by_locale.values()
            for said in _words_of(words, field)
            for token in tokenize(normalize_term(said))
        }
        self._field_spell = SpellIndex(
            (word for word in self._field[0] if len(word) >= FIELD_SPELL_MIN),
            min_length=FIELD_SPELL_MIN - 1,
            known=ordinary - self._field[0],
        )
        self._question_words = forms(lambda w: w.question_words)
        # The topics' own words, beside the hand-kept lists: a question about the field in
        # words no list has yet still names the field (``field_words_of_topics``).
        self._topic_field = _forms(
            {
                lang: [w for w in words if w not in ordinary]
                for lang, words in (topic_words or {}).items()
            }
        )
        self._elsewhere_lists = (self._allowed, self._out, self._distress)
        # Every single word of the Russian lists, by its Latin-letter reading's form. Question
        # words are left out: "kak" beside one listed word is no reason to read a message as
        # Russian, which it was not before they were listed.
        self._russian = {
            _latin_key(token): token
            for field in IntentWords.model_fields
            if field != "question_words"
            for word in _words_of(by_locale.get("ru"), field)
            for token in tokenize(normalize_term(word))
            if not token.isascii()
        }
        # A drawn-out word ("goood", "thankss") read as the listed word it stretches, so that
        # phrases ("good morning") match it too, not only single listed words.
        self._undrawn: dict[str, str] = {}
        for words in by_locale.values():
            for listed in (*words.greeting, *words.thanks, *words.filler, *words.declining):
                for token in tokenize(normalize_term(listed)):
                    self._undrawn.setdefault(_squeezed(token), token)
        names = dict.fromkeys(f for w in by_locale.values() for f in w.features)
        self._features = {
            name: (forms(_feature_words(name, "action")), forms(_feature_words(name, "object")))
            for name in names
        }
        self._feature_words = frozenset(
            word for action, obj in self._features.values() for word in (*action[0], *obj[0])
        )
        self._feature_pairs = {
            name: (forms(_feature_words(name, "also_action"))[0], when)
            for name in names
            if (when := forms(_feature_words(name, "also_when"))[0])
        }
        self._feature_phrases = {name: phrases(_feature_words(name, "phrases")) for name in names}
        self._own_field = {name: forms(_feature_words(name, "own_field_words")) for name in names}
        self._feature_other_senses = phrases(lambda w: w.feature_other_senses)
        self._not_beside_field = frozenset(
            name
            for name in names
            if any(
                w.features[name].not_beside_field for w in by_locale.values() if name in w.features
            )
        )

    def _is(self, token: str, words: _Forms, exact_only: bool = False) -> bool:
        exact, stems, squeezed = words
        if token in exact:
            return True
        # Only a letter drawn out three times is read as the word: doubled letters are how
        # ordinary words are spelled ("feel", "all"), never a sign of another word.
        if _DRAWN_OUT.search(token) and _squeezed(token) in squeezed:
            return True
        if exact_only:
            return False
        # Short words are compared whole: their stems collide ("para" / "paro", "nada" / "nadar").
        if len(token) < STEM_MIN:
            return False
        return any(stem(token, lang) in found for lang, found in stems.items())

    def _has(self, tokens: Iterable[str], words: _Forms) -> bool:
        return any(self._is(token, words) for token in tokens)

    def read(self, text: str) -> IntentResult:
        """The intent of ``text`` (``question`` when it is none of the others)."""
        if _emoji_only(text):
            if any(c in _DISTRESS_EMOJI for c in text):
                return IntentResult("distress")
            if any(c in _THANKS_EMOJI for c in text):
                return IntentResult("thanks")
        tokens = [self._stretched(t) for t in tokenize(normalize(text, INTENT_WINDOW))]
        if not tokens:
            return IntentResult("question")
        tokens = self._in_cyrillic(tokens)
        # Before the features: "no i dont want to do the check in now" names the check-in to
        # turn it down, not to ask for it. Crying beside it ("ay no 😭") is no decline.
        if not any(c in _DISTRESS_EMOJI for c in text) and self._declines(tokens):
            return IntentResult("declining")
        feature = self._feature(tokens)
        if feature is not None:
            return IntentResult("feature_help", feature)
        if len(tokens) <= CHAT_MAX_TOKENS and _has_phrase(tokens, self._follow_up_phrases):
            return IntentResult("follow_up")
        bodily = _without_phrases(tokens, self._idiom_phrases)
        elsewhere = self._has(bodily, self._elsewhere) or _has_phrase(
            bodily, self._elsewhere_phrases
        )
        if elsewhere and not self._has(tokens, self._down_there):
            return IntentResult("out_of_scope")
        # A word listed as it is as chat filler, another subject or a feeling is that word,
        # never a field word by stem ("verdad" is not "verde", "partido" not "parto").
        in_scope = any(
            self._is(t, self._in, exact_only=any(t in w[0] for w in self._elsewhere_lists))
            for t in tokens
        ) or _has_phrase(tokens, self._in_phrases)
        if in_scope:
            return IntentResult("question")
        out = self._has(tokens, self._out) or _has_phrase(tokens, self._out_phrases)
        if not out and _has_phrase(tokens, self._help_phrases):
            return IntentResult("feature_help", "help")
        asking = "?" in text
        chat = self._chat(tokens, asking)
        if chat is not None:
            return IntentResult(chat)
        if len(tokens) <= CHAT_MAX_TOKENS and any(c in _DISTRESS_EMOJI for c in text):
            return IntentResult("distress")
        distress_phrase = _has_phrase(tokens, self._distress_phrases)
        # A question about another subject with a feeling word in it ("horrible heartburn,
        # what can I take?") asks about that subject; a distress phrase is still distress.
        if out and asking and not distress_phrase:
            return IntentResult("out_of_scope")
        if len(tokens) <= DISTRESS_MAX_TOKENS and (
            distress_phrase or self._has(tokens, self._distress)
        ):
            return IntentResult("distress")
        if out:
            return IntentResult("out_of_scope")
        if not self._names_field(tokens):
            return IntentResult("out_of_scope" if self._asks(tokens) else "unclear")
        return IntentResult("question")

    def _names_field(self, tokens: list[str]) -> bool:
        """True when a word of ``tokens`` is a word of the field: as listed, by stem, one slip
        away from a long one ("dischage"), or any of these typed in Latin letters for a Russian
        one ("vyidelenia")."""
        if _has_phrase(tokens, self._field_phrases):
            return True
        return any(
            self._is_field_word(token)
            or (
                token.isascii() and token.isalpha() and self._is_field_word(_russian_reading(token))
            )
            for token in tokens
        )

    def _is_field_word(self, word: str) -> bool:
        """True when ``word`` is a listed field word or a topic's own, or one slip from a long
        listed one."""
        return (
            self._is(word, self._field)
            or self._is(word, self._topic_field)
            or self._field_spell.correct(word) is not None
        )

    def _asks(self, tokens: list[str]) -> bool:
        """True when one of the first words of ``tokens`` opens a question."""
        return any(
            self._is(token, self._question_words, exact_only=True)
            for token in tokens[:ASKING_WINDOW]
        )

    def _in_cyrillic(self, tokens: list[str]) -> list[str]:
        """``tokens`` with Russian typed in Latin letters ("kak udalit dannye") read as the
        Russian lists' words, when enough of them are; else ``tokens`` as they are."""
        if not all(token.isascii() for token in tokens):
            return tokens
        known = [self._russian.get(_latin_key(to_cyrillic(token))) for token in tokens]
        cues = {word for word in known if word is not None and len(word) >= 3}
        if len(cues) < LATIN_RUSSIAN_CUES and not any(
            len(word) >= LATIN_RUSSIAN_LONG for word in cues
        ):
            return tokens
        return [word or token for word, token in zip(known, tokens, strict=True)]

    def _stretched(self, token: str) -> str:
        """``token``, or the greeting, thanks or filler word it draws out ("goood": "good")."""
        if not _DRAWN_OUT.search(token):
            return token
        return self._undrawn.get(_squeezed(token), token)

    def yes_or_no(self, text: str) -> bool | None:
        """True when ``text`` is a short yes ("yes please", "sí", "да, давай"), False when it
        is a short no ("no thanks", "не надо"), else None."""
        tokens = tokenize(normalize(text, INTENT_WINDOW))
        if not tokens or len(tokens) > CHAT_MAX_TOKENS:
            return None

        def said(token: str, *lists: _Forms) -> bool:
            return any(self._is(token, words, exact_only=True) for words in lists)

        if not all(said(t, self._yes, self._no, self._yes_no_filler) for t in tokens):
            return None
        if any(said(t, self._no) for t in tokens):
            return False
        return True if any(said(t, self._yes) for t in tokens) else None

    def dont_know(self, text: str) -> bool:
        """True when ``text`` says only "I don't know" ("idk", "no lo sé aún", "пока не знаю")."""
        tokens = tokenize(normalize(text, INTENT_WINDOW))
        if not tokens or len(tokens) > CHAT_MAX_TOKENS:
            return False
        said = self._without_filler(tokens)
        return bool(said) and said in self._dont_know

    def _without_filler(self, tokens: list[str]) -> tuple[str, ...]:
        return tuple(t for t in tokens if not self._is(t, self._yes_no_filler, exact_only=True))

    def _declines(self, tokens: list[str]) -> bool:
        """True when a short message turns something down for now and says nothing else
        ("not now", "no thanks", "no quiero hacer el registro ahora", "не сейчас")."""
        if len(tokens) > DECLINING_MAX_TOKENS:
            return False
        found = [
            {i for i, token in enumerate(tokens) if self._is(token, words, exact_only=True)}
            | _phrase_positions(tokens, said)
            for words, said in self._declining
        ]
        declined, not_wanted, what, when = found
        if not declined and not (not_wanted and (what or when)):
            return False
        covered = set().union(*found)
        return all(
            self._is(token, self._declining_filler, exact_only=True)
            for i, token in enumerate(tokens)
            if i not in covered
        )

    def _chat(self, tokens: list[str], asking: bool) -> Intent | None:
        """Greeting or thanks: a short message made of such words (and filler), or a
        message that opens with thanks and asks nothing."""
        rest = _without_phrases(tokens, self._greeting_phrases | self._thanks_phrases)
        thanks = self._has(rest, self._thanks) or _has_phrase(tokens, self._thanks_phrases)
        greeting = self._has(rest, self._greeting) or _has_phrase(tokens, self._greeting_phrases)
        if not (thanks or greeting):
            return None
        kind: Intent = "thanks" if thanks else "greeting"
        if len(tokens) <= CHAT_MAX_TOKENS and all(self._is(t, self._allowed) for t in rest):
            return kind
        opens_with_thanks = self._has(tokens[:2], self._thanks) or _has_phrase(
            tokens[:3], self._thanks_phrases
        )
        if opens_with_thanks and not asking:
            return "thanks"
        return None

    def _feature(self, tokens: list[str]) -> str | None:
        words = _without_phrases(tokens, self._feature_other_senses)
        # "check in", "check-in" and "checkin" are one word to the feature lists.
        joined = [
            *words,
            *(a + b for a, b in itertools.pairwise(words) if len(a) + len(b) >= JOINED_MIN),
        ]
        # Listed words as they are first, stems only then: a stem can come from another
        # language's word ("record" is the Spanish stem of "recordar", remind), and the
        # feature a message names in its own words is the one it means.
        for exact_only in (True, False):
            for feature, (action, obj) in self._features.items():
                if self._asks_for(joined, action, obj, exact_only) and self._alone(feature, tokens):
                    return feature
        for feature, (action_words, when_words) in self._feature_pairs.items():
            if not action_words.isdisjoint(words) and not when_words.isdisjoint(words):
                return feature
        if len(tokens) <= FEATURE_PHRASE_MAX_TOKENS:
            for feature, said in self._feature_phrases.items():
                if _has_phrase(tokens, said) and self._alone(feature, tokens):
                    return feature
        return None

    def _alone(self, feature: str, tokens: list[str]) -> bool:
        """True unless ``feature`` is asked only apart from the field and the message names
        the field or another subject in words that are not the feature's own."""
        if feature not in self._not_beside_field:
            return True
        action, obj = self._features[feature]
        rest = [
            t
            for t in _without_phrases(tokens, self._feature_phrases[feature])
            if not (
                self._is(t, action) or self._is(t, obj) or self._is(t, self._own_field[feature])
            )
        ]
        return not (
            self._has(rest, self._in)
            or _has_phrase(rest, self._in_phrases)
            or self._has(rest, self._out)
            or _has_phrase(rest, self._out_phrases)
        )

    def _asks_for(self, joined: list[str], action: _Forms, obj: _Forms, exact_only: bool) -> bool:
        # A word some feature list holds as it is is that word, never another's by stem.
        def known(token: str) -> bool:
            return exact_only or token in self._feature_words

        acting = {i for i, token in enumerate(joined) if self._is(token, action, known(token))}
        if not acting:
            return False
        if not obj[0]:
            return True
        # The object must be another word than the action ("registran" is not both).
        return any(
            i not in acting or len(acting) > 1
            for i, t in enumerate(joined)
            if self._is(t, obj, known(t))
        )


def _russian_reading(token: str) -> str:
    """A Latin-letter token read as a Russian word, a final "ia" as "ия" ("vydelenia")."""
    reading = russian_word(token)
    return reading[:-2] + "ия" if reading.endswith("иа") else reading


def _latin_key(word: str) -> str:
    """A Russian word as a Latin-letter reading and a listed word are compared: no soft signs,
    "й" as "и", "тс" as "ц" ("otsos") and "ые" as "е" ("dannye" is read "данне")."""
    return softless(word).replace("тс", "ц").replace("ые", "е")


def _words_of(words: IntentWords | None, field: str) -> Iterable[str]:
    """Every word and phrase of one field of ``words`` (a feature's lists included)."""
    value = getattr(words, field, ())
    if isinstance(value, dict):
        return [
            w
            for lists in value.values()
            for part in lists.model_dump().values()
            if isinstance(part, (list, tuple))
            for w in part
        ]
    return value


def _field(name: str) -> Callable[[IntentWords], tuple[str, ...]]:
    """The words of one list field of a locale's intent lists."""

    def pick(words: IntentWords) -> tuple[str, ...]:
        return tuple(getattr(words, name))

    return pick


def _feature_words(name: str, part: str) -> Callable[[IntentWords], tuple[str, ...]]:
    def pick(words: IntentWords) -> tuple[str, ...]:
        lists = words.features.get(name)
        return () if lists is None else tuple(getattr(lists, part))

    return pick


def _has_phrase(tokens: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    return bool(_phrase_spans(tokens, phrases))


@functools.lru_cache(maxsize=256)
def _lengths(phrases: frozenset[tuple[str, ...]]) -> tuple[int, ...]:
    """How many words the phrases of ``phrases`` have, each length once."""
    return tuple(sorted({len(phrase) for phrase in phrases}))


def _phrase_spans(tokens: list[str], phrases: frozenset[tuple[str, ...]]) -> list[range]:
    # Looked up by length, not compared phrase by phrase: the content check reads every
    # topic example, and the lists hold hundreds of phrases.
    return [
        range(i, i + n)
        for n in _lengths(phrases)
        for i in range(len(tokens) - n + 1)
        if tuple(tokens[i : i + n]) in phrases
    ]


def _phrase_positions(tokens: list[str], phrases: frozenset[tuple[str, ...]]) -> set[int]:
    """The positions of ``tokens`` that one of ``phrases`` covers."""
    return {i for span in _phrase_spans(tokens, phrases) for i in span}


def _without_phrases(tokens: list[str], phrases: frozenset[tuple[str, ...]]) -> list[str]:
    covered = _phrase_positions(tokens, phrases)
    rest = [t for i, t in enumerate(tokens) if i not in covered]
    return rest if len(rest) < len(tokens) else tokens


def _forms(words_by_lang: Mapping[str, Iterable[str]]) -> _Forms:
    """Listed words compiled: as written, by stem in their own language, drawn out."""
    exact: set[str] = set()
    stems: dict[str, frozenset[str]] = {}
    for lang, words in words_by_lang.items():
        found: set[str] = set()
        for word in words:
            tokens = tokenize(normalize_term(word))
            if len(tokens) == 1:
                exact.add(tokens[0])
                # A listed word of three letters is compared whole: its stem is the
                # start of longer words of other senses ("mal" of "malas").
                root = stem(tokens[0], lang)
                if len(tokens[0]) >= LISTED_STEM_MIN and len(root) >= LISTED_STEM_MIN:
                    found.add(root)
        stems[lang] = frozenset(found)
    return frozenset(exact), stems, frozenset(_squeezed(word) for word in exact)


def field_words_of_topics(
    topic_texts: Mapping[str, Iterable[Iterable[str]]],
) -> dict[str, list[str]]:
    """Per locale, the words of the FAQ topics' titles, questions and examples that belong to
    few topics (at most ``TOPIC_WORD_MAX_TOPICS``) and are long enough to say something
    (``TOPIC_WORD_MIN``): "cerclage", "menorrhagia", "symptothermal", not "normal" or "people".

    ``topic_texts`` holds, per locale, one iterable of texts for each topic."""
    found: dict[str, list[str]] = {}
    for lang, topics in topic_texts.items():
        count: Counter[str] = Counter()
        for texts in topics:
            count.update(
                {
                    token
                    for text in texts
                    for token in tokenize(normalize_term(text))
                    if len(token) >= TOPIC_WORD_MIN and token.isalpha()
                }
            )
        found[lang] = sorted(w for w, n in count.items() if n <= TOPIC_WORD_MAX_TOPICS)
    return found


def build_reader(
    by_locale: dict[str, object], topic_words: Mapping[str, Iterable[str]] | None = None
) -> IntentReader:
    """Validate raw intent lists (as parsed from YAML) and compile them, with the field's
    words that the FAQ topics use (``field_words_of_topics``)."""
    return IntentReader(
        {lang: IntentWords.model_validate(raw) for lang, raw in by_locale.items()}, topic_words
    )
