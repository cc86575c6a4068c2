"""``python -m bot triage``: triage check-ins given as JSON Lines, one result per line.

Each input line is one check-in in the canonical vocabulary (field id -> option id, list of
option ids or number; a field that was not asked is absent). Each output line is
``{"level": ..., "reasons": [...]}``, or ``{"error": ...}`` for a line that is not a valid
check-in; the command then goes on with the next line. Blank lines are skipped. Error
messages never echo the input, because check-ins are health data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from bot.catalog.files import CONTENT_DIR, ContentError, read_yaml
from bot.catalog.triage_content import load_triage
from bot.commands import jsonl
from bot.domain.triage import TriageRules, evaluate
from bot.domain.vocabulary import Vocabulary

EXIT_OK = 0
EXIT_BAD_CONTENT = 2


def run(stdin: TextIO, stdout: TextIO, content_dir: Path = CONTENT_DIR) -> int:
    """Triage every line of ``stdin`` onto ``stdout``.

    Returns 0 when every line was answered (invalid lines are answered with an error object),
    2 when the vocabulary or the rules themselves are invalid.
    """
    try:
        vocab = Vocabulary.model_validate(read_yaml(content_dir / "vocabulary.yaml"))
        rules = load_triage(content_dir, vocab)
    except (ContentError, ValueError) as exc:
        jsonl.emit(stdout, {"error": f"triage content is invalid: {exc}"})
        return EXIT_BAD_CONTENT
    jsonl.run(stdin, stdout, lambda raw: triage(raw, vocab, rules))
    return EXIT_OK


def triage(raw: object, vocab: Vocabulary, rules: TriageRules) -> dict[str, object]:
    """The output object for one parsed input line: the level and reasons, or an error."""
    try:
        answers = vocab.validate_answers(raw)
    except ValueError as exc:
        return {"error": f"not a valid check-in: {exc}"}
    result = evaluate(rules, answers)
    return {"level": result.level, "reasons": list(result.reasons)}
