"""The reminder scheduler's packed index answers exactly as a dict of (instant, sequence)
entries with a heap of tuples would: same instants, same order, same ties, same wake-ups."""

from __future__ import annotations

import datetime as dt
import heapq
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.reminders import due_index
from bot.reminders.due_index import DueIndex

T0 = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
HEX_A = "a1" * 16
HEX_B = "b2" * 16


class TupleIndex:
    """The reference: the scheduler's former dict plus heap of (instant, seq, key) tuples."""

    def __init__(self) -> None:
        self.index: dict[str, tuple[dt.datetime, int]] = {}
        self.heap: list[tuple[dt.datetime, int, str]] = []
        self.seq = 0

    def peek(self) -> dt.datetime | None:
        while self.heap:
            when, seq, key = self.heap[0]
            if self.index.get(key, (None, None))[1] == seq:
                return when
            heapq.heappop(self.heap)
        return None

    def schedule(self, key: str, when: dt.datetime, earliest: bool) -> bool:
        current = self.index.get(key)
        if earliest and current is not None and current[0] <= when:
            return False
        self.seq += 1
        self.index[key] = (when, self.seq)
        top = self.peek()
        heapq.heappush(self.heap, (when, self.seq, key))
        return top is None or when < top

    def pop_due(self, now: dt.datetime) -> list[str]:
        keys = []
        while (top := self.peek()) is not None and top <= now:
            keys.append(heapq.heappop(self.heap)[2])
            del self.index[keys[-1]]
        return keys


# Hex keys as the bot makes them, a few that do not pack, and minutes apart or equal instants.
KEYS = [f"{i:032x}" for i in range(12)] + ["short", "A1" * 16, "é" * 32]
operations = st.lists(
    st.tuples(
        st.sampled_from(["schedule", "earliest", "discard", "pop", "pack"]),
        st.sampled_from(KEYS),
        st.integers(min_value=0, max_value=20),
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(operations)
def test_every_answer_matches_the_tuple_heap(ops: list[tuple[str, str, int]]) -> None:
    """Any mix of scheduling, discarding, popping and packing answers as the tuple heap."""
    packed, reference = DueIndex(), TupleIndex()
    for op, key, minutes in ops:
        when = T0 + dt.timedelta(minutes=minutes, microseconds=minutes % 3)
        if op in ("schedule", "earliest"):
            earliest = op == "earliest"
            assert packed.schedule(key, when, earliest=earliest) == reference.schedule(
                key, when, earliest
            )
        elif op == "discard":
            packed.discard(key)
            reference.index.pop(key, None)
        elif op == "pop":
            assert packed.pop_due(when) == reference.pop_due(when)
        else:
            packed.pack()
        assert packed.peek() == reference.peek()
        assert len(packed) == len(reference.index)
        for each in KEYS:
            assert packed.when(each) == reference.index.get(each, (None,))[0]


def test_equal_instants_come_out_in_the_order_they_were_scheduled() -> None:
    """Two keys due at the same instant pop in scheduling order, rescheduling counting anew."""
    index = DueIndex()
    index.schedule(HEX_A, T0)
    index.schedule(HEX_B, T0)
    index.schedule(HEX_A, T0)
    assert index.pop_due(T0) == [HEX_B, HEX_A]


def test_a_key_is_found_after_thousands_of_others_were_packed() -> None:
    """Keys packed in bulk (more than trigger a packing) keep their own instants."""
    index = DueIndex()
    keys = [f"{i * 7919:032x}" for i in range(3000)]
    for i, key in enumerate(keys):
        index.schedule(key, T0 + dt.timedelta(seconds=i))
    index.pack()
    assert [index.when(key) for key in keys[::500]] == [
        T0 + dt.timedelta(seconds=i) for i in range(0, 3000, 500)
    ]


def test_three_thousand_hex_keys_cost_under_a_quarter_megabyte() -> None:
    """Packed, a user with a hex key costs about 48 bytes (the tuple heap took about 250
    more than the key string itself)."""
    keys = [f"{i:032x}" for i in range(3000)]
    tracemalloc.start()
    try:
        index = DueIndex()
        for key in keys:
            index.schedule(key, T0)
        index.pack()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(index) == 3000
    assert kept < 250_000


def test_instants_keep_their_microseconds() -> None:
    """An instant with microseconds comes back equal, as an aware UTC datetime."""
    index = DueIndex()
    when = dt.datetime(2026, 3, 29, 1, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    index.schedule("odd key", when)
    assert index.when("odd key") == when
    assert index.peek() == when
    assert due_index._instant(due_index._micros(when)).tzinfo is dt.UTC


def test_a_noted_date_is_kept_per_key() -> None:
    """A date noted for a key comes back for that key only, whether it is scheduled or not."""
    index = DueIndex()
    index.schedule(HEX_A, T0)
    index.note(HEX_A, T0.date())
    index.note("odd key", T0.date() + dt.timedelta(1))
    assert index.noted(HEX_A) == T0.date()
    assert index.noted("odd key") == T0.date() + dt.timedelta(1)
    assert index.noted(HEX_B) is None


def test_noting_none_forgets_the_date() -> None:
    """Noting None for a key forgets its date and leaves its schedule alone."""
    index = DueIndex()
    index.schedule(HEX_A, T0)
    index.note(HEX_A, T0.date())
    index.note(HEX_A, None)
    assert index.noted(HEX_A) is None
    assert index.when(HEX_A) == T0


def test_a_noted_date_survives_packing_and_unscheduling() -> None:
    """A key's noted date stays with its slot when the table is packed or the key is
    unscheduled."""
    index = DueIndex()
    keys = [f"{i:032x}" for i in range(40)]
    for position, key in enumerate(keys):
        index.schedule(key, T0)
        index.note(key, T0.date() + dt.timedelta(position))
    index.pack()
    index.discard(keys[7])
    assert [index.noted(key) for key in keys] == [
        T0.date() + dt.timedelta(position) for position in range(40)
    ]
