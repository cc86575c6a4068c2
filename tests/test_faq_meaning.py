"""Specification of the FAQ matcher's meaning step: a layer learnt from people-written
questions over the embedding the safety screen computes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.catalog.catalog import Catalog
from bot.catalog.faq_content import load_faq
from bot.catalog.faq_meaning import FAQ_MEANING_FILE, NONE, load_faq_meaning, parse_faq_meaning
from bot.catalog.files import CONTENT_DIR, ContentError
from bot.commands import faq_meaning_train
from bot.domain.faq import LexicalMatcher, LocaleContent, Meaning, SynonymTable
from tests.stand_in_nets import count_encodings
from tests.test_faq_matcher import _topic

TOPICS = tuple(topic.id for topic in load_faq(CONTENT_DIR, "en"))


def test_the_shipped_weights_load_with_a_class_per_topic_and_none() -> None:
    """The trained file gives every FAQ topic a class, and "none of them" last."""
    meaning = load_faq_meaning(CONTENT_DIR, TOPICS)
    assert meaning is not None
    assert set(meaning.classes[:-1]) == set(TOPICS)
    assert meaning.classes[-1] == NONE
    assert meaning.weights.shape == (len(TOPICS) + 1, 512)


def test_the_shipped_file_is_plain_json() -> None:
    """The weights are JSON numbers: nothing in the file can run code when it is read."""
    raw = json.loads((CONTENT_DIR / FAQ_MEANING_FILE).read_text(encoding="utf-8"))
    assert isinstance(raw["weights"][0][0], float)


def test_a_file_whose_last_class_is_not_none_is_refused() -> None:
    """Weights for classes the matcher cannot read are malformed content."""
    raw = {"classes": ["thrush_pregnancy", "trichomoniasis"], "weights": [[0.0], [0.0]]}
    with pytest.raises(ContentError):
        parse_faq_meaning({**raw, "bias": [0.0, 0.0]}, TOPICS)


def test_a_file_naming_an_unknown_topic_is_refused() -> None:
    """A class that is no topic of the content is malformed content."""
    raw = {"classes": ["no_such_topic", NONE], "weights": [[0.0], [0.0]], "bias": [0.0, 0.0]}
    with pytest.raises(ContentError):
        parse_faq_meaning(raw, TOPICS)


def test_training_refuses_a_held_out_file() -> None:
    """A held-out evaluation file is never trained on."""
    with pytest.raises(SystemExit):
        faq_meaning_train.main(["tests/data/faq-people-dev.yaml", "tests/data/x-heldout.yaml"])


def _stand_in(topic: str | None, share: float) -> LexicalMatcher:
    """A small matcher whose meaning step gives ``share`` to ``topic`` (the rest to none)."""
    topics = (
        _topic("thrush", ["thrush itching", "thrush soreness"]),
        _topic("waters", ["waters breaking", "leaking waters"]),
    )
    content = LocaleContent(lang="en", topics=topics, synonyms=SynonymTable())

    def read(_text: str) -> Meaning:
        shares = {"thrush": 0.0, "waters": 0.0}
        if topic is not None:
            shares[topic] = share
        return Meaning(topics=shares, none=1.0 - sum(shares.values()))

    return LexicalMatcher([content], meaning=read)


def test_a_topic_the_meaning_is_sure_of_is_answered_without_the_contents_words() -> None:
    """A message sharing only a little with a topic's phrasings is answered when the learnt
    layer is sure of that topic."""
    assert _stand_in("thrush", 0.95).match("itching down there", "en").topic == "thrush"


def test_a_message_read_as_none_of_the_topics_is_not_answered_outright() -> None:
    """When the learnt layer reads a message as about none of the topics, the lexical match
    is a close call at most."""
    assert _stand_in(None, 0.0).match("thrush itching", "en").topic is None


def test_the_meaning_lifts_a_topic_further_in_spanish_than_in_english() -> None:
    """The same meaning counts for more where the content has fewer phrasings of its own."""
    topics = (_topic("thrush", ["thrush itching"]), _topic("waters", ["waters breaking"]))
    matcher = LexicalMatcher(
        [LocaleContent(lang=lang, topics=topics, synonyms=SynonymTable()) for lang in ("en", "es")],
        meaning=lambda _text: Meaning(topics={"thrush": 0.0, "waters": 0.5}, none=0.5),
    )

    def lift(lang: str) -> float:
        return dict(matcher.rank("qqq zzz", lang, k=2))["waters"]

    assert lift("es") > lift("en") > 0.0


def test_without_a_meaning_the_lexical_matcher_decides_alone() -> None:
    """No meaning at hand (a short message) leaves the lexical decision as it was."""
    topics = (_topic("thrush", ["thrush itching"]), _topic("waters", ["waters breaking"]))
    content = LocaleContent(lang="en", topics=topics, synonyms=SynonymTable())
    with_none = LexicalMatcher([content], meaning=lambda _text: None)
    assert with_none.match("thrush itching", "en") == LexicalMatcher([content]).match(
        "thrush itching", "en"
    )


def test_the_matcher_never_encodes_a_text_itself(
    monkeypatch: pytest.MonkeyPatch, catalog: Catalog
) -> None:
    """The meaning step reads only embeddings the screen computed; matching alone encodes
    nothing."""
    encoded = count_encodings(monkeypatch)
    catalog.matcher.match("my knickers are always damp with white stuff, is that ok", "en")
    assert encoded == []


# Paraphrases written for these tests, in words the content's phrasings do not use.
UNSEEN_WORDING = [
    ("en", "wondering what the point of the goo down there even is", "what_is_cervical_mucus"),
    (
        "en",
        "how safe is relying on reading my body signs to avoid having a baby",
        "fertility_awareness_reliability",
    ),
    (
        "en",
        "noticed a slimy blob tinged with a little blood, does that mean labour will kick off soon",
        "mucus_plug_show",
    ),
]


@pytest.mark.parametrize(("lang", "text", "topic"), UNSEEN_WORDING)
def test_a_question_without_the_contents_words_reaches_its_topic(
    catalog: Catalog, lang: str, text: str, topic: str
) -> None:
    """Once the screen has embedded a message, the meaning step carries a question worded
    unlike any of the content's phrasings to its topic."""
    catalog.safety.screen(text, lang)
    assert catalog.matcher.match(text, lang).topic == topic


