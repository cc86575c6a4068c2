"""Russian chat names the content never uses: Crinone typed as people say it ('крайнон',
'кринон') is the progesterone gel, and 'до мс' is before the period."""

from __future__ import annotations

import pytest

from bot.catalog.faq_content import build_matcher
from bot.catalog.files import CONTENT_DIR
from bot.domain.faq import LexicalMatcher


@pytest.fixture(scope="module")
def matcher() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


@pytest.mark.parametrize(
    "text", ["на криноне выделения творожистые комочки", "после крайнона белые комки, это гель?"]
)
def test_crinone_as_people_type_it_is_the_progesterone_topic(
    matcher: LexicalMatcher, text: str
) -> None:
    """Crinone in its Russian spellings ranks the progesterone pessaries topic first."""
    assert matcher.rank(text, "ru")[0][0] == "progesterone_pessaries_ivf_discharge"


def test_ms_in_a_chat_is_the_period(matcher: LexicalMatcher) -> None:
    """'Мс' due tomorrow (the period) with discharge instead asks about an early pregnancy sign."""
    text = "мс должны быть завтра, а вместо них белые выделения"
    assert matcher.rank(text, "ru")[0][0] == "mucus_early_pregnancy_sign"


def test_a_plain_question_about_progesterone_still_reaches_its_topic(
    matcher: LexicalMatcher,
) -> None:
    """The topic's own word, 'утрожестан', still ranks it first as before."""
    assert matcher.rank("на утрожестане комочки в выделениях", "ru")[0][0] == (
        "progesterone_pessaries_ivf_discharge"
    )
