"""Every FAQ topic says which life stages it is for; free text only answers with a topic that
fits the person's stage (``stages`` in content, ``safety_reply.fits_stage``)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from bot.catalog.catalog import Catalog
from bot.catalog.faq_content import load_faq
from bot.catalog.files import CONTENT_DIR, ContentError
from bot.commands import faq_cmd
from bot.services.safety_reply import Stage, fits_stage


def _topic(text: str, lang: str = "en", **stage: object) -> object:
    """The topic ``python -m bot faq`` answers ``text`` with, for a person at ``stage``."""
    out = io.StringIO()
    line = json.dumps({"text": text, "lang": lang, **stage})
    assert faq_cmd.run(io.StringIO(line + "\n"), out) == 0
    return json.loads(out.getvalue())["topic"]


def _shown(text: str, lang: str = "en", **stage: object) -> set[object]:
    """The topic and "did you mean" candidates ``text`` gets, for a person at ``stage``."""
    out = io.StringIO()
    line = json.dumps({"text": text, "lang": lang, **stage})
    faq_cmd.run(io.StringIO(line + "\n"), out)
    row = json.loads(out.getvalue())
    return {row["topic"], *row["candidates"]} - {None}


def _problems(content_dir: Path) -> list[str]:
    try:
        return Catalog.load(content_dir).problems()
    except ContentError as exc:
        return str(exc).splitlines()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


AFTER_BIRTH = "is it normal to still bleed 2 weeks after giving birth?"
THRUSH = "i think i have thrush, itchy and cottage cheese discharge"


def test_a_pregnant_user_asking_about_bleeding_after_birth_does_not_get_the_after_birth_topic() -> (
    None
):
    """A pregnant user asking about bleeding two weeks after birth is not shown lochia."""
    shown = _shown(AFTER_BIRTH, status="pregnant", weeks=30)
    assert "bleeding_after_birth_lochia" not in shown


def test_a_postpartum_user_asking_about_bleeding_after_birth_gets_the_after_birth_topic() -> None:
    """After birth, bleeding two weeks after giving birth gets the after-birth topic."""
    assert _topic(AFTER_BIRTH, status="postpartum") == "bleeding_after_birth_lochia"


def test_a_cycle_tracker_asking_about_thrush_gets_the_general_thrush_topic() -> None:
    """A cycle tracker asking about thrush gets the general topic, not the pregnancy one."""
    assert _topic(THRUSH, status="not_pregnant") == "itchy_vulva_not_pregnant"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "tengo candidiasis, picor y flujo blanco como requesón"),
        ("ru", "молочница, зуд и творожистые выделения"),
    ],
)
def test_a_cycle_tracker_asking_about_thrush_in_es_and_ru_gets_the_general_topic(
    lang: str, text: str
) -> None:
    """In Spanish and Russian too a cycle tracker's thrush question gets the general topic."""
    assert _topic(text, lang, status="not_pregnant") == "itchy_vulva_not_pregnant"


def test_a_pregnant_user_asking_about_thrush_gets_the_pregnancy_topic() -> None:
    """A pregnant user asking about thrush gets the pregnancy thrush topic."""
    assert _topic(THRUSH, status="pregnant", weeks=20) == "thrush_pregnancy"


def test_a_bereaved_user_asking_about_spotting_after_sex_gets_no_pregnancy_topic() -> None:
    """After a loss, spotting after sex is never answered with the pregnancy topic."""
    assert "bleeding_after_sex_pregnancy" not in _shown("spotting after sex", status="after_loss")


def test_a_pregnant_user_asking_about_egg_white_mucus_gets_no_cycle_topic() -> None:
    """A pregnant user asking about egg-white mucus is not shown the fertility topic."""
    shown = _shown("egg white mucus what does it mean", status="pregnant", weeks=10)
    assert "egg_white_mucus_fertile" not in shown


def test_a_pregnant_user_asking_about_bleeding_after_a_miscarriage_gets_no_after_loss_topic() -> (
    None
):
    """A pregnant user is never shown the after-loss topic."""
    shown = _shown("bleeding after a miscarriage", status="pregnant", weeks=8)
    assert "after_pregnancy_loss" not in shown


def test_with_an_unknown_stage_every_topic_fits() -> None:
    """With no status or weeks known, a topic for any stage fits."""
    assert all(fits_stage(topic, Stage()) for topic in load_faq(CONTENT_DIR, "en"))


def test_a_topic_for_everyone_fits_every_stage() -> None:
    """A topic that names no stages fits every status."""
    topic = next(t for t in load_faq(CONTENT_DIR, "en") if t.id == "what_is_cervical_mucus")
    assert topic.stages is None
    statuses = ("pregnant", "possibly_pregnant", "not_pregnant", "postpartum", "after_loss")
    assert all(fits_stage(topic, Stage(status)) for status in statuses)


