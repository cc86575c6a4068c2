"""Specification of text normalisation, the FAQ matcher and the FAQ content loader."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from bot.catalog.faq_content import (
    build_matcher,
    check_faq_content,
    faq_locales,
    load_faq,
    load_required_topics,
)
from bot.catalog.files import CONTENT_DIR, ContentError
from bot.domain import textnorm
from bot.domain.faq import (
    MATCH_WINDOW,
    MAX_CANDIDATES,
    FaqTopic,
    LexicalMatcher,
    LocaleContent,
    Matcher,
    SynonymTable,
)
from bot.domain.textnorm import SpellIndex, deletions, normalize, skeleton, tokenize

# ----------------------------------------------------------------------- normalisation


def test_normalize_casefolds_and_strips_invisible_characters() -> None:
    """NFKC, casefold, and zero-width / bidi / control characters removed."""
    assert normalize("ＢＬＥＥ\u200bDING\u202e\x00 Now", 100) == "bleeding now"


def test_normalize_drops_apostrophes_inside_words() -> None:
    """ "don't" and "don’t" both become "dont"."""
    assert normalize("don't don’t", 100) == "dont dont"


def test_normalize_folds_latin_accents_but_keeps_cyrillic() -> None:
    """Spanish accents fold away; Cyrillic letters stay (only ё becomes е)."""
    assert normalize("Niño sangrado Ёлка й", 100) == "nino sangrado елка й"


def test_normalize_caps_the_length() -> None:
    """No more than ``limit`` characters come back."""
    assert len(normalize("word " * 1000, 300)) <= 300


def test_tokenize_splits_numbers_from_week_letters() -> None:
    """ "33w" is a number and a week letter; a decimal stays one token."""
    assert tokenize("33w fever 38.4") == ["33", "w", "fever", "38.4"]


def test_tokenize_collapses_absurdly_long_tokens() -> None:
    """A 4,096-letter run becomes its skeleton, so per-word work stays bounded."""
    assert tokenize("a" * 4096) == ["a"]


def test_skeleton_collapses_repeated_letters() -> None:
    """Stretched and doubled letters collapse."""
    assert skeleton("bleeeeding") == skeleton("bleding") == "bleding"


def test_spell_index_corrects_one_edit() -> None:
    """A word one edit from a known word is read as it."""
    index = SpellIndex(["discharge", "pregnant"])
    assert index.correct("dischage") == "discharge"
    assert index.correct("pregnent") == "pregnant"


def test_spell_index_leaves_short_and_far_words_alone() -> None:
    """Short words and words two edits away are not corrected."""
    index = SpellIndex(["discharge", "cord"])
    assert index.correct("cort") is None
    assert index.correct("dschrge") is None


def test_spell_index_keeps_twelve_bytes_a_deletion() -> None:
    """Each distinct deletion of an indexed word is a 64-bit hash and a 32-bit word number,
    no string of its own."""
    index = SpellIndex(["discharge", "pregnant", "discharged"])
    distinct = {d for word in ("discharge", "pregnant", "discharged") for d in deletions(word)}
    assert len(index._hashes) == len(distinct)
    assert index._hashes.itemsize + index._numbers.itemsize == 12


def test_spell_index_corrects_as_before_when_keys_share_a_hash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Deletions whose hashes collide (forced here: a hash of the length) still give the first
    word added that is one edit away, and nothing for a word that is not."""
    monkeypatch.setattr(textnorm, "_key_hash", len)
    index = SpellIndex(["bleeding", "breeding", "discharge"])
    assert index.correct("brewding") == "breeding"
    assert index.correct("bheeding") == "bleeding"  # a tie: the first word added
    assert index.correct("dischage") == "discharge"
    assert index.correct("dschrge") is None


# ------------------------------------------------------------- matcher on small content


def _topic(topic_id: str, examples: list[str], **extra: Any) -> FaqTopic:
    return FaqTopic(
        id=topic_id,
        title=examples[0][:40],
        question=examples[0],
        answer="An answer.",
        level="normal",
        sources=({"title": "Source", "url": "https://example.org/"},),
        examples=tuple(examples),
        **extra,
    )


