"""Handler tests: a pregnant user, a user after a birth, a user after a loss and a cycle tracker
in each language, each in another country, through onboarding, a check-in and two free-text
questions (the real PTB Application, process_update, a fake request at the wire; the clock is
2026-06-01). Each sees the options of their stage and their own country's numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.services.safety_reply import Stage, fits_stage
from tests.conftest import Wired
from tests.test_handlers_flow import press, stored_doc
from tests.test_handlers_flow import send as send_as


@dataclass(frozen=True)
class Person:
    """One user: language, stage, country, and what they type and ask."""

    lang: str
    status: str
    country: str
    numbers: tuple[str, ...]  # the country's emergency numbers, as the bot names them
    typed: str  # the weeks, or the day of the birth, loss or period
    question: str  # a question about their own stage
    topic: str  # the FAQ topic that answers it
    when_to_call: str  # "when should I call an ambulance", in their language

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.status}-{self.country}"


WHEN_TO_CALL = {
    "en": "when should I call an ambulance",
    "es": "¿cuándo debo llamar a emergencias?",
    "ru": "когда вызывать скорую",
}
#: What a baby is called in the thoughts-of-harm option, and the labour ward of the call to
#: action, in each language.
BABY = {"en": "baby", "es": "bebé", "ru": "малыш"}
LABOUR_WARD = {"en": "labour ward", "es": "sala de partos", "ru": "родильное отделение"}
STAGE_QUESTIONS = {
    ("en", "pregnant"): ("is more discharge normal in pregnancy", "normal_discharge_pregnancy"),
    ("en", "postpartum"): (
        "is it normal to still bleed 2 weeks after giving birth",
        "bleeding_after_birth_lochia",
    ),
    ("en", "after_loss"): ("how long will I bleed after my miscarriage", "after_pregnancy_loss"),
    ("en", "not_pregnant"): ("what does egg white mucus mean", "egg_white_mucus_fertile"),
    ("es", "pregnant"): (
        "¿es normal tener más flujo en el embarazo?",
        "normal_discharge_pregnancy",
    ),
    ("es", "postpartum"): (
        "¿es normal sangrar 2 semanas después del parto?",
        "bleeding_after_birth_lochia",
    ),
    ("es", "after_loss"): (
        "¿cuánto tiempo sangraré después del aborto espontáneo?",
        "after_pregnancy_loss",
    ),
    ("es", "not_pregnant"): (
        "¿qué significa el moco como clara de huevo?",
        "egg_white_mucus_fertile",
    ),
    ("ru", "pregnant"): (
        "нормально ли больше выделений при беременности",
        "normal_discharge_pregnancy",
    ),
    ("ru", "postpartum"): (
        "нормально ли кровить через 2 недели после родов",
        "bleeding_after_birth_lochia",
    ),
    ("ru", "after_loss"): (
        "сколько будут идти кровянистые выделения после выкидыша",
        "after_pregnancy_loss",
    ),
    ("ru", "not_pregnant"): ("что значит слизь как яичный белок", "egg_white_mucus_fertile"),
}
#: What each stage types after choosing it: 30 weeks; a birth 10 days ago; a loss 5 days ago;
#: a period that started 13 days ago (cycle day 13).
TYPED = {
    "pregnant": "30",
    "postpartum": "2026-05-22",
    "after_loss": "2026-05-27",
    "not_pregnant": "2026-05-20",
}
KNOWN = {
    "pregnant": ("weeks", 30),
    "postpartum": ("days_since_end", 10),
    "after_loss": ("days_since_end", 5),
    "not_pregnant": ("cycle_day", 13),
}
COUNTRIES = {
    ("en", "pregnant"): ("GB", ("999", "112")),
    ("en", "postpartum"): ("US", ("911",)),
    ("en", "after_loss"): ("AU", ("000",)),
    ("en", "not_pregnant"): ("IE", ("112", "999")),
    ("es", "pregnant"): ("MX", ("911",)),
    ("es", "postpartum"): ("ES", ("112",)),
    ("es", "after_loss"): ("AR", ("107", "911")),
    ("es", "not_pregnant"): ("CO", ("123",)),
    ("ru", "pregnant"): ("RU", ("112", "103")),
    ("ru", "postpartum"): ("KZ", ("112", "103")),
    ("ru", "after_loss"): ("KG", ("103",)),
    ("ru", "not_pregnant"): ("UA", ("103", "112")),
}
PEOPLE = [
    Person(
        lang,
        status,
        country,
        numbers,
        TYPED[status],
        *STAGE_QUESTIONS[lang, status],
        WHEN_TO_CALL[lang],
    )
    for (lang, status), (country, numbers) in COUNTRIES.items()
]
each_person = pytest.mark.parametrize("person", PEOPLE, ids=[p.id for p in PEOPLE])


async def send(w: Wired, person: Person, text: str) -> None:
    await send_as(w, text, language_code=person.lang)


async def tap(w: Wired, person: Person, data: str) -> None:
    await press(w, data, language_code=person.lang)


async def onboard(w: Wired, person: Person) -> None:
    """/start, consent, the stage, what the stage asks (typed), and the country's button."""
    await send(w, person, "/start")
    await tap(w, person, "ob:consent")
    await tap(w, person, f"ob:status:{person.status}")
    if person.status == "pregnant":
        await tap(w, person, "ob:weeks")
    await send(w, person, person.typed)
    w.wire.clear()  # what the country's button is answered with is read by the tests
    await tap(w, person, f"ob:country:{person.country}")


