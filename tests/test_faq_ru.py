"""The Russian FAQ is a faithful copy of the English one, written apart from the dev set.

The Russian targets on the labelled sets (issue 9) are checked with every language's in
tests/test_faq_dev_set.py.
"""

from __future__ import annotations

from pathlib import Path

from bot.catalog.faq_content import load_faq
from bot.catalog.files import CONTENT_DIR
from bot.commands.faq_cmd import load_items

LANG = "ru"


def test_russian_faq_changes_only_the_words() -> None:
    """Each Russian topic keeps the English level, sources, related topics and weeks."""
    english = {topic.id: topic for topic in load_faq(CONTENT_DIR, "en")}
    russian = {topic.id: topic for topic in load_faq(CONTENT_DIR, LANG)}
    assert russian.keys() == english.keys()
    for topic_id, ours in russian.items():
        theirs = english[topic_id]
        same = (ours.level, ours.sources, ours.related, ours.weeks)
        assert same == (theirs.level, theirs.sources, theirs.related, theirs.weeks), topic_id


def test_russian_examples_are_not_copies_of_the_dev_set() -> None:
    """No Russian example phrasing repeats a labelled dev-set message."""
    items = load_items(Path(__file__).parent / "data" / "faq-dev.yaml")
    dev = {item.text.casefold().strip(" ?!.") for item in items if item.lang == LANG}
    for topic in load_faq(CONTENT_DIR, LANG):
        for example in topic.examples:
            assert example.casefold().strip(" ?!.") not in dev, (topic.id, example)
