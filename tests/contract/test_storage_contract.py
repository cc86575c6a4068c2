"""The Storage contract: what every engine promises, one behaviour per test."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from bot.storage.base import JsonDoc, JsonText, Storage, StorageError, StorageFullError

if TYPE_CHECKING:
    from tests.contract.conftest import Engine


def key(name: str) -> str:
    """An opaque hex user key like the ones the caller derives with an HMAC."""
    return hashlib.sha256(name.encode()).hexdigest()[:32]


ALICE = key("alice")
BOB = key("bob")
CAROL = key("carol")


def typical_doc(version: int = 1) -> JsonDoc:
    """A user document of the usual shape and a realistic size (about 10 KB)."""
    return {
        "version": version,
        "profile": {"mode": "pregnancy", "week": 24, "tz": "Europe/Berlin"},
        "checkins": [
            {"id": f"c{i:04d}", "date": "2026-05-01", "discharge": "creamy", "bleeding": "none"}
            for i in range(120)
        ],
        "conversation": {"flow": "checkin", "step": 3, "answers": {"discharge": "watery"}},
        "processed_updates": [1000 + i for i in range(50)],
    }


async def collect(storage: Storage) -> dict[str, JsonDoc]:
    """Everything iter_users yields, as a dict."""
    return {k: doc async for k, doc in storage.iter_users()}


async def test_saved_document_loads_back_equal(storage: Storage) -> None:
    """A saved document is loaded back equal to what was saved."""
    await storage.save_user(ALICE, typical_doc())
    assert await storage.load_user(ALICE) == typical_doc()


async def test_absent_user_loads_as_none(storage: Storage) -> None:
    """Loading a user that was never saved returns None."""
    assert await storage.load_user(ALICE) is None


async def test_save_replaces_the_whole_document(storage: Storage) -> None:
    """A second save replaces the document: keys missing from it are gone, not merged."""
    await storage.save_user(ALICE, {"a": 1, "b": 2})
    await storage.save_user(ALICE, {"a": 3})
    assert await storage.load_user(ALICE) == {"a": 3}


async def test_users_are_stored_independently(storage: Storage) -> None:
    """Saving one user's document leaves another user's document unchanged."""
    await storage.save_user(ALICE, {"who": "alice"})
    await storage.save_user(BOB, {"who": "bob"})
    assert await storage.load_user(ALICE) == {"who": "alice"}


async def test_delete_erases_the_document(storage: Storage) -> None:
    """After delete_user the user loads as None."""
    await storage.save_user(ALICE, typical_doc())
    await storage.delete_user(ALICE)
    assert await storage.load_user(ALICE) is None


async def test_delete_of_a_stored_user_returns_true(storage: Storage) -> None:
    """delete_user returns True when it erased a document."""
    await storage.save_user(ALICE, typical_doc())
    assert await storage.delete_user(ALICE) is True


async def test_delete_of_an_absent_user_returns_false(storage: Storage) -> None:
    """delete_user returns False when there was nothing to erase."""
    assert await storage.delete_user(ALICE) is False


async def test_delete_leaves_other_users_alone(storage: Storage) -> None:
    """Deleting one user does not touch another user's document."""
    await storage.save_user(ALICE, {"who": "alice"})
    await storage.save_user(BOB, {"who": "bob"})
    await storage.delete_user(ALICE)
    assert await storage.load_user(BOB) == {"who": "bob"}


async def test_iter_users_yields_all_and_only_stored_users(storage: Storage) -> None:
    """iter_users yields every stored (key, document) and nothing deleted."""
    for name, k in (("alice", ALICE), ("bob", BOB), ("carol", CAROL)):
        await storage.save_user(k, {"who": name})
    await storage.delete_user(BOB)
    assert await collect(storage) == {ALICE: {"who": "alice"}, CAROL: {"who": "carol"}}


async def test_iter_users_on_empty_storage_yields_nothing(storage: Storage) -> None:
    """iter_users over an empty store yields nothing."""
    assert await collect(storage) == {}


