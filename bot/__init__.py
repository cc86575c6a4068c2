"""Discharge and cervical-mucus check-in bot: a pure core with Telegram and console adapters."""

import sys

# ``import httpx`` also imports its command-line client (click and pygments: about 2 MB of
# resident memory and 35 ms) whenever click is installed; the bot never runs it, and httpx
# falls back to a stub when the import fails. Not when httpx is already imported.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
