"""Sources you can trust: every link users read goes to a named primary source.

``content/sources.yaml`` lists the allowed domains (a domain also allows its subdomains;
the most specific listed domain decides) with the names a label must contain, and the
blocked non-primary sites (apps, shops, copies, forums, clinic marketing). Checked here:
every FAQ source (title and url), every reason source and every link in a template must be
on an allowed domain and never blocked, no url may contain "null", and every FAQ source
title and every plain link text in a template must name its site (reason sources are shown
under their host name, which names the site by itself). ``content/countries.yaml`` is not
checked: its sources are for rechecking numbers and are never shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from bot.catalog.files import ContentError, read_yaml

SOURCES_FILE = "sources.yaml"
_HREF = re.compile(r"""href=["']([^"']+)["']""")
_ANCHOR = re.compile(r"""<a href=["'](https?://[^"']+)["']>([^<{]*)</a>""")


class SourceRules:
    """Allowed domains with the names their labels carry, and blocked domains."""

    def __init__(self, allowed: dict[str, list[str]], blocked: Iterable[str]) -> None:
        self.allowed = {domain.lower(): names for domain, names in allowed.items()}
        self.blocked = [domain.lower() for domain in blocked]

    def url_problem(self, url: str) -> str | None:
        """Why ``url`` may not be cited, or None when it may."""
        if "null" in url.lower():
            return f'{url}: the address contains "null"'
        host = (urlsplit(url).hostname or "").lower()
        if not host:
            return f"{url}: not a web address"
        if any(_within(host, domain) for domain in self.blocked):
            return f"{url}: {host} is not a primary source (blocked in {SOURCES_FILE})"
        if self.names_for(host) is None:
            return f"{url}: {host} is not an allowed source in {SOURCES_FILE}"
        return None

    def names_for(self, host: str) -> list[str] | None:
        """The names of the most specific allowed domain ``host`` is on."""
        matches = [domain for domain in self.allowed if _within(host, domain)]
        if not matches:
            return None
        return self.allowed[max(matches, key=len)]

    def source_problem(self, title: str, url: str) -> str | None:
        """Why a labelled source fails, or None when its link and label are fine."""
        problem = self.url_problem(url)
        if problem is not None:
            return problem
        names = self.names_for((urlsplit(url).hostname or "").lower()) or []
        if not any(name.lower() in title.lower() for name in names):
            return f"{url}: the label {title!r} must name its site ({' or '.join(names)})"
        return None


def _within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def load_rules(content_dir: Path) -> SourceRules:
    """The rules of ``content_dir``'s sources.yaml; ContentError when it is malformed."""
    data = read_yaml(content_dir / SOURCES_FILE)
    allowed = data.get("allowed") if isinstance(data, dict) else None
    blocked = data.get("blocked", []) if isinstance(data, dict) else None
    if not isinstance(allowed, dict) or not isinstance(blocked, list):
        raise ContentError(f"{SOURCES_FILE}: expected `allowed` (mapping) and `blocked` (list)")
    for domain, names in allowed.items():
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise ContentError(f"{SOURCES_FILE}: {domain}: expected a list of names")
    return SourceRules({str(d): list(n) for d, n in allowed.items()}, map(str, blocked))


def check_sources(content_dir: Path, locales: Iterable[str]) -> list[str]:
    """Every untrusted or unnamed source, as "file: topic or reason id: problem" lines."""
    try:
        rules = load_rules(content_dir)
    except ContentError as exc:
        return [str(exc)]
    problems: list[str] = []
    for locale in locales:
        problems += _faq_problems(rules, content_dir, locale)
        problems += _reason_problems(rules, content_dir, locale)
        problems += _template_problems(rules, content_dir, locale)
    return problems


def _faq_problems(rules: SourceRules, content_dir: Path, locale: str) -> Iterator[str]:
    for path in sorted((content_dir / "locales" / locale / "faq").glob("*.yaml")):
        relative = path.relative_to(content_dir)
        data = read_yaml(path)
        topics = data.get("topics") if isinstance(data, dict) else None
        for topic in topics if isinstance(topics, list) else []:
            if not isinstance(topic, dict):
                continue
            for source in topic.get("sources") or []:
                if not isinstance(source, dict):
                    continue
                problem = rules.source_problem(
                    str(source.get("title", "")), str(source.get("url", ""))
                )
                if problem is not None:
                    yield f"{relative}: {topic.get('id')}: {problem}"


def _reason_problems(rules: SourceRules, content_dir: Path, locale: str) -> Iterator[str]:
    relative = Path("locales") / locale / "reasons.yaml"
    path = content_dir / relative
    if not path.is_file():
        return
    data = read_yaml(path)
    for reason_id, reason in data.items() if isinstance(data, dict) else []:
        sources = reason.get("sources") if isinstance(reason, dict) else None
        for url in sources if isinstance(sources, list) else []:
            problem = rules.url_problem(str(url))
            if problem is not None:
                yield f"{relative}: {reason_id}: {problem}"


def _template_problems(rules: SourceRules, content_dir: Path, locale: str) -> Iterator[str]:
    for path in sorted((content_dir / "locales" / locale / "templates").glob("*.j2")):
        relative = path.relative_to(content_dir)
        text = path.read_text(encoding="utf-8")
        labels = dict(_ANCHOR.findall(text))
        for url in _HREF.findall(text):
            if not url.startswith("http"):
                continue
            label = labels.get(url)
            problem = rules.url_problem(url) if label is None else rules.source_problem(label, url)
            if problem is not None:
                yield f"{relative}: {problem}"
