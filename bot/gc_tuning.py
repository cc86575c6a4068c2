"""Garbage-collector settings for the long-running bot process (RELIABILITY D6).

CPython's cyclic collector walks every tracked object in a full (oldest-generation) pass.
After start-up most of those objects live for the whole process: content, compiled
templates, the FAQ index, PTB and pydantic internals. With them in the oldest generation a
full pass took about 115 ms in the latency benchmark, long enough on its own to push a
handler past the 200 ms budget. ``gc.freeze()`` moves everything alive at that moment into a
permanent generation that the collector no longer walks; cycles created later are still
collected as before. A larger first threshold makes the young-generation passes, which run
every few hundred allocations by default, less frequent: most of a turn's objects are freed
by reference counting before the next pass anyway.

Settling also hands the C allocator's free pages back to the system (glibc's
``malloc_trim``): start-up frees much of what it built from (parsed content, the reminder
rebuild's lines), and without it those pages stay in the process's resident memory.

The bot's process also keeps one C heap for all its threads (``one_malloc_arena``): glibc
gives each thread that allocates while another holds the heap's lock an arena of its own, and
the threads that load the crisis encoder and the FAQ index in the background, and asyncio's
worker threads, each left one behind, partly free, for the process's life.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000  # CPython's default is 700 allocations
_M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)


def settle_heap() -> None:
    """Collect once, then keep everything still alive out of later collections.

    Call after start-up work (content loaded, application built, caches warmed); calling it
    again later freezes what was built since, such as an index warmed in the background.
    """
    gc.collect()
    release_free_memory()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)


def release_free_memory() -> bool:
    """Return the C heap's free pages to the system; False where the C library has no
    ``malloc_trim`` (not glibc)."""
    import ctypes  # only here: the bot imports it for nothing else

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return False
    trim(0)
    return True


def one_malloc_arena() -> bool:
    """Make every thread allocate from the C heap's main arena (glibc ``mallopt(M_ARENA_MAX,
    1)``); call before threads start. False where the C library has no ``mallopt`` (not
    glibc) or refuses the setting."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_ARENA_MAX, 1))
