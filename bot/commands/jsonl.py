"""JSON Lines plumbing shared by the shell commands that answer one object per input line.

``run`` reads ``stdin`` line by line, skips blank lines, parses each line as JSON and writes
what ``answer`` makes of it, or ``{"error": "not valid JSON"}``, as one line of ``stdout``.
A bad line never stops the command. Error objects never echo the input, because the lines
are health data (messages and check-ins).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

Answer = dict[str, object]


def run(stdin: TextIO, stdout: TextIO, answer: Callable[[Any], Answer]) -> None:
    """Write ``answer(parsed line)`` (or an error object) for every non-blank line of ``stdin``."""
    for line in stdin:
        if not line.strip():
            continue
        emit(stdout, answer_line(line, answer))


def answer_line(line: str, answer: Callable[[Any], Answer]) -> Answer:
    """The output object for one input line: ``answer`` of its JSON value, or an error."""
    try:
        raw = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return {"error": "not valid JSON"}
    return answer(raw)


def emit(stdout: TextIO, payload: Answer) -> None:
    """Write one object as a line and flush, so a reader sees each answer as it is made."""
    stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    stdout.flush()
