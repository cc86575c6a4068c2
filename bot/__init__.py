"""Cervical-mucus and discharge check-in bot: a pure domain core with Telegram and console adapters."""
