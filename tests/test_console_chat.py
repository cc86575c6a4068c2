"""The console chat, scripted from a pipe: /start through consent to a completed check-in."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import pty
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from babel.dates import format_date

from bot.app import Core
from bot.console.chat import Console
from bot.services.events import Incoming, Outcome
from tests.support.hang_guard import PROCESS_GUARD

ROOT = Path(__file__).resolve().parents[1]

# Numbers press buttons: consent, "Pregnant", "I know the weeks"; then 20 is typed (the bot
# waits for a number) and the country skipped (7: five countries, "Other country", "Skip").
# In the check-in each question's first option is pressed; multi-select questions need "Done"
# (after the options: 17 for danger signs and context, 11 for pain).
SCRIPT = """/start
1
1
#1
20
7
/checkin
1
17
1
1
1
1
1
1
11
1
1
1
1
1
19
/quit
"""


def run_chat(script: str, data_dir: Path, *args: str) -> str:
    env = {**os.environ, "BOT_DATA_DIR": str(data_dir)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", *args],
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=PROCESS_GUARD,
        check=True,
    )
    return result.stdout


def test_scripted_console_chat_completes_a_checkin(tmp_path: Path) -> None:
    """Consent, stage, weeks and a check-in answered by numbers end with a level and 'Saved'."""
    out = run_chat(SCRIPT, tmp_path)
    assert "I agree" in out
    assert "20 weeks pregnant" in out
    assert "No country saved" in out
    assert "Level:" in out
    assert "Saved to your history" in out
    assert list((tmp_path / "users").iterdir())


def test_a_burst_of_piped_input_still_deletes(tmp_path: Path) -> None:
    """The console has no flood gate: /delete after 60 quick lines erases the user's file."""
    burst = "\n".join(["is creamy discharge normal"] * 60)
    out = run_chat(f"/start\n1\n{burst}\n/delete\n1\n/quit\n", tmp_path)
    assert "very fast" not in out
    assert not list((tmp_path / "users").iterdir())


CTRL_C = b"\x03"


def in_terminal(keys: list[bytes], marker: bytes) -> str:
    """The screen of a console chat run in a pseudo-terminal: each of ``keys`` is typed once
    the screen shows ``marker`` again (the input prompt; ``CTRL_C`` sends SIGINT); then the
    output to its end."""
    master, slave = pty.openpty()
    env = {**os.environ}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--memory"],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    os.close(slave)
    screen = b""

    def read() -> bytes:
        # A generous bound, so a chat that never shows the marker fails instead of hanging.
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            return b""
        try:
            return os.read(master, 4096)
        except OSError:  # the terminal is closed once the chat has exited
            return b""

    for key in keys:
        seen = screen.count(marker)
        while screen.count(marker) == seen:
            chunk = read()
            assert chunk, screen
            screen += chunk
        if key == CTRL_C:
            # The chat is not this terminal's foreground process: deliver what the terminal would.
            proc.send_signal(signal.SIGINT)
        else:
            os.write(master, key)
    while chunk := read():
        screen += chunk
    assert proc.wait(timeout=PROCESS_GUARD) == 0
    assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
    os.close(master)
    return screen.decode()


def test_a_typed_input_shows_once_in_a_terminal(tmp_path: Path) -> None:
    """In a terminal the typed line is shown once (after the '> ' prompt), not echoed again."""
    screen = in_terminal([b"hello there\n", b"\x04"], b"> ")
    assert screen.count("hello there") == 1


def test_ctrl_d_in_a_terminal_ends_the_chat(tmp_path: Path) -> None:
    """Ctrl-D at the prompt ends the chat with status 0 and no traceback."""
    screen = in_terminal([b"\x04"], b"> ")
    assert "Console chat" in screen


def test_a_bare_number_presses_a_button_at_a_typed_date_prompt(tmp_path: Path) -> None:
    """At the due-date prompt, which awaits a typed date, typing 1 presses its first button."""
    out = run_chat("/start\n1\n1\n1\n/quit\n", tmp_path)
    assert "How many full weeks pregnant are you?" in out


def test_hash_n_presses_a_button_where_a_number_is_awaited(tmp_path: Path) -> None:
    """At the weeks prompt a bare number is the answer, and '#N' still presses button N (40:
    'I know the due date', after the 39 week buttons)."""
    out = run_chat("/start\n1\n1\n1\n#40\n/quit\n", tmp_path)
    assert out.count("When is your baby due?") == 2


def test_files_are_saved_to_the_folder_the_banner_names(tmp_path: Path) -> None:
    """/export saves its files in the --files folder, which the banner and each line name."""
    files = tmp_path / "out"
    out = run_chat("/start\n1\n/export\n/quit\n", tmp_path / "data", "--files", str(files))
    assert f"saved in {files}" in out
    saved = sorted(p.name for p in files.iterdir())
    assert saved and all(str(files / name) in out for name in saved)


def test_a_files_caption_is_shown_under_it(tmp_path: Path) -> None:
    """A file comes with its caption, as Telegram shows it (the export's "Keep it safe: it
    contains health information")."""
    files = tmp_path / "out"
    out = run_chat("/start\n1\n/export\n/quit\n", tmp_path / "data", "--files", str(files))
    assert "Your data (JSON). Keep it safe: it contains health information." in out


