"""The chart's words stay inside the picture: a long footnote, long row labels and the last
date label leave the picture's edges blank, in every language."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from bot.catalog.catalog import Catalog
from bot.reports import CHART_FIELDS, ChartInput, ChartPoint, ChartWords
from bot.reports.chart import render_chart

EDGE = 3  # pixels along each side that must stay background


def words(catalog: Catalog, locale: str) -> ChartWords:
    t = catalog.texts[locale].text
    return ChartWords(
        title=t("chart.title", range=t("date.range", first=START, last=END)),
        panels={p: t(f"chart.panel.{p}") for p in ("level", *CHART_FIELDS)},
        levels={lv: t(f"chart.level.{lv}") for lv in catalog.vocab.urgency_levels},
        options={
            f: {o: t(f"chart.opt.{f}.{o}") for o in catalog.vocab.fields[f].options}
            for f in CHART_FIELDS
        },
        no_answers=t("chart.no_answers"),
        footnote=t("chart.footnote"),
    )


START = dt.date(2026, 5, 25)
END = dt.date(2026, 5, 31)


def chart(catalog: Catalog, locale: str, *, wide: bool) -> Image.Image:
    """A week of check-ins whose last date label falls on the last day, with every option."""
    t = catalog.texts[locale].text
    days = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]
    colours = catalog.vocab.fields["colour"].options
    textures = catalog.vocab.fields["consistency"].options
    points = [
        ChartPoint(
            day=d,
            level="urgent" if i % 3 == 0 else "normal",
            colour=colours[i % len(colours)],
            consistency=textures[i % len(textures)],
            amount="usual",
        )
        for i, d in enumerate(days)
    ]
    data = ChartInput(
        start=START,
        end=END,
        points=points,
        day_labels={d: t("date.short", when=d) for d in days},
        stage_labels={d: t("chart.cycle_day", day=14 + i) for i, d in enumerate(days)},
        words=words(catalog, locale),
    )
    return Image.open(io.BytesIO(render_chart(data, wide=wide))).convert("L")


def edges_blank(image: Image.Image) -> bool:
    """True when every pixel within EDGE of the border is near white."""
    width, height = image.size
    strips = [
        (0, 0, EDGE, height),
        (width - EDGE, 0, width, height),
        (0, 0, width, EDGE),
        (0, height - EDGE, width, height),
    ]
    return all(min(image.crop(box).tobytes()) > 230 for box in strips)


@pytest.mark.parametrize("locale", ["en", "es", "ru"])
@pytest.mark.parametrize("wide", [False, True])
def test_the_charts_words_stay_inside_the_picture(
    catalog: Catalog, locale: str, wide: bool
) -> None:
    """No label, title or footnote touches the picture's edges."""
    assert edges_blank(chart(catalog, locale, wide=wide))
