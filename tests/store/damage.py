"""Damage a cache file as a failing disk or a bad copy would, with garbage over its pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

GARBAGE = bytes(range(256))


def _write_garbage(path: Path, offsets: list[int], length: int) -> None:
    # The test opens the file itself, which only a test may: no desk is reading it here, or
    # it is the test's own process (see app/store/connection.py on dropped locks).
    with open(path, "r+b") as file:
        for offset in offsets:
            file.seek(offset)
            file.write((GARBAGE * (length // len(GARBAGE) + 1))[:length])


def damage_header(path: Path) -> None:
    """The first page, header and schema: SQLite no longer knows the file."""
    _write_garbage(path, [0], 4096)


def damage_tables(path: Path) -> None:
    """The root page of every table and index but the sync state: the file opens, and the
    first read of candidates, jobs, interviews or a search fails as malformed. Close every
    connection to it first, so no page of it waits in a write-ahead log."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        roots = [row[0] for row in connection.execute(
            "SELECT rootpage FROM sqlite_schema WHERE rootpage > 0 "
            "AND tbl_name <> 'sync_state'")]
    finally:
        connection.close()
    _write_garbage(path, [(root - 1) * page_size for root in roots], page_size)


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
