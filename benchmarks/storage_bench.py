"""How the TinyDB engine scales: time per user-document save at 100, 10,000 and 100,000 users.

Seeds users by writing their files directly (the engine's own format, without fsync, so
seeding is fast), then times real ``save_user`` calls through the engine (atomic write,
fsync, rename, directory fsync) and start-up (``open``) at the largest size. It also
records the worst event-loop stall seen during the saves (R8 asks for < 500 ms).

    python benchmarks/storage_bench.py            # 100 / 10,000 / 100,000 users (~1-2 min)
    python benchmarks/storage_bench.py --quick    # 100 / 1,000 / 10,000 users
    python benchmarks/storage_bench.py --dir /mnt/data   # measure on another file system
    python benchmarks/storage_bench.py --seed-checkins 60  # seed 8 KB users (slower start-up)

Start-up times are with a warm page cache (the files were just written).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.storage.tinydb_store import CheckMode, TinyDBStorage

RUNS = 5
SAVES_PER_RUN = 60


def key_for(i: int) -> str:
    """The opaque key of seeded user ``i``."""
    return hashlib.sha256(f"bench-{i}".encode()).hexdigest()[:32]


def typical_doc(rng: random.Random, checkins: int) -> dict[str, object]:
    """A user document; 60 check-ins is about 8 KB, 300 about 40 KB."""
    return {
        "profile": {"mode": "pregnancy", "week": rng.randint(4, 41), "tz": "Europe/Berlin"},
        "checkins": [
            {
                "id": f"{rng.getrandbits(64):016x}",
                "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "discharge": rng.choice(["creamy", "watery", "sticky", "egg_white"]),
                "bleeding": rng.choice(["none", "spotting"]),
                "symptoms": rng.sample(["itch", "odour", "pain", "fever"], 2),
            }
            for _ in range(checkins)
        ],
        "conversation": {"flow": "checkin", "step": 2},
        "processed_updates": [rng.getrandbits(31) for _ in range(30)],
    }


def seed(data_dir: Path, start: int, stop: int, rng: random.Random, checkins: int) -> None:
    """Write users ``start..stop-1`` straight into users/ (12 check-ins is about 2 KB)."""
    users = data_dir / "users"
    template = json.dumps(typical_doc(rng, checkins), separators=(",", ":"))
    for i in range(start, stop):
        body = f'{{"user":{{"1":{{"n":{i},"doc":{template}}}}}}}'.encode()
        fd = os.open(users / f"{key_for(i)}.json", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, body)
        finally:
            os.close(fd)


async def time_saves(
    storage: TinyDBStorage, population: int, rng: random.Random
) -> dict[str, float]:
    """Median (of per-run medians) seconds per save, the worst save and the worst loop stall."""
    stall = 0.0
    stop = asyncio.Event()

    async def watch_loop() -> None:
        nonlocal stall
        while not stop.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            stall = max(stall, time.perf_counter() - before - 0.001)

    watcher = asyncio.create_task(watch_loop())
    run_medians, worst = [], 0.0
    docs = [typical_doc(rng, 60) for _ in range(8)]
    for _ in range(10):  # warm-up: first saves pay for imports, thread start and cold inodes
        await storage.save_user(key_for(rng.randrange(population)), docs[0])
    for _ in range(RUNS):
        times = []
        for _ in range(SAVES_PER_RUN):
            key = key_for(rng.randrange(population))
            doc = rng.choice(docs)
            start = time.perf_counter()
            await storage.save_user(key, doc)
            times.append(time.perf_counter() - start)
        run_medians.append(statistics.median(times))
        worst = max(worst, *times)
    stop.set()
    await watcher
    return {"median": statistics.median(run_medians), "worst": worst, "stall": stall}


async def main(sizes: list[int], base: Path | None, seed_checkins: int) -> None:
    """Seed, measure at each size, then measure start-up at the largest."""
    rng = random.Random(7)
    root = Path(tempfile.mkdtemp(prefix="storage-bench-", dir=base))
    data_dir = root / "data"
    try:
        storage = await TinyDBStorage.open(data_dir)
        await storage.close()
        doc_size = len(json.dumps(typical_doc(rng, 60)))
        seed_size = len(json.dumps(typical_doc(rng, seed_checkins)))
        print(
            f"data dir: {data_dir}   saved document: {doc_size / 1024:.1f} KB"
            f"   seeded documents: {seed_size / 1024:.1f} KB"
        )
        print("   users   seed s  median save ms  worst ms  loop stall ms")
        seeded, results = 0, {}
        for size in sizes:
            start = time.perf_counter()
            seed(data_dir, seeded, size, rng, seed_checkins)
            seed_time = time.perf_counter() - start
            seeded = size
            storage = await TinyDBStorage.open(data_dir, check="quick")
            results[size] = await time_saves(storage, size, rng)
            await storage.close()
            r = results[size]
            print(
                f"{size:>8}  {seed_time:>7.1f}  {r['median'] * 1000:>14.2f}"
                f"  {r['worst'] * 1000:>8.1f}  {r['stall'] * 1000:>13.1f}"
            )
        ratio = results[sizes[-1]]["median"] / results[sizes[0]]["median"]
        print(f"ratio median save {sizes[-1]} / {sizes[0]} users: {ratio:.2f}")

        checks: tuple[CheckMode, ...] = ("quick", "full")
        for check in checks:
            start = time.perf_counter()
            storage = await TinyDBStorage.open(data_dir, check=check)
            opened = time.perf_counter() - start
            if check == "full":
                start = time.perf_counter()
                count = await storage.count_users()
                counted = time.perf_counter() - start
                start = time.perf_counter()
                streamed = sum([1 async for _ in storage.iter_users()])
                iterated = time.perf_counter() - start
            await storage.close()
            print(f"open(check={check!r}) with {sizes[-1]} users: {opened:.2f} s")
        print(f"count_users(): {count} in {counted * 1000:.0f} ms")
        print(f"iter_users() over {streamed} users: {iterated:.1f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 / 1,000 / 10,000 users")
    parser.add_argument("--dir", type=Path, default=None, help="parent of the temp data dir")
    parser.add_argument(
        "--seed-checkins", type=int, default=12, help="check-ins per seeded user (12 = 2 KB)"
    )
    args = parser.parse_args()
    sizes = [100, 1_000, 10_000] if args.quick else [100, 10_000, 100_000]
    asyncio.run(main(sizes, args.dir, args.seed_checkins))