def _small_matcher(**related: tuple[str, ...]) -> LexicalMatcher:
    topics = (
        _topic(
            "egg_white",
            ["what does egg white mucus mean", "clear stretchy egg white cervical mucus"],
            related=related.get("egg_white", ()),
        ),
        _topic(
            "thrush",
            ["thrush itching", "thrush soreness"],
            related=related.get("thrush", ()),
        ),
        _topic(
            "thrush_medicine",
            ["thrush cream", "thrush tablets"],
            related=related.get("thrush_medicine", ()),
        ),
        _topic(
            "bleeding_early",
            ["spotting in early pregnancy", "bleeding early pregnancy"],
            weeks=(0, 13),
        ),
        _topic(
            "bleeding_later",
            ["spotting in late pregnancy", "bleeding late pregnancy"],
            weeks=(13, 45),
        ),
    )
    synonyms = SynonymTable(
        synonyms={"cm": "cervical mucus", "ewcm": "egg white cervical mucus"},
        stopwords=("what", "does", "is", "the", "and", "in", "or", "a"),
        week_words=("w", "weeks"),
    )
    return LexicalMatcher([LocaleContent(lang="en", topics=topics, synonyms=synonyms)])


def test_confident_match_gives_the_topic() -> None:
    """A clear paraphrase of one topic gives that topic and no candidates."""
    result = _small_matcher().match("clear stretchy egg white mucus?", "en")
    assert result.topic == "egg_white"
    assert result.candidates == ()


def _twin_matcher(related: bool) -> LexicalMatcher:
    """Two topics that a message can match exactly equally well, and a third one."""
    topics = (
        _topic("fish_bird", ["fish bird"], related=("fish_frog",) if related else ()),
        _topic("fish_frog", ["fish frog"]),
        _topic("zebra", ["zebra lion"]),
    )
    return LexicalMatcher([LocaleContent(lang="en", topics=topics, synonyms=SynonymTable())])


def test_close_call_gives_candidates_and_no_topic() -> None:
    """Two unrelated topics tied give "did you mean" buttons instead of a guess."""
    result = _twin_matcher(related=False).match("bird frog fish", "en")
    assert result.topic is None
    assert set(result.candidates) == {"fish_bird", "fish_frog"}


def test_close_call_between_related_topics_answers() -> None:
    """A tie between related topics is answered: either answer links to the other."""
    result = _twin_matcher(related=True).match("bird frog fish", "en")
    assert result.topic in {"fish_bird", "fish_frog"}


def test_unrelated_text_gives_nothing() -> None:
    """Text sharing nothing with any topic gives no topic and no candidates."""
    result = _small_matcher().match("what's the capital of peru", "en")
    assert result.topic is None
    assert result.candidates == ()


def test_empty_text_gives_nothing() -> None:
    """Empty or symbol-only text gives no topic."""
    assert _small_matcher().match("🙏!!", "en").topic is None


def test_slang_is_expanded_before_matching() -> None:
    """ "ewcm" means egg white cervical mucus."""
    assert _small_matcher().match("ewcm", "en").topic == "egg_white"


def test_misspelt_words_are_corrected() -> None:
    """A word one edit from a content word counts as that word."""
    assert _small_matcher().match("itchng and sorenes", "en").topic == "thrush"


def test_mentioned_week_prefers_the_topic_for_that_stage() -> None:
    """A week outside a topic's stage lowers that topic, so stage decides a near tie."""
    matcher = _small_matcher()
    assert matcher.match("spotting pregnancy 8 weeks", "en").ranked[0] == "bleeding_early"
    assert matcher.match("spotting pregnancy 30 weeks", "en").ranked[0] == "bleeding_later"


def test_candidates_are_at_most_three() -> None:
    """No more than three "did you mean" ids are offered."""
    result = _small_matcher().match("discharge", "en")
    assert len(result.candidates) <= MAX_CANDIDATES


