"""The local cache: one SQLite file that every screen reads and only sync and actions write.

Writes happen inside `transaction()`, one per batch, so a crash leaves the last good state.
WAL mode lets screens read while a sync writes; `busy_timeout` makes a second app instance on
the same file wait for the writer instead of failing or corrupting anything.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from app.domain.enums import InterviewStatus, parse_tolerant
from app.domain.times import showable
from app.store.connection import (
    GuardedConnection,
    connect,
    file_id,
    problem_of,
    set_aside,
    unwritable_message,
    why_unwritable,
)
from app.store.rows import (
    AnalysedInterview,
    CandidateQuery,
    CandidateRow,
    InterviewRow,
    InterviewView,
    JobRatings,
    MonitorRow,
    PurgeReport,
    RankedCandidate,
    SearchHit,
)
from app.store.schema import (
    LISTING_MARKERS,
    SCHEMA_VERSION,
    CacheUnwritable,
    StoreDamaged,
    StoreError,
    check_version,
    migrate,
)
from app.store.shares import ShareQueue
from app.store.verdicts import VerdictBook, verdicts_path

if TYPE_CHECKING:
    import sqlite_utils

    from app.domain.models import Agent, Candidate, Interview, Job, WireModel

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000
MIRRORS_KEY = "mirrors"  # sync_state: which API the cache is a copy of
WALK_SORT_SHARE = 50  # see candidate_rows
# Each sort is written exactly as its index is (expression, then id), so SQLite walks the
# index instead of sorting 50,000 rows; only columns that can be empty put those last.
SORTS = {
    "name": ("c.name COLLATE NOCASE", False),
    "email": ("c.email COLLATE NOCASE", False),
    "jobs": ("c.job_titles COLLATE NOCASE", False),
    "status": ("c.status", False),
    "interview_status": ("c.latest_interview_status", True),
    "rating": ("c.latest_rating", True),
    "interviews": ("c.interview_count", False),
    "gdpr": ("c.gdpr_expiry_date", True),
}
TEXT_INDEXES = {"transcript_turns": "transcript_fts", "analysis_points": "analysis_fts"}
IN_CHUNK = 500  # ids a statement's `IN (...)` takes at a time
ANALYSIS_KINDS = (
    ("strong", "strong_points"),
    ("weak", "weak_points"),
    ("evaluation", "evaluation"),
)


def _iso(moment: datetime | date | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _moment(text: str | None) -> datetime | None:
    """A cached time, or None for one no screen can show (see app/domain/times.py)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if showable(moment) else None


M = TypeVar("M", bound="WireModel")


def _readable(record: M) -> M:
    """`record` as read from the cache, with the times no screen can show forgotten (None):
    a cache written before the wire checked times may hold them, and a screen that shows or
    compares one would crash (see app/domain/times.py). Every time field is optional."""
    model = _models().WireModel
    for name, value in record:
        if isinstance(value, datetime):
            if not showable(value):
                setattr(record, name, None)
        elif isinstance(value, model):
            _readable(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, model):
                    _readable(item)
    return record


def _enum_text(value: Any) -> str | None:
    return None if value is None else str(value.value if hasattr(value, "value") else value)


def _models() -> ModuleType:
    """The API models, imported by the first read that returns one: pydantic and the models
    are a fifth of a cold start, and the candidate list is drawn from plain rows."""
    from app.domain import models

    return models


def _in_chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """`ids` in slices that fit one `IN (...)` (SQLite bounds a statement's parameters), each
    with its placeholders."""
    for start in range(0, len(ids), IN_CHUNK):
        chunk = list(ids[start:start + IN_CHUNK])
        yield chunk, ",".join("?" * len(chunk))


def _interview_row(interview: Interview) -> tuple[Any, ...]:
    """The interviews table's row; the analysis, call attempts and transcript have their own
    tables, so `raw` leaves them out."""
    general = interview.analysis.general if interview.analysis else None
    return (
        interview.id, interview.candidate_id, interview.agent_id, interview.job_id,
        _enum_text(interview.status), _iso(interview.scheduled_at),
        _iso(interview.finished_date), interview.duration_minutes, int(interview.is_test),
        _iso(interview.created_at), _iso(interview.updated_at),
        _enum_text(general.status) if general else None,
        general.overall_rating if general else None,
        interview.to_wire_json(exclude={"analysis", "transcript", "call_attempts"}),
    )


def _points(interview: Interview) -> list[tuple[Any, ...]]:
    general = interview.analysis.general if interview.analysis else None
    return [] if general is None else [
        (kind, position, text)
        for kind, attribute in ANALYSIS_KINDS
        for position, text in enumerate(getattr(general, attribute))
    ]


def _turns(interview: Interview) -> list[tuple[Any, ...]]:
    return [(position, turn.speaker, turn.text, turn.start_seconds)
            for position, turn in enumerate(interview.turns or ())]


def _searchable(index: str, match: str, hidden: list[str]) -> tuple[str, list[Any]]:
    """The WHERE of a full-text query that leaves out the text of `hidden` interviews, at no
    cost while there are none."""
    if not hidden:
        return f"{index} MATCH ?", [match]
    table = {"analysis_fts": "analysis_points", "transcript_fts": "transcript_turns"}[index]
    return (f"{index} MATCH ? AND rowid NOT IN (SELECT id FROM {table} WHERE interview_id "
            "IN (SELECT value FROM json_each(?)))", [match, json.dumps(hidden)])


def fts_prefix_query(text: str) -> str | None:
    """A MATCH expression where every typed word is a quoted prefix, so FTS syntax can't break."""
    words = [word for word in "".join(ch if ch.isalnum() else " " for ch in text).split() if word]
    return " ".join(f'"{word}"*' for word in words) or None


def fts_words_query(text: str) -> str | None:
    words = [word for word in "".join(ch if ch.isalnum() else " " for ch in text).split() if word]
    return " ".join(f'"{word}"' for word in words) or None


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
    return problem_of(error, path) or StoreError(f"The cache {path} cannot be opened ({error}).")


def _prepare(connection: sqlite3.Connection, path: Path, mirrors: str | None) -> None:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    # A commit reaches the WAL without waiting for the disk: a crash of the desk loses
    # nothing, a power cut at most the last commits, which the next sync reads again.
    # (Drafts, which no server holds, are written and fsynced as files of their own.)
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection)
    _check_mirrors(connection, path, mirrors, record=True)


