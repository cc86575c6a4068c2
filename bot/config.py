"""Settings from the environment and an optional ``.env`` file (pydantic-settings).

The bot token and webhook secret are ``SecretStr`` so they never appear in a repr, a log
line or a validation error. ``load_settings`` turns a bad setting into one line naming the
variable (``SettingsError``), never its value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_API = "https://api.telegram.org/bot"
TELEGRAM_FILE_API = "https://api.telegram.org/file/bot"
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class SettingsError(ValueError):
    """A setting is missing or invalid; the message is one line per variable, no values."""


class Settings(BaseSettings):
    """Everything the bot reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        hide_input_in_errors=True,
    )

    telegram_bot_token: SecretStr | None = Field(default=None)
    telegram_api_base_url: str = TELEGRAM_API
    telegram_api_file_url: str | None = None
    bot_data_dir: Path = Path("data")
    # PostgreSQL instead of the embedded TinyDB store (several processes, many users).
    bot_database_url: SecretStr | None = None
    bot_default_locale: str = "en"
    bot_log_level: LogLevel = "INFO"
    # Key (hex, as in data/.hash_key) for hashing user ids in logs and for storage keys;
    # generated into the data dir when not given, so hashes are stable across restarts but
    # differ between deployments. Several processes on PostgreSQL must share one.
    bot_hash_key: SecretStr | None = None
    bot_store_content_gaps: bool = True
    bot_reminder_rate: float = 25.0
    bot_reminder_grace_minutes: int = 120
    bot_retention_days_after_last_checkin: int = 365
    bot_retention_days_after_due_date: int = 183
    bot_retention_days_inactive: int = 90
    bot_poll_limit: int = Field(default=10, ge=1, le=100)
    bot_poll_timeout: int = Field(default=30, ge=0, le=50)
    bot_concurrency: int = Field(default=16, ge=1, le=256)
    bot_stop_grace_seconds: float = 8.0
    # Per-user flood gate (RELIABILITY S7): a burst of this many updates is let through, then
    # bot_user_rate_per_minute sustained; beyond that updates are dropped (a quick check-in is
    # ~20 taps). Keep the defaults in production; tests that play one person through a long
    # scenario raise the burst so the gate cannot drop their updates on a fast or slow machine.
    bot_user_burst: int = Field(default=40, ge=1)
    bot_user_rate_per_minute: int = Field(default=60, ge=1)
    bot_webhook_secret: SecretStr | None = None
    bot_webhook_path: str | None = None
    bot_webhook_listen: str = "127.0.0.1"
    bot_webhook_port: int = 8080
    bot_webhook_url: str | None = None
    bot_webhook_max_body: int = 1_048_576
    # Health signals and alerts (RELIABILITY O1). A chat (e.g. the operator's private chat with
    # the bot) that gets a short plain-text message when an alert fires or resolves: alert name
    # and numbers only. None: alerts are only logged (alert_firing / alert_resolved).
    bot_alert_chat_id: int | None = None
    # Polling mode: serve /metrics and /healthz on this port (None: no server). Webhook mode
    # serves both on the webhook server instead.
    bot_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    bot_metrics_listen: str = "127.0.0.1"

    @field_validator("bot_log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        """Log levels are accepted in any case (``info``), as the logging module names them."""
        return value.upper() if isinstance(value, str) else value


def load_settings() -> Settings:
    """The settings from the environment and ``.env``; SettingsError names what is wrong."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(part) for part in error['loc']).upper()}: {error['msg']}"
            for error in exc.errors()
        ]
        raise SettingsError("; ".join(problems)) from None
