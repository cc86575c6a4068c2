"""Daily reminders in one place.

- ``schedule``: pure: when a reminder is due and what to do about it now (DST, grace, snooze).
- ``scheduler``: sends each user's daily reminder at most once per local date.
- ``settings``: the ``/reminders`` conversation (on/off, time, zone, pause, snooze).

The Telegram side, which sends the message itself, is ``bot.tg.reminder_sender`` (in the
Telegram adapter, as nothing here imports ``telegram``); ``python -m bot reminders plan`` is
``bot.commands.reminders_cmd``, beside the other command-line tools.
"""
