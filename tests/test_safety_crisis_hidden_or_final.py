"""Specification of crisis messages said without the rules' first words, in en, es and ru:
self-harm started again or hidden under clothes, a goodbye said with a plan or not understood,
a means at hand with an apology or a goodbye, not waking said not to matter, and a neck or a
throat squeezed by a partner; and of their look-alikes: an itch scratched, a pet's scratches,
stretch marks covered, a goodbye at an airport or a birth plan, pills asked about, a feed or an
alarm slept through, a baby who hugs a neck, a stiff neck."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("been cutting my thighs again, wearing long sleeves and leggings so he doesnt see", "en"),
        ("i keep scratching my arms till they bleed and cover it with long sleeves", "en"),
        ("burning my wrist again, hiding it with bracelets", "en"),
        ("me volví a rascar las piernas hasta sangrar, lo escondo con leggins", "es"),
        ("me estoy arañando los brazos otra vez y lo tapo con mangas largas", "es"),
        ("me corto los muslos y uso pantalones para que nadie vea", "es"),
        ("опять расчёсываю ноги до крови и прячу под лосинами", "ru"),
        ("царапаю руки, ношу длинные рукава чтобы никто не видел", "ru"),
        ("снова режу бёдра, прячу под штанами от мужа", "ru"),
    ],
)
def test_self_harm_again_or_hidden_is_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Self-harm started again or hidden under clothes gets the crisis reply (M3, E11)."""
    result = rules_only.screen(text, lang)
    assert "thoughts_of_harm" in result.crisis
    assert result.level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("scratching my legs again, the itch is unbearable at night", "en"),
        ("my cat scratches my arms, i hide them under long sleeves", "en"),
        ("hiding my stretch marks under leggings, do they fade?", "en"),
        ("covering my c-section scar with high waisted leggings", "en"),
        ("me rasco las piernas otra vez, me pica muchísimo por la noche", "es"),
        ("mi gato me arañó los brazos, lo tapo con mangas largas", "es"),
        ("escondo las estrías con leggins, ¿se van?", "es"),
        ("опять расчёсываю ноги, чешется ужасно по ночам", "ru"),
        ("кот расцарапал руки, прячу под рукавами", "ru"),
        ("прячу растяжки под лосинами, они пройдут?", "ru"),
    ],
)
def test_an_itch_a_pet_or_marks_covered_is_no_self_harm(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """An itch scratched, a pet's scratches or stretch marks covered are no crisis."""
    assert not rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("said my goodbyes to everyone today. i have a plan and i'm calm now", "en"),
        ("i hugged my sister goodbye, she has no idea it was the last time", "en"),
        ("the tablets are lined up in front of me. sorry for everything", "en"),
        ("tell the kids i loved them. i cant go on anymore", "en"),
        ("ya me despedí de todos, lo tengo todo planeado", "es"),
        ("me despedí de mi hermana y no entendió lo que quise decir, tengo un plan", "es"),
        ("las pastillas están delante de mí, perdón a todos", "es"),
        ("со всеми попрощалась, всё продумала", "ru"),
        ("попрощалась с сестрой, она не поняла, что навсегда. у меня есть план", "ru"),
        ("таблетки лежат рядом, простите меня все", "ru"),
    ],
)
def test_a_goodbye_with_a_plan_or_a_means_at_hand_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A goodbye said with a plan, or a means at hand with an apology, is an emergency (E11)."""
    result = rules_only.screen(text, lang)
    assert "thoughts_of_harm" in result.crisis
    assert result.level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("said goodbye to my mum at the airport, we have a plan for the birth", "en"),
        (
            "my iron pills are next to the bed, sorry if this is dumb, can i take them with tea",
            "en",
        ),
        ("tell my husband sorry i cant make the scan, can i rebook?", "en"),
        ("said bye to my midwife today, we made a birth plan", "en"),
        ("me despedí de mi madre en el aeropuerto, tenemos un plan para el parto", "es"),
        ("las pastillas de hierro están al lado de la cama, ¿puedo tomarlas con café?", "es"),
        ("dile a mi marido que lo siento pero ya no puedo ir a la eco, ¿cambio la cita?", "es"),
        ("попрощалась с мамой в аэропорту, у нас есть план на роды", "ru"),
        ("таблетки железа лежат рядом с кроватью, можно пить с чаем?", "ru"),
        ("передайте врачу, прости что опоздала, можно перенести приём?", "ru"),
    ],
)
def test_a_goodbye_at_a_trip_or_pills_asked_about_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A goodbye on a trip, a birth plan, or pills kept by the bed and asked about are no crisis."""
    assert not rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("if i didnt wake up tomorrow it wouldnt matter to anyone", "en"),
        ("honestly if i never woke up nobody would notice", "en"),
        ("wouldnt even mind if i didnt wake up tomorrow", "en"),
        ("si no despertara mañana nadie lo notaría", "es"),
        ("si no amanezco mañana da igual", "es"),
        ("todo me da igual, si no me despierto mañana tampoco importa", "es"),
        ("если я завтра не проснусь, никто не заметит", "ru"),
        ("если мне завтра не проснуться, ничего не изменится", "ru"),
        ("хочется уснуть на годик или навсегда", "ru"),
    ],
)
def test_not_waking_said_not_to_matter_is_a_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Not waking up said not to matter, or a wish to sleep for ever, gets the crisis reply (M3)."""
    assert "thoughts_of_harm" in rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("if i dont wake up for the 3am feed can my husband do it?", "en"),
        ("what if i dont wake up when the baby cries, i sleep so deep", "en"),
        ("si no me despierto con la alarma, ¿pasa algo si el bebé duerme 8 horas?", "es"),
        ("si no me despierto para la toma de las 3, ¿mi marido puede darle biberón?", "es"),
        ("если я не проснусь на кормление, муж покормит из бутылочки?", "ru"),
        ("вот бы уснуть и проспать до обеда, малыш наконец спит", "ru"),
        ("если не проснусь к будильнику, муж разбудит", "ru"),
    ],
)
def test_a_feed_or_an_alarm_slept_through_is_no_crisis(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """Sleeping through a feed or an alarm, or a wish for a lie-in, is no crisis."""
    assert not rules_only.screen(text, lang).crisis


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("my partner put his hands round my neck till i couldnt breathe", "en"),
        ("he squeezed my neck so hard i saw stars, hes coming home at 6", "en"),
        ("he grabbed me by the throat and pinned me to the wall", "en"),
        ("mi novio me apretó el cuello hasta que no podía respirar", "es"),
        ("me tomó de la garganta y me estampó contra la pared", "es"),
        ("mi marido me agarró del cuello otra vez anoche", "es"),
        ("муж сдавил мне шею, я не могла дышать", "ru"),
        ("вчера он взял меня за шею и прижал к стене", "ru"),
        ("парень схватил за горло, когда я сказала что уйду", "ru"),
    ],
)
def test_a_neck_squeezed_by_a_partner_is_abuse_in_danger(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A neck or a throat grabbed or squeezed by a partner is abuse in danger (M2, emergency)."""
    result = rules_only.screen(text, lang)
    assert "abuse_danger" in result.crisis
    assert result.level == "emergency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the baby grabbed me by the neck and wont let go lol", "en"),
        ("my toddler hugs me round the neck so tight", "en"),
        ("i slept funny and my neck hurts when i turn", "en"),
        ("el bebé me agarra del cuello cuando le doy teta", "es"),
        ("me duele el cuello de dormir mal", "es"),
        ("mi perro me agarró la bufanda del cuello jugando", "es"),
        ("малыш схватил меня за шею и не отпускает, так мило", "ru"),
        ("продуло шею, болит горло", "ru"),
        ("сын обнимает меня за шею перед сном", "ru"),
    ],
)
def test_a_baby_hugging_a_neck_or_a_stiff_neck_is_no_abuse(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A baby or a pet holding a neck, or a stiff or sore neck, is no crisis."""
    assert not rules_only.screen(text, lang).crisis
