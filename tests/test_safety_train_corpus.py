"""Specification of the training corpus of the meaning-based safety screens
(``tests/data/safety-train-corpus.yaml``): training data written apart from every eval file,
which the trainers and the leave-one-batch-out check learn from and never score; and of the
shipped screens on paraphrases written for these tests alone."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.catalog.crisis_net import load_crisis_net, load_obstetric_net
from bot.catalog.faq_content import load_safety
from bot.catalog.files import CONTENT_DIR
from bot.commands import crisis_net_train, obstetric_net_train
from bot.commands.safety_eval import Item, load
from bot.domain.safety import SafetyScreen

CORPUS = Path(__file__).parent / "data" / "safety-train-corpus.yaml"
#: The rows a look-alike may name: none of them calls for a same-day or emergency reply.
_LOW_ROWS = {
    f"{letter}{n}"
    for letter, last in (("N", 7), ("R", 5), ("S", 10), ("C", 8), ("P", 8), ("L", 5))
    for n in range(1, last + 1)
}
LOOKALIKE_ROWS = (_LOW_ROWS - {"C3", "C4", "P1", "P2", "P3", "P4", "L1", "L2", "L3"}) | {
    "M6",
    "lookalike",
}
_ID = re.compile(r"^tc-(en|es|ru)-\d{3}$")


@pytest.fixture(scope="module")
def items() -> list[Item]:
    return load(CORPUS)


def test_every_id_is_unique_and_names_its_language(items: list[Item]) -> None:
    """Ids are tc-<lang>-NNN, each once, with the item's own language."""
    assert len({item.id for item in items}) == len(items)
    assert all(_ID.match(item.id) and item.id[3:5] == item.lang for item in items)


def test_every_red_flag_has_its_rows_level(items: list[Item]) -> None:
    """A crisis or obstetric item names a row the trainers know, at that row's level."""
    for item in items:
        if item.category == "crisis":
            assert crisis_net_train.ROW_VERDICTS[item.row]["level"] == item.expect, item.id
        elif item.category == "obstetric":
            assert obstetric_net_train.ROW_VERDICTS[item.row][1] == item.expect, item.id


def test_every_look_alike_names_a_row_below_urgent(items: list[Item]) -> None:
    """A look-alike is an everyday message or a NORMAL, ROUTINE or SOON row."""
    assert {item.row for item in items if item.expect == "none"} <= LOOKALIKE_ROWS


def test_each_language_has_its_share_and_more_look_alikes_than_red_flags(
    items: list[Item],
) -> None:
    """At least 450 English, 350 Spanish and 400 Russian messages, and in each language at
    least as many look-alikes as red flags."""
    per_lang = Counter(item.lang for item in items)
    assert per_lang["en"] >= 450 and per_lang["es"] >= 350 and per_lang["ru"] >= 400
    for lang in per_lang:
        kinds = Counter(item.expect == "none" for item in items if item.lang == lang)
        assert kinds[True] >= kinds[False], lang


@pytest.mark.parametrize("trainer", [crisis_net_train, obstetric_net_train])
def test_a_held_out_set_is_refused_after_train_also(trainer: Any) -> None:
    """A held-out set named as training data is refused like one named as an eval set."""
    argv = ["tests/data/safety-dev.yaml", "--train-also", "tests/data/safety-heldout.yaml"]
    assert trainer.main(argv) == 2


def test_train_also_alone_is_no_eval_set() -> None:
    """Training needs at least one eval set before ``--train-also``."""
    assert crisis_net_train.main(["--train-also", str(CORPUS)]) == 2


