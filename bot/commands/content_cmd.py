"""``python -m bot content ...``: tools for the people who own the words.

* ``check [--max-review-age-days N]``: validate all content, as start-up does; also warn
  (without failing) about content files whose clinical review is missing or out of date.
* ``preview --out DIR``: write a static HTML book of every message, question, outcome,
  reason and FAQ answer per locale, with the flow diagram and sources, for review.
* ``readability [--locale xx] [--max-grade N] [--min-words N] [--top N]``: reading level
  of every text, hardest first; exits 1 only when ``--max-grade`` is given and exceeded.
* ``gaps [--top N] [--lang xx] [--csv]``: the most asked questions no answer matched.
* ``feedback [--csv]``: helpful / not helpful votes per FAQ topic, least helpful first.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time
from pathlib import Path
from typing import NoReturn, TextIO

from bot.catalog import faq_index_file
from bot.catalog.catalog import Catalog
from bot.catalog.check_stamp import content_digest, record_clean
from bot.catalog.files import CONTENT_DIR, ContentError
from bot.catalog.review import check_reviews


class _UsageError(Exception):
    """Bad command-line arguments; the message is argparse's explanation."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m bot content", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="validate content; warn about stale reviews")
    check.add_argument(
        "--max-review-age-days",
        type=int,
        default=None,
        help="warn about reviews older than this (default: the manifest's, else 365)",
    )
    preview = commands.add_parser("preview", help="write the HTML content book")
    preview.add_argument("--out", type=Path, required=True, help="directory to write into")
    readability = commands.add_parser("readability", help="reading level of every text")
    readability.add_argument("--locale", help="only this locale (default: all)")
    readability.add_argument(
        "--max-grade", type=float, default=None, help="exit 1 if any text is above this grade"
    )
    readability.add_argument(
        "--min-words", type=int, default=None, help="skip shorter texts (default 8)"
    )
    readability.add_argument("--top", type=int, default=None, help="print only the N hardest")
    gaps = commands.add_parser("gaps", help="the most asked questions no answer matched")
    gaps.add_argument("--top", type=int, default=20, help="how many (default 20)")
    gaps.add_argument("--lang", help="only this language (default: all)")
    gaps.add_argument("--csv", action="store_true", help="CSV instead of a table")
    feedback = commands.add_parser("feedback", help="helpful / not helpful votes per topic")
    feedback.add_argument("--csv", action="store_true", help="CSV instead of a table")
    return parser


def run(
    argv: list[str],
    stdout: TextIO,
    stderr: TextIO,
    content_dir: Path = CONTENT_DIR,
    today: dt.date | None = None,
) -> int:
    """Run a content sub-command; returns the exit code (2 for bad arguments)."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(str(exc), file=stderr)
        return 2
    day = today or dt.date.today()
    if args.command == "check":
        return _check(content_dir, day, args.max_review_age_days, stdout, stderr)
    if args.command == "preview":
        return _preview(content_dir, day, args.out, stdout, stderr)
    if args.command in ("gaps", "feedback"):
        return asyncio.run(_report(args, stdout, stderr))
    return _readability(content_dir, args, stdout, stderr)


def _check(
    content_dir: Path, today: dt.date, max_age: int | None, stdout: TextIO, stderr: TextIO
) -> int:
    started = time.perf_counter()
    catalog: Catalog | None = None
    digest = content_digest(content_dir)
    try:
        catalog = Catalog.load(content_dir)
        problems = catalog.problems()
    except ContentError as exc:
        problems = str(exc).splitlines()
    reviews = check_reviews(content_dir, today, max_age)
    problems += reviews.errors
    for warning in reviews.warnings:
        print(f"warning: {warning}", file=stderr)
    if reviews.warnings:
        print(
            f"review: {reviews.current_count} of {len(reviews.files)} content files reviewed "
            f"within {reviews.max_age_days} days; {len(reviews.warnings)} warning(s)",
            file=stderr,
        )
    for problem in problems:
        print(f"error: {problem}", file=stderr)
    if problems or catalog is None:
        print(f"content check failed: {len(problems)} problem(s)", file=stderr)
        return 1
    # A clean check covers everything start-up checks: the bot's next start may skip them,
    # and read the FAQ index the check built instead of building it again.
    if record_clean(content_dir, digest):
        faq_index_file.write(catalog.matcher, digest)
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"content ok: version {catalog.version}, locales {', '.join(catalog.locales)}, "
        f"{len(catalog.flow_spec.steps)} questions, "
        f"{sum(len(t) for t in catalog.faq.values())} FAQ answers ({elapsed:.0f} ms)",
        file=stdout,
    )
    return 0


def _load(content_dir: Path, stderr: TextIO) -> Catalog | None:
    try:
        return Catalog.load(content_dir)
    except ContentError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=stderr)
        print("content does not load; run `python -m bot content check`", file=stderr)
        return None


def _preview(content_dir: Path, today: dt.date, out: Path, stdout: TextIO, stderr: TextIO) -> int:
    from bot.preview.book import write_preview

    catalog = _load(content_dir, stderr)
    if catalog is None:
        return 1
    written = write_preview(catalog, out, today=today)
    size = sum(path.stat().st_size for path in written)
    print(
        f"preview written: {len(written)} pages ({size // 1024} KiB) in {out}; "
        f"open {out / 'index.html'}",
        file=stdout,
    )
    return 0


def _readability(
    content_dir: Path, args: argparse.Namespace, stdout: TextIO, stderr: TextIO
) -> int:
    from bot.catalog.readability import DEFAULT_MIN_WORDS, formula_for, report

    catalog = _load(content_dir, stderr)
    if catalog is None:
        return 1
    if args.locale is not None and args.locale not in catalog.locales:
        print(f"unknown locale {args.locale!r}; known: {', '.join(catalog.locales)}", file=stderr)
        return 2
    locales = [args.locale] if args.locale else list(catalog.locales)
    min_words = DEFAULT_MIN_WORDS if args.min_words is None else args.min_words
    scores, skipped = report(catalog, locales, min_words)
    for locale in locales:
        formula = formula_for(locale)
        print(
            f"# {locale}: ease = {formula.ease_name} (higher is easier), "
            f"grade = {formula.grade_name} (school year)",
            file=stdout,
        )
    print(f"{'grade':>6} {'ease':>6} {'words':>5}  locale  key", file=stdout)
    shown = scores if args.top is None else scores[: max(0, args.top)]
    for item in shown:
        print(
            f"{item.grade:6.1f} {item.ease:6.1f} {item.words:5d}  {item.locale:<6}  {item.key}",
            file=stdout,
        )
    print(
        f"{len(scores)} texts scored, {skipped} shorter than {min_words} words skipped",
        file=stdout,
    )
    if args.max_grade is not None:
        over = [s for s in scores if s.grade > args.max_grade]
        if over:
            print(f"{len(over)} text(s) above grade {args.max_grade:g}", file=stderr)
            return 1
    return 0


async def _report(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from bot.commands import content_report as report
    from bot.config import load_settings
    from bot.storage.base import StorageError
    from bot.storage.factory import open_storage

    try:
        storage = await open_storage(load_settings())
    except StorageError as exc:
        print(f"error: cannot open the store: {exc}", file=stderr)
        return 1
    try:
        if args.command == "gaps":
            gaps = report.top_gaps(await storage.content_gaps(), top=args.top, lang=args.lang)
            report.write_gaps(gaps, stdout, as_csv=args.csv)
        else:
            rows = report.ratings(await storage.feedback_counts())
            report.write_ratings(rows, stdout, as_csv=args.csv)
    finally:
        await storage.close()
    return 0
