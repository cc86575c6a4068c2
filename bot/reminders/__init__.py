"""Daily reminders in one place.

- ``schedule``: pure: when a reminder is due and what to do about it now (DST, grace, snooze).
- ``scheduler``: sends each user's daily reminder at most once per local date.

The Telegram side, which sends the message itself, is ``bot.tg.reminder_sender`` (only
``bot.tg`` imports ``telegram``).
"""
