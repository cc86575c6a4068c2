"""What the bot knows of a person's life stage today: the stage, pregnancy weeks, cycle day
and days since a birth or loss, all derived from the stored profile so they stay current.

The check-in flow reads it to fit its questions and options to the person, and adds the
numbers it knows to the stored answers instead of asking for them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.vocabulary import Answers

#: The check-in numbers a stage may know without asking.
KNOWN_FIELDS = ("weeks", "cycle_day", "days_since_end")


@dataclass(frozen=True)
class LifeStage:
    """The person's stage; each number is None when the bot does not know it."""

    status: str | None = None
    weeks: int | None = None
    cycle_day: int | None = None
    days_since_end: int | None = None

    def known(self) -> Answers:
        """The check-in fields the bot already knows, as answers (absent when unknown)."""
        answers: Answers = {}
        if self.status is not None:
            answers["status"] = self.status
        numbers = {
            "weeks": self.weeks if self.status == "pregnant" else None,
            "cycle_day": self.cycle_day if self.status == "not_pregnant" else None,
            "days_since_end": (
                self.days_since_end if self.status in ("postpartum", "after_loss") else None
            ),
        }
        answers.update({field: value for field, value in numbers.items() if value is not None})
        return answers


class ArrivalAsk(BaseModel):
    """When "has your baby arrived?" is asked (``content/arrival.yaml``): days past the due
    date before the first time, and days the question rests after "not yet"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ask_after_days: int = Field(ge=0, le=70)
    ask_again_days: int = Field(ge=1, le=70)
