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

from bot.domain.limits import (
    FLOOD_BURST,
    FLOOD_RATE_PER_MINUTE,
    REMINDER_GRACE_MINUTES,
    REMINDER_RATE,
)

# EX_CONFIG (sysexits.h): a missing or invalid setting; systemd and compose show a failed start.
EXIT_CONFIG = 78
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

    telegram_bot_token: SecretStr | None = Field(
        default=None, description="the bot token from @BotFather (secret; never logged)"
    )
    telegram_api_base_url: str = Field(
        default=TELEGRAM_API,
        description="another Bot API server (self-hosted, or a fake one in tests)",
    )
    telegram_api_file_url: str | None = Field(
        default=None,
        description="the Bot API file server; derived from the base URL when not set",
    )
    bot_data_dir: Path = Field(
        default=Path("data"), description="where the embedded store keeps its files (0700)"
    )
    bot_database_url: SecretStr | None = Field(
        default=None,
        description="PostgreSQL instead of the embedded store (several processes, many users; "
        "needs the `postgres` extra)",
    )
    bot_storage_check: Literal["quick", "full"] = Field(
        default="quick",
        description="start-up check of stored users: `quick` reads a sample of their small "
        "states (time grows with users, not history); `full` reads every state and history "
        "record (the first start after a restore)",
    )
    bot_default_locale: str = Field(
        default="en", description="language when Telegram gives none we have"
    )
    bot_log_level: LogLevel = Field(
        default="INFO",
        description="DEBUG, INFO, WARNING, ERROR or CRITICAL; JSON-lines logs on stderr, redacted",
    )
    bot_hash_key: SecretStr | None = Field(
        default=None,
        description="hex key for hashing user ids (logs, storage keys); generated into "
        "`BOT_DATA_DIR/.hash_key` when not set; processes sharing a database must share it",
    )
    bot_store_content_gaps: bool = Field(
        default=True,
        description="keep unmatched questions (masked, without any user id) for editors",
    )
    bot_reminder_rate: float = Field(
        default=REMINDER_RATE,
        description="reminder messages per second overall (1 per second per chat)",
    )
    bot_reminder_grace_minutes: int = Field(
        default=REMINDER_GRACE_MINUTES,
        description="a reminder missed by downtime is sent late up to this many minutes, "
        "then skipped",
    )
    bot_retention_days_after_last_checkin: int = Field(
        default=365, description="the daily purge: days kept after the last check-in"
    )
    bot_retention_days_after_due_date: int = Field(
        default=183, description="the daily purge: days kept after the due date (pregnancy stages)"
    )
    bot_retention_days_inactive: int = Field(
        default=90,
        description="the daily purge: days kept after last seen, for a user with no "
        "check-ins or who blocked the bot",
    )
    bot_poll_limit: int = Field(
        default=10, ge=1, le=100, description="updates fetched per `getUpdates` (1-100)"
    )
    bot_poll_timeout: int = Field(
        default=30, ge=0, le=50, description="long-polling timeout of `getUpdates`, seconds"
    )
    bot_concurrency: int = Field(
        default=16, ge=1, le=256, description="updates processed at once (different users)"
    )
    bot_stop_grace_seconds: float = Field(
        default=8.0, description="on SIGTERM, time to finish the batch in hand"
    )
    # Keep the flood-gate defaults in production; tests that play one person through a long
    # scenario raise the burst so the gate cannot drop their updates on a fast or slow machine.
    bot_user_burst: int = Field(
        default=FLOOD_BURST,
        ge=1,
        description="per-user flood gate (a check-in is ~20 taps): a burst of this many "
        "updates, then `BOT_USER_RATE_PER_MINUTE`; more are dropped (the first drop gets one "
        "'slow down' reply)",
    )
    bot_user_rate_per_minute: int = Field(
        default=FLOOD_RATE_PER_MINUTE,
        ge=1,
        description="per-user flood gate: sustained updates per minute",
    )
    bot_webhook_secret: SecretStr | None = Field(
        default=None,
        description="webhook mode: the secret Telegram sends in a header (32+ characters)",
    )
    bot_webhook_path: str | None = Field(
        default=None,
        description="webhook mode: URL path (random when not set; fixed for several processes)",
    )
    bot_webhook_listen: str = Field(
        default="127.0.0.1", description="webhook mode: address the server listens on"
    )
    bot_webhook_port: int = Field(
        default=8080, description="webhook mode: port (also `/healthz` and `/metrics`)"
    )
    bot_webhook_url: str | None = Field(
        default=None, description="webhook mode: the public HTTPS base URL Telegram posts to"
    )
    bot_webhook_max_body: int = Field(
        default=1_048_576, description="webhook mode: largest request body accepted, bytes"
    )
    bot_alert_chat_id: int | None = Field(
        default=None,
        description="chat that gets a short message when an alert fires or resolves (alert "
        "name and numbers only); not set: alerts are only logged",
    )
    bot_metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="polling mode: serve `/metrics` and `/healthz` on this port (not set: no "
        "server; webhook mode serves them on the webhook port)",
    )
    bot_metrics_listen: str = Field(
        default="127.0.0.1", description="polling mode: address of the metrics server"
    )

    @field_validator("bot_log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        """Log levels are accepted in any case (``info``), as the logging module names them."""
        return value.upper() if isinstance(value, str) else value


def settings_table() -> str:
    """Every setting as a Markdown table (variable, default, meaning), from the fields above."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        shown = "none" if default is None else f"`{default}`"
        lines.append(f"| `{name.upper()}` | {shown} | {field.description} |")
    return "\n".join(lines) + "\n"


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