OUT_OF_SCOPE = [
    ("en", "which pram is best for a small flat with stairs"),
    ("es", "qué cochecito de bebé me recomiendas para la ciudad"),
    ("ru", "какую коляску лучше купить для города"),
]


@pytest.mark.parametrize(("lang", "text"), OUT_OF_SCOPE)
def test_an_out_of_scope_question_still_abstains(catalog: Catalog, lang: str, text: str) -> None:
    """A question about something the bot does not cover gets no topic, meaning or not."""
    catalog.safety.screen(text, lang)
    assert catalog.matcher.match(text, lang).topic is None


def test_the_train_command_writes_what_the_loader_reads(tmp_path: Path) -> None:
    """The trained file round-trips through the loader."""
    vectors = np.eye(3, 512, dtype=np.float32)
    examples = [
        faq_meaning_train.Example("a", "thrush_pregnancy", "x"),
        faq_meaning_train.Example("b", "trichomoniasis", "x"),
        faq_meaning_train.Example("c", NONE, "x"),
    ]
    data = faq_meaning_train.train(examples, vectors, ["thrush_pregnancy", "trichomoniasis"])
    (tmp_path / FAQ_MEANING_FILE).write_text(json.dumps(data), encoding="utf-8")
    meaning = load_faq_meaning(tmp_path, TOPICS)
    assert meaning is not None
    read = meaning.probabilities(vectors[0])
    assert max(read.topics, key=read.topics.__getitem__) == "thrush_pregnancy"
