"""The hash-pinned lock files under deploy/ match pyproject.toml (RELIABILITY S9).

scripts/test, scripts/run, scripts/bench and the Dockerfile install only from these locks with
pip's --require-hashes, so a dependency that pyproject.toml declares but a lock lacks would
break a fresh install, and a pin outside the declared range would run untested versions.
Offline: the files are parsed here, nothing is fetched. Regenerate with scripts/lock.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = ROOT / "deploy" / "requirements.lock"
POSTGRES_LOCK = ROOT / "deploy" / "requirements-postgres.lock"
DEV_LOCK = ROOT / "deploy" / "requirements-dev.lock"
TOOLS_LOCK = ROOT / "deploy" / "requirements-tools.lock"
ALL_LOCKS = [RUNTIME_LOCK, POSTGRES_LOCK, DEV_LOCK, TOOLS_LOCK]
# Optional parts the runtime lock leaves out (bot/extras.py names them).
LEAN_EXTRAS = ("postgres", "content")

HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class Pin:
    """One requirement of a lock file, its continuation lines joined."""

    name: str
    text: str

    @property
    def requirement(self) -> Requirement:
        return Requirement(self.text.split(" --hash")[0].strip())

    @property
    def hashes(self) -> list[str]:
        return HASH.findall(self.text)


def read_lock(path: Path) -> dict[str, Pin]:
    """The requirements of a lock file by canonical name (comments and blank lines dropped)."""
    logical: list[str] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        logical.append(pending + line)
        pending = ""
    if pending:
        logical.append(pending.strip())
    pins: dict[str, Pin] = {}
    for entry in logical:
        name = canonicalize_name(Requirement(entry.split(" --hash")[0]).name)
        pins[name] = Pin(name, entry)
    return pins


def declared(pyproject: Path, *, dev: bool, extras: tuple[str, ...] = ()) -> list[Requirement]:
    """The dependencies pyproject.toml declares: runtime, plus ``extras``, plus every extra
    when ``dev`` (the dev lock covers them all, so the tests can)."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    optional = data["project"]["optional-dependencies"]
    lines = list(data["project"]["dependencies"])
    for name in optional if dev else extras:
        lines += optional[name]
    lines += data["build-system"]["requires"]
    return [r for r in map(Requirement, lines) if r.marker is None or r.marker.evaluate()]


def lock_problems(
    pyproject: Path, lock: Path, *, dev: bool, extras: tuple[str, ...] = ()
) -> list[str]:
    """Every way the lock fails to cover pyproject.toml; empty when it is current."""
    pins = read_lock(lock)
    problems = []
    for req in declared(pyproject, dev=dev, extras=extras):
        pin = pins.get(canonicalize_name(req.name))
        if pin is None:
            problems.append(f"{req.name}: declared but not in {lock.name}")
            continue
        pinned = pin.requirement
        versions = [s.version for s in pinned.specifier if s.operator == "=="]
        if len(versions) != 1 or len(pinned.specifier) != 1:
            problems.append(f"{req.name}: not pinned with == in {lock.name}")
        elif not req.specifier.contains(versions[0], prereleases=True):
            problems.append(f"{req.name}=={versions[0]} is outside {req.specifier}")
        if not pin.hashes:
            problems.append(f"{req.name}: no --hash=sha256 in {lock.name}")
    return problems


def pinned_version(lock: Path, name: str) -> Version:
    (spec,) = read_lock(lock)[canonicalize_name(name)].requirement.specifier
    return Version(spec.version)


def test_runtime_lock_covers_pyproject() -> None:
    """Every runtime dependency is pinned with == and a sha256 inside its declared range."""
    assert lock_problems(ROOT / "pyproject.toml", RUNTIME_LOCK, dev=False) == []


def test_dev_lock_covers_pyproject_and_every_extra() -> None:
    """Every runtime dependency and every extra's (dev, content, postgres) is pinned with ==
    and a sha256 inside its range."""
    assert lock_problems(ROOT / "pyproject.toml", DEV_LOCK, dev=True) == []


def test_postgres_lock_covers_pyproject_and_the_postgres_extra() -> None:
    """The PostgreSQL deployment's lock pins the runtime and the postgres extra."""
    problems = lock_problems(
        ROOT / "pyproject.toml", POSTGRES_LOCK, dev=False, extras=("postgres",)
    )
    assert problems == []


def test_runtime_lock_leaves_the_extras_out() -> None:
    """No package only an extra declares (psycopg, textstat) is in the runtime lock."""
    runtime = read_lock(RUNTIME_LOCK)
    optional = [
        canonicalize_name(Requirement(line).name)
        for extra in LEAN_EXTRAS
        for line in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "optional-dependencies"
        ][extra]
    ]
    assert [name for name in optional if name in runtime] == []


