#!/usr/bin/env bash
# Back up the bot's data, for either storage engine, into DEST as one timestamped file.
#
#   deploy/backup.sh tinydb DATA_DIR DEST          # TinyDB data directory (bot stopped)
#   deploy/backup.sh tinydb --live DATA_DIR DEST   # ... while the bot runs (see below)
#   deploy/backup.sh postgres DEST                 # PostgreSQL; URL from $BOT_DATABASE_URL
#
# TinyDB: a consistent snapshot needs the directory's lock. The script takes the same
# `flock` on DATA_DIR/.lock that the bot holds while running, so by default it only runs
# while the bot is stopped (and the bot cannot start during the copy): stop, back up, start.
# With --live it copies a running bot's directory instead: every file is replaced by atomic
# rename, so each user file in the archive is a complete, parseable version of that user
# (old or new), but users are not captured at one single instant. That is enough to
# restore any user's data; use the stopped mode for an exact point-in-time copy.
#
# PostgreSQL: pg_dump takes a consistent (MVCC) snapshot while the bot runs; custom format,
# restorable with deploy/restore.sh or pg_restore. Needs the PostgreSQL client tools of the
# server's major version or newer (Debian: postgresql-client).
#
# Encryption (RELIABILITY D7): set BACKUP_GPG_RECIPIENT to a key id and the file is written
# encrypted (.gpg); without it the backup is plain and a warning is printed.
# Retention: backups of this kind older than BACKUP_KEEP_DAYS (default 30) are deleted from
# DEST, so an erased user is gone from every backup within that many days.
set -euo pipefail

umask 077
KEEP_DAYS=${BACKUP_KEEP_DAYS:-30}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

die() { echo "backup: $*" >&2; exit 1; }
usage() { sed -n '2,6p' "$0" >&2; exit 2; }

TMP=""
trap 'rm -f "$TMP"' EXIT

encrypt() {
  if [ -n "${BACKUP_GPG_RECIPIENT:-}" ]; then
    gpg --batch --yes --encrypt --recipient "$BACKUP_GPG_RECIPIENT"
  else
    cat
  fi
}

# Run "$@" (a command writing the backup to stdout) into the file $1, encrypted when a
# recipient is configured. The file appears under its final name only once complete: a
# failed or interrupted backup never leaves a truncated file that looks like a backup.
store() {
  local target=$1
  shift
  if [ -n "${BACKUP_GPG_RECIPIENT:-}" ]; then
    target="$target.gpg"
  else
    echo "backup: warning: BACKUP_GPG_RECIPIENT is not set; the backup is NOT encrypted" >&2
  fi
  TMP="$target.partial"
  "$@" | encrypt > "$TMP"
  sync "$TMP"
  mv "$TMP" "$target"
  TMP=""
  echo "$target"
}

prune() {
  local dest=$1 prefix=$2
  # Minutes, not -mtime: -mtime +30 rounds the age down to whole days, so a backup would only
  # go once 31 full days old. With daily runs a backup is deleted at most a day after it
  # turned KEEP_DAYS days old.
  find "$dest" -maxdepth 1 -type f -name "$prefix-*" -mmin "+$((KEEP_DAYS * 1440))" -print \
    -delete >&2
}

# A file replaced or erased during a live copy makes GNU tar exit 1 ("changed as we read
# it"); the archive is still valid, so only exit codes above 1 fail the backup.
live_tar() {
  local status=0
  "$@" || status=$?
  [ "$status" -le 1 ]
}

backup_tinydb() {
  local live=0
  if [ "${1:-}" = "--live" ]; then live=1; shift; fi
  [ $# -eq 2 ] || usage
  local data=$1 dest=$2
  [ -f "$data/format.json" ] || die "$data is not a TinyDB data directory (no format.json)"
  mkdir -p "$dest"
  local name="$dest/tinydb-$STAMP.tar.gz"
  local parent base
  parent=$(cd "$data/.." && pwd)
  base=$(basename "$data")
  # Temporary files (.*.tmp) of a write in progress are left out; they are never data.
  local tar_cmd=(tar --create --gzip --directory "$parent" --exclude '*.tmp' --exclude "$base/.lock" "$base")
  if [ "$live" -eq 1 ]; then
    store "$name" live_tar "${tar_cmd[@]}"
  else
    exec 9>>"$data/.lock"
    flock --nonblock 9 || die "the bot holds $data/.lock: stop it first, or use --live"
    store "$name" "${tar_cmd[@]}"
    flock --unlock 9
  fi
  prune "$dest" tinydb
}

backup_postgres() {
  [ $# -eq 1 ] || usage
  local dest=$1
  [ -n "${BOT_DATABASE_URL:-}" ] || die "set BOT_DATABASE_URL (or PG* variables) to the database"
  mkdir -p "$dest"
  local name="$dest/postgres-$STAMP.dump"
  # --dbname takes the URL; PG* variables and ~/.pgpass work too and keep the password out
  # of the process list.
  store "$name" pg_dump --dbname="$BOT_DATABASE_URL" --format=custom --no-owner --no-privileges
  prune "$dest" postgres
}

case "${1:-}" in
  tinydb) shift; backup_tinydb "$@" ;;
  postgres) shift; backup_postgres "$@" ;;
  *) usage ;;
esac
