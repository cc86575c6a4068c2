"""Daily reminders in one place.

- ``scheduler``: sends each user's daily reminder at most once per local date.

The Telegram side, which sends the message itself, is ``bot.tg.reminder_sender`` (only
``bot.tg`` imports ``telegram``).
"""
