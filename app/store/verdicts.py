"""The recruiter's verdicts (advance, hold, reject) and notes: a small SQLite file of their own.

Why a separate file rather than a table of the cache: the cache is a copy of the API, and a
copy may be thrown away. A damaged cache is moved aside and a fresh one is filled by the next
sync (app/store/connection.py); a verdict is the recruiter's own work, which no sync can bring
back. Keeping verdicts in their own file beside the cache (`<cache name>.verdicts.sqlite3`, one
per API as the cache is) means a rebuild never touches them, with no backup and restore step
that a crash could interrupt. The file is tiny (a row per decision), written by the recruiter's
keys only, so it never competes with a sync for the cache's write lock.

Every decision is a new row: the current verdict of a candidate for a job is their latest row,
and the rows before it are the history. Undo writes a row too (the state before the undone
one), so undoing never loses what was decided.

Verdicts obey the cache's GDPR rule: a candidate the cache withholds (purged, or past their
date) has no verdict shown or exported, and the purge deletes their verdicts and notes (a note
about a person is personal data too).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from app.store.schema import CacheUnwritable, StoreError

BUSY_TIMEOUT_MS = 10_000
NOTE_LIMIT = 500  # characters: a short note, not a report

SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    id INTEGER PRIMARY KEY,
    candidate_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    interview_id TEXT,
    verdict TEXT,
    note TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    undoes INTEGER
);
CREATE INDEX IF NOT EXISTS verdicts_pair ON verdicts (candidate_id, job_id, id);
CREATE TABLE IF NOT EXISTS shares (
    candidate_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    state TEXT NOT NULL,
    decision_row INTEGER,
    queued_at TEXT,
    seen_updated_at TEXT,
    seen_entry TEXT,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (candidate_id, job_id)
);
"""
# The latest row of each candidate and job: their current verdict.
CURRENT = ("SELECT v.* FROM verdicts v WHERE v.id = (SELECT max(id) FROM verdicts w "
           "WHERE w.candidate_id = v.candidate_id AND w.job_id = v.job_id)")


class Verdict(StrEnum):
    ADVANCE = "advance"
    HOLD = "hold"
    REJECT = "reject"


UNDECIDED = "undecided"  # how filters and exports name the absence of a verdict


@dataclass(frozen=True)
class Decision:
    """A candidate's verdict for a job as it stands (verdict None: undecided, after an undo)."""

    candidate_id: str
    job_id: str
    interview_id: str | None
    verdict: Verdict | None
    note: str
    decided_at: datetime
    decided_by: str
    row: int = 0  # its row in the file: which decision a share sent

    @property
    def label(self) -> str:
        return self.verdict.value if self.verdict else UNDECIDED


