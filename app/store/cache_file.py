"""The cache file as every part of the store sees it: opening it, one connection and its
lock, transactions, what to do when SQLite finds it damaged, and the GDPR rule.

Writes happen inside `transaction()`, one per batch, so a crash leaves the last good state.
WAL mode lets screens read while a sync writes; `busy_timeout` makes a second app instance on
the same file wait for the writer instead of failing or corrupting anything.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from app.store.connection import (
    GuardedConnection,
    connect,
    file_id,
    problem_of,
    set_aside,
    unwritable_message,
    why_unwritable,
)
from app.store.schema import (
    READABLE_SINCE,
    CacheUnwritable,
    StoreDamaged,
    StoreError,
    UpgradeSteps,
    check_version,
    migrate,
    schema_version,
)
from app.store.values import in_chunks
from app.store.verdicts import VerdictBook, verdicts_path

if TYPE_CHECKING:
    import sqlite_utils

    from app.store.shares import ShareQueue

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000
MIRRORS_KEY = "mirrors"  # sync_state: which API the cache is a copy of
# What the candidate list reads: the table (with its indexes) and its text index.
LIST_TABLES = ("candidates", "candidate_fts_data", "candidate_fts_idx")


def _opened(path: Path, prepare: Callable[[sqlite3.Connection], None], *,
            read_only: bool = False) -> sqlite3.Connection:
    """A connection to `path`, prepared; SQLite's refusals become StoreErrors naming it."""
    try:
        connection = connect(path, read_only=read_only)
    except sqlite3.DatabaseError as error:
        raise _open_problem(error, path) from error
    try:
        prepare(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _open_problem(error, path) from error
    except BaseException:
        connection.close()
        raise
    return connection


def _open_problem(error: sqlite3.DatabaseError, path: Path) -> StoreError:
    if getattr(error, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            f"The cache {path} is busy: another Interview Desk has been writing to it for "
            f"over {BUSY_TIMEOUT_MS // 1000} s (a sync, or upgrading a large cache to this "
            "version's format). Try again when it has finished.")
    return problem_of(error, path) or StoreError(f"The cache {path} cannot be opened ({error}).")


def _prepare(connection: sqlite3.Connection, path: Path, mirrors: str | None,
             on_upgrade: UpgradeSteps | None = None) -> None:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    # A commit reaches the WAL without waiting for the disk: a crash of the desk loses
    # nothing, a power cut at most the last commits, which the next sync reads again.
    # (Drafts, which no server holds, are written and fsynced as files of their own.)
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection, on_upgrade)
    _check_mirrors(connection, path, mirrors, record=True)


def _check_readable(connection: sqlite3.Connection, path: Path, cause: str,
                    mirrors: str | None) -> None:
    """A file that cannot be written must already be of a schema this app reads as it is:
    upgrading it would mean writing it."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    version = schema_version(connection)
    check_version(version)
    if version < READABLE_SINCE:
        raise CacheUnwritable(f"The cache {path} was written by an older Interview Desk and "
                              f"upgrading it means writing it, but {cause}.")
    _check_mirrors(connection, path, mirrors, record=False)


def _check_mirrors(connection: sqlite3.Connection, path: Path, mirrors: str | None, *,
                   record: bool) -> None:
    """Refuse a cache recorded as another API's copy; record the API on a new one."""
    if mirrors is None:
        return
    row = connection.execute("SELECT value FROM sync_state WHERE key = ?",
                             (MIRRORS_KEY,)).fetchone()
    if row is None:
        if record:
            connection.execute("INSERT INTO sync_state (key, value) VALUES (?, ?)",
                               (MIRRORS_KEY, mirrors))
    elif row[0] != mirrors:
        raise StoreError(
            f"The cache {path} is a copy of another API ({row[0]}), not of {mirrors}. "
            "Interview Desk keeps one cache per API and never mixes two: move the file "
            "away, or use another --data-dir.")


