"""Times of day as people type them, in en, es and ru: the daily reminder's time.

"20:00", "8.30", "8h30", "20h", "8pm", "8 p.m.", "8 in the evening", "half past 7", "8 de la
noche", "a las 9 de la mañana", "las 8 y media", "8 вечера", "в 9 утра", "в половине
девятого". A small grammar over words kept as data (``content/locales/*/times.yaml``, every
locale's words apply to every text): an hour (digits, ``H:MM``/``H.MM``/``HhMM``, or a number
word), at most one part of the day ("evening", "de la noche", "вечера": the hours it covers
decide whether 8 is 08:00 or 20:00), at most one phrase that moves the minutes ("half past",
"y media", "половине" + the next hour), and filler words ("at", "a las", "в", "o'clock",
"часов"). Anything else left over means the text is not a clear time, so it is refused
rather than guessed. Why not dateparser (which reads dates at the date prompts): README.

An hour of 1 to 11 with no part of the day ("8", "8.30", "at eight") is read on the 24-hour
clock, as typed (08:00), and the reading says so (``guessed``) so the reply can name the
other half of the day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.textnorm import normalize

#: A typed time is short; a longer text is a question or a message, not a time.
MAX_TEXT = 64
#: Where the hour goes in a phrase of ``phrases``.
HOUR_SLOT = "{h}"
_HHMM_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_CLOCK_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[:.,h]\s*(\d{2})(?!\d)")
_GLUED_RE = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
_NOT_WORD_RE = re.compile(r"[^\w:]+")
_MINUTES_A_DAY = 24 * 60
K = TypeVar("K")
V = TypeVar("V")


class DayPart(BaseModel):
    """Words for one part of the day and the hours it covers on the 24-hour clock, from
    ``hours[0]`` up to (not including) ``hours[1]``, across midnight when the first is larger."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: tuple[str, ...]
    hours: tuple[int, int]

    @model_validator(mode="after")
    def _at_most_half_a_day(self) -> DayPart:
        start, end = self.hours
        if not (0 <= start <= 23 and 0 <= end <= 24) or start == end:
            raise ValueError(f"hours {self.hours}: two different hours of the day")
        # Longer than 12 hours, an hour of 1 to 12 could be read two ways inside it.
        if (end - start) % 24 > 12:
            raise ValueError(f"hours {self.hours}: covers more than 12 hours")
        return self

    def holds(self, hour: int) -> bool:
        start, end = self.hours
        return start <= hour < end if start < end else hour >= start or hour < end


class Phrase(BaseModel):
    """A phrase around the hour that moves the minutes: "half past {h}" is +30 minutes,
    "quarter to {h}" -15, "половине {h}" (with "девятого", the ninth hour) -30."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    say: str
    minutes: int = Field(ge=-59, le=59)

    @model_validator(mode="after")
    def _one_hour_slot(self) -> Phrase:
        if self.say.count(HOUR_SLOT) != 1:
            raise ValueError(f"{self.say!r}: needs {HOUR_SLOT} once")
        return self


class TimeWords(BaseModel):
    """One locale's ``times.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Number words for the hours 1 to 12 (any form: "eight", "ocho", "восемь", "девятого").
    hours: dict[int, tuple[str, ...]]
    day_parts: dict[str, DayPart]
    #: Times said by name: "noon", "medianoche", "полдень".
    named: dict[str, tuple[str, ...]] = {}
    phrases: tuple[Phrase, ...] = ()
    #: Words that add nothing to the time: "at", "a las", "в", "o'clock", "часов".
    filler: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _valid(self) -> TimeWords:
        if any(not 1 <= hour <= 12 for hour in self.hours):
            raise ValueError("hours: the keys are the hours 1 to 12")
        for name in self.named:
            try:
                parse_hhmm(name)
            except ValueError as exc:
                raise ValueError(f"named: {name!r}: {exc}") from None
        return self


def parse_hhmm(text: str) -> dt.time:
    """A 24-hour ``HH:MM`` (or ``H:MM``) time of day, ASCII digits only (the stored reminder
    time, a time named in the content, a clock typed); ValueError when it is none."""
    match = _HHMM_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError("time must be HH:MM (24-hour), for example 09:00")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError("time must be between 00:00 and 23:59")
    return dt.time(hour, minute)


def tokens(text: str) -> tuple[str, ...]:
    """The words of a typed time or of a content phrase, the same way: normalised (case,
    accents, "ё"), a clock "8.30" / "8h30" / "8 : 30" kept as one "8:30", digits parted from
    letters ("8pm", "20h", "20ч"), and every other mark a space ("a.m." is "a m")."""
    text = _CLOCK_RE.sub(r" \1:\2 ", normalize(text, MAX_TEXT * 2))
    text = _GLUED_RE.sub(" ", text)
    return tuple(word for word in _NOT_WORD_RE.sub(" ", text).split() if word != ":")


@dataclass(frozen=True)
class TimeReading:
    """A time read from a text; ``guessed``: an hour of 1 to 11 with no part of the day,
    read as typed on the 24-hour clock ("8" is 08:00; ``other`` is 20:00)."""

    time: dt.time
    guessed: bool = False

    @property
    def other(self) -> dt.time:
        """The same time in the other half of the day."""
        return self.time.replace(hour=(self.time.hour + 12) % 24)


