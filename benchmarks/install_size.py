"""Installed size of a lock file's packages, measured in the current environment.

``python benchmarks/install_size.py deploy/requirements.lock`` prints the number of packages
and the megabytes their installed files take (from each distribution's RECORD), for packages
of the lock that are installed here; pip, setuptools and the project itself are left out, as
they are not the bot's dependencies.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", re.MULTILINE)
NOT_COUNTED = {"pip", "setuptools"}


def installed_bytes(name: str) -> int:
    """Bytes of every file the installed distribution ``name`` recorded."""
    dist = metadata.distribution(name)
    total = 0
    for file in dist.files or []:
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def main(lock: str) -> int:
    names = {canonicalize_name(n) for n in PIN.findall(Path(lock).read_text(encoding="utf-8"))}
    names -= NOT_COUNTED
    missing = sorted(n for n in names if not _installed(n))
    size = sum(installed_bytes(n) for n in names if n not in missing)
    print(f"{lock}: {len(names)} packages, {size / 1e6:.1f} MB installed")
    if missing:
        print(f"not installed here (not counted): {', '.join(missing)}")
    return 0


def _installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
