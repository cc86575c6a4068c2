"""Discharge and cervical-mucus check-in bot: a pure core with Telegram and console adapters."""