class CacheFile:
    """What every part of the store shares: the one connection to the cache file, its lock,
    its transactions, and the GDPR rule every read and write obeys (`withheld`). The parts
    (ingest, queries, search, GDPR) are subclasses of it; `Store` is all four at once.

    A cache opened read-only (the machine will not let the file be written) answers every
    read, and every write raises CacheUnwritable saying why. A file SQLite finds damaged while
    it is open is moved aside and replaced by a fresh one at once; `on_rebuilt`, which the
    desk sets, hears of it, and while it is set a read that met the damage is answered from
    the fresh file (empty until a sync fills it) instead of failing."""

    def __init__(self, path: Path, connection: sqlite3.Connection, *,
                 mirrors: str | None = None, unwritable: str | None = None) -> None:
        self.path = path
        self.mirrors = mirrors
        self.unwritable = unwritable  # why the file cannot be written, or None
        self.on_rebuilt: Callable[[str], None] | None = None
        self._lock = threading.RLock()
        self._connection = GuardedConnection(connection, path, self._damaged)
        self._file = file_id(path)
        # The day GDPR dates are judged by: the app's clock (the factory sets it); without one,
        # the day of the last purge. See `withheld`.
        self.today: Callable[[], date] | None = None
        self._purged_on: date | None = None
        self._refused: set[str] = set()  # candidates refused on arrival, for their interviews

    @property
    def read_only(self) -> bool:
        return self.unwritable is not None

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection, for tools and benchmarks; the app's own queries
        are plain SQL, so starting the desk does not load it. Opened as the migrations open it:
        by default sqlite-utils would turn on recursive triggers for the store's connection
        and run its plugins' hooks on it."""
        import sqlite_utils

        return sqlite_utils.Database(self._connection.raw, recursive_triggers=False,
                                     execute_plugins=False)

    @classmethod
    def open(cls, path: Path | str, *, mirrors: str | None = None,
             read_only: bool = False, on_upgrade: UpgradeSteps | None = None) -> Self:
        """The cache at `path`, a copy of the API that `mirrors` names (the first opening
        records it; a file recorded for another API is refused, never merged). A file of an
        older version is upgraded first, each step told to `on_upgrade`.

        Raises a StoreError naming the path and the cause: StoreDamaged, CacheUnwritable (a
        file that must be written and cannot be), CacheFull, or a file from a newer app."""
        path = Path(path)
        if read_only:
            cause = why_unwritable(path) or "it was opened read-only"
            connection = _opened(path, lambda c: _check_readable(c, path, cause, mirrors),
                                 read_only=True)
            return cls(path, connection, mirrors=mirrors,
                       unwritable=unwritable_message(path, cause))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            cause = why_unwritable(path) or error.strerror or str(error)
            raise CacheUnwritable(unwritable_message(path, cause)) from error
        return cls(path, _opened(path, lambda c: _prepare(c, path, mirrors, on_upgrade)),
                   mirrors=mirrors)

    def close(self) -> None:
        if "verdicts" in self.__dict__:
            self.verdicts.close()
        self._connection.close()

    @cached_property
    def verdicts(self) -> VerdictBook:
        """The recruiter's verdicts on this cache's candidates: in a file of their own beside
        the cache, so a rebuilt cache keeps them (see app/store/verdicts.py)."""
        return VerdictBook(verdicts_path(self.path), withheld=self.withheld)

    @cached_property
    def shares(self) -> ShareQueue:
        """Which verdicts are shared with the team and which wait (in the verdict file).
        Imported here, when first asked: the candidate list, the cold start's screen, never
        asks."""
        from app.store.shares import ShareQueue

        return ShareQueue(self.verdicts)

    def warm_up(self) -> None:
        """Read the whole cache file once, through SQLite, on a connection of its own: the
        candidate list's table and indexes first, then everything.

        A file the OS has not read lately (after a boot, or trimmed from memory while idle)
        costs a disk read for each page a filter or search first touches; read once, the
        pages sit in the OS's memory and the first filters and searches of the day do not
        wait on the disk. Walking `dbstat` reads every page of a table or index. In file
        order the list's sort index came after 180 MB of the bench's 494 MB file (half a
        second, cold, while the recruiter types a first filter), so the list's own pages,
        36 MB, come first. SQLite releases the GIL while it reads: run this off the UI
        thread. It goes through SQLite, never `open()`: see app/store/connection.py for why.
        Where SQLite was built without `dbstat`, it does nothing."""
        try:
            connection = connect(self.path, read_only=True)
            try:
                # The pages are wanted in the OS's memory, not in this connection's: a page
                # cache of SQLite's default 2 MB added 4 MB to the desk's peak memory.
                connection.execute("PRAGMA cache_size = 16")
                for (name,) in connection.execute(
                        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND "
                        f"tbl_name IN ({','.join('?' * len(LIST_TABLES))})",
                        LIST_TABLES).fetchall():
                    connection.execute("SELECT sum(pgsize) FROM dbstat WHERE name = ?",
                                       (name,)).fetchone()
                connection.execute("SELECT sum(pgsize) FROM dbstat").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:
            log.info("the cache was not read ahead: %s", error)

    # ── damage found while open ──────────────────────────────────────────────────────────

    def _damaged(self, problem: StoreDamaged, in_transaction: bool) -> bool:
        """Move the damaged file aside and open a fresh one in its place; True when the
        statement that found the damage may run again on the fresh file (a read, while the
        desk listens), else the damage is raised to the caller with what was done about it.

        A file that cannot be written can be neither moved aside nor rebuilt: it is left as it
        is, and an empty cache in memory takes its place, so the desk says so and goes on
        (showing nothing of it) instead of failing on every read."""
        with self._lock:
            with contextlib.suppress(sqlite3.Error):
                self._connection.raw.close()  # before the move: SQLite deletes the log by name
            if self.read_only:
                cause = why_unwritable(self.path) or "it was opened read-only"
                notice = (f"{problem} It cannot be moved aside or rebuilt: {cause}. Until it "
                          "can, the desk shows nothing from it. Make it writable (or move the "
                          "file away), then start again: a sync rebuilds it.")
                self._connection.raw = _opened(Path(":memory:"),
                                               lambda c: _prepare(c, self.path, self.mirrors))
            else:
                if file_id(self.path) == self._file:
                    notice = set_aside(self.path, problem)
                else:
                    notice = f"{problem} Another Interview Desk already replaced it."
                self._connection.raw = _opened(self.path,
                                               lambda c: _prepare(c, self.path, self.mirrors))
                self._file = file_id(self.path)
        log.warning("%s", notice)
        if self.on_rebuilt is not None:
            self.on_rebuilt(notice)
            if not in_transaction:
                return True
        raise StoreDamaged(notice) from problem

    # ── transactions ─────────────────────────────────────────────────────────────────────

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing batch of writes (nested calls join the outer one)."""
        with self._lock:
            if self._connection.in_transaction:
                yield
                return
            if self.unwritable is not None:
                raise CacheUnwritable(self.unwritable)
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._connection.execute("COMMIT")
            except BaseException:
                # A failed COMMIT (a full disk) can leave the batch open; a file replaced
                # because it was damaged has none.
                if self._connection.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self._connection.raw.execute("ROLLBACK")
                raise

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._connection.execute(sql, parameters)
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _value(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        with self._lock:
            row = self._connection.execute(sql, parameters).fetchone()
        return None if row is None else row[0]

    def _count(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        """A COUNT(*) or a COALESCE(…, 0): always a number."""
        return int(self._value(sql, parameters))

    def _text(self, sql: str, parameters: Sequence[Any] = ()) -> str | None:
        value = self._value(sql, parameters)
        return None if value is None else str(value)

    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        with self.transaction():
            self._connection.execute(sql, parameters)

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.transaction():
            self._connection.executemany(sql, rows)

    # ── what every writer keeps true ─────────────────────────────────────────────────────

    def _refresh_latest(self, candidate_ids: Iterable[str]) -> None:
        """Re-derive latest interview status and rating, count and types, for the list."""
        ids = sorted(set(i for i in candidate_ids if i))
        for chunk, marks in in_chunks(ids):
            self._connection.execute(
                "UPDATE candidates SET "
                "latest_interview_id = (SELECT i.id FROM interviews i WHERE i.candidate_id = "
                "candidates.id ORDER BY COALESCE(i.scheduled_at, i.created_at) DESC, i.id DESC "
                "LIMIT 1), "
                "latest_interview_status = (SELECT i.status FROM interviews i WHERE "
                "i.candidate_id = candidates.id ORDER BY COALESCE(i.scheduled_at, i.created_at) "
                "DESC, i.id DESC LIMIT 1), "
                "latest_rating = COALESCE((SELECT i.rating FROM interviews i WHERE "
                "i.candidate_id = candidates.id AND i.rating IS NOT NULL ORDER BY "
                "COALESCE(i.scheduled_at, i.created_at) DESC, i.id DESC LIMIT 1), overall_rating), "
                "interview_count = (SELECT COUNT(*) FROM interviews i WHERE "
                "i.candidate_id = candidates.id), "
                "interview_types = COALESCE((SELECT group_concat(focus, ',') FROM (SELECT "
                "DISTINCT a.focus AS focus FROM interviews i JOIN agents a ON a.id = i.agent_id "
                "WHERE i.candidate_id = candidates.id)), '') "
                f"WHERE id IN ({marks})",
                chunk,
            )

    # ── the GDPR rule ────────────────────────────────────────────────────────────────────────

    def _gdpr_day(self) -> date | None:
        return self.today() if self.today is not None else self._purged_on

    def withheld(self, candidate_ids: Iterable[str | None]) -> set[str]:
        """Which of these candidates' data the cache may not hold: purged before, or past
        their GDPR date (as cached) on the app's day. One rule for every write and read: once
        a candidate is past its date, nothing about it is stored again, by any path, and no
        screen shows what is left of it before the purge takes it."""
        ids = sorted({i for i in candidate_ids if i})
        day = self._gdpr_day()
        found: set[str] = set()
        with self._lock:
            for chunk, marks in in_chunks(ids):
                found.update(row[0] for row in self._connection.execute(
                    f"SELECT candidate_id FROM purge_log WHERE candidate_id IN ({marks})", chunk))
                if day is not None:
                    found.update(row[0] for row in self._connection.execute(
                        f"SELECT id FROM candidates WHERE id IN ({marks}) AND "
                        "gdpr_expiry_date < ?", [*chunk, day.isoformat()]))
        return found

    def _withheld_sql(self, column: str) -> str:
        """`withheld` as an SQL condition on a candidate id column (with
        `_withheld_parameters`), for reads that list many rows."""
        return (f"({column} IS NOT NULL AND ({column} IN (SELECT candidate_id FROM purge_log) "
                f"OR {column} IN (SELECT id FROM candidates WHERE gdpr_expiry_date < ?)))")

    def _withheld_parameters(self) -> list[str]:
        day = self._gdpr_day()
        return ["" if day is None else day.isoformat()]  # no day: no date is before ""
