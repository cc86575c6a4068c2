"""The history part of the Storage contract: records appended and removed with a state save."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.storage.base import JsonDoc, Storage, StorageError, StorageFullError
from tests.contract.test_storage_contract import ALICE, BOB

if TYPE_CHECKING:
    from tests.contract.conftest import Engine


def record(n: int, **extra: object) -> JsonDoc:
    """A check-in-like history record with the id ``r<n>``."""
    return {"id": f"r{n:03d}", "at": f"2026-05-{n % 28 + 1:02d}T09:00:00Z", "level": "normal"} | (
        extra
    )


STATE: JsonDoc = {"step": "colour"}


async def test_appended_records_load_back_in_append_order(storage: Storage) -> None:
    """Records appended by several saves come back oldest first, equal to what was appended."""
    await storage.save_user(ALICE, STATE, append=[record(1), record(2)])
    await storage.save_user(ALICE, STATE, append=[record(3)])
    assert await storage.load_history(ALICE) == [record(1), record(2), record(3)]


async def test_a_user_without_records_has_an_empty_history(storage: Storage) -> None:
    """load_history of a user who never appended anything (or was never saved) is []."""
    await storage.save_user(ALICE, STATE)
    assert (await storage.load_history(ALICE), await storage.load_history(BOB)) == ([], [])


async def test_a_save_without_records_keeps_the_history(storage: Storage) -> None:
    """Replacing the state alone leaves every history record where it was."""
    await storage.save_user(ALICE, STATE, append=[record(1)])
    await storage.save_user(ALICE, {"step": "amount"})
    assert await storage.load_history(ALICE) == [record(1)]


async def test_a_save_with_records_replaces_the_state_too(storage: Storage) -> None:
    """The state given with appended records is the state stored."""
    await storage.save_user(ALICE, STATE)
    await storage.save_user(ALICE, {"step": None}, append=[record(1)])
    assert await storage.load_user(ALICE) == {"step": None}


async def test_appending_a_stored_id_again_keeps_one_record(storage: Storage) -> None:
    """A save repeated after a crash appends nothing twice: the first record with an id stays."""
    await storage.save_user(ALICE, STATE, append=[record(1, level="urgent")])
    await storage.save_user(ALICE, STATE, append=[record(1, level="normal"), record(2)])
    assert await storage.load_history(ALICE) == [record(1, level="urgent"), record(2)]


async def test_removed_records_are_gone_and_the_others_keep_their_order(storage: Storage) -> None:
    """remove drops exactly the named records."""
    await storage.save_user(ALICE, STATE, append=[record(1), record(2), record(3)])
    await storage.save_user(ALICE, STATE, remove=["r002"])
    assert await storage.load_history(ALICE) == [record(1), record(3)]


async def test_removing_an_absent_id_changes_nothing(storage: Storage) -> None:
    """An id that is not stored is ignored by remove."""
    await storage.save_user(ALICE, STATE, append=[record(1)])
    await storage.save_user(ALICE, STATE, remove=["nope"])
    assert await storage.load_history(ALICE) == [record(1)]


async def test_one_users_records_are_never_in_anothers_history(storage: Storage) -> None:
    """Records appended for one user do not show up in another user's history."""
    await storage.save_user(ALICE, STATE, append=[record(1)])
    await storage.save_user(BOB, STATE, append=[record(2)])
    assert await storage.load_history(BOB) == [record(2)]


async def test_another_user_cannot_remove_a_record(storage: Storage) -> None:
    """A remove naming another user's record id leaves that record stored."""
    await storage.save_user(ALICE, STATE, append=[record(1)])
    await storage.save_user(BOB, STATE, remove=["r001"])
    assert await storage.load_history(ALICE) == [record(1)]


async def test_delete_erases_the_history(storage: Storage) -> None:
    """After delete_user the user's history is empty."""
    await storage.save_user(ALICE, STATE, append=[record(1), record(2)])
    await storage.delete_user(ALICE)
    assert await storage.load_history(ALICE) == []


async def test_history_is_not_part_of_the_state(storage: Storage) -> None:
    """load_user and iter_users return the state document only."""
    await storage.save_user(ALICE, STATE, append=[record(1)])
    assert [doc async for _, doc in storage.iter_users()] == [STATE]


async def test_loaded_records_are_copies(storage: Storage) -> None:
    """Mutating a loaded record does not change what is stored."""
    await storage.save_user(ALICE, STATE, append=[record(1, answers={"colour": "white"})])
    loaded = await storage.load_history(ALICE)
    loaded[0]["answers"]["colour"] = "green"
    assert await storage.load_history(ALICE) == [record(1, answers={"colour": "white"})]


async def test_odd_text_in_a_record_round_trips(storage: Storage) -> None:
    """Emoji, Cyrillic, NUL and a lone surrogate in a record survive."""
    odd = record(1, note="🤰 значение a\x00b \ud83d")
    await storage.save_user(ALICE, STATE, append=[odd])
    assert await storage.load_history(ALICE) == [odd]


async def test_a_record_without_an_id_is_refused_and_nothing_is_written(
    storage: Storage,
) -> None:
    """A record with no string id raises StorageError; neither state nor history change."""
    await storage.save_user(ALICE, STATE)
    with pytest.raises(StorageError):
        await storage.save_user(ALICE, {"step": "new"}, append=[{"at": "x"}])
    assert (await storage.load_user(ALICE), await storage.load_history(ALICE)) == (STATE, [])


async def test_a_failed_save_appends_nothing(
    engine: Engine, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save that hits a full disk leaves both the state and the history as they were."""
    await storage.save_user(ALICE, STATE, append=[record(1)])
    engine.fail_next_save(storage, monkeypatch)
    with pytest.raises(StorageFullError):
        await storage.save_user(ALICE, {"step": None}, append=[record(2)])
    assert (await storage.load_user(ALICE), await storage.load_history(ALICE)) == (
        STATE,
        [record(1)],
    )


async def test_records_can_be_appended_after_a_failed_save(
    engine: Engine, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once space is back, the same save succeeds and stores the record once."""
    engine.fail_next_save(storage, monkeypatch)
    with pytest.raises(StorageFullError):
        await storage.save_user(ALICE, STATE, append=[record(1)])
    await storage.save_user(ALICE, STATE, append=[record(1)])
    assert await storage.load_history(ALICE) == [record(1)]