@pytest.mark.parametrize("lock", ALL_LOCKS, ids=lambda p: p.name)
def test_every_lock_entry_is_pinned_with_a_hash(lock: Path) -> None:
    """Each requirement in a lock is an exact == pin carrying at least one sha256."""
    pins = read_lock(lock)
    assert pins
    loose = [p.name for p in pins.values() if not p.hashes or "==" not in p.text.split(" ")[0]]
    assert loose == []


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, DEV_LOCK], ids=lambda p: p.name)
def test_locks_pin_the_required_major_versions(lock: Path) -> None:
    """PTB is 22.x, Jinja2 is at least 3.1.6 (sandbox fixes) and pydantic is 2.x."""
    assert pinned_version(lock, "python-telegram-bot").major == 22
    assert pinned_version(lock, "jinja2") >= Version("3.1.6")
    assert pinned_version(lock, "pydantic").major == 2


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, POSTGRES_LOCK], ids=lambda p: p.name)
def test_runtime_pins_equal_dev_pins(lock: Path) -> None:
    """The runtime and PostgreSQL locks are subsets of the dev lock with the same versions and
    hashes."""
    runtime, dev = read_lock(lock), read_lock(DEV_LOCK)
    differing = [
        name
        for name, pin in runtime.items()
        if name not in dev
        or dev[name].requirement.specifier != pin.requirement.specifier
        or set(dev[name].hashes) != set(pin.hashes)
    ]
    assert differing == []


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, POSTGRES_LOCK, DEV_LOCK], ids=lambda p: p.name)
def test_locks_pin_pip_and_the_build_backend(lock: Path) -> None:
    """pip and setuptools are locked, as the scripts build the project without isolation."""
    assert {"pip", "setuptools"} <= set(read_lock(lock))


def test_tools_lock_pins_the_resolver_and_the_auditor() -> None:
    """scripts/lock and scripts/audit install uv and pip-audit from a hashed lock too."""
    assert {"uv", "pip-audit"} <= set(read_lock(TOOLS_LOCK))


def test_lock_is_stale_when_pyproject_gains_a_dependency(tmp_path: Path) -> None:
    """A dependency added to pyproject.toml but not locked is reported as missing."""
    pyproject = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace("dependencies = [\n", 'dependencies = [\n    "zeroconf-nowhere>=1.0",\n', 1),
        encoding="utf-8",
    )
    lock = shutil.copy(RUNTIME_LOCK, tmp_path / "requirements.lock")
    assert lock_problems(pyproject, Path(lock), dev=False) == [
        "zeroconf-nowhere: declared but not in requirements.lock"
    ]


def test_lock_is_stale_when_a_range_moves_past_the_pin(tmp_path: Path) -> None:
    """A raised lower bound that the pinned version no longer meets is reported."""
    pyproject = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"tinydb>=4.8,<5"', '"tinydb>=4.99,<5"'), encoding="utf-8")
    problems = lock_problems(pyproject, DEV_LOCK, dev=True)
    assert len(problems) == 1
    assert problems[0].startswith("tinydb==")


def test_lock_without_hash_is_reported(tmp_path: Path) -> None:
    """A pin whose hash lines were dropped is reported, so --require-hashes cannot break."""
    text = RUNTIME_LOCK.read_text(encoding="utf-8")
    stripped = re.sub(r"(?m)^tinydb==(\S+) \\\n(\s+--hash=\S+( \\)?\n)+", r"tinydb==\1\n", text)
    assert stripped != text
    lock = tmp_path / "requirements.lock"
    lock.write_text(stripped, encoding="utf-8")
    problems = lock_problems(ROOT / "pyproject.toml", lock, dev=False)
    assert problems == ["tinydb: no --hash=sha256 in requirements.lock"]


@pytest.mark.parametrize(
    ("script", "lock"),
    [
        ("scripts/test", "deploy/requirements-dev.lock"),
        ("scripts/run", "deploy/requirements.lock"),
        ("scripts/bench", "deploy/requirements-postgres.lock"),
        ("deploy/Dockerfile", "deploy/requirements.lock"),
    ],
)
def test_installers_use_the_lock_with_require_hashes(script: str, lock: str) -> None:
    """Each install path installs its lock with --require-hashes and the project with --no-deps."""
    text = (ROOT / script).read_text(encoding="utf-8")
    assert lock in text
    assert "--require-hashes" in text
    assert "--no-deps" in text