def test_ranked_and_scores_line_up() -> None:
    """ranked lists the best topics best first, with one score each."""
    result = _small_matcher().match("thrush itching", "en")
    assert len(result.ranked) == len(result.scores)
    assert list(result.scores) == sorted(result.scores, reverse=True)


def test_only_the_first_window_of_text_counts() -> None:
    """Text after the first MATCH_WINDOW normalised characters is ignored."""
    matcher = _small_matcher()
    head = "clear stretchy egg white mucus " + "x " * MATCH_WINDOW
    assert matcher.match(head + "thrush cream tablets " * 100, "en") == matcher.match(head, "en")
    assert matcher.match(head, "en").topic == "egg_white"


def test_unknown_language_falls_back_to_english_content() -> None:
    """A locale without FAQ content is matched against the English content."""
    assert _small_matcher().match("egg white mucus", "es").topic == "egg_white"


def test_matching_is_deterministic() -> None:
    """The same text always gives the same result."""
    matcher = _small_matcher()
    assert len({matcher.match("thrush itching", "en") for _ in range(5)}) == 1


def test_lexical_matcher_satisfies_the_protocol() -> None:
    """The implementation can be used wherever a Matcher is expected."""
    matcher: Matcher = _small_matcher()
    assert matcher.match("egg white", None).topic == "egg_white"


# ---------------------------------------------------------------------- topic schema


def test_title_longer_than_a_button_is_rejected() -> None:
    """Titles are button labels: at most 40 characters."""
    with pytest.raises(ValidationError):
        FaqTopic.model_validate({**_topic("t", ["x"]).model_dump(), "title": "x" * 41})


@pytest.mark.parametrize("answer", ["<script>x</script>", "A & E", "1 < 2"])
def test_answers_must_be_telegram_html_safe(answer: str) -> None:
    """Only <b> and <i> tags; &, < and > must be escaped."""
    with pytest.raises(ValidationError):
        FaqTopic.model_validate({**_topic("t", ["x"]).model_dump(), "answer": answer})


def test_escaped_answer_with_bold_is_accepted() -> None:
    """<b>, <i> and entities are fine."""
    topic = FaqTopic.model_validate(
        {**_topic("t", ["x"]).model_dump(), "answer": "<b>Call</b> A&amp;E &lt;now&gt;"}
    )
    assert topic.answer.startswith("<b>")


# ------------------------------------------------------------------ the real content


@pytest.fixture(scope="module")
def matcher() -> LexicalMatcher:
    return build_matcher(CONTENT_DIR)


OUT_OF_SCOPE = [
    "hello!",
    "cheers mate",
    "whats the time in tokyo",
    "recommend a good book",
    "how do i reset my password",
    "my elbow hurts after tennis",
    "can i have a glass of wine while pregnant",
    "is it ok to take a hot bath at 25 weeks",
]


@pytest.mark.parametrize("text", OUT_OF_SCOPE)
def test_out_of_scope_messages_get_no_topic(matcher: LexicalMatcher, text: str) -> None:
    """Chit-chat and other subjects never get a FAQ answer outright."""
    assert matcher.match(text, "en").topic is None


def test_a_long_run_on_question_full_of_context_reaches_its_topic(
    matcher: LexicalMatcher,
) -> None:
    """Context words the content never uses do not sink the question after them under the
    answer threshold."""
    text = (
        "background first: second pregnancy, toddler at nursery, commuting by train every day, "
        "bosses are understanding, husband cooking dinner, grandparents visiting at weekends, "
        "eating loads of fruit and pasta, sleeping badly, and lately a cottage cheese itchy "
        "discharge, thrush?"
    )
    assert matcher.match(text, "en").topic == "thrush_pregnancy"