def reviewer_name() -> str:
    """Who decides, as exports say it: the user's login name on this machine."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "this desk"


def verdicts_path(cache_path: Path) -> Path:
    """The verdict file of the cache at `cache_path`: beside it, named after it."""
    return cache_path.with_name(f"{cache_path.stem}.verdicts{cache_path.suffix or '.sqlite3'}")


class VerdictBook:
    """Verdicts and notes per candidate and job, read and written on the recruiter's keys.

    `withheld` is the cache's GDPR rule (Store.withheld): which of some candidate ids may not
    be shown. `clock` stamps each decision."""

    def __init__(self, path: Path, *, withheld: Callable[[Iterable[str | None]], set[str]],
                 clock: Callable[[], datetime] | None = None,
                 reviewer: str | None = None) -> None:
        self.path = path
        self.withheld = withheld
        self.clock = clock or (lambda: datetime.now(UTC))
        self.reviewer = reviewer or reviewer_name()
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None

    # ── the file ────────────────────────────────────────────────────────────────────────

    def _db(self) -> sqlite3.Connection:
        """Opened on first use: a desk that never decides never creates the file."""
        if self._connection is None:
            try:
                connection = sqlite3.connect(self.path, isolation_level=None,
                                             check_same_thread=False)
                connection.row_factory = sqlite3.Row
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.execute("PRAGMA journal_mode = WAL")
                # A deleted note is zeroed, not left in a free page (the GDPR purge).
                connection.execute("PRAGMA secure_delete = ON")
                connection.executescript(SCHEMA)
            except sqlite3.Error as error:
                raise self._problem(error) from error
            self._connection = connection
        return self._connection

    def _problem(self, error: sqlite3.Error) -> StoreError:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
            return CacheUnwritable(f"The verdict file {self.path} cannot be written ({error}): "
                                   "verdicts cannot be recorded. Choose a writable --data-dir.")
        return StoreError(f"The verdict file {self.path} cannot be used ({error}). Move it "
                          "aside to start a new one; the verdicts in it stay readable there.")

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self._db()
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise self._problem(error) from error
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    def _select(self, sql: str, parameters: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            if self._connection is None and not self.path.exists():
                return []
            connection = self._db()
            try:
                return connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as error:
                raise self._problem(error) from error

    # ── decisions ────────────────────────────────────────────────────────────────────────

    def decide(self, candidate_id: str, job_id: str | None, verdict: Verdict | None, *,
               interview_id: str | None = None, note: str | None = None) -> Decision:
        """Record `verdict` (None: back to undecided) for the candidate on the job. The note
        stays what it was unless one is given."""
        if self.withheld([candidate_id]):
            raise StoreError("This candidate's data was removed under GDPR: no verdict is "
                             "recorded for them.")
        job = job_id or ""
        with self._writing() as connection:
            if note is None:
                row = connection.execute(
                    "SELECT note FROM verdicts WHERE candidate_id = ? AND job_id = ? "
                    "ORDER BY id DESC LIMIT 1", (candidate_id, job)).fetchone()
                note = row[0] if row else ""
            connection.execute(
                "INSERT INTO verdicts (candidate_id, job_id, interview_id, verdict, note, "
                "decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (candidate_id, job, interview_id, verdict.value if verdict else None,
                 note.strip()[:NOTE_LIMIT], self.clock().isoformat(), self.reviewer))
        decision = self.current(candidate_id, job_id)
        assert decision is not None
        return decision

    def note(self, candidate_id: str, job_id: str | None, note: str, *,
             interview_id: str | None = None) -> Decision:
        """Set the note, keeping the verdict as it stands."""
        current = self.current(candidate_id, job_id)
        return self.decide(candidate_id, job_id, current.verdict if current else None,
                           interview_id=interview_id or (current.interview_id if current
                                                         else None), note=note)

    def undo_last(self) -> Decision | None:
        """Undo the latest decision not undone yet: its candidate and job go back to what
        they were before it (written as a new row, so the history keeps both). None when
        there is nothing left to undo."""
        with self._writing() as connection:
            last = connection.execute(
                "SELECT * FROM verdicts WHERE undoes IS NULL AND id NOT IN (SELECT undoes "
                "FROM verdicts WHERE undoes IS NOT NULL) ORDER BY id DESC LIMIT 1").fetchone()
            if last is None:
                return None
            before = connection.execute(
                "SELECT verdict, note FROM verdicts WHERE candidate_id = ? AND job_id = ? AND "
                "id < ? ORDER BY id DESC LIMIT 1",
                (last["candidate_id"], last["job_id"], last["id"])).fetchone()
            connection.execute(
                "INSERT INTO verdicts (candidate_id, job_id, interview_id, verdict, note, "
                "decided_at, decided_by, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (last["candidate_id"], last["job_id"], last["interview_id"],
                 before["verdict"] if before else None, before["note"] if before else "",
                 self.clock().isoformat(), self.reviewer, last["id"]))
        return self.current(last["candidate_id"], last["job_id"] or None)

    def forget(self, candidate_ids: Iterable[str]) -> None:
        """Delete every verdict and note of these candidates (the GDPR purge)."""
        ids = sorted(set(candidate_ids))
        if not ids or not self.path.exists():
            return
        with self._writing() as connection:
            for table in ("verdicts", "shares"):
                connection.executemany(f"DELETE FROM {table} WHERE candidate_id = ?",
                                       [(i,) for i in ids])
        # Nor in the log's copies of the pages, nor in pages freed before secure_delete was on
        # (a file from an earlier version): as the cache, rewritten whole.
        with self._lock:
            try:
                connection = self._db()
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.execute("VACUUM")
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as error:
                raise self._problem(error) from error

    # ── reads ────────────────────────────────────────────────────────────────────────────

    def current(self, candidate_id: str, job_id: str | None) -> Decision | None:
        rows = self._select(f"{CURRENT} AND v.candidate_id = ? AND v.job_id = ?",
                            (candidate_id, job_id or ""))
        decisions = self._shown(rows)
        return decisions[0] if decisions else None

    def decisions(self, candidate_ids: Sequence[str] | None = None) -> list[Decision]:
        """Every candidate's current verdict per job (undecided ones left out), newest first;
        only those of `candidate_ids` when given (a list's visible window)."""
        where, parameters = "", []
        if candidate_ids is not None:  # one JSON parameter: no limit on how many ids
            where = " AND v.candidate_id IN (SELECT value FROM json_each(?))"
            parameters.append(json.dumps(list(candidate_ids)))
        rows = self._select(f"{CURRENT} AND v.verdict IS NOT NULL{where} ORDER BY v.id DESC",
                            parameters)
        return self._shown(rows)

    def history(self, candidate_id: str, job_id: str | None) -> list[Decision]:
        """Every decision about the candidate for the job, oldest first."""
        return self._shown(self._select(
            "SELECT * FROM verdicts WHERE candidate_id = ? AND job_id = ? ORDER BY id",
            (candidate_id, job_id or "")))

    def decided_pairs(self) -> set[tuple[str, str]]:
        """(candidate id, job id or '') of every current verdict."""
        return {(d.candidate_id, d.job_id) for d in self.decisions()}

    def by_candidate(self, job_id: str | None = None, *,
                     candidate_ids: Sequence[str] | None = None) -> dict[str, Decision]:
        """Each candidate's verdict: for `job_id` when given, else their latest for any job
        (of `candidate_ids` only, when given)."""
        found: dict[str, Decision] = {}
        for decision in self.decisions(candidate_ids):  # newest first: the first is the latest
            if job_id is None or decision.job_id == job_id:
                found.setdefault(decision.candidate_id, decision)
        return found

    def _shown(self, rows: list[sqlite3.Row]) -> list[Decision]:
        hidden = self.withheld(row["candidate_id"] for row in rows)
        return [Decision(
            candidate_id=row["candidate_id"], job_id=row["job_id"],
            interview_id=row["interview_id"],
            verdict=Verdict(row["verdict"]) if row["verdict"] in tuple(Verdict) else None,
            note=row["note"], decided_at=datetime.fromisoformat(row["decided_at"]),
            decided_by=row["decided_by"], row=row["id"],
        ) for row in rows if row["candidate_id"] not in hidden]
