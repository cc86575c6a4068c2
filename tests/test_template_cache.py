"""Specification of the file cache of compiled templates (Jinja's bytecode cache, per locale)."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from bot.catalog.files import CONTENT_DIR
from bot.catalog.strings import LocaleTexts
from bot.catalog.template_cache import CACHE_DIR


@pytest.fixture
def cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty install directory for this test; the cache's own folder inside it."""
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(tmp_path / "install"))
    return tmp_path / "install" / CACHE_DIR


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates Jinja compiled from source, in order."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        names.append(str(name))
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def locale_copy(tmp_path: Path, locale: str = "en") -> Path:
    target = tmp_path / "content" / locale
    shutil.copytree(CONTENT_DIR / "locales" / locale, target)
    return target


def test_a_template_compiled_once_is_not_compiled_by_the_next_process(
    cache_dir: Path, compiled: list[str]
) -> None:
    """A second set of a locale's texts (a later start) loads the compiled code instead of
    compiling the template again, and renders the same text."""
    first = LocaleTexts("en", CONTENT_DIR / "locales" / "en").render("help.j2")
    assert "help.j2" in compiled
    compiled.clear()
    again = LocaleTexts("en", CONTENT_DIR / "locales" / "en").render("help.j2")
    assert (compiled, again) == ([], first)


def test_an_edited_template_is_compiled_again_and_never_served_stale(
    cache_dir: Path, tmp_path: Path
) -> None:
    """After a template changes on disk, the next set of texts renders the new words."""
    locale_dir = locale_copy(tmp_path)
    LocaleTexts("en", locale_dir).render("privacy.j2")
    template = locale_dir / "templates" / "privacy.j2"
    template.write_text("Edited privacy notice.", encoding="utf-8")
    assert LocaleTexts("en", locale_dir).render("privacy.j2") == "Edited privacy notice."


def test_locales_do_not_share_compiled_strings(cache_dir: Path) -> None:
    """The same string key in two locales renders each locale's own words."""
    english = LocaleTexts("en", CONTENT_DIR / "locales" / "en").text("cta.emergency")
    spanish = LocaleTexts("es", CONTENT_DIR / "locales" / "es").text("cta.emergency")
    assert english != spanish
    assert LocaleTexts("es", CONTENT_DIR / "locales" / "es").text("cta.emergency") == spanish


def test_an_unwritable_cache_only_means_compiling(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where the cache cannot be written, templates still compile and render."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(blocker))
    texts = LocaleTexts("en", CONTENT_DIR / "locales" / "en")
    assert texts.render("help.j2")
    assert texts.text("cta.emergency")


def test_a_damaged_cache_entry_is_compiled_again(cache_dir: Path) -> None:
    """An entry overwritten with garbage is ignored and replaced, and the text is right."""
    expected = LocaleTexts("en", CONTENT_DIR / "locales" / "en").render("help.j2")
    for entry in cache_dir.iterdir():
        entry.write_bytes(b"not compiled code")
    assert LocaleTexts("en", CONTENT_DIR / "locales" / "en").render("help.j2") == expected


def test_copies_of_the_content_share_one_entry_per_template(
    cache_dir: Path, tmp_path: Path
) -> None:
    """Two copies of a locale in different places leave one cache entry per template name."""
    for place in ("one", "two"):
        LocaleTexts("en", locale_copy(tmp_path / place)).render("help.j2")
    entries = {entry.name for entry in cache_dir.iterdir()}
    LocaleTexts("en", CONTENT_DIR / "locales" / "en").render("help.j2")
    assert {entry.name for entry in cache_dir.iterdir()} == entries
