#!/bin/sh
# PostgreSQL's archive_command for the embedded cluster (ADR 0021): archive-wal.sh SOURCE TARGET
# copies one finished WAL segment (or history / backup file) into the WAL archive.
#
# - Never overwrites: a TARGET that already exists is accepted only if it is byte-for-byte the same file
#   (PostgreSQL may archive a segment again after a crash); a different file is refused.
# - Durable: the copy is written under a temporary name, flushed (fsync), then linked to TARGET (`ln` fails if
#   the name exists, so a concurrent writer is never overwritten either) and the directory is flushed.
# - Any failure exits non-zero, so PostgreSQL keeps the segment and tries again.
set -u
if [ "$#" -ne 2 ]; then
  echo "usage: archive-wal.sh SOURCE TARGET" >&2
  exit 2
fi
src=$1
dst=$2
if [ -e "$dst" ]; then
  if cmp -s -- "$src" "$dst"; then
    exit 0
  fi
  echo "archive-wal: $dst exists already with different content: refusing to overwrite it" >&2
  exit 1
fi
dir=$(dirname -- "$dst") || exit 1
tmp="$dir/.$(basename -- "$dst").tmp.$$"
fail() {
  rm -f -- "$tmp"
  exit 1
}
cp -- "$src" "$tmp" || fail
sync -- "$tmp" || fail
ln -- "$tmp" "$dst" || fail
rm -f -- "$tmp"
sync -- "$dir" || exit 1
exit 0
