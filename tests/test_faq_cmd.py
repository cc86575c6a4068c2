"""Specification of ``python -m bot faq`` (JSON Lines in and out) and ``python -m bot faq eval``."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.catalog.files import CONTENT_DIR
from bot.commands import faq_cmd

ROOT = Path(__file__).resolve().parents[1]


def _run(lines: list[str], content_dir: Path = CONTENT_DIR) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = faq_cmd.run(io.StringIO("".join(line + "\n" for line in lines)), out, content_dir)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_clear_question_gets_its_topic() -> None:
    """A clear question gets the topic, no candidates and no level."""
    code, rows = _run([json.dumps({"text": "what does egg white cm mean", "lang": "en"})])
    assert code == 0
    assert rows == [
        {"topic": "egg_white_mucus_fertile", "candidates": [], "level": None, "intent": "question"}
    ]


def test_lang_is_optional() -> None:
    """A line without lang is answered."""
    _, rows = _run([json.dumps({"text": "what is pprom"})])
    assert rows[0]["topic"] == "waters_break_early_pprom"


def test_an_emergency_sets_the_level_whatever_it_matches() -> None:
    """The red-flag level is reported alongside any topic."""
    _, rows = _run([json.dumps({"text": "bleeding heavily and clots, 8 weeks", "lang": "en"})])
    assert rows[0]["level"] == "emergency"


def test_a_greeting_gets_its_intent_and_nothing_else() -> None:
    """A greeting gets intent greeting, no topic, no candidates and no level."""
    _, rows = _run([json.dumps({"text": "good morning", "lang": "en"})])
    assert rows == [{"topic": None, "candidates": [], "level": None, "intent": "greeting"}]


def test_another_field_is_out_of_scope_without_a_topic() -> None:
    """A question about another pregnancy topic is out of scope and gets no topic."""
    _, rows = _run([json.dumps({"text": "is jogging ok in the second trimester"})])
    assert rows[0]["intent"] == "out_of_scope" and rows[0]["topic"] is None


def test_a_feature_question_names_the_feature() -> None:
    """ "How do I delete my data" is feature help for delete."""
    _, rows = _run([json.dumps({"text": "how do i delete my data?", "lang": "en"})])
    assert (rows[0]["intent"], rows[0]["feature"]) == ("feature_help", "delete")


def test_a_close_call_lists_candidates_without_a_topic() -> None:
    """A vague question gets "did you mean" ids and no topic."""
    _, rows = _run([json.dumps({"text": "discharge", "lang": "en"})])
    candidates = rows[0]["candidates"]
    assert rows[0]["topic"] is None
    assert isinstance(candidates, list)
    assert 1 <= len(candidates) <= 3


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"lang": "en"}', "`text` must be a string"),
        ('{"text": 5}', "`text` must be a string"),
        ('{"text": "hi", "lang": 3}', "`lang` must be a string or null"),
    ],
)
def test_bad_lines_give_an_error_and_the_command_goes_on(line: str, error: str) -> None:
    """A bad line gives an error object; the next line is still answered."""
    code, rows = _run([line, json.dumps({"text": "hi"})])
    assert code == 0
    assert rows[0] == {"error": error}
    assert rows[1]["topic"] is None


def test_errors_never_echo_the_message() -> None:
    """Error objects do not contain the user's text (health data)."""
    _, rows = _run(['{"text": ["CANARY-7f3a"]}'])
    assert "CANARY" not in json.dumps(rows)


def test_blank_lines_are_skipped() -> None:
    """Blank input lines produce no output."""
    _, rows = _run(["", "   ", json.dumps({"text": "hi"})])
    assert len(rows) == 1