async def asks_and_gets_topic(w: Wired, person: Person, text: str, topic_id: str) -> None:
    """Onboard ``person``, send ``text`` and check that the last reply is ``topic_id``'s answer."""
    await onboard(w, person)
    w.wire.clear()
    await send(w, person, text)
    topic = w.core.catalog.topic(person.lang, topic_id)
    assert topic is not None
    assert w.wire.texts()[-1].startswith(f"<b>{topic.title}</b>")


def danger_options(w: Wired) -> dict[str, str]:
    """The danger-sign options now shown: option id -> label."""
    return {
        data.rsplit(":", 1)[1]: label
        for label, data in w.wire.last_buttons()
        if ":t:danger_signs:" in data
    }


@each_person
async def test_onboarding_ends_naming_the_countrys_emergency_numbers(
    wired: Wired, person: Person
) -> None:
    """The end of onboarding names the user's own emergency numbers and stores the stage."""
    await onboard(wired, person)
    done = "\n".join(wired.wire.texts())
    assert all(number in done for number in person.numbers)
    profile = (await stored_doc(wired))["profile"]
    assert (profile["status"], profile["country"]) == (person.status, person.country)


@each_person
async def test_the_danger_screen_fits_the_stage(wired: Wired, person: Person) -> None:
    """Cord and baby's head are offered only in pregnancy (30 weeks); the thoughts-of-harm
    option names a baby only in pregnancy or after a birth."""
    await onboard(wired, person)
    await send(wired, person, "/checkin")
    options = danger_options(wired)
    pregnant = person.status == "pregnant"
    assert ("cord_felt_or_seen" in options) is pregnant
    assert ("urge_to_push_or_head_visible" in options) is pregnant
    with_baby = person.status in ("pregnant", "postpartum")
    assert (BABY[person.lang] in options["thoughts_of_harm"].lower()) is with_baby


@each_person
async def test_heavy_bleeding_in_the_checkin_calls_the_countrys_number(
    wired: Wired, person: Person
) -> None:
    """Heavy bleeding is an emergency whose first line names the country's numbers (a labour
    ward only in pregnancy); the check-in stores the stage's known number with it."""
    await onboard(wired, person)
    await send(wired, person, "/checkin")
    heavy = next(d for _, d in wired.wire.last_buttons() if d.endswith(":heavy_bleeding"))
    await tap(wired, person, heavy)
    first_line = wired.wire.texts()[-1].split("\n")[0]
    assert first_line.startswith("🚨")
    assert all(number in first_line for number in person.numbers)
    assert (LABOUR_WARD[person.lang] in first_line) is (person.status == "pregnant")
    [checkin] = (await stored_doc(wired))["checkins"]
    field, value = KNOWN[person.status]
    assert checkin["level"] == "emergency" and checkin["answers"][field] == value


@each_person
async def test_a_question_about_the_stage_gets_that_stages_answer(
    wired: Wired, person: Person
) -> None:
    """A typical question of the stage is answered with the topic written for that stage."""
    await asks_and_gets_topic(wired, person, person.question, person.topic)


@each_person
async def test_when_to_call_an_ambulance_names_the_countrys_numbers(
    wired: Wired, person: Person
) -> None:
    """ "When should I call an ambulance" is answered with the country's numbers and, outside
    the UK, no UK number or service."""
    await onboard(wired, person)
    wired.wire.clear()
    await send(wired, person, person.when_to_call)
    answer = wired.wire.texts()[-1]
    assert all(number in answer for number in person.numbers)
    if "999" not in person.numbers:
        assert "999" not in answer and "NHS 111" not in answer


#: The emergency-signs topic written for each life stage.
EMERGENCY_TOPIC = {
    "pregnant": "when_to_seek_emergency_help",
    "postpartum": "emergency_signs_after_birth",
    "after_loss": "emergency_signs_after_loss",
    "not_pregnant": "emergency_signs_not_pregnant",
}


@each_person
async def test_when_to_call_an_ambulance_gets_the_emergency_signs_of_the_stage(
    wired: Wired, person: Person
) -> None:
    """ "When should I call an ambulance" is answered with the emergency signs written for the
    person's stage, never another stage's list."""
    await onboard(wired, person)
    wired.wire.clear()
    await send(wired, person, person.when_to_call)
    topic = wired.core.catalog.topic(person.lang, EMERGENCY_TOPIC[person.status])
    assert topic is not None
    assert wired.wire.texts()[-1].startswith(f"<b>{topic.title}</b>")


#: How the heavy-bleeding explanation says "in pregnancy", in each language.
IN_PREGNANCY = {"en": "In pregnancy", "es": "En el embarazo", "ru": "При беременности"}


