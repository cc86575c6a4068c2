"""Specification of the inline keyboards the bot sends (bot/tg/replies.py)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.services.events import Button
from bot.tg.replies import _button, _keyboard, markup

ROWS = [
    [Button("Clear", "ci:colour:clear"), Button("White", "ci:colour:white")],
    [Button("Back", "ci:back")],
    [Button("Назад ↩ «<b>»", "ck:5f2a:b")],
]


def _plain(rows: list[list[Button]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


def _wire(keyboard: InlineKeyboardMarkup) -> str:
    return RequestData([RequestParameter.from_input("reply_markup", keyboard)]).json_parameters[
        "reply_markup"
    ]


def test_a_keyboard_goes_over_the_wire_as_ptb_would_send_it() -> None:
    """The keyboard's request parameter is byte for byte the one a plain PTB keyboard makes."""
    keyboard = markup(ROWS)
    assert keyboard is not None
    assert _wire(keyboard) == _wire(_plain(ROWS))


def test_the_same_buttons_give_the_same_keyboard_built_once() -> None:
    """Two replies with equal buttons share one keyboard object."""
    assert markup(ROWS) is markup([list(row) for row in ROWS])


def test_a_changed_wire_dict_does_not_change_the_keyboard() -> None:
    """Each serialisation is a fresh dict: changing one leaves the next as it was."""
    keyboard = markup(ROWS)
    assert keyboard is not None
    keyboard.to_dict()["inline_keyboard"].clear()
    assert keyboard.to_dict() == _plain(ROWS).to_dict()


def test_no_buttons_give_no_keyboard() -> None:
    """A reply without buttons has no reply markup."""
    assert markup([]) is None


def test_a_button_in_two_different_keyboards_is_built_once() -> None:
    """Keyboards that differ in one button share the button objects they have in common."""
    first = markup(ROWS)
    second = markup([*ROWS[:2], [Button("Skip", "ck:5f2a:s")]])
    assert first is not None and second is not None
    assert first is not second
    assert first.inline_keyboard[1][0] is second.inline_keyboard[1][0]


SESSION_ROWS = [
    [Button("White", "ck:5f2a:a:colour:white", one_session=True)],
    [Button("Back", "ck:5f2a:b", one_session=True)],
]


def test_a_check_in_sessions_keyboard_is_not_kept_built() -> None:
    """A keyboard of one check-in session is built anew each time and leaves nothing cached."""
    _keyboard.cache_clear()
    _button.cache_clear()
    first, second = markup(SESSION_ROWS), markup(SESSION_ROWS)
    assert first is not None and second is not None and first is not second
    assert _keyboard.cache_info().currsize == _button.cache_info().currsize == 0


def test_a_check_in_sessions_keyboard_goes_over_the_wire_as_ptb_would_send_it() -> None:
    """The keyboard not kept is byte for byte the one a plain PTB keyboard makes."""
    keyboard = markup(SESSION_ROWS)
    assert keyboard is not None
    assert _wire(keyboard) == _wire(_plain(SESSION_ROWS))


def test_one_session_does_not_change_what_a_button_equals() -> None:
    """A check-in's button equals the same label and data without the mark."""
    assert Button("Back", "ck:5f2a:b", one_session=True) == Button("Back", "ck:5f2a:b")
