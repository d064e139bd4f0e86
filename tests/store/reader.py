"""What a cache file holds, read as any other program would: through a SQLite connection of
its own, not the Store's (whose connection and helpers are the code under test)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def read_rows(path: Path, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def read_value(path: Path, sql: str, parameters: Sequence[Any] = ()) -> Any:
    """The first column of the first row `sql` reads."""
    return read_rows(path, sql, parameters)[0][0]


def run(path: Path, sql: str) -> None:
    """One statement run and committed on the file (a checkpoint, an index's own check)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()