def test_pregnancy_only_topics_never_fit_a_cycle_tracker_or_a_bereaved_user() -> None:
    """No topic only for pregnancy fits a cycle tracker, a new parent or a bereaved user."""
    pregnancy = {"pregnant", "possibly_pregnant"}
    for topic in load_faq(CONTENT_DIR, "en"):
        if topic.stages is not None and set(topic.stages) <= pregnancy:
            for status in ("not_pregnant", "postpartum", "after_loss"):
                assert not fits_stage(topic, Stage(status)), (topic.id, status)


def test_an_unknown_stage_name_is_rejected_by_the_content_check(content_copy: Path) -> None:
    """A topic naming a stage that is not a profile status fails the check, naming the file."""
    path = content_copy / "locales/en/faq/infections.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("stages: [pregnant,", "stages: [pregant,", 1), encoding="utf-8")
    assert any("infections.yaml" in p and "thrush_pregnancy" in p for p in _problems(content_copy))


def test_stages_that_differ_between_locales_are_rejected(content_copy: Path) -> None:
    """A topic whose stages differ in another locale fails the check, naming the topic."""
    path = content_copy / "locales/es/faq/stages.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("stages: [postpartum]", "stages: [postpartum, pregnant]", 1), encoding="utf-8"
    )
    assert any(
        "bleeding_after_birth_lochia" in p and "differ" in p for p in _problems(content_copy)
    )


#: The emergency-signs topic written for each life stage.
EMERGENCY_TOPIC = {
    "pregnant": "when_to_seek_emergency_help",
    "postpartum": "emergency_signs_after_birth",
    "after_loss": "emergency_signs_after_loss",
    "not_pregnant": "emergency_signs_not_pregnant",
}
WHEN_TO_CALL = {
    "en": "when should I call an ambulance",
    "es": "¿cuándo debo llamar a emergencias?",
    "ru": "когда вызывать скорую",
}


@pytest.mark.parametrize("lang", sorted(WHEN_TO_CALL))
@pytest.mark.parametrize("status", sorted(EMERGENCY_TOPIC))
def test_when_to_call_an_ambulance_gets_the_emergency_signs_of_the_persons_stage(
    lang: str, status: str
) -> None:
    """ "When should I call an ambulance" is answered with the emergency signs written for the
    person's own stage, in every language."""
    weeks = {"weeks": 30} if status == "pregnant" else {}
    assert _topic(WHEN_TO_CALL[lang], lang, status=status, **weeks) == EMERGENCY_TOPIC[status]


def test_each_emergency_signs_topic_fits_only_its_own_stage() -> None:
    """No stage's emergency-signs topic fits another stage (possibly pregnant shares the
    pregnancy one)."""
    topics = {t.id: t for t in load_faq(CONTENT_DIR, "en")}
    for status, topic_id in EMERGENCY_TOPIC.items():
        fitting = {s for s in EMERGENCY_TOPIC if fits_stage(topics[topic_id], Stage(s))}
        assert fitting == {status}, topic_id


STI_QUESTIONS = [
    ("could I have chlamydia? new partner and weird discharge", "chlamydia_gonorrhoea_pregnancy"),
    ("sores on my labia, is it herpes", "genital_herpes_pregnancy"),
]


@pytest.mark.parametrize("status", ["not_pregnant", "postpartum", "after_loss"])
@pytest.mark.parametrize(("text", "topic_id"), STI_QUESTIONS)
def test_an_sti_question_outside_pregnancy_gets_the_answer_without_pregnancy_words(
    text: str, topic_id: str, status: str
) -> None:
    """Chlamydia and herpes questions are answered at every stage, and outside pregnancy the
    answer says nothing of pregnancy, a midwife or the baby."""
    assert _topic(text, status=status) == topic_id
    catalog = Catalog.load(CONTENT_DIR)
    topic = catalog.topic("en", topic_id)
    assert topic is not None and topic.urgency_note is not None
    place = catalog.place("IE")
    said = [
        catalog.fill("en", text, place=place, stage=status)
        for text in (topic.answer, topic.urgency_note)
    ]
    assert not any(word in " ".join(said).lower() for word in ("pregnan", "midwife", "baby"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("What are the danger signs after giving birth", "en"),
        ("¿Cuáles son las señales de peligro después de dar a luz?", "es"),
        ("Какие опасные признаки после родов?", "ru"),
    ],
)
def test_danger_signs_after_birth_with_an_unknown_stage_get_the_after_birth_signs(
    text: str, lang: str
) -> None:
    """Asking for the danger signs after a birth, with no stage known, is a question answered
    with the after-birth emergency signs (not read as out of scope)."""
    assert _topic(text, lang) == "emergency_signs_after_birth"
