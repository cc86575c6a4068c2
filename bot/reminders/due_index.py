"""The reminder scheduler's index: for each user key, the next instant worth a look.

Packed because it holds every user with a reminder: a dict of key strings plus a heap of
``(datetime, seq, key)`` tuples cost about 330 bytes a user, and those small objects, made
one by one while the start-up rebuild read and freed every document, pinned the memory of
the freed documents too (23.5 MB of resident memory at 100,000 users, half with reminders).
Here a user is a slot number into flat ``array``s (no per-user Python object):

- a storage key of 32 hex digits (every key the bot makes) is kept as its 16 bytes, and
  slots are found by binary search over the slots sorted by key; keys added since the last
  ``pack()``, and keys of any other form, sit in a small dict;
- the instant (microseconds since the epoch) and a sequence number per slot, and a binary
  heap of slots ordered by (instant, sequence) that knows each slot's position, so
  rescheduling a user moves their one entry instead of leaving a stale one behind.

Per slot it also keeps one local date the scheduler has noted for the user (``note``: the
day whose check-in skip it last reported), as a day number, so that record costs 4 bytes a
user instead of a dict entry with a key string and a date object (about 180 bytes) for every
user who checks in before their reminder, each day.

About 48 bytes a user. Order and ties are as with the tuple heap: earliest instant first,
and among equal instants the one scheduled first. A slot is never given back (a user who is
not scheduled keeps theirs, 44 bytes, until the process ends), so slots stay stable.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from bisect import bisect_left

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_HEX_KEY = re.compile(r"[0-9a-f]{32}")
_CODE = 16  # bytes of a packed key
_PACK_AT_LEAST = 1024  # unpacked keys that trigger packing; more once the table is larger


def _micros(when: dt.datetime) -> int:
    return (when - _EPOCH) // _MICROSECOND


def _instant(micros: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=micros)


class DueIndex:
    """User key -> next instant, with the earliest one at hand; see the module docstring."""

    def __init__(self) -> None:
        """An empty index."""
        self._codes = bytearray()  # slot -> 16-byte key (zeros for a key that does not pack)
        self._sorted = array("I")  # slots of packed keys, sorted by key
        self._loose: dict[str, int] = {}  # keys not in _sorted yet, and keys that do not pack
        self._odd: dict[int, str] = {}  # slot -> key, for keys that do not pack
        self._due = array("q")  # slot -> microseconds since the epoch
        self._seq = array("q")  # slot -> sequence number of its last scheduling
        self._pos = array("i")  # slot -> position in _heap, -1 when not scheduled
        self._heap = array("I")  # slots, a binary heap ordered by (_due, _seq)
        self._noted = array("i")  # slot -> proleptic ordinal of the noted date, 0 for none
        self._last_seq = 0

    def __len__(self) -> int:
        """How many keys are scheduled."""
        return len(self._heap)

    def when(self, key: str) -> dt.datetime | None:
        """The instant ``key`` is scheduled at (None: not scheduled)."""
        slot = self._find(key)
        if slot is None or self._pos[slot] < 0:
            return None
        return _instant(self._due[slot])

    def schedule(self, key: str, when: dt.datetime, *, earliest: bool = False) -> bool:
        """Schedule ``key`` at ``when`` (with ``earliest``: only if that is sooner than now).

        Returns True when ``when`` is now strictly before every other key's instant (or no
        other key is scheduled): the moment the scheduler's loop must wake for.
        """
        micros = _micros(when)
        slot = self._find(key)
        if slot is None:
            slot = self._add(key)
        position = self._pos[slot]
        if earliest and position >= 0 and self._due[slot] <= micros:
            return False
        self._last_seq += 1
        self._due[slot] = micros
        self._seq[slot] = self._last_seq
        if position < 0:
            self._heap.append(slot)
            self._up(len(self._heap) - 1)
        else:
            self._up(position)
            self._down(self._pos[slot])
        # The newest sequence loses every tie, so being first means being strictly earliest.
        return self._heap[0] == slot

    def discard(self, key: str) -> None:
        """Unschedule ``key`` (nothing happens when it is not scheduled)."""
        slot = self._find(key)
        if slot is not None and self._pos[slot] >= 0:
            self._remove(self._pos[slot])

    def noted(self, key: str) -> dt.date | None:
        """The date last noted for ``key`` (None: none, or noted again as None)."""
        slot = self._find(key)
        if slot is None or not self._noted[slot]:
            return None
        return dt.date.fromordinal(self._noted[slot])

    def note(self, key: str, day: dt.date | None) -> None:
        """Keep ``day`` as the date noted for ``key`` (None forgets it); scheduled or not."""
        slot = self._find(key)
        if slot is None:
            if day is None:
                return
            slot = self._add(key)
        self._noted[slot] = 0 if day is None else day.toordinal()

    def peek(self) -> dt.datetime | None:
        """The earliest scheduled instant (None: nothing is scheduled)."""
        return _instant(self._due[self._heap[0]]) if self._heap else None

    def pop_due(self, now: dt.datetime) -> list[str]:
        """Unschedule and return every key due at or before ``now``, earliest first."""
        limit = _micros(now)
        keys = []
        while self._heap and self._due[self._heap[0]] <= limit:
            slot = self._heap[0]
            self._remove(0)
            keys.append(self._key_of(slot))
        return keys

    def pack(self) -> None:
        """Move the keys added since the last packing into the sorted table (the scheduler
        calls it after its rebuild; it also happens on its own as keys are added)."""
        fresh = sorted(
            (self._code_of(slot), slot) for slot in self._loose.values() if slot not in self._odd
        )
        if not fresh:
            return
        merged, start = array("I"), 0
        for code, slot in fresh:
            at = bisect_left(self._sorted, code, lo=start, key=self._code_of)
            merged.extend(self._sorted[start:at])
            merged.append(slot)
            start = at
        merged.extend(self._sorted[start:])
        self._sorted = merged
        self._loose = {key: slot for key, slot in self._loose.items() if slot in self._odd}

    # --- keys ------------------------------------------------------------------------------

    def _code_of(self, slot: int) -> bytes:
        return bytes(self._codes[slot * _CODE : (slot + 1) * _CODE])

    def _key_of(self, slot: int) -> str:
        odd = self._odd.get(slot)
        return odd if odd is not None else self._code_of(slot).hex()

    def _find(self, key: str) -> int | None:
        slot = self._loose.get(key)
        if slot is not None or not _HEX_KEY.fullmatch(key):
            return slot
        code = bytes.fromhex(key)
        at = bisect_left(self._sorted, code, key=self._code_of)
        if at < len(self._sorted) and self._code_of(self._sorted[at]) == code:
            return self._sorted[at]
        return None

    def _add(self, key: str) -> int:
        slot = len(self._due)
        self._due.append(0)
        self._seq.append(0)
        self._pos.append(-1)
        self._noted.append(0)
        if _HEX_KEY.fullmatch(key):
            self._codes += bytes.fromhex(key)
        else:
            self._codes += bytes(_CODE)
            self._odd[slot] = key
        self._loose[key] = slot
        if len(self._loose) - len(self._odd) >= max(_PACK_AT_LEAST, len(self._sorted) // 8):
            self.pack()
        return slot

    # --- heap ------------------------------------------------------------------------------

    def _before(self, a: int, b: int) -> bool:
        due_a, due_b = self._due[a], self._due[b]
        return due_a < due_b or (due_a == due_b and self._seq[a] < self._seq[b])

    def _place(self, slot: int, position: int) -> None:
        self._heap[position] = slot
        self._pos[slot] = position

    def _up(self, position: int) -> None:
        slot = self._heap[position]
        while position > 0:
            parent = (position - 1) >> 1
            above = self._heap[parent]
            if not self._before(slot, above):
                break
            self._place(above, position)
            position = parent
        self._place(slot, position)

    def _down(self, position: int) -> None:
        heap, size = self._heap, len(self._heap)
        slot = heap[position]
        while (child := 2 * position + 1) < size:
            if child + 1 < size and self._before(heap[child + 1], heap[child]):
                child += 1
            below = heap[child]
            if not self._before(below, slot):
                break
            self._place(below, position)
            position = child
        self._place(slot, position)

    def _remove(self, position: int) -> None:
        slot = self._heap[position]
        last = self._heap.pop()
        self._pos[slot] = -1
        if last != slot:
            self._place(last, position)
            self._up(position)
            self._down(self._pos[last])
