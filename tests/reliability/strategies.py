"""Hypothesis strategies for Telegram ``Update`` JSON of every shape a client can produce.

Updates follow the Bot API schema (the fields Telegram always sends are there), but
everything a person or a modified client controls is arbitrary: text (huge, bidi and
zero-width characters, NUL, lone surrogates, numbers in other scripts, template and HTML
syntax, forged log lines), callback data (any length, any characters, forged prefixes of
our own buttons), media of every kind, odd locations, edits, group chats, chat-member
changes, bots as senders and optional fields left out.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from bot.domain.menu import COMMANDS

NASTY_TEXTS = (
    "a" * 4096,
    "🤰" * 4096,
    "a" * 5000,
    "\u202eevil\u202c",
    "👩\u200d👩\u200d👧\u200d👦",
    "e\u0301\u0302\u0303" * 40,
    "\x00",
    "nul\x00inside",
    "\ud83d",
    "\udfff lone low",
    "٣٢",
    "۲۵",
    "-1",
    "0",
    "43",
    "45",
    "46",
    "99999999999999999999",
    "1e309",
    "25:99",
    "24:00",
    "12:30",
    "7",
    "Mars/Olympus",
    "Europe/Berlin",
    "berlin",
    "2026-02-30",
    "2027-01-15",
    "2026-13-01",
    "{{7*7}}",
    "{% for c in ().__class__.__mro__[1].__subclasses__() %}{{c}}{% endfor %}",
    '<b>x</b> & <a href="tg://user?id=1">',
    "</b><i>",
    "&amp; &lt; &#0; &#x110000; &bogus;",
    "ok\n2026-01-01 00:00:00 INFO admin granted to 1",
    "\x1b[31mred\x1b[0m",
    "heavy bleeding soaking a pad every hour",
    "my waters broke",
    "is brown discharge normal at 31 weeks",
    "CANARY-FUZZ-91c4 secret answer",
    " ",
    "\n\n\n",
    "\t",
)
CALLBACK_PREFIXES = (
    "",
    ":",
    "ck:",
    "ck:deadbeef:",
    "ob:",
    "ob:status:",
    "ob:country:",
    "checkin:",
    "faq:",
    "fb:",
    "topics:",
    "lang:",
    "rem:",
    "rem:time:",
    "rem:zone:",
    "rem:pause:",
    "rem:snooze:",
    "hist:",
    "del:",
    "del:c:",
    "del:cy:",
    "exp:",
    "sum:",
)
KNOWN_CALLBACKS = (
    "ob:consent",
    "ob:decline",
    "ob:status:pregnant",
    "ob:status:not_pregnant",
    "ob:status:postpartum",
    "ob:status:possibly_pregnant",
    "ob:weeks",
    "ob:due",
    "ob:skip",
    "ob:country",
    "ob:country:GB",
    "ob:country:other",
    "ob:country:skip",
    "checkin:start",
    "topics",
    "topics:1",
    "topics:-5",
    "topics:999999999999999999999",
    "rem:menu",
    "rem:toggle",
    "rem:time",
    "rem:time:08.00",
    "rem:zone",
    "rem:zone:2",
    "rem:zone:99",
    "rem:pause:3",
    "rem:resume",
    "rem:snooze:60",
    "hist:0",
    "hist:-1",
    "del:yes",
    "del:no",
    "exp:json",
    "sum:4w",
    "lang:es",
    "lang:ru",
    "lang:xx",
    "fb:discharge_normal_pregnancy:1",
)
LANGUAGES = ("en", "es", "ru", "de", "", "zh-hans", "pt-br", "x" * 20, "EN")
#: The user id in generated updates; ``for_user`` puts a real one in its place, so the
#: strategies are built once (building them per draw is what makes Hypothesis slow).
ME = 4_242_424_242
MESSAGE_ID = 50


def for_user(raw: Any, user_id: int) -> Any:
    """``raw`` with every occurrence of the placeholder id ``ME`` replaced by ``user_id``."""
    if isinstance(raw, dict):
        return {key: for_user(value, user_id) for key, value in raw.items()}
    if isinstance(raw, list):
        return [for_user(value, user_id) for value in raw]
    return user_id if raw == ME and not isinstance(raw, bool) else raw


def any_text(max_size: int = 80) -> st.SearchStrategy[str]:
    """Any text, with a strong bias towards the known nasty cases."""
    every_char = st.characters(exclude_categories=())
    return st.one_of(
        st.sampled_from(NASTY_TEXTS),
        st.text(max_size=max_size),
        st.text(alphabet=every_char, max_size=max_size),
        st.lists(st.sampled_from(NASTY_TEXTS[3:]), min_size=2, max_size=4).map(" ".join),
    )


def command_text() -> st.SearchStrategy[str]:
    """A command: ours, unknown, addressed to a bot, with arguments, over-long."""
    name = st.one_of(
        st.sampled_from((*COMMANDS, "delete_my_data", "START", "unknown", "x" * 40)),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=40),
    )
    suffix = st.sampled_from(("", "@fake_checkin_bot", "@other_bot", "@"))
    args = st.one_of(st.just(""), any_text(40).map(lambda t: " " + t))
    return st.builds(lambda n, s, a: f"/{n}{s}{a}", name, suffix, args)


def callback_data() -> st.SearchStrategy[str]:
    """Callback data a modified client can send: forged, over-long, binary-looking."""
    return st.one_of(
        st.sampled_from(KNOWN_CALLBACKS),
        st.builds(lambda p, t: p + t, st.sampled_from(CALLBACK_PREFIXES), any_text(70)),
        st.text(min_size=65, max_size=300),
        st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
    )


def person() -> st.SearchStrategy[dict[str, Any]]:
    """The ``from`` of an update: mostly a person, sometimes a bot; optional fields vary."""
    return st.fixed_dictionaries(
        {"id": st.just(ME), "is_bot": st.sampled_from((False, False, False, True))},
        optional={
            "first_name": any_text(30),
            "last_name": any_text(30),
            "username": st.text(max_size=32),
            "language_code": st.sampled_from(LANGUAGES),
            "is_premium": st.booleans(),
        },
    ).map(lambda p: {"first_name": "", **p})


def chat() -> st.SearchStrategy[dict[str, Any]]:
    """Mostly the private chat with the user; sometimes a group, supergroup or channel."""
    return st.one_of(
        st.just({"id": ME, "type": "private"}),
        st.just({"id": ME, "type": "private", "first_name": "A"}),
        st.builds(
            lambda kind, gid, title: {"id": gid, "type": kind, "title": title},
            st.sampled_from(("group", "supergroup", "channel")),
            st.integers(min_value=-(10**13), max_value=-1),
            any_text(20),
        ),
    )


def _file(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"file_id": "f", "file_unique_id": "u", **(extra or {})}


def message_content() -> st.SearchStrategy[dict[str, Any]]:
    """What a message carries: text, a command, media, a location, a contact or nothing."""
    coordinate = st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from((0.0, 90.0, -90.0, 180.0, -180.0, 91.0, -181.0, 1e10, -0.0)),
    )
    return st.one_of(
        any_text().map(lambda t: {"text": t}),
        command_text().map(
            lambda t: {
                "text": t,
                "entities": [{"type": "bot_command", "offset": 0, "length": len(t.split()[0])}],
            }
        ),
        st.just(
            {
                "sticker": _file(
                    {
                        "type": "regular",
                        "width": 512,
                        "height": 512,
                        "is_animated": False,
                        "is_video": False,
                    }
                )
            }
        ),
        any_text(1100).map(lambda c: {"photo": [_file({"width": 90, "height": 90})], "caption": c}),
        st.just({"document": _file({"file_name": "big.pdf", "file_size": 20 * 1024 * 1024})}),
        st.just({"voice": _file({"duration": 3})}),
        st.builds(
            lambda lat, lon: {"location": {"latitude": lat, "longitude": lon}},
            coordinate,
            coordinate,
        ),
        st.just({"contact": {"phone_number": "+441234567890", "first_name": "Someone"}}),
        st.just({"dice": {"emoji": "🎲", "value": 6}}),
        st.just({}),
    )


def message() -> st.SearchStrategy[dict[str, Any]]:
    """A message from the user (in a private chat or elsewhere)."""
    return st.builds(
        lambda sender, where, content, date: {
            "message_id": MESSAGE_ID,
            "date": date,
            "chat": where,
            "from": sender,
            **content,
        },
        person(),
        chat(),
        message_content(),
        st.sampled_from((0, 1, 1_700_000_000, 2**31 - 1)),
    )


def callback_query(data: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """A button press: on a bot message, on an inaccessible one, inline, or without data."""
    bot_message = {
        "message_id": MESSAGE_ID,
        "date": 1_700_000_000,
        "chat": {"id": ME, "type": "private"},
        "from": {"id": 999000, "is_bot": True, "first_name": "Checkin"},
        "text": "question",
    }
    inaccessible = {"message_id": MESSAGE_ID, "date": 0, "chat": {"id": ME, "type": "private"}}
    where = st.sampled_from(
        (
            {"message": bot_message},
            {"message": bot_message},
            {"message": inaccessible},
            {"inline_message_id": "inline-1"},
        )
    )
    return st.builds(
        lambda sender, place, payload, qid: {
            "id": str(qid),
            "from": sender,
            "chat_instance": "ci",
            **place,
            **payload,
        },
        person(),
        where,
        st.one_of(
            (data or callback_data()).map(lambda d: {"data": d}),
            st.just({"game_short_name": "g"}),
            st.just({}),
        ),
        st.integers(min_value=1, max_value=2**63),
    )


def chat_member() -> st.SearchStrategy[dict[str, Any]]:
    """The user blocks, unblocks or otherwise changes the bot's membership."""
    bot_user = {"id": 999000, "is_bot": True, "first_name": "Checkin"}
    statuses = st.sampled_from(("member", "kicked", "left"))

    def member(status: str) -> dict[str, Any]:
        body: dict[str, Any] = {"status": status, "user": bot_user}
        if status == "kicked":
            body["until_date"] = 0
        return body

    return st.builds(
        lambda sender, where, old, new: {
            "chat": where,
            "from": sender,
            "date": 1_700_000_000,
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        },
        person(),
        chat(),
        statuses,
        statuses,
    )


def update() -> st.SearchStrategy[dict[str, Any]]:
    """Any update from the user ``ME`` (without ``update_id``, which the caller assigns)."""
    return st.one_of(
        message().map(lambda m: {"message": m}),
        message().map(lambda m: {"message": m}),
        message().map(lambda m: {"edited_message": {**m, "edit_date": 1_700_000_001}}),
        callback_query().map(lambda q: {"callback_query": q}),
        callback_query().map(lambda q: {"callback_query": q}),
        chat_member().map(lambda c: {"my_chat_member": c}),
        message().map(lambda m: {"channel_post": m}),
    )
