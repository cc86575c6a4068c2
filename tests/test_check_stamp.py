"""Specification of the stamp that lets an unchanged start-up skip the cross-file content checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.catalog import check_stamp
from bot.catalog.catalog import Catalog
from bot.catalog.check_stamp import STAMP_FILE, content_digest, load_checked, stamp_path
from bot.catalog.files import CONTENT_DIR, ContentError, parsed_count


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture
def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content directories whose cross-file checks ran, in order."""
    ran: list[Path] = []
    real = Catalog.problems

    def counted(self: Catalog, *, index_faq: bool = True) -> list[str]:
        ran.append(self.content_dir)
        return real(self, index_faq=index_faq)

    monkeypatch.setattr(Catalog, "problems", counted)
    return ran


def break_emergency_call_to_action(content_dir: Path) -> None:
    """Remove the emergency call to action from the English outcome (a problem only the
    cross-file checks find)."""
    template = content_dir / "locales" / "en" / "templates" / "outcome.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('{{ t("cta." ~ level) }}', ""), encoding="utf-8")


def test_a_first_start_runs_the_checks_and_stamps_the_content(
    content_copy: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    """Without a stamp the checks run, and clean content is stamped with its digest."""
    stamp = tmp_path / STAMP_FILE
    load_checked(content_copy, stamp)
    assert checks_run == [content_copy]
    assert stamp.read_text(encoding="ascii").strip() == content_digest(content_copy)


def test_unchanged_content_is_not_checked_again(
    content_copy: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    """A second start on the same content, code and libraries skips the cross-file checks."""
    stamp = tmp_path / STAMP_FILE
    load_checked(content_copy, stamp)
    load_checked(content_copy, stamp)
    assert checks_run == [content_copy]


def test_broken_content_is_refused_although_a_stamp_exists(
    content_copy: Path, tmp_path: Path
) -> None:
    """Content broken after a clean check is checked in full and refused, naming the problem."""
    stamp = tmp_path / STAMP_FILE
    load_checked(content_copy, stamp)
    break_emergency_call_to_action(content_copy)
    with pytest.raises(ContentError, match="call to action"):
        load_checked(content_copy, stamp)


def test_broken_content_is_never_stamped(content_copy: Path, tmp_path: Path) -> None:
    """Content that fails the checks leaves no stamp behind."""
    stamp = tmp_path / STAMP_FILE
    break_emergency_call_to_action(content_copy)
    with pytest.raises(ContentError):
        load_checked(content_copy, stamp)
    assert not stamp.exists()


def test_a_change_to_any_content_file_changes_the_digest(content_copy: Path) -> None:
    """One byte more in any content file gives another digest."""
    before = content_digest(content_copy)
    manifest = content_copy / "manifest.yaml"
    manifest.write_bytes(manifest.read_bytes() + b"\n")
    assert content_digest(content_copy) != before


def test_a_change_to_the_code_changes_the_digest(content_copy: Path, tmp_path: Path) -> None:
    """The checks are code too: a changed source file of the bot gives another digest."""
    code = tmp_path / "bot"
    shutil.copytree(check_stamp.CODE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    before = content_digest(content_copy, code)
    checks = code / "catalog" / "checks.py"
    checks.write_text(checks.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert content_digest(content_copy, code) != before


def test_content_edited_during_the_checks_is_not_stamped(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the content changes between loading and the end of the checks, no stamp is written
    (the next start checks again)."""
    stamp = tmp_path / STAMP_FILE
    real = Catalog.problems

    def edited_meanwhile(self: Catalog, *, index_faq: bool = True) -> list[str]:
        manifest = self.content_dir / "manifest.yaml"
        manifest.write_bytes(manifest.read_bytes() + b"\n")
        return real(self, index_faq=index_faq)

    monkeypatch.setattr(Catalog, "problems", edited_meanwhile)
    load_checked(content_copy, stamp)
    assert not stamp.exists()


def test_an_unwritable_stamp_only_means_checking_every_time(
    content_copy: Path, tmp_path: Path, checks_run: list[Path]
) -> None:
    """Where the stamp cannot be written, start-up still loads and checks the content."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    stamp = blocker / STAMP_FILE
    load_checked(content_copy, stamp)
    load_checked(content_copy, stamp)
    assert checks_run == [content_copy, content_copy]


def test_the_stamp_lives_in_the_install_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """BOT_INSTALL_FILES_DIR says where the stamp is kept."""
    monkeypatch.setenv("BOT_INSTALL_FILES_DIR", str(tmp_path))
    assert stamp_path() == tmp_path / STAMP_FILE


@pytest.mark.parametrize("starts", [1, 2], ids=["checked", "stamped"])
def test_a_start_keeps_no_parsed_content_file(
    content_copy: Path, tmp_path: Path, starts: int
) -> None:
    """Once the catalog is loaded (and checked, or found stamped) no parsed YAML file is kept."""
    stamp = tmp_path / STAMP_FILE
    for _ in range(starts):
        load_checked(content_copy, stamp)
    assert parsed_count() == 0
