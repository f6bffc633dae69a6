#!/usr/bin/env python3
"""What the SQLite WAL holds, by table: reads copies of the database and its WAL taken during a load run
(`WAL_TABLES=1 bench/run-load.sh`), counts the WAL's valid frames (pages written by committed transactions since
the WAL last restarted) and names the table or index each page belongs to, with SQLite's dbstat.

    python3 bench/lib/wal-tables.py SNAPSHOT.db [SNAPSHOT.db ...]   # each beside its SNAPSHOT.db-wal

A copy taken while the line writes can be torn; such a copy is reported and skipped. A page freed and reused since
its frame was written is counted under its owner now, or as "?" when it is free.
"""
import collections
import sqlite3
import struct
import sys

WAL_HEADER = 32
FRAME_HEADER = 24


def frames_of(wal_path):
    """The WAL's valid frames: (page number, commit size), in order."""
    with open(wal_path, "rb") as wal:
        data = wal.read()
    if len(data) < WAL_HEADER:
        return []
    _magic, _version, page_size, _checkpoint, salt1, salt2, _c1, _c2 = struct.unpack(">IIIIIIII", data[:WAL_HEADER])
    frames, offset = [], WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(data):
        page, commit, frame_salt1, frame_salt2 = struct.unpack(">IIII", data[offset:offset + 16])
        if (frame_salt1, frame_salt2) != (salt1, salt2):
            break
        frames.append((page, commit))
        offset += FRAME_HEADER + page_size
    # Frames after the last commit frame belong to no committed transaction.
    while frames and frames[-1][1] == 0:
        frames.pop()
    return frames


def owners_of(db_path):
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return {page: name for name, page in connection.execute("SELECT name, pageno FROM dbstat")}


def main(paths):
    total, commits, frames_total = collections.Counter(), 0, 0
    for path in paths:
        frames = frames_of(path + "-wal")
        try:
            owners = owners_of(path)
        except sqlite3.Error as error:
            print(f"{path}: skipped ({error})")
            continue
        counted = collections.Counter(owners.get(page, "?") for page, _ in frames)
        committed = sum(1 for _, commit in frames if commit)
        print(f"{path}: {len(frames)} frames in {committed} commits")
        total.update(counted)
        commits += committed
        frames_total += len(frames)
    if not frames_total:
        print("no frames")
        return
    print(f"\nall copies: {frames_total} frames in {commits} commits ({frames_total / max(commits, 1):.1f} a commit)")
    print("| table or index | frames | share |")
    print("|---|---:|---:|")
    for name, count in total.most_common():
        print(f"| {name} | {count} | {100 * count / frames_total:.0f}% |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
