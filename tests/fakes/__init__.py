"""Test doubles that stand in for outside systems at the wire (the Telegram Bot API)."""
