"""Command line: ``python -m bot COMMAND [options]``; ``python -m bot COMMAND --help`` for each.

Exit codes: 0 done, 1 the command failed, 2 bad usage (unknown command or option),
78 bad configuration (a missing token, an invalid setting or an extra that a feature needs
and is not installed; one line on stderr, never a value), 130 ``run`` stopped by Ctrl-C
before it started serving.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import metadata

from bot.config import EXIT_CONFIG, SettingsError
from bot.extras import MissingExtraError, need

COMMANDS = {
    "run": "the Telegram bot (--webhook for webhook mode); without a token, the console chat "
    "at a terminal, else exit 78",
    "chat": "the console chat over the same services; works from a pipe",
    "content": "editor tools: check, preview, readability, gaps, feedback",
    "triage": "JSON Lines check-ins on stdin -> {level, reasons} per line",
    "faq": "JSON Lines questions on stdin -> matched topic per line; 'faq eval FILE' scores a set",
    "reminders": "reminder tools: 'reminders plan' prints when a reminder is due",
    "migrate": "copy a TinyDB data directory into PostgreSQL, verified",
    "settings": "every setting with its default and meaning (a Markdown table)",
}


def version() -> str:
    """The installed distribution's version."""
    try:
        return metadata.version("mucus-checkin-bot")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for name, summary in COMMANDS.items():
        # Only listed here; each command parses its own options (see _dispatch).
        commands.add_parser(name, help=summary, add_help=False)
    return parser


def _triage(argv: list[str]) -> int:
    from bot.commands import triage_cmd

    argparse.ArgumentParser(prog="python -m bot triage", description=triage_cmd.__doc__).parse_args(
        argv
    )
    return triage_cmd.run(sys.stdin, sys.stdout)


def _faq(argv: list[str]) -> int:
    from bot.commands import faq_cmd

    parser = argparse.ArgumentParser(prog="python -m bot faq", description=faq_cmd.__doc__)
    sub = parser.add_subparsers(dest="sub", metavar="eval")
    evaluate = sub.add_parser("eval", help="score the matcher on a labelled YAML file")
    evaluate.add_argument("file", metavar="FILE")
    args = parser.parse_args(argv)
    if args.sub == "eval":
        return faq_cmd.evaluate(args.file, sys.stdout)
    return faq_cmd.run(sys.stdin, sys.stdout)


def _content(argv: list[str]) -> int:
    from bot.commands.content_cmd import run

    return run(argv, sys.stdout, sys.stderr)


def _reminders(argv: list[str]) -> int:
    from bot.commands.reminders_cmd import run

    return run(argv, sys.stdout, sys.stderr)


def _migrate(argv: list[str]) -> int:
    with need("postgres", "migrate"):
        from bot.commands.migrate_cmd import run

    return run(argv, sys.stdout, sys.stderr)


def _chat(argv: list[str]) -> int:
    from bot.console.chat import main as chat_main

    return chat_main(argv)


def _settings(argv: list[str]) -> int:
    from bot.config import settings_table

    argparse.ArgumentParser(
        prog="python -m bot settings",
        description="Print every setting (environment variable or .env line) with its default "
        "and meaning, as the Markdown table in README.md.",
    ).parse_args(argv)
    sys.stdout.write(settings_table())
    return 0


def _run(argv: list[str]) -> int:
    from bot.runner import main as run_main

    return run_main(argv)


HANDLERS: dict[str, Callable[[list[str]], int]] = {
    "run": _run,
    "chat": _chat,
    "content": _content,
    "triage": _triage,
    "faq": _faq,
    "reminders": _reminders,
    "migrate": _migrate,
    "settings": _settings,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command, run it; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Options before the command belong to this parser (--help, --version); everything after
    # the command word is that command's, parsed by its own parser.
    split = next((i for i, arg in enumerate(args) if not arg.startswith("-")), len(args))
    try:
        parsed = _top_parser().parse_args(args[: split + 1])
        if parsed.command is None:
            _top_parser().error("a command is required")
        return HANDLERS[parsed.command](args[split + 1 :])
    except SettingsError as exc:
        print(f"error: invalid settings: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except MissingExtraError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except SystemExit as stop:  # argparse: --help and --version (0), bad usage (2)
        return stop.code if isinstance(stop.code, int) else 1


if __name__ == "__main__":
    raise SystemExit(main())
