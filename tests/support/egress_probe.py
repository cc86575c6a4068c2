"""Egress probe: run a Python program with every network attempt it makes recorded to a file.

RELIABILITY P6 ("no third-party egress") is proven by running the bot under this launcher::

    python -m tests.support.egress_probe --log FILE [--allow HOST:PORT ...]
        [-c CODE | -m MODULE] [ARGS]

With no ``-c`` / ``-m`` it runs ``bot`` (``python -m bot ARGS``, e.g. ``run``). Before the
program starts, ``sys.addaudithook`` installs a hook that appends one JSON line to ``FILE`` for
each audit event (Python 3.11 audit events table) that reaches the network or escapes the
hook: ``socket.connect`` (also ``connect_ex`` and asyncio's non-blocking connects),
``socket.sendto`` / ``socket.sendmsg`` with an address, name lookups (``socket.getaddrinfo``,
``socket.gethostbyname`` / ``_ex``, ``socket.gethostbyaddr``, ``socket.getnameinfo``),
``socket.bind``, the stdlib clients (``http.client.connect``, ``urllib.Request``,
``smtplib.connect``, ``ftplib.connect``...), and new processes (``subprocess.Popen``,
``os.system``, ``os.exec``, ``os.posix_spawn``, ``os.spawn``, ``os.fork``), since a child
would not carry the hook. Audit hooks see every thread, so lookups run in executor threads
(asyncio's ``getaddrinfo``) are recorded too. Each line is a single ``os.write`` on an
``O_APPEND`` descriptor, so a ``kill -9`` loses nothing already attempted.

With ``--allow`` the probe also *blocks*: an attempt to any other destination is recorded
and then refused with ``PermissionError`` before a packet leaves (used by the self-test, so
proving the probe works never sends anything to the internet). Without it, it only records.

``read_log`` and ``violations`` turn the file into findings: everything that is not a
connection, datagram or lookup for one of the allowed ``(host, port)`` pairs (a bind,
a Unix-socket connect, a reverse lookup, a new process...) is reported.
"""

from __future__ import annotations

import json
import os
import runpy
import socket
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOG_ENV = "EGRESS_PROBE_LOG"

_CONNECT = frozenset({"socket.connect"})
_SEND = frozenset({"socket.sendto", "socket.sendmsg"})
_LOOKUP = frozenset({"socket.getaddrinfo", "socket.gethostbyname"})
_REVERSE = frozenset({"socket.gethostbyaddr", "socket.getnameinfo"})
_CLIENTS = frozenset(
    {
        "http.client.connect",
        "urllib.Request",
        "smtplib.connect",
        "ftplib.connect",
        "poplib.connect",
        "imaplib.open",
        "nntplib.connect",
        "telnetlib.Telnet.open",
        "webbrowser.open",
    }
)
_PROCESS = frozenset(
    {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "pty.spawn",
    }
)
_WATCHED = _CONNECT | _SEND | _LOOKUP | _REVERSE | _CLIENTS | _PROCESS | {"socket.bind"}


@dataclass(frozen=True)
class Attempt:
    """One recorded audit event: what kind of reach, and where to."""

    event: str
    kind: str  # connect | send | lookup | reverse | bind | client | process | probe_error
    family: str | None = None  # AF_INET, AF_INET6, AF_UNIX... for socket events
    host: str | None = None
    port: int | None = None
    detail: str | None = None  # a Unix path, a URL, a command line: whatever else identifies it
    thread: str | None = None

    def to_json(self) -> str:
        """One line of the log."""
        return json.dumps(self.__dict__, sort_keys=True, default=str)


