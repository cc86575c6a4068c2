"""A base for fake reminder senders that keeps the one sender contract: ``claim`` right
before the (fake) request, CANCELLED when it says no, then ``deliver``."""

from __future__ import annotations

from bot.reminders.scheduler import Claim, SendOutcome


class ClaimingSender:
    """Claims as ``TelegramReminderSender`` does; subclasses say what delivering does."""

    async def send_reminder(
        self, chat_id: int, locale: str, *, claim: Claim | None = None
    ) -> SendOutcome:
        """Claim, then deliver; nothing is delivered when the claim is refused."""
        if claim is not None and not await claim():
            return SendOutcome.CANCELLED
        return await self.deliver(chat_id, locale)

    async def deliver(self, chat_id: int, locale: str) -> SendOutcome:
        """The fake request; SENT unless a subclass says otherwise."""
        return SendOutcome.SENT
