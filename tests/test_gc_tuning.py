"""Garbage-collector settings of the bot process (RELIABILITY D6: no long collector pauses)."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import pytest

from bot import gc_tuning, runner
from bot.gc_tuning import YOUNG_THRESHOLD, one_malloc_arena, release_free_memory, settle_heap


@pytest.fixture(autouse=True)
def restored_collector() -> Iterator[None]:
    """Leave the test process's collector as it was."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_settling_moves_the_live_heap_out_of_collections() -> None:
    """Objects alive when the heap is settled are frozen, so full passes no longer walk them."""
    gc.unfreeze()
    kept = [[i] for i in range(1_000)]
    settle_heap()
    assert gc.get_freeze_count() >= len(kept)


def test_settling_makes_young_collections_rarer() -> None:
    """The first-generation threshold is raised; the older ones are left as they were."""
    _, older, oldest = gc.get_threshold()
    settle_heap()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, older, oldest)


def test_cycles_made_after_settling_are_still_collected() -> None:
    """Freezing is not switching the collector off: a later cycle is freed by a collection."""
    settle_heap()
    node = Node()
    node.me = node
    gone = weakref.ref(node)
    del node
    gc.collect()
    assert gone() is None


class Node:
    """An object that can point at itself (a reference cycle) and be weakly referenced."""

    me: object = None


def test_settling_gives_the_c_heaps_free_pages_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settling the heap asks the C allocator to return its free pages (malloc_trim)."""
    asked: list[bool] = []
    monkeypatch.setattr(gc_tuning, "release_free_memory", lambda: asked.append(True) or True)
    settle_heap()
    assert asked == [True]


def test_free_pages_are_given_back_with_glibc() -> None:
    """On this glibc system malloc_trim is found and called."""
    assert release_free_memory()


def test_one_c_heap_arena_is_set_with_glibc() -> None:
    """On this glibc system mallopt is found and accepts a single arena."""
    assert one_malloc_arena()


class _Rebuilding:
    """A reminder scheduler stand-in whose index is rebuilt when ``done`` is set."""

    def __init__(self) -> None:
        self.done = asyncio.Event()

    async def index_ready(self) -> None:
        await self.done.wait()


async def test_the_runner_settles_the_heap_again_once_the_reminder_index_is_rebuilt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The runner's settling task waits for the rebuild, then settles the heap once."""
    settled: list[bool] = []
    monkeypatch.setattr(gc_tuning, "settle_heap", lambda: settled.append(True))
    scheduler = _Rebuilding()
    task = asyncio.create_task(runner._settle_when_indexed(scheduler))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert settled == []
    scheduler.done.set()
    await task
    assert settled == [True]