def test_invalid_content_exits_2(tmp_path: Path) -> None:
    """Broken red-flag rules make the command refuse to answer."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    (content / "safety" / "redflags.yaml").write_text("rules: []\n", encoding="utf-8")
    code, rows = _run([json.dumps({"text": "hi"})], content)
    assert code == 2
    assert "error" in rows[0]


def test_evaluate_prints_every_metric_per_language(tmp_path: Path) -> None:
    """The evaluation prints top-1, top-3, no-match precision, recalls and latency."""
    path = tmp_path / "set.yaml"
    labelled = {
        "in_scope": [
            {
                "id": "a1",
                "lang": "en",
                "topic": "waters_break_early_pprom",
                "text": "what is pprom",
            },
            {
                "id": "a2",
                "lang": "es",
                "topic": "bleeding_early_pregnancy",
                "urgent_flag": True,
                "text": "estoy sangrando",
            },
        ],
        "out_of_scope": [
            {"id": "b1", "lang": "en", "expect": "none", "text": "good morning"},
            {"id": "b2", "lang": "en", "expect": "emergency", "text": "i want to kill myself"},
        ],
    }
    path.write_text(yaml.safe_dump(labelled), encoding="utf-8")
    out = io.StringIO()
    assert faq_cmd.evaluate(path, out) == 0
    text = out.getvalue()
    for label in (
        "[en]",
        "[es]",
        "[all]",
        "top-1",
        "top-3",
        "no-match precision",
        "emergency recall",
        "urgent-flag recall",
        "latency ms",
    ):
        assert label in text
    assert "top-1               1.000 (1/1)" in text
    assert "urgent-flag recall  1.000 (1/1)" in text


def test_evaluate_counts_a_crisis_on_an_ordinary_question_as_a_false_alarm(
    tmp_path: Path,
) -> None:
    """An ordinary question the screen calls a crisis is a false alarm, named by its id."""
    path = tmp_path / "set.yaml"
    questions = [
        {"id": "q1", "lang": "en", "topic": "waters_break_early_pprom", "text": "what is pprom"},
        {"id": "q2", "lang": "en", "intent": "greeting", "text": "i want to kill myself"},
    ]
    path.write_text(yaml.safe_dump({"questions": questions}), encoding="utf-8")
    out = io.StringIO()
    assert faq_cmd.evaluate(path, out) == 0
    text = out.getvalue()
    assert "false-alarm rate    0.500 (1/2)" in text
    assert "false alarms        q2" in text


def test_evaluate_rejects_a_file_without_ids(tmp_path: Path) -> None:
    """A labelled file whose items lack ids or texts is refused with exit 1."""
    path = tmp_path / "bad.yaml"
    path.write_text("in_scope:\n  - {lang: en}\n", encoding="utf-8")
    assert faq_cmd.evaluate(path, io.StringIO()) == 1


def test_the_command_line_entry_point_answers() -> None:
    """``python -m bot faq`` reads stdin and writes JSON Lines."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "faq"],
        input=json.dumps({"text": "my waters broke", "lang": "en"}) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    row = json.loads(done.stdout.splitlines()[0])
    assert row["level"] == "urgent"
    assert row["topic"] == "waters_breaking_signs"


def test_a_crisis_has_its_category_and_no_topic() -> None:
    """A crisis message gives the emergency level, category crisis, and no topic or candidates."""
    _, rows = _run([json.dumps({"text": "i want to kill myself", "lang": "en"})])
    assert rows == [
        {
            "topic": None,
            "candidates": [],
            "level": "emergency",
            "category": "crisis",
            "intent": "question",
        }
    ]


def test_an_obstetric_flag_has_its_category() -> None:
    """Another red flag is reported with category obstetric."""
    _, rows = _run([json.dumps({"text": "waters broke and i can feel the cord", "lang": "en"})])
    assert rows[0]["category"] == "obstetric"


def test_safety_eval_prints_recall_and_false_alarms(tmp_path: Path) -> None:
    """`faq eval` on a safety file prints crisis and emergency recall and the false-alarm rate."""
    data = tmp_path / "safety.yaml"
    data.write_text(
        "items:\n"
        "  - {id: a, lang: en, expect: emergency, category: crisis,"
        ' text: "i want to kill myself"}\n'
        '  - {id: b, lang: en, expect: none, text: "killing time before my scan lol"}\n',
        encoding="utf-8",
    )
    out = io.StringIO()
    assert faq_cmd.evaluate(data, out) == 0
    report = out.getvalue()
    assert "crisis recall        1.000 (1/1)" in report
    assert "false-alarm rate     0.000 (0/1)" in report


def test_the_stage_keeps_topics_of_another_stage_out() -> None:
    """With status postpartum, an after-birth bleeding question gets the after-birth topic."""
    line = {
        "text": "is it normal to still bleed 2 weeks after giving birth",
        "status": "postpartum",
    }
    _, rows = _run([json.dumps(line)])
    assert rows[0]["topic"] == "bleeding_after_birth_lochia"


def test_a_bad_stage_is_refused_without_echoing_the_text() -> None:
    """A status or weeks of the wrong kind gives an error object naming the field."""
    _, rows = _run([json.dumps({"text": "secret words", "weeks": "a"})])
    assert "weeks" in str(rows[0]["error"]) and "secret" not in str(rows[0])


def test_days_since_the_end_of_a_pregnancy_are_accepted() -> None:
    """A line with ``days_since_end`` (the vocabulary's field) is answered like any other."""
    line = {
        "text": "is it normal to still bleed 2 weeks after giving birth",
        "status": "postpartum",
        "days_since_end": 14,
    }
    _, rows = _run([json.dumps(line)])
    assert rows[0]["topic"] == "bleeding_after_birth_lochia"


def test_days_since_the_end_out_of_range_are_refused() -> None:
    """A ``days_since_end`` that is not a whole number of days gives an error naming it."""
    _, rows = _run([json.dumps({"text": "bleeding", "days_since_end": -3})])
    assert "days_since_end" in str(rows[0]["error"])
