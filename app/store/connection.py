"""How the store reaches its SQLite file, and what SQLite's refusals mean for a recruiter.

Only SQLite opens the cache file, its write-ahead log and its shared memory. On POSIX, closing
any descriptor of a file drops every lock the process holds on it, SQLite's included: a plain
`open()` of the cache in the desk's process once let a second `interview-desk` believe it was
the last user of the file and delete the desk's log under it (issue 17). Everything here goes
through `sqlite3`; even the file's condition is judged by `os.stat` and `os.access`, which open
nothing.

Every statement the store runs goes through `GuardedConnection`, which turns SQLite's errors
about the file (damaged, disk full, not writable) into the StoreError that names the path and
the cause, and lets the store replace a file found damaged while the desk runs.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from app.store.schema import CacheFull, CacheUnwritable, StoreDamaged, StoreError

T = TypeVar("T")

SIDE_FILES = ("-wal", "-shm")  # the write-ahead log and its shared-memory index
FETCH_BATCH = 256
DAMAGED_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
UNWRITABLE_CODES = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM,
                    sqlite3.SQLITE_AUTH}


def with_side_files(path: Path) -> list[Path]:
    """The cache file, its write-ahead log and its shared-memory file."""
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)]


def file_id(path: Path) -> tuple[int, int] | None:
    """Which file `path` names now (device and inode), to tell whether another process has
    already replaced a damaged cache; None when there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def why_unwritable(path: Path) -> str | None:
    """Why the cache at `path` cannot be written, in words, or None when it can.

    SQLite writes the file, and creates its log and shared memory beside it, so the folder
    must be writable as well. `os.access` answers for the effective user, and also says no on
    a read-only mount, where even root cannot write."""
    folder = path.parent
    try:
        read_only_mount = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no such folder yet, or no statvfs (Windows)
        read_only_mount = False
    if read_only_mount:
        return f"the file system holding {folder} is mounted read-only"
    for file in with_side_files(path):
        if file.exists() and not os.access(file, os.W_OK):
            owner, me = file.stat().st_uid, getattr(os, "geteuid", lambda: None)()
            if me is not None and owner != me:
                return f"{file.name} belongs to another user (uid {owner})"
            return f"{file.name} is not writable (its permissions)"
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable"
    return None


def unwritable_message(path: Path, cause: str) -> str:
    return (f"The cache {path} cannot be written: {cause}. Browsing, search and export work "
            "from what it holds; sync is off until it can be written.")


def problem_of(error: sqlite3.Error, path: Path) -> StoreError | None:
    """The StoreError a recruiter can act on for what SQLite said, or None for anything that
    is not about the file (a mistake in a statement stays the error it is)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in DAMAGED_CODES:
        return StoreDamaged(f"The cache file {path} is damaged ({error}).")
    if primary == sqlite3.SQLITE_FULL:
        return CacheFull(f"The disk holding the cache {path} is full ({error}): syncing "
                         "stopped, and what the cache holds can still be read. Free some "
                         "space, then sync again.")
    if primary in UNWRITABLE_CODES:
        return CacheUnwritable(unwritable_message(path, why_unwritable(path) or str(error)))
    return None


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the cache; read-only ones are opened as `mode=ro`, so SQLite never
    tries to write a file the machine will not let us write."""
    if not read_only:
        return sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    uri = f"file:{quote(str(path))}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # opens the file
        return connection
    except sqlite3.OperationalError as error:
        connection.close()
        if getattr(error, "sqlite_errorcode", 0) & 0xFF not in (sqlite3.SQLITE_CANTOPEN,
                                                               sqlite3.SQLITE_READONLY):
            raise
    # A log-mode file with no shared-memory file, in a folder where SQLite cannot create one
    # (SQLITE_CANTOPEN on a read-only mount, SQLITE_READONLY_DIRECTORY in another user's
    # folder): nobody has it open for writing (a writer would have made that file), so it is
    # read as the file on disk says.
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None,
                           check_same_thread=False)


def move_aside(path: Path) -> Path:
    """Rename a damaged cache file (and its log and shared memory) out of the way, keeping it
    for inspection; returns its new name. Close every connection to it first: SQLite deletes
    the log by name when the last one closes."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for source, target in zip(reversed(with_side_files(path)),
                              reversed(with_side_files(aside)), strict=True):
        with contextlib.suppress(FileNotFoundError):
            source.rename(target)
    return aside


def set_aside(path: Path, problem: StoreDamaged) -> str:
    """Move a damaged cache aside; what to tell the recruiter about it."""
    aside = move_aside(path)
    return (f"{problem} It was moved aside to {aside.name} and a fresh cache is being built "
            "by the sync.")


class GuardedConnection:
    """The store's connection as its code sees it: `execute` and `executemany` as sqlite3's,
    with SQLite's errors about the file raised as StoreErrors.

    A damaged file goes to `on_damaged` (the store moves it aside and opens a fresh one). When
    that returns True the statement runs again on the fresh file, so a screen that was reading
    gets an answer (empty, until a sync fills the cache) instead of an exception; inside a
    transaction it never does, since half a batch must not land in the new file."""

    def __init__(self, raw: sqlite3.Connection, path: Path,
                 on_damaged: Callable[[StoreDamaged, bool], bool]) -> None:
        self.raw = raw
        self.path = path
        self._on_damaged = on_damaged

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    def close(self) -> None:
        self.raw.close()

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> GuardedCursor:
        return self._run(lambda raw: raw.execute(sql, parameters))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> GuardedCursor:
        return self._run(lambda raw: raw.executemany(sql, rows))

    def _run(self, statement: Callable[[sqlite3.Connection], sqlite3.Cursor]) -> GuardedCursor:
        in_transaction = self.raw.in_transaction
        try:
            return GuardedCursor(self, statement(self.raw), in_transaction)
        except sqlite3.DatabaseError as error:
            if not self.failed(error, in_transaction):
                raise
        return GuardedCursor(self, statement(self.raw), in_transaction)

    def failed(self, error: sqlite3.DatabaseError, in_transaction: bool) -> bool:
        """Raise the StoreError for `error`; True when the damaged file was replaced and the
        statement may run again; False for an error that is not about the file."""
        problem = problem_of(error, self.path)
        if problem is None:
            return False
        if isinstance(problem, StoreDamaged) and self._on_damaged(problem, in_transaction):
            return True
        raise problem from error


class GuardedCursor:
    """A cursor whose reads are guarded like the statement that made it: SQLite finds most
    damage only when it steps onto a bad page, which can be while rows are fetched."""

    def __init__(self, connection: GuardedConnection, cursor: sqlite3.Cursor,
                 in_transaction: bool) -> None:
        self._connection = connection
        self._cursor = cursor
        self._in_transaction = in_transaction

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchone(self) -> Any:
        return self._guarded(self._cursor.fetchone, None)

    def fetchall(self) -> list[Any]:
        return self._guarded(self._cursor.fetchall, [])

    def __iter__(self) -> Iterator[Any]:
        nothing: list[Any] = []
        while rows := self._guarded(lambda: self._cursor.fetchmany(FETCH_BATCH), nothing):
            yield from rows

    def _guarded(self, fetch: Callable[[], T], nothing: T) -> T:
        try:
            return fetch()
        except sqlite3.DatabaseError as error:
            if not self._connection.failed(error, self._in_transaction):
                raise
        return nothing  # the damaged file was replaced by an empty one: nothing more to read