def test_leave_one_out_trains_on_the_corpus_and_never_scores_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every fold trains on the files after ``--train-also``, and none of them is held back."""
    sets = [
        Item(f"{source}-{n}", "en", f"message {n}", expect, category, row, source)
        for source in ("a.yaml", "b.yaml")
        for n, (expect, category, row) in enumerate(
            [("urgent", "crisis", "M3"), ("none", None, "lookalike")]
        )
    ]
    also = [Item("tc-en-001", "en", "corpus message", "urgent", "crisis", "M3", CORPUS.name)]
    trained_on: list[set[str]] = []
    real_train = crisis_net_train.train_on

    def spy(chosen: list[Item], vectors: Any) -> dict[str, object]:
        trained_on.append({item.source for item in chosen})
        return real_train(chosen, vectors)

    rng = np.random.default_rng(0)
    monkeypatch.setattr(
        crisis_net_train, "embed", lambda texts: rng.normal(size=(len(texts), 8)).astype("f4")
    )
    monkeypatch.setattr(crisis_net_train, "train_on", spy)
    scores = crisis_net_train.leave_one_out(sets, also)
    assert list(scores) == ["a.yaml", "b.yaml"]
    assert trained_on == [{"b.yaml", CORPUS.name}, {"a.yaml", CORPUS.name}]


@pytest.fixture
def cross_validation(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The leave-one-batch-out benchmark (``benchmarks/safety_nets_cv.py``) as a module."""
    path = Path(__file__).parents[1] / "benchmarks" / "safety_nets_cv.py"
    spec = importlib.util.spec_from_file_location("safety_nets_cv", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["tests/data/safety-heldout.yaml", "tests/data/safety-dev3.yaml"])
def test_the_cross_validation_refuses_held_out_and_dev_files_as_training_data(
    name: str, cross_validation: Any
) -> None:
    """``--train-also`` takes no held-out file and no dev batch (a batch is scored, never only
    trained on): usage is printed before any file is read."""
    with pytest.raises(SystemExit) as stop:
        cross_validation.main(["--train-also", name])
    assert stop.value.code == 2


def test_the_cross_validation_weighs_sentences_of_four_words_apart(cross_validation: Any) -> None:
    """``--parts sentences`` weighs each sentence of four words or more on its own, never one
    that is the whole message again."""
    story = "We had a lovely lunch at the park. Then i took every pill i had. Bye"
    assert cross_validation.parts_of(story, True) == [
        "We had a lovely lunch at the park",
        "Then i took every pill i had",
    ]
    assert cross_validation.parts_of("Took every pill i had.", True) == []


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return load_safety(CONTENT_DIR)


def test_the_trained_files_load() -> None:
    """Both screens' trained files parse and the bot's safety screen has both behind its rules."""
    assert load_crisis_net(CONTENT_DIR) is not None
    assert load_obstetric_net(CONTENT_DIR) is not None


#: Written for these tests (in no corpus or eval file): a crisis said without a word a rule lists.
CRISIS_PARAPHRASES = [
    ("en", "every night i lie awake wishing i could just fade out and not be anyone's problem"),
    ("es", "quisiera irme a dormir y que nadie me despierte nunca más"),
    ("ru", "каждую ночь мечтаю просто раствориться и больше никому не мешать"),
    ("ru", "оставила мужу записку и все документы, дальше они без меня справятся"),
]


@pytest.mark.parametrize(("lang", "text"), CRISIS_PARAPHRASES)
def test_a_crisis_no_rule_lists_is_flagged(
    screen: SafetyScreen, rules_only: SafetyScreen, lang: str, text: str
) -> None:
    """Wanting to fade out or sleep for good, and a goodbye, get a crisis reply from the
    meaning-based screen where no rule fires."""
    assert rules_only.screen(text, lang).crisis == ()
    assert screen.screen(text, lang).crisis


def test_a_collapse_no_rule_lists_is_an_emergency(
    screen: SafetyScreen, rules_only: SafetyScreen
) -> None:
    """A pregnant woman gone limp with blue lips is an emergency by meaning alone."""
    text = "she went limp on the sofa and her lips are blue, she is 35 weeks along"
    assert rules_only.screen(text, "en").level is None
    assert screen.screen(text, "en").level == "emergency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "the nursery walls are finally painted and the cot is up"),
        ("es", "ya armamos la cuna y pintamos el cuarto del bebé"),
        ("ru", "наконец собрали кроватку и покрасили детскую"),
        ("en", "we finally found a pram we both like, it folds with one hand"),
        ("ru", "купили коляску, складывается одной рукой"),
    ],
)
def test_everyday_news_stays_quiet(screen: SafetyScreen, lang: str, text: str) -> None:
    """Everyday news about the baby's things gets no flag from either screen."""
    assert screen.screen(text, lang).level is None
