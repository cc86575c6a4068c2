"""Per-locale words: strings.yaml (keyed short texts) and templates/*.j2, rendered safely.

All text comes from packaged files; user-supplied text is only ever passed as a template
variable, with HTML autoescaping on (RELIABILITY S3, F7). Missing variables raise
(StrictUndefined) so a broken template is caught by the content check, not by a user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

from bot.catalog import babel_filters
from bot.catalog.files import ContentError, read_yaml
from bot.catalog.template_cache import LocaleBytecodeCache
from bot.domain.countries import UNKNOWN_PLACE

STRING_PREFIX = "strings/"
CONTENT_PREFIX = "content/"
# Anything Jinja would read as syntax: a string without it renders to itself.
_JINJA = re.compile(r"\{[{%#]")
CLDR_KEY = "meta.cldr_locale"  # e.g. "en_GB": how Babel words this locale's dates
#: Variables every string and template may read without their caller passing them: ``place``
#: (``bot.domain.countries.Place``, the user's country and emergency numbers; unknown unless
#: given) and ``stage`` (the user's life stage, a status id of the vocabulary; None when not
#: known). A template's ``t(...)`` passes them on to the strings it shows.
SHARED: dict[str, object] = {"place": UNKNOWN_PLACE, "stage": None}


def flatten(tree: object, prefix: str = "", where: str = "") -> dict[str, str]:
    """Turn nested YAML mappings into dotted keys; leaves must be strings."""
    if not isinstance(tree, dict):
        raise ContentError(f"{where}: expected a mapping")
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if not isinstance(key, str):
            raise ContentError(f"{where}: key {key!r} must be a string (quote yes/no)")
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{dotted}.", where))
        elif isinstance(value, str):
            flat[dotted] = value
        else:
            raise ContentError(f"{where}: {dotted}: expected text")
    return flat


def load_strings(locale_dir: Path) -> dict[str, str]:
    """strings.yaml plus any strings.<part>.yaml beside it, merged; a repeated key is an error."""
    files = [locale_dir / "strings.yaml", *sorted(locale_dir.glob("strings.*.yaml"))]
    merged: dict[str, str] = {}
    for path in files:
        for key, value in flatten(read_yaml(path), where=str(path)).items():
            if key in merged:
                raise ContentError(f"{path}: {key}: defined in more than one strings file")
            merged[key] = value
    return merged


def source_name(url: str) -> str:
    """A short readable name for a source link: its host without 'www.'."""
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url


def sources_once(reasons: Iterable[Any]) -> list[dict[str, str]]:
    """The source links of ``reasons`` as ``{"url", "name"}``, one per site, first seen first:
    a reply lists "tommys.org" once however many of its reasons cite Tommy's."""
    links: dict[str, str] = {}
    for reason in reasons:
        for url in reason.sources:
            links.setdefault(source_name(url), url)
    return [{"url": url, "name": name} for name, url in links.items()]