@pytest.mark.parametrize(
    "text",
    [
        "is jogging ok in the second trimester, i used to run marathons and my coach wants me "
        "to keep training, what heart rate limit should i keep",
        "is soft cheese ok when pregnant, brie camembert and goats cheese on pizza",
        "pregnant and craving ice and chalk, my midwife said iron tablets, what foods have iron",
    ],
)
def test_a_long_out_of_scope_question_of_unknown_words_still_gets_no_topic(
    matcher: LexicalMatcher, text: str
) -> None:
    """Unknown words counting less in a message's length does not make a question about
    something else an answer."""
    assert matcher.match(text, "en").topic is None


def test_russian_ok_after_a_pill_taking_word_means_the_contraceptive_pill(
    matcher: LexicalMatcher,
) -> None:
    """In forum Russian "принимаю ок" is taking oral contraceptives, not "taking okay"."""
    top = matcher.rank("принимаю ок, выделений стало больше", "ru")[0][0]
    assert top == "hormonal_contraception_discharge"


def test_russian_ok_alone_still_means_okay(matcher: LexicalMatcher) -> None:
    """A question that ends "это ок?" is not read as a question about the pill."""
    top = matcher.rank("беременна, белые выделения без запаха, это ок?", "ru")[0][0]
    assert top != "hormonal_contraception_discharge"


def test_every_required_topic_has_english_content() -> None:
    """Each of the 40 required topic ids exists in the English FAQ."""
    ids = {topic.id for topic in load_faq(CONTENT_DIR, "en")}
    assert set(load_required_topics(CONTENT_DIR)) <= ids


def test_english_content_passes_the_content_check() -> None:
    """The shipped content has no problems."""
    assert check_faq_content(CONTENT_DIR, list(load_required_topics(CONTENT_DIR))) == []


def test_every_topic_has_enough_example_phrasings() -> None:
    """Each topic carries at least eight example phrasings for matching."""
    assert min(len(topic.examples) for topic in load_faq(CONTENT_DIR, "en")) >= 8


def test_red_flag_topics_lead_with_what_to_do() -> None:
    """Topics whose situation can be urgent or an emergency start with a bold instruction."""
    for topic in load_faq(CONTENT_DIR, "en"):
        if topic.level in ("urgent", "emergency") and topic.id.startswith(
            ("bleeding", "waters", "reduced", "fever", "when_to", "ectopic", "mucus_plug_before")
        ):
            assert topic.answer.startswith("<b>"), topic.id


