"""Crash-test writer: saves user documents in a loop and acknowledges each one on stdout.

Usage: ``python tests/helpers/crash_writer.py DATA_DIR SEED``. Each line ``<key> <version>`` is
printed (and flushed) only after ``save_user`` has returned, so every printed line is an
acknowledged, supposedly durable write. Each save also appends one history record, id
``<key>-<version>``, as completing a check-in does. The parent kills this process with SIGKILL at a
random moment and then checks that every acknowledged version is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bot.storage.tinydb_store import TinyDBStorage  # noqa: E402

KEYS = [hashlib.sha256(f"crash-user-{i}".encode()).hexdigest()[:32] for i in range(20)]


def document(key: str, version: int, rng: random.Random) -> dict[str, object]:
    """A user document of realistic size (2-20 KB) carrying its version."""
    checkins = [
        {"id": f"{version}-{i}", "discharge": rng.choice(["creamy", "watery", "sticky"])}
        for i in range(rng.randint(30, 300))
    ]
    return {"key": key, "version": version, "checkins": checkins}


async def main(data_dir: Path, seed: int) -> None:
    """Continue every key from its stored version and save forever."""
    rng = random.Random(seed)
    storage = await TinyDBStorage.open(data_dir, check="full")
    versions = {}
    for key in KEYS:
        doc = await storage.load_user(key)
        versions[key] = 0 if doc is None else int(doc["version"])
    print("ready", flush=True)
    while True:
        key = rng.choice(KEYS)
        versions[key] += 1
        record = {"id": f"{key}-{versions[key]}", "version": versions[key]}
        await storage.save_user(key, document(key, versions[key], rng), append=[record])
        print(key, versions[key], flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
