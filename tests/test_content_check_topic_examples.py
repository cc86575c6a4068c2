"""The content check reads every FAQ topic's question and examples as a user's message: each
must be read as a question, so that typing what the content says reaches an answer."""

from __future__ import annotations

from bot.catalog.catalog import Catalog
from bot.catalog.checks import topic_examples_as_questions


def test_every_topic_question_and_example_is_read_as_a_question(catalog: Catalog) -> None:
    """No question or example of the shipped topics is read as chat, a feature or another
    field."""
    assert topic_examples_as_questions(catalog.faq, catalog.intents) == []


def test_a_planted_example_read_as_another_field_fails_the_check(catalog: Catalog) -> None:
    """An example the intent reader takes for a general-knowledge question is reported with
    its locale, topic and intent."""
    topic = catalog.faq["en"]["reduced_baby_movements"]
    planted = topic.model_copy(update={"examples": (*topic.examples, "who invented the telephone")})
    problems = topic_examples_as_questions({"en": {planted.id: planted}}, catalog.intents)
    assert len(problems) == 1
    assert problems[0].startswith(
        "locales/en/faq: reduced_baby_movements: example 'who invented the telephone' is read "
        "as out_of_scope"
    )


def test_a_planted_question_read_as_a_greeting_fails_the_check(catalog: Catalog) -> None:
    """A topic question that is only a greeting is reported as a question, not an example."""
    topic = catalog.faq["es"]["reduced_baby_movements"]
    planted = topic.model_copy(update={"question": "hola, buenos días"})
    problems = topic_examples_as_questions({"es": {planted.id: planted}}, catalog.intents)
    assert [p.split(" is read as ")[1].split(",")[0] for p in problems] == ["greeting"]
    assert "question 'hola, buenos días'" in problems[0]
