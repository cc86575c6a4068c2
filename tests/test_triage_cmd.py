"""``python -m bot triage``: JSON Lines in, one level-and-reasons object (or error) per line out."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bot.commands.triage_cmd import run

SPOTTING_AT_9_WEEKS = (
    '{"status": "pregnant", "weeks": 9, "danger_signs": ["none"], "bleeding": "spotting"}'
)
FERTILE_MUCUS = (
    '{"status": "not_pregnant", "danger_signs": ["none"], "colour": "clear",'
    ' "consistency": "stretchy_egg_white", "odour": "none", "pain": ["none"], "bleeding": "none"}'
)


def triage(text: str, content_dir: Path | None = None) -> tuple[int, list[dict[str, object]]]:
    """Run the command on ``text``; return its exit code and the parsed output lines."""
    out = io.StringIO()
    if content_dir is None:
        code = run(io.StringIO(text), out)
    else:
        code = run(io.StringIO(text), out, content_dir)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_valid_check_in_gives_its_level_and_reasons() -> None:
    """A good line is answered with exactly a level and a list of reason ids."""
    code, lines = triage(SPOTTING_AT_9_WEEKS + "\n")
    assert code == 0
    assert lines == [{"level": "urgent", "reasons": ["bleeding_in_pregnancy"]}]


def test_a_normal_check_in_still_names_a_reason() -> None:
    """A normal result carries its educational reason id."""
    _, lines = triage(FERTILE_MUCUS + "\n")
    assert lines == [{"level": "normal", "reasons": ["fertile_mucus"]}]


def test_bad_json_gives_an_error_for_that_line() -> None:
    """A line that is not JSON is answered with an error object."""
    _, lines = triage("{not json\n")
    assert list(lines[0]) == ["error"]


def test_an_unknown_option_gives_an_error_naming_the_field() -> None:
    """An option outside the vocabulary is rejected with the field named."""
    _, lines = triage('{"status": "pregnant", "bleeding": "a_little"}\n')
    assert "error" in lines[0] and "bleeding" in str(lines[0]["error"])


def test_an_unknown_field_or_wrong_type_or_range_is_an_error() -> None:
    """Unknown fields, wrong types and out-of-range numbers are not check-ins."""
    _, lines = triage('{"mood": "ok"}\n{"weeks": "nine"}\n{"weeks": 60}\n[1, 2]\n')
    assert [list(line) for line in lines] == [["error"]] * 4


def test_errors_do_not_echo_the_input() -> None:
    """Error messages never repeat what was sent: check-ins are health data."""
    _, lines = triage('{"bleeding": "CANARY-BLEED-7f3a"}\n{"CANARY-FIELD-91c2": 1}\n')
    assert "CANARY" not in json.dumps(lines)


def test_the_command_goes_on_after_an_error() -> None:
    """Every line gets its own answer, in order, after a bad one."""
    code, lines = triage(f"oops\n{SPOTTING_AT_9_WEEKS}\n")
    assert code == 0
    assert "error" in lines[0]
    assert lines[1]["level"] == "urgent"


def test_blank_lines_are_skipped() -> None:
    """Empty and whitespace-only lines produce no output."""
    _, lines = triage(f"\n   \n{FERTILE_MUCUS}\n\n")
    assert len(lines) == 1


def test_fields_not_asked_may_be_absent() -> None:
    """A check-in with only some fields is triaged, not rejected."""
    _, lines = triage('{"danger_signs": ["heavy_bleeding"]}\n')
    assert lines[0]["level"] == "emergency"


def test_invalid_rules_stop_the_command_with_an_error(tmp_path: Path) -> None:
    """Broken content is reported once and the command exits non-zero."""
    (tmp_path / "triage").mkdir()
    vocabulary = Path(__file__).parents[1] / "content" / "vocabulary.yaml"
    (tmp_path / "vocabulary.yaml").write_text(vocabulary.read_text(encoding="utf-8"))
    (tmp_path / "triage" / "rules.yaml").write_text("rules: []\n")
    code, lines = triage(SPOTTING_AT_9_WEEKS + "\n", tmp_path)
    assert code != 0
    assert len(lines) == 1 and "error" in lines[0]


def test_the_new_stages_and_days_since_end_are_accepted() -> None:
    """After a loss or a birth, with or without days_since_end, lines get the usual shape."""
    text = (
        '{"status": "after_loss", "days_since_end": 4, "danger_signs": ["none"],'
        ' "colour": "red", "pain": ["period_like_cramps"], "bleeding": "light", "fever": "no"}\n'
        '{"status": "after_loss", "danger_signs": ["none"], "bleeding": "light", "fever": "yes"}\n'
        '{"status": "postpartum", "days_since_end": 10, "danger_signs": ["none"],'
        ' "bleeding": "light", "context": ["getting_worse"]}\n'
        '{"status": "pregnant", "weeks": 38, "danger_signs": ["none"], "colour": "pink",'
        ' "bleeding": "spotting", "context": ["sweep_or_internal_exam"]}\n'
    )
    code, lines = triage(text)
    assert code == 0
    assert [list(line) for line in lines] == [["level", "reasons"]] * 4
    assert [line["level"] for line in lines] == ["normal", "urgent", "urgent", "normal"]
    assert lines[0]["reasons"] == ["loss_as_expected"]


def test_days_since_end_must_be_a_whole_number_in_range() -> None:
    """days_since_end is 0-730 whole days; anything else is an error line naming the field."""
    _, lines = triage(
        '{"status": "postpartum", "days_since_end": 731}\n'
        '{"status": "postpartum", "days_since_end": "ten"}\n'
        '{"status": "after_loss", "days_since_end": -1}\n'
    )
    assert all("days_since_end" in str(line.get("error")) for line in lines)
