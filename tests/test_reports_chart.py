"""The history chart: a phone-width PNG drawn from the fixture history, in any script, with
at most six date ticks that fall on whole pregnancy weeks.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import pytest

from bot.catalog.catalog import Catalog
from bot.domain.pregnancy import PREGNANCY_DAYS, weeks_from_due_date
from bot.reports import CHART_FIELDS, ChartInput, ChartPoint, ChartWords
from bot.reports.chart import MAX_TICKS, _tick_offsets, render_chart

FIXTURE = Path(__file__).parent / "data" / "history-fixture.json"
END = dt.date(2026, 6, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def english_words(catalog: Catalog) -> ChartWords:
    t = catalog.texts["en"].text
    return ChartWords(
        title="Your check-ins",
        panels={p: t(f"chart.panel.{p}") for p in ("level", *CHART_FIELDS)},
        levels={lv: t(f"chart.level.{lv}") for lv in catalog.vocab.urgency_levels},
        options={
            f: {o: t(f"chart.opt.{f}.{o}") for o in catalog.vocab.fields[f].options}
            for f in CHART_FIELDS
        },
        no_answers=t("chart.no_answers"),
        footnote=t("chart.footnote"),
    )


def fixture_chart(words: ChartWords, days: int = 30, *, empty: bool = False) -> ChartInput:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    due = dt.date.fromisoformat(doc["profile"]["due_date"])
    start = END - dt.timedelta(days=days - 1)
    points = [
        ChartPoint(
            day=dt.date.fromisoformat(c["local_date"]),
            level=c["level"],
            **{f: c["answers"].get(f) for f in CHART_FIELDS},
        )
        for c in doc["checkins"]
        if dt.date.fromisoformat(c["local_date"]) >= start and not empty
    ]
    span = [start + dt.timedelta(days=i) for i in range(days)]
    return ChartInput(
        start=start,
        end=END,
        points=points,
        day_labels={d: f"{d.day}.{d.month}" for d in span},
        stage_labels={d: f"wk {weeks_from_due_date(due, d)}" for d in span},
        words=words,
        week_anchor=due - dt.timedelta(days=PREGNANCY_DAYS),
    )


@pytest.fixture(scope="module")
def phone_png(catalog: Catalog) -> bytes:
    """The last 30 days of the fixture, drawn once for the tests that only look at the file."""
    return render_chart(fixture_chart(english_words(catalog)))


def test_chart_is_a_phone_width_png(phone_png: bytes) -> None:
    """The chart is a real PNG, 1080 px wide and taller than wide, with plenty drawn in it."""
    assert phone_png.startswith(PNG_SIGNATURE)
    width, height = png_size(phone_png)
    assert width == 1080 and height > width
    assert len(phone_png) > 20_000


def test_wide_chart_for_the_pdf_is_1500_px(catalog: Catalog) -> None:
    """The page version of the chart is wider (1500 px) and flatter."""
    width, height = png_size(render_chart(fixture_chart(english_words(catalog), 43), wide=True))
    assert width == 1500 and height < 1.2 * width


def test_chart_of_a_period_without_check_ins_still_draws(catalog: Catalog) -> None:
    """An empty period gives a valid picture saying there were no answers."""
    png = render_chart(fixture_chart(english_words(catalog), empty=True))
    assert png.startswith(PNG_SIGNATURE) and png_size(png)[0] == 1080


def test_cyrillic_and_accented_labels_draw_without_missing_glyphs() -> None:
    """Russian and French labels use glyphs the font has (no 'missing glyph' warning)."""
    words = ChartWords(
        title="Ваши отметки · Vos relevés",
        panels={"level": "Итог", "colour": "Цвет", "consistency": "Texture", "amount": "Quantité"},
        levels={"normal": "Норма", "urgent": "Срочно", "emergency": "Экстренно"},
        options={
            "colour": {"white": "Белый", "brown": "Коричневый", "clear": "Прозрачный"},
            "consistency": {"thin": "Fluide", "creamy": "Crémeuse", "jelly_like": "Gelée"},
            "amount": {"usual": "Обычно", "heavy": "Много"},
        },
        no_answers="Нет ответов",
        footnote="Сообщено самим пользователем; не диагноз.",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = render_chart(fixture_chart(words, 7))
    assert png.startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("days", [14, 30, 43, 90, 200, 300])
def test_at_most_six_ticks_on_whole_pregnancy_weeks(days: int) -> None:
    """Tick days are few enough to read and, in pregnancy, each is the first day of a week."""
    anchor = dt.date(2025, 11, 3)
    start = dt.date(2026, 6, 1) - dt.timedelta(days=days - 1)
    ticks = _tick_offsets(start, days, anchor)
    assert 1 <= len(ticks) <= MAX_TICKS
    assert all(((start + dt.timedelta(days=t)) - anchor).days % 7 == 0 for t in ticks)
    assert all(0 <= t < days for t in ticks)


@pytest.mark.parametrize("days", [1, 3, 6, 13])
def test_a_short_pregnancy_range_is_labelled_by_day(days: int) -> None:
    """Under two weeks there may be no week start in range, so ticks go by day from day one."""
    ticks = _tick_offsets(dt.date(2026, 6, 3), days, dt.date(2025, 11, 3))
    assert ticks[0] == 0 and len(ticks) <= MAX_TICKS


@pytest.mark.parametrize("days", [1, 5, 30, 90, 365, 700])
def test_ticks_without_a_pregnancy_cover_the_range(days: int) -> None:
    """Without a week anchor, ticks start on the first day and stay within six."""
    ticks = _tick_offsets(dt.date(2026, 1, 1), days, None)
    assert ticks[0] == 0 and len(ticks) <= MAX_TICKS
