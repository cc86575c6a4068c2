"""Specification of obstetric red flags said in everyday words, in en, es and ru: a cord felt as
something like a tube, a fit told as shaking and then not waking, too dizzy to stand with a spot,
sepsis with shivering said in other words, a pelvic infection worsening on antibiotics, sudden
knife-like pain on one side with a missed period or shoulder pain, first genital sores in the
third trimester, mid-trimester watery loss after earlier losses, and movements stopped since a
time with the baby not named; and of their look-alikes: a catheter or a tampon string, shaking
from cold or fear, dizziness on standing up fast, an infection treated long ago, a shoulder sore
from carrying, period-like cramps, a cold sore, a pet or a scale that does not move."""

from __future__ import annotations

import pytest

from bot.domain.safety import SafetyScreen


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("waters went and there's something like a tube hanging out", "en", "cord_prolapse"),
        ("after my water broke i touched something like a rope coming out", "en", "cord_prolapse"),
        ("se me rompió la fuente y algo como un tubo está colgando", "es", "cord_prolapse"),
        ("toqué abajo y hay como una cuerda saliendo, 37 semanas", "es", "cord_prolapse"),
        ("после вод что-то висит как веревка, 38 недель", "ru", "cord_prolapse"),
        ("отошли воды и там торчит какой-то шланг", "ru", "cord_prolapse"),
        (
            "my waters broke and i can feel a loop of something like a cord, 36 weeks",
            "en",
            "cord_prolapse",
        ),
        ("se rompió la bolsa y siento algo como una manguera saliendo", "es", "cord_prolapse"),
        ("после отхождения вод что-то свисает как шнурок", "ru", "cord_prolapse"),
        ("se puso gris y se deslizó por la pared, 30 semanas", "es", "fainting_collapse_or_fit"),
        (
            "mi mujer se desplomó en el suelo, 12 semanas y manchaba",
            "es",
            "fainting_collapse_or_fit",
        ),
        ("se cayó redonda, está embarazada de 8 semanas", "es", "fainting_collapse_or_fit"),
        ("parió hace 3 horas, la cama empapada y está gris", "es", "heavy_bleeding"),
        ("di a luz ayer, las sábanas empapadas y estoy pálida y mareada", "es", "heavy_bleeding"),
        ("la toalla empapada y me siento helada, parto hace 2 días", "es", "heavy_bleeding"),
        ("побледнела и сползла по стене, 30 недель", "ru", "fainting_collapse_or_fit"),
        ("жена осела на пол, 12 недель, мазало утром", "ru", "fainting_collapse_or_fit"),
        ("обмякла и сползла на пол, беременна", "ru", "fainting_collapse_or_fit"),
        ("родила 3 часа назад, кровать мокрая насквозь, она серая", "ru", "heavy_bleeding"),
        ("после родов простыни промокли, я бледная, голова кружится", "ru", "heavy_bleeding"),
        ("прокладка насквозь, я белая как стена, родила вчера", "ru", "heavy_bleeding"),
        ("baby born this morning, the bed is soaked and she looks grey", "en", "heavy_bleeding"),
        (
            "2 days after the birth, the sheets are drenched and i feel faint",
            "en",
            "heavy_bleeding",
        ),
        ("my wife's bleeding through the towel, baby is 1 day old", "en", "heavy_bleeding"),
        ("she went pale and slid down the wall, 30 weeks", "en", "fainting_collapse_or_fit"),
        (
            "my partner crumpled to the floor, shes 12 weeks and was spotting",
            "en",
            "fainting_collapse_or_fit",
        ),
        ("i slumped down onto the floor, too dizzy, 8 weeks", "en", "fainting_collapse_or_fit"),
        (
            "my partner had a seizure, shaking all over, now cant wake her properly",
            "en",
            "fainting_collapse_or_fit",
        ),
        ("convulsionó y no reacciona bien, 37 semanas", "es", "fainting_collapse_or_fit"),
        ("у жены были судороги, теперь не могу её разбудить", "ru", "fainting_collapse_or_fit"),
        ("bleeding a bit and too dizzy to stand up, 8 weeks", "en", "fainting_collapse_or_fit"),
        ("cramping and so lightheaded i cant stand, 6 weeks", "en", "fainting_collapse_or_fit"),
        (
            "sangrando poco pero muy mareada, no me puedo levantar, 8 semanas",
            "es",
            "fainting_collapse_or_fit",
        ),
        (
            "me duele la barriga y estoy tan mareada que no me tengo en pie",
            "es",
            "fainting_collapse_or_fit",
        ),
        (
            "тянет живот и голова кружится, встать не могу, 8 недель",
            "ru",
            "fainting_collapse_or_fit",
        ),
        (
            "немного кровит и так кружится голова, что не могу стоять",
            "ru",
            "fainting_collapse_or_fit",
        ),
        (
            "gave birth 4 days ago, shivering, skin blotchy and cold, talking nonsense",
            "en",
            "possible_sepsis",
        ),
        (
            "after my c section im shaking with chills and my skin looks mottled",
            "en",
            "possible_sepsis",
        ),
        ("cesárea hace 6 días, tiritones y la piel fría con manchas", "es", "possible_sepsis"),
        ("родила неделю назад, колотит, кожа холодная, путается в словах", "ru", "possible_sepsis"),
        ("после выкидыша знобит, дышать тяжело", "ru", "possible_sepsis"),
        (
            "being treated for pelvic inflammatory disease, worse tonight, cant walk and shivering",
            "en",
            "severe_pain",
        ),
        (
            "pid diagnosed tuesday, antibiotics, now in agony when i move and have a fever",
            "en",
            "severe_pain",
        ),
        (
            "me diagnosticaron epi, tomo antibióticos, ahora no puedo ni caminar y tengo fiebre",
            "es",
            "severe_pain",
        ),
        ("infección pélvica con antibióticos y hoy peor, tiritando", "es", "severe_pain"),
        (
            "лечу воспаление придатков антибиотиками, стало хуже, температура и трясёт",
            "ru",
            "severe_pain",
        ),
        ("воспаление в малом тазу, пью антибиотики, невозможно встать, озноб", "ru", "severe_pain"),
        ("positive test, suddenly a knife-like pain on the right side", "en", "severe_pain"),
        (
            "period is late, sharp stabbing pain on one side and my shoulder tip hurts",
            "en",
            "severe_pain",
        ),
        (
            "test positivo y de repente un dolor como una puñalada en el lado izquierdo",
            "es",
            "severe_pain",
        ),
        ("tengo un atraso y un dolor agudo en el costado derecho", "es", "severe_pain"),
        ("задержка неделю, внезапная боль слева, отдаёт в плечо", "ru", "severe_pain"),
        ("положительный тест, простреливает справа, адская боль", "ru", "severe_pain"),
        (
            "she was shaking all over and now she wont wake up properly, 35 weeks",
            "en",
            "fainting_collapse_or_fit",
        ),
        (
            "my wife jerked and went stiff and now isnt responding properly",
            "en",
            "fainting_collapse_or_fit",
        ),
        (
            "le dio un ataque, temblaba toda y ahora no despierta bien",
            "es",
            "fainting_collapse_or_fit",
        ),
        ("se sacudía toda, ahora no responde, 36 semanas", "es", "fainting_collapse_or_fit"),
        (
            "у неё был приступ, трясло всю, теперь не приходит в себя нормально",
            "ru",
            "fainting_collapse_or_fit",
        ),
        ("жену трясло судорогами, не просыпается, 36 недель", "ru", "fainting_collapse_or_fit"),
        ("spotting and so dizzy i cant stand, 7 weeks", "en", "fainting_collapse_or_fit"),
        (
            "manchando y tan mareada que no me puedo levantar, 7 semanas",
            "es",
            "fainting_collapse_or_fit",
        ),
        (
            "мажет коричневым, голова кружится так что встать не могу, 6 нед",
            "ru",
            "fainting_collapse_or_fit",
        ),
        (
            "parto hace 5 días, tiritando, la piel moteada y fría, está confundida",
            "es",
            "possible_sepsis",
        ),
        ("tiritona y no dice cosas con sentido tras la cesárea", "es", "possible_sepsis"),
        ("после кесарева колотит, кожа холодная в пятнах, путается", "ru", "possible_sepsis"),
        (
            "diagnosed with pid, on antibiotics, now it hurts to move and i'm shivering",
            "en",
            "severe_pain",
        ),
        (
            "tengo infección pélvica, con antibiótico, me duele al moverme y tengo escalofríos",
            "es",
            "severe_pain",
        ),
        (
            "воспаление придатков, антибиотики третий день, больно ходить и знобит",
            "ru",
            "severe_pain",
        ),
        (
            "missed period and a sudden stabbing pain on my left side, shoulder hurts",
            "en",
            "severe_pain",
        ),
        (
            "retraso y dolor punzante de repente en el lado derecho, me duele el hombro",
            "es",
            "severe_pain",
        ),
        ("тест положительный, вдруг резкая боль справа как ножом", "ru", "severe_pain"),
    ],
)
def test_an_emergency_said_in_everyday_words_is_an_emergency(
    rules_only: SafetyScreen, text: str, lang: str, reason: str
) -> None:
    """A cord, a fit, a collapse, sepsis, worse PID or E3 pain in plain words is an emergency."""
    result = rules_only.screen(text, lang)
    assert result.level == "emergency"
    assert reason in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the catheter tube is coming out after my c section, is that ok", "en"),
        ("tampon string hanging out, normal?", "en"),
        ("i was trembling with nerves before the scan, couldnt sleep", "en"),
        ("a bit dizzy when i stand up fast, 20 weeks", "en"),
        ("el cuadro se deslizó por la pared", "es"),
        ("la cama empapada de sudor, sudores nocturnos, me siento bien", "es"),
        ("se me cayó el móvil al suelo", "es"),
        ("плакат сполз по стене", "ru"),
        ("простыни мокрые от пота, ночью жарко", "ru"),
        ("кот осел на пол и уснул", "ru"),
        ("the bed is soaked with sweat, night sweats pp, feel fine otherwise", "en"),
        ("the poster slid down the wall lol", "en"),
        ("my phone slid down the back of the sofa", "en"),
        ("had pid years ago, antibiotics worked, feeling fine, any risk for ivf?", "en"),
        ("missed period, mild cramps on both sides like before a period", "en"),
        ("el tubo del suero se salió del brazo", "es"),
        ("la cuerda del tampón cuelga, ¿es normal?", "es"),
        ("me mareo un poco al levantarme rápido, 20 semanas", "es"),
        ("¿la infección pélvica se cura con antibiótico?", "es"),
        ("positivo y me duele el hombro izquierdo de cargar la mochila", "es"),
        ("tengo un retraso y cólicos leves como de regla", "es"),
        ("нитки от спирали торчат, нормально?", "ru"),
        ("катетер выпал после кесарева", "ru"),
        ("меня трясло от страха перед экзаменом, ночью не могла уснуть", "ru"),
        ("голова кружится когда резко встаю, 20 недель, нормально?", "ru"),
        ("было воспаление придатков в прошлом году, пролечили, можно планировать?", "ru"),
        ("тест положительный, плечо болит, таскала сумки", "ru"),
        ("задержка 3 дня, тянет внизу живота как перед месячными", "ru"),
    ],
)
def test_a_tube_shaking_dizziness_or_a_sore_shoulder_is_no_emergency(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A catheter or tampon string, nerves, a head rush, old PID or a sore shoulder is no flag."""
    assert rules_only.screen(text, lang).level is None


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        (
            "third trimester, small painful ulcers down there, never had them before",
            "en",
            "genital_sores_late_pregnancy",
        ),
        (
            "im in my third trimester and got painful blisters on my vulva",
            "en",
            "genital_sores_late_pregnancy",
        ),
        (
            "tercer trimestre y me salieron llaguitas dolorosas en la vulva",
            "es",
            "genital_sores_late_pregnancy",
        ),
        (
            "estoy en el tercer trimestre, ampollas en mis partes",
            "es",
            "genital_sores_late_pregnancy",
        ),
        (
            "третий триместр, появились болезненные язвочки на половых губах",
            "ru",
            "genital_sores_late_pregnancy",
        ),
        (
            "в третьем триместре высыпания пузырьками в интимной зоне",
            "ru",
            "genital_sores_late_pregnancy",
        ),
        (
            "20 weeks, lost two babies at this stage before, now lots of watery discharge",
            "en",
            "possible_preterm_labour",
        ),
        (
            "20 semanas, perdí un embarazo a esta altura, ahora flujo acuoso",
            "es",
            "possible_preterm_labour",
        ),
        (
            "19 недель, в прошлый раз потеряла на таком сроке, водянистые выделения",
            "ru",
            "possible_preterm_labour",
        ),
        ("hasnt moved since lunch, 34 weeks", "en", "reduced_fetal_movements"),
        ("not moved all afternoon and im 36 weeks", "en", "reduced_fetal_movements"),
        (
            "el 5 de abril. lo que me preocupa es que no se mueve desde la mañana",
            "es",
            "reduced_fetal_movements",
        ),
        ("no se ha movido desde anoche, 33 semanas", "es", "reduced_fetal_movements"),
        ("не шевелится с обеда, 33 недели", "ru", "reduced_fetal_movements"),
        (
            "31 weeks, first time ever painful sores on my labia",
            "en",
            "genital_sores_late_pregnancy",
        ),
        (
            "estoy en el tercer trimestre y me salieron llagas en la vagina",
            "es",
            "genital_sores_late_pregnancy",
        ),
        (
            "третий триместр, на половых губах язвочки, первый раз",
            "ru",
            "genital_sores_late_pregnancy",
        ),
        (
            "18 weeks, had a late miscarriage before, now new watery discharge and pressure",
            "en",
            "possible_preterm_labour",
        ),
        (
            "21 weeks, lost a baby at 20 weeks last year, jelly-like discharge today",
            "en",
            "possible_preterm_labour",
        ),
        (
            "19 semanas, tuve una pérdida tardía antes, ahora flujo acuoso nuevo",
            "es",
            "possible_preterm_labour",
        ),
        (
            "21 semanas, dos abortos antes a esta altura, hoy flujo gelatinoso",
            "es",
            "possible_preterm_labour",
        ),
        (
            "21 неделя, раньше был выкидыш на 20 неделе, сейчас водянистые выделения",
            "ru",
            "possible_preterm_labour",
        ),
        ("desde el desayuno no se mueve, 35 semanas", "es", "reduced_fetal_movements"),
        ("с утра не шевелится, 34 недели", "ru", "reduced_fetal_movements"),
        ("не толкается с вечера, 36 недель", "ru", "reduced_fetal_movements"),
        ("35 weeks and she hasnt kicked since breakfast", "en", "reduced_fetal_movements"),
    ],
)
def test_an_urgent_sign_in_everyday_words_is_urgent(
    rules_only: SafetyScreen, text: str, lang: str, reason: str
) -> None:
    """First sores late on, watery loss after late losses, or movements stopped is urgent."""
    result = rules_only.screen(text, lang)
    assert result.level in {"urgent", "emergency"}
    assert reason in result.flags


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("third trimester and a cold sore on my lip, safe to use cream?", "en"),
        ("third trimester, stretch marks and spots on my belly", "en"),
        ("my dog hasnt moved from the sofa all morning lol", "en"),
        ("tercer trimestre, tengo una llaga en la boca", "es"),
        ("mi perro no se mueve desde la mañana, ¿qué hago?", "es"),
        ("el peso no se mueve desde hace semanas", "es"),
        ("la cola no se mueve desde hace una hora", "es"),
        ("третий триместр, герпес на губе, чем мазать?", "ru"),
        ("22 недели, больше белых выделений чем раньше, это нормально?", "ru"),
    ],
)
def test_a_cold_sore_a_pet_or_a_stalled_scale_is_no_urgent_sign(
    rules_only: SafetyScreen, text: str, lang: str
) -> None:
    """A cold sore, a pet or a scale that does not move, or milky discharge is no red flag."""
    assert rules_only.screen(text, lang).level is None