# ------------------------------------------------------------------ the content check


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def _edit_topics(content: Path, name: str, edit: Any) -> None:
    path = content / "locales" / "en" / "faq" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data["topics"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _check(content: Path) -> list[str]:
    return check_faq_content(content, list(load_required_topics(content)))


def test_check_reports_a_missing_topic(content_copy: Path) -> None:
    """A required id with no topic is reported with the locale's FAQ folder."""
    _edit_topics(content_copy, "care.yaml", lambda topics: topics.pop(0))
    assert any(
        "locales/en/faq: vaginal_hygiene_douching: missing topic id" in p
        for p in _check(content_copy)
    )


def test_check_reports_a_duplicate_id(content_copy: Path) -> None:
    """The same id twice is reported with the file."""
    _edit_topics(content_copy, "care.yaml", lambda topics: topics.append(dict(topics[0])))
    assert any(
        "care.yaml: vaginal_hygiene_douching: duplicate id" in p for p in _check(content_copy)
    )


def test_check_reports_an_unknown_related_id(content_copy: Path) -> None:
    """A related id that is no topic is reported."""
    _edit_topics(content_copy, "care.yaml", lambda topics: topics[0]["related"].append("nope"))
    assert any("unknown related id 'nope'" in p for p in _check(content_copy))


def test_check_reports_missing_sources(content_copy: Path) -> None:
    """Every topic must cite at least one source."""
    _edit_topics(content_copy, "care.yaml", lambda topics: topics[0].update(sources=[]))
    assert any(
        "care.yaml: vaginal_hygiene_douching: missing sources" in p for p in _check(content_copy)
    )


def test_check_reports_an_answer_that_is_too_long(content_copy: Path) -> None:
    """Answers over 1,500 characters are reported."""
    _edit_topics(content_copy, "care.yaml", lambda topics: topics[0].update(answer="x" * 1501))
    assert any("answer too long (1501 > 1500)" in p for p in _check(content_copy))


def test_loading_broken_content_raises_content_error(content_copy: Path) -> None:
    """load_faq refuses content with problems, naming them."""
    _edit_topics(content_copy, "care.yaml", lambda topics: topics[0].update(sources=[]))
    with pytest.raises(ContentError, match="missing sources"):
        load_faq(content_copy, "en")


def test_a_new_locale_folder_takes_part_in_matching(content_copy: Path) -> None:
    """Adding locales/<lang>/faq/*.yaml is enough for that language to get its own content."""
    folder = content_copy / "locales" / "pt" / "faq"
    folder.mkdir(parents=True)
    topic = _topic("egg_white_mucus_fertile", ["muco como clara de ovo", "corrimento elastico"])
    (folder / "ciclo.yaml").write_text(
        yaml.safe_dump({"topics": [topic.model_dump(mode="json")]}, allow_unicode=True),
        encoding="utf-8",
    )
    assert "pt" in faq_locales(content_copy)
    result = build_matcher(content_copy).match("muco como clara de ovo", "pt")
    assert result.topic == "egg_white_mucus_fertile"


def test_one_common_word_is_not_enough_for_an_outright_answer() -> None:
    """A single word shared by several topics gives "did you mean", never a guess."""
    result = _small_matcher().match("thrush", "en")
    assert result.topic is None
    assert "thrush" in result.candidates


def _stage_matcher() -> LexicalMatcher:
    """A pregnancy topic and an after-birth topic that share their words, with stage cues."""
    topics = (
        _topic("bleeding_pregnant", ["how long does bleeding go on"], stages=("pregnant",)),
        _topic("bleeding_after_birth", ["how long does bleeding go on"], stages=("postpartum",)),
    )
    synonyms = SynonymTable(
        stopwords=("the", "has", "for", "once"),
        week_words=("weeks",),
        week_since_words=("ago", "pp"),
        week_duration_words=("for",),
        stage_cues={"postpartum": ("baby has arrived", "pp", "postnatal*")},
    )
    return LexicalMatcher([LocaleContent(lang="en", topics=topics, synonyms=synonyms)])


def test_stage_cue_prefers_the_topic_for_that_stage() -> None:
    """Words saying the baby has arrived rank the after-birth topic above the pregnancy one."""
    ranked = _stage_matcher().rank(
        "how long does the bleeding go on once the baby has arrived", "en"
    )
    assert ranked[0][0] == "bleeding_after_birth"
    assert ranked[0][1] > ranked[1][1]


def test_stage_cue_with_star_matches_any_ending() -> None:
    """A cue written "postnatal*" also matches "postnatally"."""
    ranked = _stage_matcher().rank("bleeding postnatally how long does it go on", "en")
    assert ranked[0][0] == "bleeding_after_birth"


def test_without_stage_cue_tied_topics_keep_equal_scores() -> None:
    """With no cue in the message, topics of different stages are scored alike."""
    ranked = _stage_matcher().rank("how long does bleeding go on", "en")
    assert ranked[0][1] == ranked[1][1]


def test_weeks_since_birth_are_not_pregnancy_weeks() -> None:
    """'5 weeks pp' names no pregnancy week, so a later-pregnancy topic is not marked down."""
    topics = (_topic("spotting_late", ["spotting late"], weeks=(13, 45)),)
    synonyms = SynonymTable(week_words=("weeks",), week_since_words=("pp",))
    matcher = LexicalMatcher([LocaleContent(lang="en", topics=topics, synonyms=synonyms)])
    since_birth = matcher.rank("spotting late 5 weeks pp", "en")[0][1]
    no_weeks = matcher.rank("spotting late pp", "en")[0][1]
    assert since_birth == no_weeks


def _russian_matcher() -> LexicalMatcher:
    topics = (
        _topic("lochia", ["сколько идут лохии после родов"]),
        _topic("ectopic", ["как понять что беременность внематочная"]),
    )
    synonyms = SynonymTable(synonyms={"cm": "цервикальная слизь"})
    return LexicalMatcher([LocaleContent(lang="ru", topics=topics, synonyms=synonyms)])


def test_russian_typed_in_latin_letters_is_matched_in_cyrillic() -> None:
    """ "skolko idut lohii posle rodov" finds the topic written "сколько идут лохии после родов"."""
    assert _russian_matcher().match("skol'ko idut lohii posle rodov", "ru").topic == "lochia"


def _term_matcher() -> LexicalMatcher:
    """Two topics with the same words, one before term (weeks 0-36) and one at term."""
    topics = (
        _topic("waters_preterm", ["what to do when the waters break"], weeks=(0, 36)),
        _topic("waters_term", ["what to do when the waters break"], weeks=(37, 45)),
    )
    synonyms = SynonymTable(
        week_words=("weeks", "week"), month_words=("months",), early_words=("early",)
    )
    return LexicalMatcher([LocaleContent(lang="en", topics=topics, synonyms=synonyms)])


def test_without_a_week_or_early_word_the_term_topic_comes_first() -> None:
    """Asked with no week, "waters break" is about term; the preterm topic ranks second."""
    assert _term_matcher().rank("what to do when the waters break", "en")[0][0] == "waters_term"


def test_an_early_word_keeps_the_preterm_topic_whole() -> None:
    """ "Early" says before term, so the preterm topic keeps its whole score and leads."""
    ranked = _term_matcher().rank("what to do when the waters break early", "en")
    assert ranked[0][0] == "waters_preterm"


def test_a_week_word_before_the_number_names_the_week() -> None:
    """ "Week 30" is a pregnancy week as "30 weeks" is, so the term topic is marked down."""
    ranked = _term_matcher().rank("week 30 what to do when the waters break", "en")
    assert ranked[0][0] == "waters_preterm"


def test_months_of_pregnancy_are_read_as_weeks() -> None:
    """ "7 months" is about week 30, before term, so the preterm topic leads."""
    ranked = _term_matcher().rank("7 months what to do when the waters break", "en")
    assert ranked[0][0] == "waters_preterm"


def test_water_like_discharge_in_pregnancy_gets_the_watery_discharge_answer(
    matcher: LexicalMatcher,
) -> None:
    """Discharge "like water" is the watery-discharge topic, not the general one, in Russian too."""
    result = matcher.match("выделения стали жидкими как вода, я беременна", "ru")
    assert result.topic == "watery_discharge_pregnancy"


def test_leaking_urine_and_watery_discharge_link_each_other_in_every_locale() -> None:
    """The two "wee, waters or discharge?" answers are related, so a near tie is answered."""
    for lang in faq_locales(CONTENT_DIR):
        topics = {topic.id: topic for topic in load_faq(CONTENT_DIR, lang)}
        assert "leaking_urine_waters_or_discharge" in topics["watery_discharge_pregnancy"].related


@pytest.mark.parametrize(
    ("asked_for", "own", "lang"),
    [
        (
            "my wife is 9 weeks pregnant and has brown discharge, is that ok",
            "i am 9 weeks pregnant and have brown discharge, is that ok",
            "en",
        ),
        (
            "mi esposa tiene flujo marron con 9 semanas de embarazo",
            "tengo flujo marron con 9 semanas de embarazo",
            "es",
        ),
        (
            "у жены коричневые выделения на 9 неделе",
            "у меня коричневые выделения на 9 неделе",
            "ru",
        ),
    ],
)
def test_asking_for_a_partner_scores_as_asking_for_oneself(
    matcher: LexicalMatcher, asked_for: str, own: str, lang: str
) -> None:
    """Naming whose question it is (a wife, a girlfriend) does not pull the topics' scores down."""
    assert matcher.rank(asked_for, lang)[0] == matcher.rank(own, lang)[0]
