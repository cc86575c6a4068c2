"""Command-line subcommands of ``python -m bot``."""