def _check_readable(connection: sqlite3.Connection, path: Path, cause: str,
                    mirrors: str | None) -> None:
    """A file that cannot be written must already be of this app's schema: upgrading it
    would mean writing it."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    check_version(version)
    if version < SCHEMA_VERSION:
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


class Store:
    """The cache file, its schema, its queries and its writes.

    A store opened read-only (the machine will not let the file be written) answers every
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
        are plain SQL, so starting the desk does not load it."""
        import sqlite_utils

        return sqlite_utils.Database(self._connection.raw)

    @classmethod
    def open(cls, path: Path | str, *, mirrors: str | None = None,
             read_only: bool = False) -> Store:
        """The cache at `path`, a copy of the API that `mirrors` names (the first opening
        records it; a file recorded for another API is refused, never merged).

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
        return cls(path, _opened(path, lambda c: _prepare(c, path, mirrors)), mirrors=mirrors)

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
        """Which verdicts are shared with the team and which wait (in the verdict file)."""
        return ShareQueue(self.verdicts)

    def warm_up(self) -> None:
        """Read the whole cache file once, through SQLite, on a connection of its own.

        A file the OS has not read lately (after a boot, or trimmed from memory while idle)
        costs a disk read for each page a filter or search first touches; read once, the
        pages sit in the OS's memory and the first filters and searches of the day do not
        wait on the disk. Walking `dbstat` reads every page of every table and index in
        file order. SQLite releases the GIL while it reads: run this off the UI thread. It
        goes through SQLite, never `open()`: see app/store/connection.py for why. Where
        SQLite was built without `dbstat`, it does nothing."""
        try:
            connection = connect(self.path, read_only=True)
            try:
                # The pages are wanted in the OS's memory, not in this connection's: a page
                # cache of SQLite's default 2 MB added 4 MB to the desk's peak memory.
                connection.execute("PRAGMA cache_size = 16")
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

    # ── transactions and sync state ──────────────────────────────────────────────────────

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

    def get_state(self, key: str) -> str | None:
        return self._text("SELECT value FROM sync_state WHERE key = ?", (key,))

    def set_state(self, key: str, value: str | None) -> None:
        if value is None:
            self._execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            self._execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def last_synced_at(self) -> datetime | None:
        return _moment(self.get_state("last_synced_at"))

    def set_last_synced_at(self, moment: datetime) -> None:
        self.set_state("last_synced_at", moment.isoformat())

    # ── writes ───────────────────────────────────────────────────────────────────────────

    def save_jobs(self, jobs: Iterable[Job]) -> None:
        jobs = list(jobs)
        with self.transaction():
            self._many(
                "INSERT INTO jobs (id, title, status, raw) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
                "status = excluded.status, raw = excluded.raw",
                [(job.id, job.title, job.status, job.to_wire_json()) for job in jobs],
            )
            self._refresh_job_titles(
                "SELECT candidate_id FROM candidate_jobs WHERE job_id IN "
                f"({','.join('?' * len(jobs))})",
                [job.id for job in jobs],
            )

    def save_agents(self, agents: Iterable[Agent]) -> None:
        self._many(
            "INSERT INTO agents (id, name, channel, focus, duration, language, raw) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
            "channel = excluded.channel, focus = excluded.focus, duration = excluded.duration, "
            "language = excluded.language, raw = excluded.raw",
            [
                (a.id, a.name, _enum_text(a.type), _enum_text(a.focus), a.duration, a.language,
                 a.to_wire_json())
                for a in agents
            ],
        )

    def save_candidates(self, candidates: Iterable[Candidate]) -> None:
        """Candidates with their job links; one past its GDPR date, or purged before, is not
        stored (nor updated): see `withheld`."""
        candidates = self._admissible(list(candidates))
        if not candidates:
            return
        with self.transaction():
            self._many(
                "INSERT INTO candidates (id, first_name, last_name, name, email, phone_number, "
                "status, gdpr_expiry_date, overall_rating, analysis_count, api_interview_count, "
                "created_at, updated_at, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name, "
                "last_name = excluded.last_name, name = excluded.name, email = excluded.email, "
                "phone_number = excluded.phone_number, status = excluded.status, "
                "gdpr_expiry_date = excluded.gdpr_expiry_date, "
                "overall_rating = excluded.overall_rating, "
                "analysis_count = excluded.analysis_count, "
                "api_interview_count = excluded.api_interview_count, "
                "created_at = excluded.created_at, updated_at = excluded.updated_at, "
                "raw = excluded.raw",
                [
                    (
                        c.id, c.first_name, c.last_name,
                        " ".join(p for p in (c.first_name, c.last_name) if p),
                        c.email, c.phone_number, c.status, _iso(c.gdpr_expiry_date),
                        c.overall_rating, c.analysis_count, c.interview_count,
                        _iso(c.created_at), _iso(c.updated_at), c.to_wire_json(),
                    )
                    for c in candidates
                ],
            )
            ids = [c.id for c in candidates]
            self._many("DELETE FROM candidate_jobs WHERE candidate_id = ?", [(i,) for i in ids])
            self._many(
                "INSERT OR IGNORE INTO candidate_jobs (candidate_id, job_id, position) "
                "VALUES (?, ?, ?)",
                [
                    (c.id, job_id, position)
                    for c in candidates
                    for position, job_id in enumerate(c.all_job_ids)
                ],
            )
            self._refresh_job_titles(None, ids)
            self._refresh_latest(ids)

    def _refresh_job_titles(self, select: str | None, ids: list[str]) -> None:
        """Re-derive the list's job-title text for candidates (by id, or by a sub-select)."""
        if not ids:
            return
        where = f"id IN ({select})" if select else f"id IN ({','.join('?' * len(ids))})"
        self._connection.execute(
            "UPDATE candidates SET job_titles = COALESCE((SELECT group_concat(title, ', ') FROM "
            "(SELECT COALESCE(j.title, cj.job_id) AS title FROM candidate_jobs cj "
            "LEFT JOIN jobs j ON j.id = cj.job_id WHERE cj.candidate_id = candidates.id "
            f"ORDER BY cj.position)), '') WHERE {where}",
            ids,
        )

    def _refresh_latest(self, candidate_ids: Iterable[str]) -> None:
        """Re-derive latest interview status and rating, count and types, for the list."""
        ids = sorted(set(i for i in candidate_ids if i))
        for chunk, marks in _in_chunks(ids):
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

    def save_interviews(self, interviews: Iterable[Interview]) -> list[Interview]:
        """Interviews with their analysis, call attempts and transcript, each replaced whole;
        returns those saved. An interview of a candidate whose data may not be kept (see
        `withheld`) is not: whichever path brought it (sync, the watcher, a detail fetch, a
        create's answer), nothing of it is written.

        One statement per table for the lot, not per interview: a first sync saves thousands.
        Rows of an interview the cache already holds are removed first; searchable rows only
        when they changed (see `_changed_texts`). An interview listed twice (pages that shifted
        while they were read) is saved once, as last listed."""
        interviews = list({interview.id: interview for interview in interviews}.values())
        if not interviews:
            return []
        with self.transaction():
            held_back = self.withheld(i.candidate_id for i in interviews) | self._refused
            interviews = [i for i in interviews if i.candidate_id not in held_back]
            if not interviews:
                return []
            held = self._held_interviews([interview.id for interview in interviews])
            self._connection.executemany(
                "INSERT INTO interviews (id, candidate_id, agent_id, job_id, status, "
                "scheduled_at, finished_at, duration_minutes, is_test, created_at, updated_at, "
                "analysis_status, rating, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET candidate_id = excluded.candidate_id, "
                "agent_id = excluded.agent_id, job_id = excluded.job_id, "
                "status = excluded.status, scheduled_at = excluded.scheduled_at, "
                "finished_at = excluded.finished_at, "
                "duration_minutes = excluded.duration_minutes, is_test = excluded.is_test, "
                "created_at = excluded.created_at, updated_at = excluded.updated_at, "
                "analysis_status = excluded.analysis_status, rating = excluded.rating, "
                "raw = excluded.raw",
                [_interview_row(interview) for interview in interviews])
            replaced = [(interview_id,) for interview_id in held]
            for table in ("call_attempts", "analyses"):
                self._connection.executemany(
                    f"DELETE FROM {table} WHERE interview_id = ?", replaced)
            self._connection.executemany(
                "INSERT OR REPLACE INTO call_attempts (id, interview_id, position, raw) "
                "VALUES (?, ?, ?, ?)",
                [(attempt.id, interview.id, position, attempt.to_wire_json())
                 for interview in interviews
                 for position, attempt in enumerate(interview.call_attempts)])
            self._connection.executemany(
                "INSERT INTO analyses (interview_id, raw) VALUES (?, ?)",
                [(interview.id, interview.analysis.to_wire_json())
                 for interview in interviews if interview.analysis is not None])
            rewritten = {
                "analysis_points": self._changed_texts(
                    "analysis_points", ("kind", "position", "text"),
                    {interview.id: _points(interview) for interview in interviews}, held),
                "transcript_turns": self._changed_texts(
                    "transcript_turns", ("position", "speaker", "text", "start_seconds"),
                    {interview.id: _turns(interview) for interview in interviews
                     if interview.turns is not None}, held),
            }
            self._index_texts(rewritten)
            self._refresh_latest(i.candidate_id for i in interviews if i.candidate_id)
        return interviews

    def _held_interviews(self, interview_ids: list[str]) -> set[str]:
        """Which of these interviews the cache already holds."""
        held: set[str] = set()
        for chunk, marks in _in_chunks(interview_ids):
            held.update(row[0] for row in self._connection.execute(
                f"SELECT id FROM interviews WHERE id IN ({marks})", chunk))
        return held

    def _changed_texts(self, table: str, columns: tuple[str, ...],
                       rows_of: dict[str, list[tuple[Any, ...]]], held: set[str]) -> list[str]:
        """Write interviews' searchable rows (analysis points or transcript turns) and return
        the interviews whose rows were written, which `_index_texts` must then index. A held
        interview's rows are rewritten only when they changed: a finished transcript comes
        back unchanged on every sync, and rewriting it costs its index entries twice. The old
        rows' index entries go with them through a delete trigger."""
        listed = ", ".join(columns)
        written = []
        for interview_id, rows in rows_of.items():
            if interview_id in held:
                current = self._connection.execute(
                    f"SELECT {listed} FROM {table} WHERE interview_id = ? ORDER BY id",
                    (interview_id,)).fetchall()
                if current == rows:
                    continue
                self._connection.execute(f"DELETE FROM {table} WHERE interview_id = ?",
                                         (interview_id,))
            written.append(interview_id)
        marks = ", ".join("?" * len(columns))
        self._connection.executemany(
            f"INSERT INTO {table} (interview_id, {listed}) VALUES (?, {marks})",
            [(interview_id, *row) for interview_id in written for row in rows_of[interview_id]])
        return written

    def _index_texts(self, rewritten: dict[str, list[str]]) -> None:
        """Full-text entries for the rows `_changed_texts` wrote, one statement per table and
        batch. Not from insert triggers: FTS5 fed row by row that way, or by one statement per
        interview, took five to ten times as long (2.1 s against 0.2 s for 40,000 turns), most
        of a first sync. Deletes still go through the delete triggers, so no path that removes
        text (an interview deleted, a GDPR purge) can leave it in the index."""
        for table, interview_ids in rewritten.items():
            for chunk, marks in _in_chunks(interview_ids):
                self._connection.execute(
                    f"INSERT INTO {TEXT_INDEXES[table]} (rowid, text) SELECT id, text FROM "
                    f"{table} WHERE interview_id IN ({marks})", chunk)

    def delete_interview(self, interview_id: str) -> None:
        with self.transaction():
            candidate_id = self._value(
                "SELECT candidate_id FROM interviews WHERE id = ?", (interview_id,)
            )
            self._delete_interviews_where("id = ?", (interview_id,))
            if candidate_id:
                self._refresh_latest([candidate_id])

    def _delete_interviews_where(self, where: str, parameters: Sequence[Any]) -> int:
        ids = [row[0] for row in self._connection.execute(
            f"SELECT id FROM interviews WHERE {where}", parameters)]
        for interview_id in ids:
            for table in ("call_attempts", "analyses", "analysis_points", "transcript_turns"):
                self._connection.execute(f"DELETE FROM {table} WHERE interview_id = ?",
                                         (interview_id,))
            self._connection.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
        return len(ids)

    def delete_candidates(self, candidate_ids: Iterable[str]) -> None:
        ids = list(candidate_ids)
        with self.transaction():
            for candidate_id in ids:
                self._delete_interviews_where("candidate_id = ?", (candidate_id,))
                self._connection.execute("DELETE FROM candidate_jobs WHERE candidate_id = ?",
                                         (candidate_id,))
                self._connection.execute("DELETE FROM candidates WHERE id = ?", (candidate_id,))

    def delete_jobs(self, job_ids: Iterable[str]) -> None:
        self._many("DELETE FROM jobs WHERE id = ?", [(i,) for i in job_ids])

    def delete_agents(self, agent_ids: Iterable[str]) -> None:
        self._many("DELETE FROM agents WHERE id = ?", [(i,) for i in agent_ids])

    # ── reads for sync ───────────────────────────────────────────────────────────────────

    def candidate_versions(self) -> dict[str, tuple[str | None, int | None, int | None]]:
        """Each cached candidate's change markers as the API last showed them: updatedAt, the
        interview count and the analysis count (what an incremental sync compares)."""
        return {
            row["id"]: (row["updated_at"], row["api_interview_count"], row["analysis_count"])
            for row in self._rows(
                "SELECT id, updated_at, api_interview_count, analysis_count FROM candidates")
        }

    # A candidate's interviews are listed most useful first (issue 22): someone with recent
    # activity or a call running or due, then someone on an open job, then the old and closed.
    _LISTING_PRIORITY = (
        "CASE WHEN c.updated_at >= ? OR EXISTS (SELECT 1 FROM interviews i WHERE "
        "i.candidate_id = c.id AND i.status IN ('SCHEDULED', 'IN_PROGRESS')) THEN 0 "
        "WHEN EXISTS (SELECT 1 FROM candidate_jobs cj JOIN jobs j ON j.id = cj.job_id "
        "WHERE cj.candidate_id = c.id AND UPPER(j.status) = 'OPEN') THEN 1 ELSE 2 END, "
        "c.updated_at DESC, c.id"
    )

    def listings_due(self, *, recent_since: datetime, today: date) -> list[str]:
        """Candidates whose interviews must be listed (their change markers moved since the
        last listing, or they were never listed), in the order to list them; candidates past
        their GDPR date are left out, nothing of theirs may come back."""
        return [row["id"] for row in self._rows(
            f"SELECT c.id FROM candidates c WHERE c.listed_markers IS NOT "
            f"({LISTING_MARKERS.replace('updated_at', 'c.updated_at')}) "
            "AND NOT (c.gdpr_expiry_date IS NOT NULL AND c.gdpr_expiry_date < ?) "
            "AND c.id NOT IN (SELECT candidate_id FROM purge_log) "
            f"ORDER BY {self._LISTING_PRIORITY}",
            (today.isoformat(), _iso(recent_since)))]

    def settle_empty_listings(self, candidate_ids: Iterable[str]) -> list[str]:
        """Of these candidates due a listing, mark as listed those the API says have no
        interview and the cache holds none of (a listing could only say the same); returns
        them. A candidate whose count fell to 0 with interviews cached still needs its
        listing, to learn which went."""
        settled: list[str] = []
        with self.transaction():
            for chunk, marks in _in_chunks(list(candidate_ids)):
                settled += [row[0] for row in self._connection.execute(
                    f"SELECT id FROM candidates c WHERE id IN ({marks}) AND "
                    "api_interview_count = 0 AND NOT EXISTS (SELECT 1 FROM interviews i "
                    "WHERE i.candidate_id = c.id)", chunk)]
            self.mark_listed(settled)
        return settled

    def mark_listed(self, candidate_ids: Iterable[str]) -> None:
        """These candidates' interviews are as the API listed them for their current markers."""
        with self.transaction():
            for chunk, marks in _in_chunks(list(candidate_ids)):
                self._connection.execute(
                    f"UPDATE candidates SET listed_markers = {LISTING_MARKERS} "
                    f"WHERE id IN ({marks})", chunk)

    def forget_listings(self) -> None:
        """Every candidate's interviews are due a listing again (a full sync)."""
        self._execute("UPDATE candidates SET listed_markers = NULL")

    def interview_ids_of(self, candidate_id: str) -> set[str]:
        return {row["id"] for row in self._rows(
            "SELECT id FROM interviews WHERE candidate_id = ?", (candidate_id,))}

    def ids(self, table: str) -> set[str]:
        if table not in ("candidates", "jobs", "agents", "interviews"):
            raise ValueError(table)
        return {row["id"] for row in self._rows(f"SELECT id FROM {table}")}

    # ── reads for the candidate list ─────────────────────────────────────────────────────

    def _candidate_where(self, query: CandidateQuery, today: date, *,
                         walk_sort: bool = False) -> tuple[str, list[Any]]:
        """The WHERE of a candidate query. With `walk_sort` the text match may not drive the
        query (the unary + keeps SQLite off the rowid lookup), so it walks the sort's index and
        keeps the rows that match: see `candidate_rows`."""
        clauses: list[str] = []
        parameters: list[Any] = []
        match = fts_prefix_query(query.text or "")
        if match:
            rowid = "+c.rowid" if walk_sort else "c.rowid"
            clauses.append(f"{rowid} IN (SELECT rowid FROM candidate_fts WHERE candidate_fts "
                           "MATCH ?)")
            parameters.append(match)
        if query.job_id:
            clauses.append("c.id IN (SELECT candidate_id FROM candidate_jobs WHERE job_id = ?)")
            parameters.append(query.job_id)
        if query.statuses:
            clauses.append(f"c.status IN ({','.join('?' * len(query.statuses))})")
            parameters.extend(query.statuses)
        if query.interview_status:
            clauses.append("c.latest_interview_status = ?")
            parameters.append(query.interview_status)
        if query.rating_min is not None:
            clauses.append("c.latest_rating >= ?")
            parameters.append(query.rating_min)
        if query.rating_max is not None:
            clauses.append("c.latest_rating <= ?")
            parameters.append(query.rating_max)
        if query.interview_type:
            clauses.append("(',' || c.interview_types || ',') LIKE ?")
            parameters.append(f"%,{query.interview_type},%")
        if query.expiring_within_days is not None:
            clauses.append("c.gdpr_expiry_date IS NOT NULL AND c.gdpr_expiry_date <= ?")
            parameters.append(date.fromordinal(today.toordinal() + query.expiring_within_days)
                              .isoformat())
        if query.only_ids is not None:
            clauses.append(f"c.id IN ({','.join('?' * len(query.only_ids))})")
            parameters.extend(query.only_ids)
        if query.except_ids:
            clauses.append(f"c.id NOT IN ({','.join('?' * len(query.except_ids))})")
            parameters.extend(query.except_ids)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters

    def count_candidates(self, query: CandidateQuery, *, today: date | None = None) -> int:
        if query.text_only:
            # Text alone: the index counts its own matches (1 ms) instead of looking each one
            # up in the table (20 ms for a one-letter prefix at 50,000 candidates).
            return self._text_matches(query.text or "")
        where, parameters = self._candidate_where(query, today or date.today())
        return self._count(f"SELECT COUNT(*) FROM candidates c{where}", parameters)

    def _candidate_total(self) -> int:
        """About how many candidates there are, in one index step: rowids only grow, so the
        largest is the count give or take deletions (enough to choose a query plan)."""
        return self._count("SELECT COALESCE(MAX(rowid), 0) FROM candidates")

    def _text_matches(self, text: str) -> int:
        match = fts_prefix_query(text)
        if match is None:
            return self._count("SELECT COUNT(*) FROM candidates")
        return self._count("SELECT COUNT(*) FROM candidate_fts WHERE candidate_fts MATCH ?",
                           (match,))

    def candidate_rows(
        self, query: CandidateQuery, *, offset: int = 0, limit: int = 100,
        today: date | None = None, from_end: bool = False, text_matches: int | None = None,
    ) -> list[CandidateRow]:
        """A window of the list. With `from_end`, `offset` counts from the last row and the
        window comes back in list order: near the end of a long list SQLite then sorts into
        a small top-N heap instead of holding every row before the offset (issue 9: G on
        50,000 candidates went from ~300 ms to the cost of the first page). `text_matches`,
        when the caller counted them already (`count_candidates` of a `text_only` query), saves
        counting the text's matches again: a prefix's count grows with the cache."""
        today = today or date.today()
        # A broad text match (one row in WALK_SORT_SHARE or more) fills a window within a
        # short walk of the sort's index; a narrow one is cheaper to collect and sort. SQLite
        # cannot tell the two apart, and always collected: 25 ms for "m" at 50,000 candidates,
        # 3 ms walking. Even a walk of the whole index (matches all at its end) is 3-4 ms, so
        # the line sits where collecting costs that much: about 1,000 matches at 50,000.
        if query.text and text_matches is None:
            text_matches = self._text_matches(query.text)
        walk_sort = bool(query.text) and (
            (text_matches or 0) * WALK_SORT_SHARE >= self._candidate_total())
        where, parameters = self._candidate_where(query, today, walk_sort=walk_sort)
        column, nullable = SORTS.get(query.sort, SORTS["name"])
        descending = query.descending != from_end
        direction = "DESC" if descending else "ASC"
        nulls = (" NULLS FIRST" if from_end else " NULLS LAST") if nullable else ""
        # Past the GDPR date a row shows no name or email, as a purged one, until the purge.
        sql = ("SELECT c.id, IIF(c.gdpr_expiry_date < ?, '', c.name), "
               "IIF(c.gdpr_expiry_date < ?, NULL, c.email), c.job_titles, c.status, "
               "c.latest_interview_status, c.latest_rating, c.interview_count, "
               "CAST(julianday(c.gdpr_expiry_date) - julianday(?) AS INTEGER) "
               f"FROM candidates c{where} ORDER BY {column} {direction}{nulls}, "
               f"c.id {direction} LIMIT ? OFFSET ?")
        day = today.isoformat()
        with self._lock:  # straight into records, in CandidateRow's field order: every keystroke
            rows = [CandidateRow(*row) for row in self._connection.execute(
                sql, [day, day, day, *parameters, limit, offset])]
        if from_end:
            rows.reverse()
        return rows

    def candidate_statuses(self) -> list[str]:
        return [row["status"] for row in self._rows(
            "SELECT DISTINCT status FROM candidates WHERE status IS NOT NULL ORDER BY status")]

    def expiring(self, days: int, *, today: date | None = None) -> list[CandidateRow]:
        """Candidates whose GDPR date falls within `days` (soonest first)."""
        query = CandidateQuery(expiring_within_days=days, sort="gdpr")
        return self.candidate_rows(query, limit=10_000, today=today)

    # ── reads for details, the viewer and the monitor ────────────────────────────────────

    def candidate(self, candidate_id: str) -> Candidate | None:
        """The candidate, or None when not cached or withheld under GDPR."""
        if self.withheld([candidate_id]):
            return None
        raw = self._value("SELECT raw FROM candidates WHERE id = ?", (candidate_id,))
        return None if raw is None else _readable(_models().Candidate.model_validate_json(raw))

    def jobs(self) -> list[Job]:
        return [_readable(_models().Job.model_validate_json(row["raw"])) for row in self._rows(
            "SELECT raw FROM jobs ORDER BY title COLLATE NOCASE")]

    def job(self, job_id: str) -> Job | None:
        raw = self._value("SELECT raw FROM jobs WHERE id = ?", (job_id,))
        return None if raw is None else _readable(_models().Job.model_validate_json(raw))

    def agents(self) -> list[Agent]:
        return [_readable(_models().Agent.model_validate_json(row["raw"])) for row in self._rows(
            "SELECT raw FROM agents ORDER BY name COLLATE NOCASE")]

    def agent(self, agent_id: str) -> Agent | None:
        raw = self._value("SELECT raw FROM agents WHERE id = ?", (agent_id,))
        return None if raw is None else _readable(_models().Agent.model_validate_json(raw))

    def interviews_of(self, candidate_id: str) -> list[InterviewRow]:
        if self.withheld([candidate_id]):
            return []
        rows = self._rows(
            "SELECT i.id, i.status, i.scheduled_at, a.name AS agent_name, a.focus, a.channel, "
            "j.title AS job_title, i.analysis_status, i.rating FROM interviews i "
            "LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN jobs j ON j.id = i.job_id "
            "WHERE i.candidate_id = ? ORDER BY COALESCE(i.scheduled_at, i.created_at) DESC",
            (candidate_id,),
        )
        return [InterviewRow(**{**row, "scheduled_at": _moment(row["scheduled_at"])})
                for row in rows]

    def interview(self, interview_id: str) -> InterviewView | None:
        """The full interview (analysis, call attempts, transcript) with who and what it is for."""
        raw = self._value("SELECT raw FROM interviews WHERE id = ?", (interview_id,))
        if raw is None:
            return None
        data = json.loads(raw)
        if self.withheld([data.get("candidateId")]):
            return None  # its candidate's data is gone under GDPR: the interview reads as removed
        analysis = self._value("SELECT raw FROM analyses WHERE interview_id = ?", (interview_id,))
        data["analysis"] = None if analysis is None else json.loads(analysis)
        data["callAttempts"] = [
            json.loads(row["raw"]) for row in self._rows(
                "SELECT raw FROM call_attempts WHERE interview_id = ? ORDER BY position",
                (interview_id,))
        ]
        turns = self._rows(
            "SELECT speaker, text, start_seconds AS startSeconds FROM transcript_turns "
            "WHERE interview_id = ? ORDER BY position", (interview_id,))
        data["transcript"] = turns or None
        interview = _readable(_models().Interview.model_validate(data))
        return InterviewView(
            interview=interview,
            candidate=self.candidate(interview.candidate_id) if interview.candidate_id else None,
            agent=self.agent(interview.agent_id) if interview.agent_id else None,
            job=self.job(interview.job_id) if interview.job_id else None,
        )

    def _monitor_select(self, where: str, parameters: Sequence[Any]) -> list[MonitorRow]:
        rows = self._rows(
            "SELECT i.id AS interview_id, i.status, i.candidate_id, "
            "COALESCE(NULLIF(c.name, ''), '(unknown candidate)') AS candidate_name, i.job_id, "
            "j.title AS job_title, i.agent_id, a.name AS agent_name, a.channel, a.focus, "
            "i.scheduled_at, COALESCE(i.duration_minutes, a.duration) AS duration_minutes, "
            "i.finished_at, i.analysis_status, i.updated_at FROM interviews i "
            "LEFT JOIN candidates c ON c.id = i.candidate_id "
            "LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN jobs j ON j.id = i.job_id "
            f"WHERE ({where}) AND NOT {self._withheld_sql('i.candidate_id')} "
            "ORDER BY i.scheduled_at",
            [*parameters, *self._withheld_parameters()],
        )
        return [
            MonitorRow(**{
                **row,
                "scheduled_at": _moment(row["scheduled_at"]),
                "finished_at": _moment(row["finished_at"]),
                "updated_at": _moment(row["updated_at"]),
                "status": _enum_text(parse_tolerant(InterviewStatus, row["status"])),
            })
            for row in rows
        ]

    def monitor_rows(self, now: datetime) -> list[MonitorRow]:
        """Scheduled and running interviews, and those finished in the last 24 hours."""
        since = datetime.fromtimestamp(now.timestamp() - 86_400, now.tzinfo).isoformat()
        return self._monitor_select(
            "i.status IN ('SCHEDULED', 'IN_PROGRESS') OR (i.status NOT IN ('SCHEDULED', "
            "'IN_PROGRESS') AND COALESCE(i.finished_at, i.updated_at, i.scheduled_at) >= ?)",
            (since,),
        )

    def live_interviews(self, now: datetime) -> list[MonitorRow]:
        """What the watcher polls: due within the hour, running, or awaiting their analysis."""
        soon = datetime.fromtimestamp(now.timestamp() + 3600, now.tzinfo).isoformat()
        return self._monitor_select(
            "(i.status = 'SCHEDULED' AND i.scheduled_at <= ?) OR i.status = 'IN_PROGRESS' OR "
            "(i.status = 'COMPLETED' AND COALESCE(i.analysis_status, 'PENDING') NOT IN "
            "('COMPLETED', 'FAILED'))",
            (soon,),
        )

    def job_ratings(self, job_id: str) -> JobRatings:
        """Each candidate's best-known (latest rated) interview for the job, best first."""
        rows = self._rows(
            "SELECT i.candidate_id, COALESCE(NULLIF(c.name, ''), '(unknown)') AS name, "
            "i.id AS interview_id, i.rating FROM interviews i "
            "LEFT JOIN candidates c ON c.id = i.candidate_id "
            "WHERE i.job_id = ? AND i.rating IS NOT NULL ORDER BY COALESCE(i.scheduled_at, "
            "i.created_at) DESC",
            (job_id,),
        )
        latest: dict[str, dict[str, Any]] = {}
        for row in rows:
            latest.setdefault(row["candidate_id"], row)
        ranked = sorted(
            (RankedCandidate(r["candidate_id"], r["name"], r["interview_id"], r["rating"])
             for r in latest.values()),
            key=lambda r: (-r.rating, r.name),
        )
        return JobRatings(job_id, [r.rating for r in ranked], ranked)

    def candidates_of_job(self, job_id: str) -> list[str]:
        """The job's candidates in name order, for moving to the previous or next one."""
        return [row["candidate_id"] for row in self._rows(
            "SELECT cj.candidate_id FROM candidate_jobs cj JOIN candidates c ON "
            "c.id = cj.candidate_id WHERE cj.job_id = ? ORDER BY c.name COLLATE NOCASE, c.id",
            (job_id,))]

    def latest_interview_id(self, candidate_id: str, *, analysed: bool = False) -> str | None:
        condition = "AND rating IS NOT NULL" if analysed else ""
        return self._text(
            f"SELECT id FROM interviews WHERE candidate_id = ? {condition} "
            "ORDER BY COALESCE(scheduled_at, created_at) DESC LIMIT 1", (candidate_id,))

    def latest_analysed_interviews(self, candidate_ids: Sequence[str]) -> dict[str, str]:
        """Each candidate's latest interview with a rating (an analysis), by candidate id: what
        [ and ] in the analysis viewer open for each candidate of a list."""
        found: dict[str, str] = {}
        for chunk, marks in _in_chunks(list(candidate_ids)):
            with self._lock:
                found.update(self._connection.execute(
                    "SELECT c.id, (SELECT i.id FROM interviews i WHERE i.candidate_id = c.id "
                    "AND i.rating IS NOT NULL ORDER BY COALESCE(i.scheduled_at, i.created_at) "
                    f"DESC, i.id DESC LIMIT 1) FROM candidates c WHERE c.id IN ({marks})", chunk,
                ).fetchall())
        return {candidate: interview for candidate, interview in found.items() if interview}

    def completed_analyses(self, *, job_id: str | None = None,
                           focus: str | None = None) -> list[AnalysedInterview]:
        """Interviews whose analysis is complete, newest first (by when the interview ended),
        the withheld left out: what the review queue is drawn from."""
        clauses, parameters = ["i.analysis_status = 'COMPLETED'", "i.candidate_id IS NOT NULL"], []
        if job_id:
            clauses.append("i.job_id = ?")
            parameters.append(job_id)
        if focus:
            clauses.append("a.focus = ?")
            parameters.append(focus)
        rows = self._rows(
            "SELECT i.id AS interview_id, i.candidate_id, COALESCE(NULLIF(c.name, ''), "
            "'(unknown candidate)') AS candidate_name, i.job_id, j.title AS job_title, "
            "a.focus, COALESCE(i.finished_at, i.updated_at, i.scheduled_at) AS finished_at, "
            "i.rating FROM interviews i LEFT JOIN candidates c ON c.id = i.candidate_id "
            "LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN jobs j ON j.id = i.job_id "
            f"WHERE {' AND '.join(clauses)} AND NOT {self._withheld_sql('i.candidate_id')} "
            "ORDER BY COALESCE(i.finished_at, i.updated_at, i.scheduled_at) DESC, i.id DESC",
            [*parameters, *self._withheld_parameters()])
        return [AnalysedInterview(**{**row, "finished_at": _moment(row["finished_at"])})
                for row in rows]

    def interview_subjects(self, interview_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Each interview's candidate id and job id ('' without a job): whom a verdict on it
        is about. Interviews without a candidate are left out."""
        found: dict[str, tuple[str, str]] = {}
        for chunk, marks in _in_chunks(list(interview_ids)):
            with self._lock:
                for interview_id, candidate_id, job_id in self._connection.execute(
                        "SELECT id, candidate_id, COALESCE(job_id, '') FROM interviews WHERE "
                        f"candidate_id IS NOT NULL AND id IN ({marks})", chunk):
                    found[interview_id] = (candidate_id, job_id)
        return found

    def analysed_interview_ids(self, interview_ids: Sequence[str]) -> set[str]:
        """Those of `interview_ids` that have a rating (an analysis)."""
        found: set[str] = set()
        for chunk, marks in _in_chunks(list(interview_ids)):
            with self._lock:
                found.update(row[0] for row in self._connection.execute(
                    f"SELECT id FROM interviews WHERE rating IS NOT NULL AND id IN ({marks})",
                    chunk))
        return found

    def search_interview_ids(self, text: str) -> list[str]:
        """The interviews `search` finds for `text`, each once, in the order of their first
        hit (without snippets: the whole list, for stepping through the hits' analyses)."""
        match = fts_words_query(text)
        if match is None:
            return []
        with self._lock:
            rows = self._connection.execute(
                "SELECT p.interview_id FROM analysis_fts f JOIN analysis_points p ON "
                "p.id = f.rowid WHERE analysis_fts MATCH ? ORDER BY f.rowid DESC",
                (match,)).fetchall()
            rows += self._connection.execute(
                "SELECT t.interview_id FROM transcript_fts f JOIN transcript_turns t ON "
                "t.id = f.rowid WHERE transcript_fts MATCH ? ORDER BY f.rowid DESC",
                (match,)).fetchall()
        return list(dict.fromkeys(row[0] for row in rows))

    def search(self, text: str, *, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Full-text over analysis points, then transcripts, each newest first, with snippets.

        One page of `limit` hits from `offset` in that order. FTS5 walks its index in rowid
        order and stops at the page, so a common word costs what one page costs; ranking by
        bm25 had to score every turn that mentions it first (p95 76 ms for a page at 800,000
        turns, 2 ms this way). Every hit holds all the words, and a recruiter reads the
        assessments before the raw conversation, the latest first."""
        match = fts_words_query(text)
        if match is None:
            return []
        hidden = self._withheld_interviews()
        points_where, points_parameters = _searchable("analysis_fts", match, hidden)
        turns_where, turns_parameters = _searchable("transcript_fts", match, hidden)
        in_points = self._value(f"SELECT COUNT(*) FROM analysis_fts WHERE {points_where}",
                                points_parameters)
        rows: list[dict[str, Any]] = []
        if offset < in_points:
            rows += self._rows(
                "SELECT p.interview_id, NULL AS turn, p.kind, f.snippet FROM "
                "(SELECT rowid, snippet(analysis_fts, 0, '[[', ']]', '…', 12) AS snippet "
                f"FROM analysis_fts WHERE {points_where} ORDER BY rowid DESC "
                "LIMIT ? OFFSET ?) f JOIN analysis_points p ON p.id = f.rowid "
                "ORDER BY f.rowid DESC",
                (*points_parameters, limit, offset),
            )
        if len(rows) < limit:
            rows += self._rows(
                "SELECT t.interview_id, t.position AS turn, 'transcript' AS kind, f.snippet FROM "
                "(SELECT rowid, snippet(transcript_fts, 0, '[[', ']]', '…', 12) AS snippet "
                f"FROM transcript_fts WHERE {turns_where} ORDER BY rowid DESC "
                "LIMIT ? OFFSET ?) f JOIN transcript_turns t ON t.id = f.rowid "
                "ORDER BY f.rowid DESC",
                (*turns_parameters, limit - len(rows), max(0, offset - in_points)),
            )
        names = {
            row["id"]: (row["candidate_id"], row["name"])
            for row in self._rows(
                "SELECT i.id, i.candidate_id, COALESCE(NULLIF(c.name, ''), '(unknown)') AS name "
                "FROM interviews i LEFT JOIN candidates c ON c.id = i.candidate_id WHERE i.id IN "
                f"({','.join('?' * len(rows))})",
                [row["interview_id"] for row in rows],
            )
        } if rows else {}
        return [
            SearchHit(
                interview_id=row["interview_id"],
                candidate_id=names.get(row["interview_id"], (None, ""))[0],
                candidate_name=names.get(row["interview_id"], (None, "(unknown)"))[1],
                kind=row["kind"], turn=row["turn"], snippet=row["snippet"],
            )
            for row in rows
        ]

    def count_search_hits(self, text: str) -> int:
        """How many hits `search` has for `text` over all its pages."""
        match = fts_words_query(text)
        if match is None:
            return 0
        hidden = self._withheld_interviews()
        total = 0
        for index in ("analysis_fts", "transcript_fts"):
            where, parameters = _searchable(index, match, hidden)
            total += self._value(f"SELECT COUNT(*) FROM {index} WHERE {where}", parameters)
        return total

    def _withheld_interviews(self) -> list[str]:
        """The interviews of withheld candidates still cached: their text is deleted by the
        purge, and until it runs (hourly) search leaves them out."""
        return [row["id"] for row in self._rows(
            "SELECT id FROM interviews WHERE candidate_id IN (SELECT candidate_id FROM "
            "purge_log UNION SELECT id FROM candidates WHERE gdpr_expiry_date < ?)",
            self._withheld_parameters())]

    # ── GDPR ─────────────────────────────────────────────────────────────────────────────

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
            for chunk, marks in _in_chunks(ids):
                found.update(row[0] for row in self._connection.execute(
                    f"SELECT candidate_id FROM purge_log WHERE candidate_id IN ({marks})", chunk))
                if day is not None:
                    found.update(row[0] for row in self._connection.execute(
                        f"SELECT id FROM candidates WHERE id IN ({marks}) AND "
                        "gdpr_expiry_date < ?", [*chunk, day.isoformat()]))
        return found

    def holds_interview(self, interview_id: str) -> bool:
        """Whether the interview is cached and may be shown (its candidate not withheld)."""
        rows = self._rows("SELECT candidate_id FROM interviews WHERE id = ?", (interview_id,))
        return bool(rows) and not self.withheld([rows[0]["candidate_id"]])

    def _withheld_sql(self, column: str) -> str:
        """`withheld` as an SQL condition on a candidate id column (with
        `_withheld_parameters`), for reads that list many rows."""
        return (f"({column} IS NOT NULL AND ({column} IN (SELECT candidate_id FROM purge_log) "
                f"OR {column} IN (SELECT id FROM candidates WHERE gdpr_expiry_date < ?)))")

    def _withheld_parameters(self) -> list[str]:
        day = self._gdpr_day()
        return ["" if day is None else day.isoformat()]  # no day: no date is before ""

    def _admissible(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates the cache may hold; the others are remembered as refused, so their
        interviews are refused too.

        One that arrives past its date may still be cached under a later one (the date was
        shortened while the desk was away): the cache takes the earlier date, so reads skip
        the candidate at once and the next purge removes what is cached of them."""
        day = self._gdpr_day()
        expired = {c.id: c.gdpr_expiry_date.isoformat() for c in candidates
                   if day is not None and c.gdpr_expiry_date is not None
                   and c.gdpr_expiry_date < day}
        if expired:
            self._many("UPDATE candidates SET gdpr_expiry_date = ? WHERE id = ? AND "
                       "(gdpr_expiry_date IS NULL OR gdpr_expiry_date > ?)",
                       [(expiry, i, expiry) for i, expiry in expired.items()])
        refused = self.withheld(c.id for c in candidates) | set(expired)
        self._refused |= refused
        return [c for c in candidates if c.id not in refused]

    def purge_expired(self, today: date) -> PurgeReport:
        """Delete the personal data of candidates whose GDPR date has passed, bytes included.

        Names, email, phone, transcripts, analyses and call notes go (deleted, not flagged);
        secure_delete zeroes the freed pages and a WAL checkpoint plus VACUUM leaves no copy
        behind. The purge log keeps only ids, dates and counts.
        """
        self._purged_on = max(today, self._purged_on or today)
        expired = self._rows(
            "SELECT id, gdpr_expiry_date FROM candidates WHERE gdpr_expiry_date < ? AND "
            "(name != '' OR email IS NOT NULL OR phone_number IS NOT NULL OR id IN "
            "(SELECT candidate_id FROM interviews))",
            (today.isoformat(),),
        )
        if not expired:
            return PurgeReport()
        interviews = turns = 0
        with self.transaction():
            for row in expired:
                candidate_id = row["id"]
                ids = [r["id"] for r in self._rows(
                    "SELECT id FROM interviews WHERE candidate_id = ?", (candidate_id,))]
                removed_turns = 0
                for interview_id in ids:
                    removed_turns += self._value(
                        "SELECT COUNT(*) FROM transcript_turns WHERE interview_id = ?",
                        (interview_id,))
                # Its interviews go whole: they read as removed, as a deleted one does.
                self._delete_interviews_where("candidate_id = ?", (candidate_id,))
                self._connection.execute(
                    "UPDATE candidates SET first_name = NULL, last_name = NULL, name = '', "
                    "email = NULL, phone_number = NULL, raw = json_object('id', id, "
                    "'gdprExpiryDate', gdpr_expiry_date) WHERE id = ?",
                    (candidate_id,),
                )
                self._connection.execute(
                    "INSERT INTO purge_log (candidate_id, purged_on, gdpr_expiry_date, "
                    "interviews, transcript_turns) VALUES (?, ?, ?, ?, ?)",
                    (candidate_id, today.isoformat(), row["gdpr_expiry_date"], len(ids),
                     removed_turns),
                )
                interviews += len(ids)
                turns += removed_turns
            self._refresh_latest(row["id"] for row in expired)
        self.verdicts.forget(row["id"] for row in expired)
        self.compact()
        return PurgeReport(len(expired), interviews, turns)

    def compact(self) -> None:
        """Leave no deleted bytes anywhere in the file or its WAL."""
        with self._lock:
            for index in ("candidate_fts", "transcript_fts", "analysis_fts"):
                self._connection.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._connection.execute("VACUUM")
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def purge_log(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM purge_log ORDER BY id")