async def test_iter_users_streams_more_than_one_batch(storage: Storage) -> None:
    """iter_users yields every user when there are more users than fit in one read batch."""
    keys = [key(f"user{i}") for i in range(150)]
    for i, k in enumerate(keys):
        await storage.save_user(k, {"i": i})
    assert await collect(storage) == {k: {"i": i} for i, k in enumerate(keys)}


async def test_count_users_is_zero_when_empty(storage: Storage) -> None:
    """count_users is 0 for an empty store."""
    assert await storage.count_users() == 0


async def test_count_users_counts_stored_documents(storage: Storage) -> None:
    """count_users counts each stored user once, however often it was saved, minus deletions."""
    await storage.save_user(ALICE, {"v": 1})
    await storage.save_user(ALICE, {"v": 2})
    await storage.save_user(BOB, {"v": 1})
    await storage.save_user(CAROL, {"v": 1})
    await storage.delete_user(CAROL)
    assert await storage.count_users() == 2


async def test_loaded_document_is_a_copy(storage: Storage) -> None:
    """Mutating a loaded document does not change what is stored."""
    await storage.save_user(ALICE, {"list": [1], "nested": {"x": 1}})
    loaded = await storage.load_user(ALICE)
    assert loaded is not None
    loaded["list"].append(2)
    loaded["nested"]["x"] = 99
    assert await storage.load_user(ALICE) == {"list": [1], "nested": {"x": 1}}


async def test_saved_document_is_a_copy(storage: Storage) -> None:
    """Mutating a document after saving it does not change what is stored."""
    doc: JsonDoc = {"list": [1], "nested": {"x": 1}}
    await storage.save_user(ALICE, doc)
    doc["list"].append(2)
    doc["nested"]["x"] = 99
    assert await storage.load_user(ALICE) == {"list": [1], "nested": {"x": 1}}


async def test_iterated_documents_are_copies(storage: Storage) -> None:
    """Mutating a document yielded by iter_users does not change what is stored."""
    await storage.save_user(ALICE, {"nested": {"x": 1}})
    async for _, doc in storage.iter_users():
        doc["nested"]["x"] = 99
    assert await storage.load_user(ALICE) == {"nested": {"x": 1}}


async def test_user_lock_serialises_read_modify_write(storage: Storage) -> None:
    """50 concurrent load-increment-save tasks on one key under user_lock end at exactly 50."""

    async def bump() -> None:
        async with storage.user_lock(ALICE):
            doc = await storage.load_user(ALICE) or {"n": 0}
            await asyncio.sleep(0)  # give every other task the chance to interleave
            doc["n"] += 1
            await storage.save_user(ALICE, doc)

    await asyncio.gather(*(bump() for _ in range(50)))
    assert await storage.load_user(ALICE) == {"n": 50}


async def test_user_lock_does_not_block_other_keys(storage: Storage) -> None:
    """Holding one user's lock does not stop another user's lock from being taken."""
    async with storage.user_lock(ALICE), asyncio.timeout(1), storage.user_lock(BOB):
        pass


async def test_user_lock_excludes_a_second_holder_of_the_same_key(storage: Storage) -> None:
    """While one task holds a user's lock, another task cannot take it."""
    async with storage.user_lock(ALICE):
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05), storage.user_lock(ALICE):
                pass


async def test_unicode_text_round_trips(storage: Storage) -> None:
    """Emoji, right-to-left, combining marks, control characters and lone surrogates survive."""
    doc: JsonDoc = {
        "emoji": "🤰" * 50,
        "rtl": "مرحبا \u202e abc",
        "combining": "e\u0301 n\u0303",
        "zwj": "👩\u200d👩\u200d👧",
        "control": "a\x00b\x1bc",
        "surrogate": "\ud83d",
        "ключ": "значение",
    }
    await storage.save_user(ALICE, doc)
    assert await storage.load_user(ALICE) == doc


async def test_a_document_given_as_json_text_loads_back_as_the_object(storage: Storage) -> None:
    """A document saved as serialised text (JsonText, raw UTF-8 included) loads as a dict."""
    doc: JsonDoc = {**typical_doc(), "text": "🤰 значение \\u0000", "nul": "a\x00b"}
    await storage.save_user(ALICE, JsonText(json.dumps(doc, ensure_ascii=False)))
    assert await storage.load_user(ALICE) == doc


