"""Where the install keeps files it writes beside the code, once per environment.

The crisis encoder's files (``bot.catalog.encoder_files``) and the stamp of content
that passed the start-up checks (``bot.catalog.check_stamp``) live in
``$BOT_INSTALL_FILES_DIR``, else ``share/mucus-bot`` under the Python prefix (the virtual
environment). The install writes them (``scripts/run``, ``scripts/bench``, the Dockerfile),
where that directory is writable; a bot that cannot write there works as before, only slower
to start.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DIR_VARIABLE = "BOT_INSTALL_FILES_DIR"


def install_dir() -> Path:
    """The directory for the install's files (it may not exist yet)."""
    directory = os.environ.get(DIR_VARIABLE)
    return Path(directory) if directory else Path(sys.prefix) / "share" / "mucus-bot"
