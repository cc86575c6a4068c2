"""Libraries loaded without their docstrings (bot/lean_imports.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from bot import lean_imports

pytestmark = pytest.mark.skipif(not lean_imports.supported(), reason="CPython 3.11 layout")

SOURCE = '''
"""The module's docstring."""


def documented(x):
    """A function's docstring."""
    return x + 1


def quoted():
    """the same text"""
    return "the same text"


class Documented:
    """A class's docstring."""

    def method(self):
        """A method's docstring."""
        return [n * 2 for n in range(3)]


square = lambda n: n * n  # noqa: E731
'''


def load(directory: Path, fullname: str, source: str) -> types.ModuleType:
    """Run ``source`` as module ``fullname`` through the docstring-free loader (not kept in
    ``sys.modules``)."""
    path = directory / f"{fullname.replace('.', '_')}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    loader = lean_imports.DocstringFreeLoader(fullname, str(path))
    spec = importlib.util.spec_from_file_location(fullname, path, loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_functions_classes_and_modules_lose_their_docstrings(tmp_path: Path) -> None:
    """A library's module, class, function and method docstrings are None once loaded."""
    module = load(tmp_path, "telegram.lean_probe_a", SOURCE)
    docs = [module.__doc__, module.documented.__doc__, module.Documented.__doc__]
    assert [*docs, module.Documented.method.__doc__] == [None, None, None, None]


def test_code_runs_as_before(tmp_path: Path) -> None:
    """Functions, methods, comprehensions and lambdas of a stripped module work unchanged."""
    module = load(tmp_path, "jinja2.lean_probe_b", SOURCE)
    assert (module.documented(1), module.Documented().method(), module.square(3)) == (
        2,
        [0, 2, 4],
        9,
    )


def test_docstring_text_used_as_a_value_stays(tmp_path: Path) -> None:
    """A function whose body uses its docstring's text as a value keeps both."""
    module = load(tmp_path, "pydantic.lean_probe_c", SOURCE)
    assert (module.quoted(), module.quoted.__doc__) == ("the same text", "the same text")


def test_the_bots_own_modules_keep_their_docstrings(tmp_path: Path) -> None:
    """Modules of the ``bot`` package load whole (their docstrings are the command help)."""
    module = load(tmp_path, "bot.lean_probe_d", SOURCE)
    assert module.__doc__ == "The module's docstring."


def test_packages_not_listed_keep_their_docstrings(tmp_path: Path) -> None:
    """A library outside the list (numpy: numpy.ma asserts on its docstrings) loads whole."""
    module = load(tmp_path, "numpy.lean_probe_e", SOURCE)
    assert module.documented.__doc__ == "A function's docstring."


def test_the_standard_library_is_stripped_but_not_its_site_packages() -> None:
    """A standard-library file is stripped; a package installed under it is not."""
    stdlib = lean_imports.STDLIB_DIR
    assert [
        lean_imports.stripped("asyncio.tasks", f"{stdlib}asyncio/tasks.py"),
        lean_imports.stripped("somelib", f"{stdlib}site-packages/somelib/__init__.py"),
    ] == [True, False]


def test_the_bot_process_loads_libraries_without_docstrings() -> None:
    """``python -m bot run`` installs the hook before any library is imported."""
    probe = (
        "import sys; sys.argv = ['bot', 'run', '--help']; import runpy\n"
        "try:\n    runpy.run_module('bot', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "import pydantic, telegram; print(pydantic.BaseModel.__doc__, telegram.Bot.__doc__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.splitlines()[-1] == "None None"