@dataclass(frozen=True)
class _Hour:
    hour: int
    minute: int
    word: bool  # said as a word or a bare number, not a clock "08:00"


class TimeReader:
    """Reads a typed time with the words of every locale."""

    def __init__(self, words: dict[str, TimeWords]) -> None:
        self._hour_words: dict[str, int] = {}
        self._parts: dict[tuple[str, ...], DayPart] = {}
        self._named: dict[tuple[str, ...], dt.time] = {}
        self._filler: set[tuple[str, ...]] = set()
        self._phrases: list[tuple[tuple[str, ...], tuple[str, ...], int]] = []
        for locale, entry in sorted(words.items()):
            for hour, forms in entry.hours.items():
                for form in forms:
                    _add(self._hour_words, _one_word(form, locale), hour, locale)
            for part in entry.day_parts.values():
                for word in part.words:
                    _add(self._parts, tokens(word), part, locale)
            for hhmm, names in entry.named.items():
                for name in names:
                    _add(self._named, tokens(name), parse_hhmm(hhmm), locale)
            self._filler.update(tokens(word) for word in entry.filler)
            for phrase in entry.phrases:
                before, after = phrase.say.split(HOUR_SLOT)
                self._phrases.append((tokens(before), tokens(after), phrase.minutes))
        # Longest first: "a quarter to {h}" before "quarter to {h}"; and the parts and filler
        # are looked for longest first too, "in the evening" before "evening".
        self._phrases.sort(key=lambda p: -len(p[0]) - len(p[1]))
        self._longest = max(len(key) for key in (*self._parts, *self._filler, ()))

    def read(self, text: str) -> TimeReading | None:
        """The time ``text`` says, or None when it is not clearly one time of day."""
        if len(text.strip()) > MAX_TEXT:
            return None
        words = list(tokens(text))
        part = self._take_part(words)
        words = self._without_filler(words)
        named = self._named.get(tuple(words))
        if named is not None:
            return None if part is not None else TimeReading(named)
        hour, moved = self._hour(words)
        if hour is None:
            return None
        clock = hour.hour
        if part is not None:
            fits = [h for h in _halves(hour.hour) if part.holds(h)]
            if not fits:
                return None
            clock = fits[0]
        minutes = (clock * 60 + hour.minute + moved) % _MINUTES_A_DAY
        guessed = part is None and hour.word and 1 <= hour.hour <= 11
        return TimeReading(dt.time(minutes // 60, minutes % 60), guessed=guessed)

    def _take_part(self, words: list[str]) -> DayPart | None:
        """Removes the one part of the day from ``words``; None when there is none. Two parts
        ("8 am in the evening") leave one behind, which then is no time word."""
        for size in range(self._longest, 0, -1):
            for start in range(len(words) - size + 1):
                found = self._parts.get(tuple(words[start : start + size]))
                if found is not None:
                    del words[start : start + size]
                    return found
        return None

    def _without_filler(self, words: list[str]) -> list[str]:
        kept: list[str] = []
        index = 0
        while index < len(words):
            for size in range(min(self._longest, len(words) - index), 0, -1):
                if tuple(words[index : index + size]) in self._filler:
                    index += size
                    break
            else:
                kept.append(words[index])
                index += 1
        return kept

    def _hour(self, words: list[str]) -> tuple[_Hour | None, int]:
        """The hour the words say, and the minutes a phrase moves it by."""
        for before, after, minutes in self._phrases:
            fits = (
                len(words) == len(before) + 1 + len(after)
                and tuple(words[: len(before)]) == before
                and tuple(words[len(before) + 1 :]) == after
            )
            hour = self._one_hour(words[len(before)]) if fits else None
            if hour is not None and hour.minute == 0 and 0 < hour.hour <= 12:
                return hour, minutes
        if len(words) == 1:
            return self._one_hour(words[0]), 0
        return None, 0

    def _one_hour(self, word: str) -> _Hour | None:
        if word in self._hour_words:
            return _Hour(self._hour_words[word], 0, word=True)
        if word.isascii() and word.isdigit() and len(word) <= 2 and int(word) <= 23:
            # "08" has its leading zero: typed on the 24-hour clock, nothing guessed.
            return _Hour(int(word), 0, word=not word.startswith("0"))
        try:
            clock = parse_hhmm(word)
        except ValueError:
            return None
        return _Hour(clock.hour, clock.minute, word=not word.startswith("0"))


def _add(table: dict[K, V], key: K, value: V, locale: str) -> None:
    # One word, one meaning across locales: every locale's words apply to every text.
    if key in table and table[key] != value:
        raise ValueError(f"locales/{locale}/times.yaml: {key!r} means two things")
    table[key] = value


def _one_word(form: str, locale: str) -> str:
    found = tokens(form)
    if len(found) != 1:
        raise ValueError(f"locales/{locale}/times.yaml: hours: {form!r} is not one word")
    return found[0]


def _halves(hour: int) -> tuple[int, ...]:
    """The hours of the day an hour of 1 to 12 can be (12: noon or midnight)."""
    if hour > 12:
        return (hour,)
    return (hour % 12, hour % 12 + 12)
