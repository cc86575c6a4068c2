"""Use cases over the domain core: what the bot does for each incoming message or button."""