class LocaleTexts:
    """The strings and templates of one locale, with a Jinja2 environment over them."""

    def __init__(self, locale: str, locale_dir: Path, fallback: LocaleTexts | None = None) -> None:
        self.locale = locale
        self.strings = load_strings(locale_dir)
        self.template_names = sorted(
            p.name for p in (locale_dir / "templates").glob("*.j2") if p.is_file()
        )
        self._fallback = fallback
        sources = {STRING_PREFIX + k: v for k, v in self.strings.items()}
        # Content texts that are templates too (FAQ answers, reasons' words), registered by
        # the catalog from the packaged files (``add_content``): text -> template name.
        self._content: dict[str, str] = {}
        self._content_sources: dict[str, str] = {}
        loaders: list[jinja2.BaseLoader] = [
            jinja2.DictLoader(sources),
            jinja2.DictLoader(self._content_sources),
            jinja2.FileSystemLoader(str(locale_dir / "templates")),
        ]
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=False,
            trim_blocks=False,
            # A locale has more templates (every string is one) than Jinja's default cache of
            # 400, so least-recently-used ones were compiled again and again, on the hot path
            # too; content is fixed once loaded, so no modification-time checks either.
            cache_size=-1,
            auto_reload=False,
            # Compiled once per install, not per process: a template's first render loads its
            # code from the install's directory (bot.catalog.template_cache).
            bytecode_cache=LocaleBytecodeCache(locale),
        )
        # The CLDR locale that words dates and numbers: the content's English is British.
        babel_filters.install(self.env, self.strings.get(CLDR_KEY, locale))
        self.env.filters["source_name"] = source_name
        self.env.filters["sources_once"] = sources_once
        self.env.filters["here"] = self._here
        self.env.globals["t"] = self._t_markup
        # Strings with no Jinja syntax at all (most button labels) render to themselves, less
        # one trailing newline: returned as they are, without a template lookup per call.
        self._plain = {
            k: v.removesuffix("\n") for k, v in self.strings.items() if not _JINJA.search(v)
        }

    def has(self, key: str) -> bool:
        """True when this locale (not its fallback) defines ``key``."""
        return key in self.strings

    def text(self, key: str, **context: Any) -> str:
        """Render string ``key``; falls back to the default locale, then raises KeyError."""
        if key not in self.strings:
            if self._fallback is not None:
                return self._fallback.text(key, **context)
            raise KeyError(key)
        plain = self._plain.get(key)
        if plain is not None:
            return plain
        try:
            return self.env.get_template(STRING_PREFIX + key).render(**(SHARED | context))
        except jinja2.TemplateError as exc:
            raise ContentError(f"{self.locale}: strings.yaml: {key}: {exc}") from exc

    def render(self, template: str, **context: Any) -> str:
        """Render ``templates/<template>``, falling back to the default locale's copy."""
        if template not in self.template_names and self._fallback is not None:
            return self._fallback.render(template, **context)
        try:
            return self.env.get_template(template).render(**(SHARED | context)).strip()
        except jinja2.TemplateNotFound:
            raise KeyError(template) from None
        except jinja2.TemplateError as exc:
            raise ContentError(f"{self.locale}: templates/{template}: {exc}") from exc

    def add_content(self, name: str, text: str) -> None:
        """Register a text of the packaged content (an FAQ answer, a reason's words) as the
        template ``name``, so ``fill`` may render it."""
        self._content_sources[CONTENT_PREFIX + name] = text
        self._content.setdefault(text, CONTENT_PREFIX + name)

    def fill(self, text: str, **context: Any) -> str:
        """Render a registered content text with the shared variables, so it can name the
        user's own services ("call 112") and fit their stage. Only texts of the packaged
        content are templates: anything else raises KeyError (RELIABILITY S3, F7)."""
        name = self._content.get(text)
        if name is None and self._fallback is not None:
            return self._fallback.fill(text, **context)  # the default locale's words
        if name is None:
            raise KeyError("not a registered content text")
        try:
            return self.env.get_template(name).render(**(SHARED | context))
        except jinja2.TemplateError as exc:
            raise ContentError(f"{self.locale}: {name}: {exc}") from exc

    @jinja2.pass_context
    def _here(self, calling: Context, text: str) -> Markup:
        # ``fill`` inside a template, with the calling template's shared variables.
        shared = {name: calling[name] for name in SHARED if name in calling}
        return Markup(self.fill(text, **shared))  # noqa: S704

    @jinja2.pass_context
    def _t_markup(self, calling: Context, key: str, **context: Any) -> Markup:
        # The shared variables of the calling template reach the string too (the user's
        # place for "call 112 now"), unless the call gives its own.
        shared = {name: calling[name] for name in SHARED if name in calling}
        # Strings are trusted content already escaped by their own render: mark them safe so
        # the enclosing template does not escape their tags a second time.
        return Markup(self.text(key, **(shared | context)))  # noqa: S704
