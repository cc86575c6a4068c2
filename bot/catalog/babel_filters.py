"""Jinja2 filters that word dates, times, numbers, units and plurals the way each language
does, from CLDR through Babel, so no locale keeps hand-made month tables or "дн." shortcuts.

In a string or template of locale ``ru``:
``{{ day | date("yMMMd") }}`` gives "3 июн. 2026 г." (a CLDR date skeleton),
``{{ first | date_range(last) }}`` "2—31 мая 2026 г." (CLDR's interval format),
``{{ at | time }}`` "14:05", ``{{ n | number }}`` "4 096",
``{{ days | unit("duration-day") }}`` "3 дня" (``length="short"`` gives "3 дн."),
``{{ n | plural(one="отметка", few="отметки", many="отметок", other="отметки") }}`` the form
CLDR's plural rules pick for ``n`` ("other" when the language has no such category),
``{{ tz | zone }}`` "Мадрид" for "Europe/Madrid" (``bot.catalog.zone_names.zone_name``).
"""

from __future__ import annotations

import datetime as dt

import jinja2
from babel import Locale
from babel.dates import format_interval, format_skeleton, format_time
from babel.numbers import format_decimal
from babel.units import format_unit

from bot.catalog.zone_names import zone_name


def install(env: jinja2.Environment, locale: str) -> None:
    """Add the filters, worded in ``locale``, to ``env``."""
    cldr = Locale.parse(locale)

    def date(value: dt.date, skeleton: str = "yMMMd") -> str:
        return str(format_skeleton(skeleton, value, locale=cldr))

    def date_range(first: dt.date, last: dt.date, skeleton: str = "yMMMd") -> str:
        return str(format_interval(first, last, skeleton, locale=cldr))

    def time(value: dt.time | dt.datetime) -> str:
        return str(format_time(value, "short", locale=cldr))

    def number(value: int | float) -> str:
        return str(format_decimal(value, locale=cldr))

    def unit(value: int | float, name: str, length: str = "long") -> str:
        return str(format_unit(value, name, length=length, locale=cldr))  # type: ignore[arg-type]

    def plural(value: int | float, **forms: str) -> str:
        category = cldr.plural_form(value)
        if category in forms:
            return forms[category]
        if "other" in forms:
            return forms["other"]
        raise jinja2.TemplateRuntimeError(f"plural: no form for {category!r} or 'other'")

    def zone(value: str) -> str:
        return zone_name(value, cldr)

    env.filters.update(
        date=date,
        date_range=date_range,
        time=time,
        number=number,
        unit=unit,
        plural=plural,
        zone=zone,
    )