def test_ctrl_c_at_the_prompt_in_a_terminal_ends_the_chat(tmp_path: Path) -> None:
    """Ctrl-C typed at the prompt ends the chat with status 0 and no traceback."""
    screen = in_terminal([b"/help\n", CTRL_C], b"> ")
    assert "/help" in screen


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, asyncio.CancelledError])
def test_ctrl_c_while_the_bot_works_ends_the_chat(
    core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interrupt: type[BaseException]
) -> None:
    """A Ctrl-C that stops the bot mid-reply, as either exception asyncio.Runner raises for it,
    ends the loop quietly."""

    async def interrupted(incoming: Incoming) -> Outcome:
        raise interrupt

    monkeypatch.setattr(core.service, "handle", interrupted)
    console = Console(core, tmp_path, "en")
    out = io.StringIO()
    with asyncio.Runner() as runner:
        console.loop(runner, io.StringIO("/help\nstill here\n"), out, echo=True)
    assert "> /help" in out.getvalue()
    assert "still here" not in out.getvalue()


#: A check-in at about 22 weeks answered as usual, in Spanish: (typed, words of the reply).
SPANISH_CHECKIN = [
    ("/checkin", "Registro · pregunta 1 de 12"),
    ("1", "[1] ✅ Ninguna de estas"),  # none of the danger signs
    ("17", "¿De qué color es el flujo"),  # Done
    ("3", "¿Cómo es?"),  # white or milky
    ("3", "¿Cuánto hay"),  # creamy
    ("3", "¿Huele?"),  # the usual amount
    ("1", "¿Tienes picor"),
    ("1", "¿Tienes dolor?"),
    ("1", "[1] ✅ Sin dolor"),
    ("11", "¿Tienes sangrado"),  # Done
    ("1", "¿Te sale líquido"),
    ("1", "¿Tienes fiebre"),
    ("1", "¿Cómo se mueve hoy tu bebé?"),
    ("2", "¿Te pasa alguna otra de estas cosas?"),  # movements as usual
    ("1", "[1] ✅ Ninguna de estas"),
    ("17", "Nivel: Normal"),  # Done
]


def test_a_spanish_session_walks_the_whole_issue(tmp_path: Path) -> None:
    """In Spanish: 'Not now', 'I changed my mind', a due date typed day-first repeated, the
    reminder declined, a check-in interrupted by a second one and started again, three
    check-ins in a day listed with their times, a reminder zone set by typing "Москва", 'I
    don't know' from /profile, and the export saved under Spanish names with Spanish columns;
    every reply is checked."""
    files = tmp_path / "files"
    today = dt.datetime.now(dt.UTC).date()
    due = next(d for d in (today + dt.timedelta(days=n) for n in range(100, 140)) if d.day > 12)
    typed = due.strftime("%d/%m/%Y")  # day first, and unambiguous: the day is past 12
    steps = [
        ("/start", "¿Aceptas que guarde tus respuestas"),  # the welcome
        ("2", "Los números de emergencia de arriba siguen ahí"),  # Not now
        ("1", "¿Cuál de estas opciones es la tuya ahora?"),  # I changed my mind
        ("1", f"por ejemplo {spanish(today + dt.timedelta(days=120))}"),  # Pregnant
        (typed, f"📅 Fecha probable de parto: {spanish(due)}."),
        ("7", "¿Quieres un recordatorio diario"),  # the country skipped; the reminder offer
        ("6", "De acuerdo, sin recordatorio diario."),  # No, thanks
        ("/checkin", "Registro · pregunta 1 de 12"),
        ("1", "[1] ✅ Ninguna de estas"),
        ("17", "¿De qué color es el flujo"),
        ("/checkin", "Tienes un registro a medias (pregunta 2 de 12)"),  # a second check-in
        ("2", "Registro · pregunta 1 de 12"),  # Start again
        *SPANISH_CHECKIN[1:],
        *SPANISH_CHECKIN,
        *SPANISH_CHECKIN,
        ("/reminders", "Recordatorio diario: desactivado"),
        ("3", "Elige tu zona horaria"),  # Change the time zone
        ("Москва", "(zona horaria: Moscú)"),
        ("/history", "Tus registros"),
        ("/profile", "¿Cuál de estas opciones es la tuya ahora?"),
        ("1", "¿Cuándo es tu fecha probable de parto?"),  # Pregnant
        ("2", "he guardado que estás embarazada, sin la semana"),  # I don't know
        ("/export", "Aquí tienes todo lo que guardo sobre ti"),
    ]
    script = "".join(f"{typed_line}\n" for typed_line, _ in steps) + "/quit\n"
    out = run_chat(script, tmp_path / "data", "--lang", "es", "--files", str(files))
    replies = [part.split("\n", 1)[1] for part in out.split("\n> ")[1:]]
    assert len(replies) == len(steps)
    for reply, (typed_line, words) in zip(replies, steps, strict=True):
        assert words in reply, (typed_line, reply)
    history = replies[[line for line, _ in steps].index("/history")]
    assert len(re.findall(r"^\d\. .+, \d{1,2}:\d{2} ·", history, flags=re.MULTILINE)) == 3
    names = sorted(p.name for p in files.iterdir())
    assert [n.split("-2")[0] for n in names] == [
        "grafico-registros.png",
        "mis-datos",
        "mis-registros",
    ]
    table = (files / names[2]).read_text(encoding="utf-8-sig").splitlines()
    assert table[0].startswith("Id del registro,Fecha,") and len(table) == 4


def spanish(day: dt.date) -> str:
    return format_date(day, "long", locale="es")


def test_a_bare_number_at_the_reminder_time_prompt_is_a_time(tmp_path: Path) -> None:
    """At the reminder time prompt, which awaits a typed time, a bare 8 is 08:00, not button 8."""
    # Consent, pregnant, weeks 20, country skipped; then 5: Yes to the reminder offer.
    out = run_chat("/start\n1\n1\n1\n20\n7\n5\n8\n/quit\n", tmp_path)
    assert "Reminder set for 08:00" in out
