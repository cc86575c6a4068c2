"""Command line: ``python -m bot <command>``.

Commands: ``run`` (Telegram bot; with no token it falls back to the console chat),
``chat`` (console chat), ``content check | preview | readability``, ``triage``,
``faq`` / ``faq eval FILE``, ``reminders plan``, ``migrate`` (TinyDB to PostgreSQL).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a command; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=["run", "chat", "content", "triage", "faq", "reminders", "migrate"],
    )
    parsed, rest = parser.parse_known_args(args[:1])
    rest = args[1:]
    command = parsed.command
    if command == "content":
        from bot.commands.content_cmd import run as content_run

        return content_run(rest, sys.stdout, sys.stderr)
    if command == "triage":
        from bot.commands.triage_cmd import run as triage_run

        return triage_run(sys.stdin, sys.stdout)
    if command == "faq":
        from bot.commands import faq_cmd

        if rest[:1] == ["eval"]:
            if len(rest) != 2:
                print("usage: python -m bot faq eval FILE", file=sys.stderr)
                return 2
            return faq_cmd.evaluate(rest[1], sys.stdout)
        return faq_cmd.run(sys.stdin, sys.stdout)
    if command == "reminders":
        from bot.commands.reminders_cmd import run as reminders_run

        return reminders_run(rest, sys.stdout, sys.stderr)
    if command == "migrate":
        from bot.commands.migrate_cmd import run as migrate_run

        return migrate_run(rest, sys.stdout, sys.stderr)
    if command == "chat":
        from bot.console.chat import main as chat_main

        return chat_main(rest)
    from bot.runner import main as run_main

    return run_main(rest)


if __name__ == "__main__":
    raise SystemExit(main())
