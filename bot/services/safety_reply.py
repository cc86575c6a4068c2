"""The safety screen in front of everything: what a flagged text gets, in any state.

Every text a person sends (a message, a caption, an edited message, in a private chat or a
group, before or after consent, in the middle of any flow) is screened here before flood
control and before any flow reads it. A red flag gets its call to action first; a crisis
(thoughts of suicide or self-harm, harming the baby, overdose or poisoning, abuse) gets the
crisis reply last, and nothing follows it. Numbers come from ``content/countries.yaml``: the
user's own country when known, else a short default list for their language.

An FAQ answer is shown only when it fits the person's stage and week (``shown_match``); after
an urgent flag its own call to action must also not be weaker than the flag's, and after an
emergency nothing follows the call to action but a way back (``topic_fits_flag``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import get_args

from bot.catalog.catalog import Catalog
from bot.domain.countries import contacts_for, dial_numbers
from bot.domain.faq import FaqTopic, MatchResult, UrgencyLevel
from bot.domain.safety import SafetyResult, SafetyScreen
from bot.services.events import Incoming, Reply

#: Urgency levels, weakest first, to compare a topic's own call to action with a flag's.
_LEVELS: tuple[str, ...] = get_args(UrgencyLevel)


@dataclass(frozen=True)
class Stage:
    """What is known of the person's life stage: status and pregnancy weeks, if any."""

    status: str | None = None
    weeks: int | None = None

    def or_named_weeks(self, screen: SafetyScreen, text: str) -> Stage:
        """This stage, with the first week ``text`` names when the weeks are not known."""
        if self.weeks is not None:
            return self
        named = screen.mentioned_weeks(text)
        return replace(self, weeks=named[0]) if named else self


def screened_text(incoming: Incoming) -> str:
    """The text of ``incoming`` the screen reads: a message, a caption or an edit."""
    if incoming.kind in ("text", "other"):
        return incoming.text
    return ""


def screen(
    catalog: Catalog,
    incoming: Incoming,
    status: str | None = None,
    *,
    asked_weeks: bool = False,
) -> SafetyResult | None:
    """The screen's verdict on ``incoming``'s text, or None when it has none or nothing fired.

    ``status``: the person's stored life stage, once known; ``asked_weeks``: the pending
    question is the pregnancy week (see ``SafetyScreen.screen``)."""
    text = screened_text(incoming)
    if not text:
        return None
    result = catalog.safety.screen(text, status=status, asked_weeks=asked_weeks)
    return result if result.level is not None else None


def replies(
    catalog: Catalog,
    locale: str,
    result: SafetyResult,
    country: str | None = None,
    status: str | None = None,
) -> list[Reply]:
    """The replies to a flagged text: the obstetric call to action, then any crisis reply,
    in the words of the person's country and life stage when known (``status``)."""
    out: list[Reply] = []
    where = catalog.place(country)
    obstetric = [flag for flag in result.flags if flag not in result.crisis]
    if obstetric:
        level = result.obstetric_level or "urgent"
        out.append(
            Reply(
                catalog.render(
                    locale,
                    "safety.j2",
                    level=level,
                    flags=obstetric,
                    place=where,
                    stage=status,
                )
            )
        )
    if result.crisis:
        level = result.crisis_level or "emergency"
        out.append(Reply(crisis_text(catalog, locale, level, result.crisis, country, status)))
    return out


def crisis_text(
    catalog: Catalog,
    locale: str,
    level: str,
    flags: Sequence[str],
    country: str | None = None,
    status: str | None = None,
) -> str:
    """The crisis reply for the crisis reasons ``flags`` at ``level``, whether they were typed
    or tapped in a check-in: the country's numbers and crisis lines, the stage's words."""
    where = catalog.place(country)
    found = contacts_for(catalog.countries, country, locale)
    return catalog.render(
        locale,
        "crisis.j2",
        level=level,
        flags=list(flags),
        contacts=[
            {
                "name": catalog.country_name(locale, c.code),
                "emergency": " / ".join(dial_numbers(c.emergency)) or None,
                "crisis": list(c.crisis),
                "support": list(c.support),
                "abuse": list(c.domestic_abuse),
            }
            for c in found
        ],
        emergency=where.emergency[0] if where.emergency else None,
        place=where,
        stage=status,
    )


def topic_fits_flag(topic: FaqTopic, result: SafetyResult) -> bool:
    """True when ``topic`` may follow the call to action of ``result``: never after a crisis
    or an emergency, and otherwise only when the topic's own strongest action is at least
    the flag's."""
    # An answer after "call emergency services now" would be read instead of acting, and even
    # an emergency topic opens with softer lines ("contact … today", "light bleeding is fairly
    # common") than the flag: in an emergency the call to action stands alone.
    if result.crisis or result.level == "emergency":
        return False
    return result.level is None or _LEVELS.index(topic.level) >= _LEVELS.index(result.level)


def shown_match(
    match: MatchResult,
    result: SafetyResult | None,
    stage: Stage,
    topic_of: Callable[[str], FaqTopic | None],
) -> MatchResult:
    """What of ``match`` may be shown: topics about another stage or week never are, and
    after a red flag only topics that may follow it (``topic_fits_flag``). A dropped answer
    leaves the fitting candidates as "did you mean"."""

    def fits(topic_id: str | None) -> bool:
        topic = topic_of(topic_id) if topic_id else None
        if topic is None or not fits_stage(topic, stage):
            return False
        return result is None or topic_fits_flag(topic, result)

    if match.topic is not None and fits(match.topic):
        return replace(match, candidates=tuple(c for c in match.candidates if fits(c)))
    pool = (match.topic, *match.candidates) if match.topic else match.candidates
    return replace(match, topic=None, candidates=tuple(c for c in pool if c and fits(c)))


def stage_filter(stage: Stage, topic_of: Callable[[str], FaqTopic | None]) -> Callable[[str], bool]:
    """The matcher's filter for ``stage``: a topic id competes only when its topic fits."""

    def allowed(topic_id: str) -> bool:
        topic = topic_of(topic_id)
        return topic is not None and fits_stage(topic, stage)

    return allowed


def fits_stage(topic: FaqTopic, stage: Stage) -> bool:
    """True when ``topic`` is for the person's life stage (its ``stages``; unknown status fits
    anything) and its weeks fit what is known of the pregnancy weeks (unknown fits any)."""
    if stage.status is not None and topic.stages is not None and stage.status not in topic.stages:
        return False
    if stage.weeks is None or stage.status not in (None, "pregnant", "possibly_pregnant"):
        return True
    weeks = topic.week_range
    return weeks is None or weeks[0] <= stage.weeks <= weeks[1]
