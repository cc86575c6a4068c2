"""How long a test waits for a child process before calling it hung.

A hang guard, not a speed bound: far above any real duration on a loaded 2-core machine, so
a passing test never waits for it and only a process that hangs fails (speed is measured in
benchmarks/).
"""

from __future__ import annotations

PROCESS_GUARD = 600.0
