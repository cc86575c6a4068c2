"""Sources you can trust: every FAQ and reason source is a named primary source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.catalog.catalog import Catalog
from bot.catalog.files import CONTENT_DIR
from bot.catalog.source_rules import check_sources

LOCALES = ("en", "es", "ru")
CARE = Path("locales") / "en" / "faq" / "care.yaml"
TOMMYS = '{title: "Tommy\'s – Discharge in pregnancy", url: "https://www.tommys.org/'
BV_URL = "https://www.nhs.uk/conditions/bacterial-vaginosis/"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def replace_once(content_dir: Path, relative: Path, old: str, new: str) -> None:
    path = content_dir / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def care_problems(content_dir: Path) -> list[str]:
    return [
        p
        for p in check_sources(content_dir, LOCALES)
        if p.startswith(f"{CARE}: vaginal_hygiene_douching: ")
    ]


def test_shipped_sources_pass() -> None:
    """The shipped FAQ, reason and template sources are all named primary sources."""
    assert check_sources(CONTENT_DIR, LOCALES) == []


def test_label_naming_another_site_is_reported(content_copy: Path) -> None:
    """A label that says NHS on a tommys.org link fails, naming the file and the topic."""
    replace_once(content_copy, CARE, TOMMYS, TOMMYS.replace("Tommy's", "NHS"))
    assert any("must name its site" in p for p in care_problems(content_copy))


def test_forum_link_is_reported(content_copy: Path) -> None:
    """A forum link fails even with a label that names a trusted site."""
    forum = "https://pregnancyforum.momtastic.com/thread/discharge"
    replace_once(content_copy, CARE, BV_URL, forum)
    assert any("not a primary source" in p for p in care_problems(content_copy))


def test_shop_link_is_reported(content_copy: Path) -> None:
    """An online pharmacy's copy of an NHS page fails."""
    shop = "https://onlinedoctor.superdrug.com/bacterial-vaginosis.html"
    replace_once(content_copy, CARE, BV_URL, shop)
    assert any("not a primary source" in p for p in care_problems(content_copy))


def test_url_with_null_is_reported(content_copy: Path) -> None:
    """The content check reports an address with "null" in its path, on an allowed domain too."""
    replace_once(content_copy, CARE, BV_URL, "https://www.nhs.uk/null/bacterial-vaginosis/")
    problems = Catalog.load(content_copy).problems(index_faq=False)
    assert any(
        p.startswith(f"{CARE}: vaginal_hygiene_douching: ") and 'contains "null"' in p
        for p in problems
    )


def test_unlisted_reason_source_is_reported(content_copy: Path) -> None:
    """A reason source on a domain missing from sources.yaml fails, naming the reason."""
    reasons = Path("locales") / "es" / "reasons.yaml"
    cdc = "https://www.cdc.gov/std/bv/default.htm"
    replace_once(content_copy, reasons, cdc, "https://example.com/bv")
    problems = check_sources(content_copy, LOCALES)
    assert any(p.startswith(f"{reasons}: possible_bv_pregnancy: ") for p in problems)


def test_template_link_text_naming_another_site_is_reported(content_copy: Path) -> None:
    """A template link to tommys.org whose text says NHS fails, naming the template."""
    crisis = Path("locales") / "es" / "templates" / "crisis.j2"
    replace_once(content_copy, crisis, ">Tommy's</a>", ">NHS</a>")
    problems = check_sources(content_copy, LOCALES)
    assert any(p.startswith(f"{crisis}: ") and "must name its site" in p for p in problems)