def _family_name(value: Any) -> str | None:
    try:
        return socket.AddressFamily(value).name
    except (ValueError, TypeError):
        return None if value is None else str(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _port(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, bytes | str) and str(_text(value)).isdigit():
        return int(str(_text(value)))
    return None


def _socket_address(event: str, kind: str, sock: Any, address: Any) -> Attempt:
    family = _family_name(getattr(sock, "family", None))
    if isinstance(address, tuple) and len(address) >= 2:
        return Attempt(event, kind, family, _text(address[0]), _port(address[1]))
    return Attempt(event, kind, family, detail=_text(address))


def describe(event: str, args: tuple[Any, ...]) -> Attempt | None:
    """The attempt an audit event stands for, or None when the event is not watched."""
    if event not in _WATCHED:
        return None
    if event in _CONNECT:
        return _socket_address(event, "connect", args[0], args[1])
    if event in _SEND:
        if args[1] is None:  # a send on an already connected socket: its connect was recorded
            return None
        return _socket_address(event, "send", args[0], args[1])
    if event == "socket.bind":
        return _socket_address(event, "bind", args[0], args[1])
    if event == "socket.getaddrinfo":
        family = _family_name(args[2]) if len(args) > 2 else None
        return Attempt(event, "lookup", family, _text(args[0]), _port(args[1]))
    if event == "socket.gethostbyname":
        return Attempt(event, "lookup", host=_text(args[0]))
    if event in _REVERSE:
        target = args[0]
        if isinstance(target, tuple) and target:
            return Attempt(event, "reverse", host=_text(target[0]), port=_port(target[1]))
        return Attempt(event, "reverse", host=_text(target))
    if event in _CLIENTS:
        if event == "urllib.Request":
            return Attempt(event, "client", detail=_text(args[0]))
        host = getattr(args[0], "host", None) if args else None
        port = getattr(args[0], "port", None) if args else None
        if len(args) >= 3 and isinstance(args[1], str):
            host, port = args[1], args[2]
        return Attempt(event, "client", host=_text(host), port=_port(port))
    return Attempt(event, "process", detail=" ".join(_text(a) or "" for a in args[:2])[:300])


def _blocked(attempt: Attempt, allowed: Collection[tuple[str, int]]) -> bool:
    """Whether ``--allow`` mode must refuse this attempt (network reaches only)."""
    if attempt.kind in ("connect", "send"):
        return attempt.family in ("AF_INET", "AF_INET6") and (
            (attempt.host, attempt.port) not in allowed
        )
    if attempt.kind in ("lookup", "reverse"):
        return attempt.host not in {host for host, _ in allowed}
    return attempt.kind == "client"


def install(
    log_path: Path, allowed: Collection[tuple[str, int]] | None = None
) -> Callable[[str, tuple[Any, ...]], None]:
    """Open the log and add the audit hook (it cannot be removed: audit hooks are for life)."""
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event not in _WATCHED:
            return
        try:
            attempt = describe(event, args)
        except Exception as exc:  # the probe must never break the program it watches
            attempt = Attempt(event, "probe_error", detail=type(exc).__name__)
        if attempt is None:
            return
        attempt = Attempt(**{**attempt.__dict__, "thread": threading.current_thread().name})
        os.write(fd, (attempt.to_json() + "\n").encode("utf-8"))
        if allowed is not None and _blocked(attempt, allowed):
            raise PermissionError(f"egress probe: {attempt.event} refused")

    sys.addaudithook(hook)
    return hook


def read_log(path: Path) -> list[Attempt]:
    """Every attempt recorded in ``path`` (empty when nothing was recorded)."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Attempt(**json.loads(line)) for line in lines if line.strip()]


def violations(attempts: Iterable[Attempt], allowed: Collection[tuple[str, int]]) -> list[Attempt]:
    """The attempts that reach anything but the allowed ``(host, port)`` pairs.

    Allowed: a TCP connect or datagram to an allowed pair, and a forward lookup of an allowed
    host (for its port or none). Everything else is reported, including binds (a listening
    socket is a way in), Unix-socket connects, reverse lookups, stdlib clients and new
    processes (which would run without the hook).
    """
    hosts = {host for host, _ in allowed}
    found = []
    for attempt in attempts:
        if attempt.kind in ("connect", "send"):
            ok = (attempt.host, attempt.port) in allowed
        elif attempt.kind == "lookup":
            ok = attempt.host in hosts and (
                attempt.port is None or (attempt.host, attempt.port) in allowed
            )
        else:
            ok = False
        if not ok:
            found.append(attempt)
    return found


def _parse_allow(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"egress probe: --allow wants HOST:PORT, not {value!r}")
    return host.strip("[]"), int(port)


def main(argv: Sequence[str]) -> int:
    """Install the probe, then run the program named on the command line in this process."""
    args = list(argv)
    log_path = Path(os.environ[LOG_ENV]) if LOG_ENV in os.environ else None
    allowed: list[tuple[str, int]] | None = None
    code: str | None = None
    module = "bot"
    while args and args[0] in ("--log", "--allow", "-c", "-m"):
        option, value = args[0], args[1]
        args = args[2:]
        if option == "--log":
            log_path = Path(value)
        elif option == "--allow":
            allowed = [*(allowed or []), _parse_allow(value)]
        elif option == "-c":
            code = value
            break
        else:
            module = value
            break
    if log_path is None:
        print(f"egress probe: give --log FILE or set {LOG_ENV}", file=sys.stderr)
        return 2
    install(log_path, allowed)
    if code is not None:
        sys.argv = ["-c", *args]
        exec(compile(code, "<egress probe -c>", "exec"), {"__name__": "__main__"})
        return 0
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