async def test_a_json_text_save_replaces_a_dict_save_and_back(storage: Storage) -> None:
    """Both forms write the same document: each save replaces the other's."""
    await storage.save_user(ALICE, {"a": 1})
    await storage.save_user(ALICE, JsonText('{"b":2}'))
    after_text = await storage.load_user(ALICE)
    await storage.save_user(ALICE, {"c": 3})
    assert (after_text, await storage.load_user(ALICE)) == ({"b": 2}, {"c": 3})


async def test_a_non_object_document_is_refused(storage: Storage) -> None:
    """Only a JSON object is a user document: a list is a StorageError and nothing is written."""
    with pytest.raises(StorageError):
        await storage.save_user(ALICE, [1, 2])  # type: ignore[arg-type]
    assert await storage.load_user(ALICE) is None


async def test_nested_data_round_trips(storage: Storage) -> None:
    """Nested objects, lists and every JSON scalar type round-trip unchanged."""
    doc: JsonDoc = {
        "a": {"b": {"c": [1, [2, [3, {"d": None}]]]}},
        "scalars": [True, False, None, 0, -1, 2**62, 0.1, -2.5e-8, ""],
        "empty": {"list": [], "obj": {}},
    }
    await storage.save_user(ALICE, doc)
    assert await storage.load_user(ALICE) == doc


async def test_a_large_document_round_trips(storage: Storage) -> None:
    """A document with 300 check-ins (the upper end of a real user) round-trips."""
    doc = typical_doc()
    doc["checkins"] = [{**c, "id": f"c{i:04d}"} for i, c in enumerate(doc["checkins"] * 3)]
    await storage.save_user(ALICE, doc)
    assert await storage.load_user(ALICE) == doc


