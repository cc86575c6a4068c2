#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh. Stop every bot process first.
#
#   deploy/restore.sh tinydb BACKUP DATA_DIR   # BACKUP: tinydb-*.tar.gz[.gpg]
#   deploy/restore.sh postgres BACKUP          # BACKUP: postgres-*.dump[.gpg]; $BOT_DATABASE_URL
#
# Encrypted backups (.gpg) are decrypted with the local gpg keyring into a private temporary
# directory that is removed afterwards.
#
# TinyDB: refuses while the bot holds DATA_DIR/.lock. The archive is unpacked next to
# DATA_DIR, checked in full by the engine itself when the bot package is importable (every
# file must parse; set BOT_PYTHON to the app's interpreter, e.g. /opt/mucus-bot/.venv/bin/python),
# and only then swapped in. The previous directory is kept as DATA_DIR.before-restore-<time>:
# delete it once the restored bot works (it holds data that the restore may have rolled
# back, including users who asked to be erased since the backup).
#
# PostgreSQL: the dump is listed first (a damaged file stops here), then restored in ONE
# transaction with --clean: either the database afterwards equals the backup, or nothing
# changed. Needs pg_restore of the dump's major version or newer (Debian: postgresql-client).
#
# After either: start the bot; it checks the data again at start-up. Users erased after the
# backup was taken are back: re-run their erasure (the audit log has the erase events).
set -euo pipefail

umask 077
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

die() { echo "restore: $*" >&2; exit 1; }
usage() { sed -n '2,6p' "$0" >&2; exit 2; }

# Print the path of a plain copy of backup $1 (decrypted into $WORK when it ends in .gpg).
plain() {
  local backup=$1
  [ -f "$backup" ] || die "$backup does not exist"
  case "$backup" in
    *.gpg)
      local out
      out="$WORK/$(basename "${backup%.gpg}")"
      gpg --batch --quiet --decrypt --output "$out" "$backup"
      echo "$out"
      ;;
    *) echo "$backup" ;;
  esac
}

restore_tinydb() {
  [ $# -eq 2 ] || usage
  local backup=$1 data=${2%/}
  local archive
  archive=$(plain "$backup")
  local parent name
  parent=$(cd "$(dirname "$data")" && pwd)
  name=$(basename "$data")
  local staged="$parent/$name.restore-$STAMP"
  local previous="$parent/$name.before-restore-$STAMP"
  if [ -e "$data/.lock" ]; then
    exec 9>>"$data/.lock"
    flock --nonblock 9 || die "the bot holds $data/.lock: stop it first"
  fi
  mkdir -m 0700 "$staged"
  # The archive holds one top-level directory (the data directory's name when it was made).
  # A damaged archive fails part-way: remove what was extracted, so no partial copy of
  # user data stays beside the data directory.
  tar --extract --gzip --file "$archive" --directory "$staged" --strip-components=1 \
    || { rm -rf "$staged"; die "$backup could not be extracted (damaged or not a backup)"; }
  [ -f "$staged/format.json" ] || { rm -rf "$staged"; die "$backup is not a TinyDB backup"; }
  local py=${BOT_PYTHON:-python3}
  if "$py" -c 'import bot.storage.tinydb_store' 2>/dev/null; then
    "$py" - "$staged" <<'EOF' || { rm -rf "$staged"; die "the restored data does not pass the full check"; }
import asyncio
import sys
from pathlib import Path

from bot.domain.models import UserDoc
from bot.storage.base import StorageError
from bot.storage.tinydb_store import TinyDBStorage


async def check() -> None:
    storage = await TinyDBStorage.open(
        Path(sys.argv[1]), check="full", validate=UserDoc.model_validate
    )
    print(f"restore: full check passed, {await storage.count_users()} users", file=sys.stderr)
    await storage.close()


try:
    asyncio.run(check())
except StorageError as exc:
    sys.exit(f"restore: {exc}")
EOF
  else
    echo "restore: warning: bot package not importable with $py; the full check is left to start-up" >&2
  fi
  if [ -e "$data" ]; then
    mv "$data" "$previous"
    echo "restore: the previous data directory is now $previous" >&2
  fi
  mv "$staged" "$data"
  echo "restore: $data restored from $backup; start the bot" >&2
}

restore_postgres() {
  [ $# -eq 1 ] || usage
  [ -n "${BOT_DATABASE_URL:-}" ] || die "set BOT_DATABASE_URL (or PG* variables) to the database"
  local dump
  dump=$(plain "$1")
  pg_restore --list "$dump" > /dev/null || die "$1 is not a readable pg_dump archive"
  pg_restore --dbname="$BOT_DATABASE_URL" --clean --if-exists --no-owner --no-privileges \
    --single-transaction --exit-on-error "$dump"
  echo "restore: database restored from $1; start the bot" >&2
}

case "${1:-}" in
  tinydb) shift; restore_tinydb "$@" ;;
  postgres) shift; restore_postgres "$@" ;;
  *) usage ;;
esac