@each_person
async def test_the_heavy_bleeding_explanation_speaks_of_pregnancy_only_in_pregnancy(
    wired: Wired, person: Person
) -> None:
    """The check-in's explanation of heavy bleeding says "in pregnancy ... miscarriage" only to a
    pregnant user; after a birth, after a loss and in the cycle it fits that stage."""
    await onboard(wired, person)
    await send(wired, person, "/checkin")
    heavy = next(d for _, d in wired.wire.last_buttons() if d.endswith(":heavy_bleeding"))
    await tap(wired, person, heavy)
    outcome = wired.wire.texts()[-1]
    assert (IN_PREGNANCY[person.lang] in outcome) is (person.status == "pregnant")


#: How "miscarriage" is written in each language.
MISCARRIAGE = {"en": "miscarriage", "es": "aborto espontáneo", "ru": "выкидыш"}


@each_person
async def test_the_passed_tissue_explanation_names_a_miscarriage_only_where_one_could_be(
    wired: Wired, person: Person
) -> None:
    """After a birth or a loss, "passed tissue" is explained without calling it a possible
    miscarriage; in pregnancy and in the cycle (a pregnancy not yet known) it names one."""
    await onboard(wired, person)
    await send(wired, person, "/checkin")
    tissue = next(d for _, d in wired.wire.last_buttons() if d.endswith(":tissue_passed"))
    await tap(wired, person, tissue)
    outcome = re.sub(r"<a [^>]*>", "", wired.wire.texts()[-1])  # the links' addresses
    assert outcome.startswith("🚨")
    named = MISCARRIAGE[person.lang] in outcome
    assert named is (person.status in ("pregnant", "not_pregnant"))


@each_person
async def test_heavy_bleeding_in_the_checkin_offers_the_topics_of_the_stage(
    wired: Wired, person: Person
) -> None:
    """After heavy bleeding in a check-in the topics offered are the stage's own emergency signs,
    never the pregnancy list or the signs of a miscarriage outside pregnancy."""
    await onboard(wired, person)
    await send(wired, person, "/checkin")
    heavy = next(d for _, d in wired.wire.last_buttons() if d.endswith(":heavy_bleeding"))
    await tap(wired, person, heavy)
    offered = {d.removeprefix("faq:") for _, d in wired.wire.last_buttons() if d.startswith("faq:")}
    assert EMERGENCY_TOPIC[person.status] in offered
    pregnancy_only = {"when_to_seek_emergency_help", "miscarriage_signs"}
    assert bool(offered & pregnancy_only) is (person.status == "pregnant")


@each_person
async def test_the_related_topics_under_an_answer_fit_the_stage(
    wired: Wired, person: Person
) -> None:
    """The related topics offered under an FAQ answer are all for the person's stage."""
    await onboard(wired, person)
    wired.wire.clear()
    await send(wired, person, person.question)
    catalog = wired.core.catalog
    stage = Stage(person.status, 30 if person.status == "pregnant" else None)
    related = [d.removeprefix("faq:") for _, d in wired.wire.last_buttons() if d.startswith("faq:")]
    topics = [catalog.topic(person.lang, topic_id) for topic_id in related]
    assert related and all(t is not None and fits_stage(t, stage) for t in topics)


AFTER_LOSS = [p for p in PEOPLE if p.status == "after_loss"]


@pytest.mark.parametrize("person", AFTER_LOSS, ids=[p.id for p in AFTER_LOSS])
async def test_the_after_loss_answer_names_no_uk_charity_outside_the_uk(
    wired: Wired, person: Person
) -> None:
    """A bereaved user outside the UK asking about bleeding after the loss reads a general line
    about support near them, not the UK's loss charity helplines."""
    await onboard(wired, person)
    wired.wire.clear()
    await send(wired, person, person.question)
    answer = wired.wire.texts()[-1]
    place = wired.core.catalog.place(person.country)
    assert wired.core.catalog.t(person.lang, "where.loss_support", place=place) in answer
    # The charities' pages may stay among the sources; their helplines are not offered.
    assert "01924 200799" not in answer and "0808 164 3332" not in answer


WITH_BABY_IN_SPANISH = [
    p for p in PEOPLE if p.lang == "es" and p.status in ("pregnant", "postpartum")
]


@pytest.mark.parametrize("text", ["😭😭", "ya no quiero vivir"])
@pytest.mark.parametrize("person", WITH_BABY_IN_SPANISH, ids=[p.id for p in WITH_BABY_IN_SPANISH])
async def test_the_spanish_kind_and_crisis_replies_use_no_vosotros_forms(
    wired: Wired, person: Person, text: str
) -> None:
    """The reply to crying and the crisis reply speak of "you and your baby" in words read
    the same in Spain and in Latin America, never Spain's "podéis" or "ayudaros"."""
    await onboard(wired, person)
    wired.wire.clear()
    await send(wired, person, text)
    replies = " ".join(wired.wire.texts())
    assert "bebé" in replies
    assert not re.search(r"\b(podéis|ayudaros)\b", replies)