async def test_failed_save_raises_storage_full(
    engine: Engine, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save that hits a full disk raises StorageFullError."""
    engine.fail_next_save(storage, monkeypatch)
    with pytest.raises(StorageFullError):
        await storage.save_user(ALICE, typical_doc())


async def test_failed_save_leaves_the_previous_document_intact(
    engine: Engine, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a failed save the user's previous document is still stored, unchanged."""
    await storage.save_user(ALICE, typical_doc(version=1))
    engine.fail_next_save(storage, monkeypatch)
    with pytest.raises(StorageFullError):
        await storage.save_user(ALICE, typical_doc(version=2))
    assert await storage.load_user(ALICE) == typical_doc(version=1)


async def test_failed_first_save_stores_nothing(
    engine: Engine, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed save of a new user leaves no user behind."""
    engine.fail_next_save(storage, monkeypatch)
    with pytest.raises(StorageFullError):
        await storage.save_user(ALICE, typical_doc())
    assert await storage.count_users() == 0


async def test_storage_works_again_after_a_failed_save(
    engine: Engine, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once space is back, the next save succeeds (the engine stays usable)."""
    engine.fail_next_save(storage, monkeypatch)
    with pytest.raises(StorageFullError):
        await storage.save_user(ALICE, typical_doc(version=1))
    await storage.save_user(ALICE, typical_doc(version=2))
    assert await storage.load_user(ALICE) == typical_doc(version=2)


async def test_non_json_document_is_refused(storage: Storage) -> None:
    """A document that is not JSON (here a set) raises StorageError and leaves the old one."""
    await storage.save_user(ALICE, {"v": 1})
    with pytest.raises(StorageError):
        await storage.save_user(ALICE, {"v": {1, 2}})
    assert await storage.load_user(ALICE) == {"v": 1}


async def test_nan_is_refused(storage: Storage) -> None:
    """NaN is not JSON, so a document containing it raises StorageError."""
    with pytest.raises(StorageError):
        await storage.save_user(ALICE, {"v": float("nan")})


BAD_KEYS = [
    "",
    "123456789",  # a raw Telegram id
    "abc",
    "a" * 15,
    "a" * 129,
    "ABCDEF0123456789",
    "../../etc/passwd",
    "0123456789abcdef/x",
    "0123456789abcdef.json",
    "0123456789abcdef\n",
    "０１２３４５６７８９ａｂｃｄｅｆ",
]


@pytest.mark.parametrize("bad", BAD_KEYS)
async def test_bad_key_is_refused_by_save(storage: Storage, bad: str) -> None:
    """save_user refuses a key that is not 16-128 lower-case hex characters."""
    with pytest.raises(ValueError):
        await storage.save_user(bad, {"v": 1})


@pytest.mark.parametrize("bad", BAD_KEYS)
async def test_bad_key_is_refused_by_load(storage: Storage, bad: str) -> None:
    """load_user refuses a key that is not 16-128 lower-case hex characters."""
    with pytest.raises(ValueError):
        await storage.load_user(bad)


async def test_bad_key_is_refused_by_delete(storage: Storage) -> None:
    """delete_user refuses a key that is not hex."""
    with pytest.raises(ValueError):
        await storage.delete_user("../users")


async def test_bad_key_is_refused_by_user_lock(storage: Storage) -> None:
    """user_lock refuses a key that is not hex."""
    with pytest.raises(ValueError):
        async with storage.user_lock("not-a-key"):
            pass


async def test_refused_key_stores_nothing(storage: Storage) -> None:
    """A refused key leaves the store empty."""
    with pytest.raises(ValueError):
        await storage.save_user("../" + ALICE, {"v": 1})
    assert await storage.count_users() == 0


async def test_feedback_counts_are_empty_initially(storage: Storage) -> None:
    """No votes means no topics."""
    assert await storage.feedback_counts() == {}


async def test_feedback_counts_votes_per_topic(storage: Storage) -> None:
    """Helpful and not-helpful votes are counted separately for each topic."""
    for topic, helpful in [("a", True), ("a", True), ("a", False), ("b", False)]:
        await storage.add_feedback(topic, helpful)
    assert await storage.feedback_counts() == {
        "a": {"helpful": 2, "not_helpful": 1},
        "b": {"helpful": 0, "not_helpful": 1},
    }


async def test_content_gaps_are_kept_oldest_first(storage: Storage) -> None:
    """Unmatched questions come back in the order they were added, with all three fields."""
    await storage.add_content_gap("first?", "en", "2026-05-01T10:00:00Z")
    await storage.add_content_gap("zweite?", "de", "2026-05-01T10:01:00Z")
    assert await storage.content_gaps() == [
        {"text": "first?", "lang": "en", "at": "2026-05-01T10:00:00Z"},
        {"text": "zweite?", "lang": "de", "at": "2026-05-01T10:01:00Z"},
    ]


async def test_content_gaps_are_empty_initially(storage: Storage) -> None:
    """No unmatched questions means an empty list."""
    assert await storage.content_gaps() == []


async def test_audit_events_come_back_in_append_order(storage: Storage) -> None:
    """Audit events are returned oldest first, exactly as appended."""
    events: list[JsonDoc] = [
        {"action": "consent", "user": ALICE, "at": "2026-05-01T10:00:00Z"},
        {"action": "export", "user": ALICE, "at": "2026-05-01T10:00:01Z"},
        {"action": "delete", "user": BOB, "at": "2026-05-01T10:00:02Z"},
    ]
    for event in events:
        await storage.append_audit(event)
    assert await storage.audit_events() == events


async def test_audit_event_is_stored_as_a_copy(storage: Storage) -> None:
    """Mutating an event after appending it does not change the audit log."""
    event: JsonDoc = {"action": "consent", "details": {"n": 1}}
    await storage.append_audit(event)
    event["details"]["n"] = 2
    assert await storage.audit_events() == [{"action": "consent", "details": {"n": 1}}]


async def test_global_collections_do_not_count_as_users(storage: Storage) -> None:
    """Feedback, content gaps and audit events never show up as users."""
    await storage.add_feedback("a", True)
    await storage.add_content_gap("q", "en", "2026-05-01T10:00:00Z")
    await storage.append_audit({"action": "consent"})
    assert await storage.count_users() == 0


async def test_an_update_marked_sent_is_reported_sent(storage: Storage) -> None:
    """mark_sent(u) makes was_sent(u) true; other update ids stay unmarked."""
    await storage.mark_sent(7001)
    assert await storage.was_sent(7001)
    assert not await storage.was_sent(7002)


async def test_marking_an_update_sent_twice_is_harmless(storage: Storage) -> None:
    """A second mark of the same update id neither raises nor unmarks it."""
    await storage.mark_sent(7003)
    await storage.mark_sent(7003)
    assert await storage.was_sent(7003)


async def test_pruning_before_now_keeps_marks_made_now(storage: Storage) -> None:
    """prune_sent with a cut-off an hour ago keeps a mark made just now."""
    await storage.mark_sent(7004)
    assert await storage.prune_sent(datetime.now(UTC) - timedelta(hours=1)) == 0
    assert await storage.was_sent(7004)


async def test_pruning_after_now_forgets_marks_made_before(storage: Storage) -> None:
    """prune_sent with a cut-off in the future forgets a mark made now."""
    await storage.mark_sent(7005)
    assert await storage.prune_sent(datetime.now(UTC) + timedelta(hours=1)) == 1
    assert not await storage.was_sent(7005)


async def test_sent_marks_are_not_users(storage: Storage) -> None:
    """Sent marks never show up as users."""
    await storage.mark_sent(7006)
    assert await storage.count_users() == 0


async def test_a_swap_replaces_the_state_that_is_still_the_expected_one(storage: Storage) -> None:
    """swap_user writes the new state and returns True when the stored one is ``expected``."""
    saved = JsonText(json.dumps({"step": 1, "message_id": None}))
    await storage.save_user(ALICE, saved)
    assert await storage.swap_user(ALICE, saved, {"step": 1, "message_id": 42})
    assert await storage.load_user(ALICE) == {"step": 1, "message_id": 42}


async def test_a_swap_leaves_a_state_changed_since_alone(storage: Storage) -> None:
    """swap_user returns False and writes nothing when the state is no longer ``expected``."""
    await storage.save_user(ALICE, {"step": 1})
    await storage.save_user(ALICE, {"step": 2})
    assert not await storage.swap_user(ALICE, {"step": 1}, {"step": 1, "message_id": 42})
    assert await storage.load_user(ALICE) == {"step": 2}


async def test_a_swap_does_not_bring_back_an_erased_user(storage: Storage) -> None:
    """swap_user after the user was erased returns False and stores nothing."""
    await storage.save_user(ALICE, {"step": 1})
    await storage.delete_user(ALICE)
    assert not await storage.swap_user(ALICE, {"step": 1}, {"step": 1, "message_id": 42})
    assert await storage.count_users() == 0


async def test_a_swap_marks_its_update_sent_even_when_the_state_changed(storage: Storage) -> None:
    """swap_user with ``mark_sent`` records the update as sent whether or not it swapped."""
    await storage.save_user(ALICE, {"step": 2})
    await storage.swap_user(ALICE, {"step": 1}, {"step": 1, "message_id": 42}, mark_sent=7007)
    assert await storage.was_sent(7007)


async def test_a_swap_waits_for_the_holder_of_the_user_lock(storage: Storage) -> None:
    """swap_user compares with the state the holder of the user lock leaves, not the one
    stored while the lock is held."""
    await storage.save_user(ALICE, {"step": 1})
    holding, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with storage.user_lock(ALICE):
            holding.set()
            await release.wait()
            await storage.save_user(ALICE, {"step": 2})

    held = asyncio.create_task(holder())
    await holding.wait()
    swap = asyncio.create_task(storage.swap_user(ALICE, {"step": 1}, {"step": 1, "x": 42}))
    await asyncio.sleep(0.05)  # time for the swap to run, were it not to wait
    release.set()
    async with asyncio.timeout(10):
        await held
        assert not await swap
    assert await storage.load_user(ALICE) == {"step": 2}


async def test_use_after_close_raises_storage_error(storage: Storage) -> None:
    """Once closed, the storage refuses further work with StorageError."""
    await storage.close()
    with pytest.raises(StorageError):
        await storage.load_user(ALICE)


async def test_close_twice_is_harmless(storage: Storage) -> None:
    """Closing an already closed storage does not raise."""
    await storage.close()
    await storage.close()
