"""The cache's tables, indexes, full-text indexes and migrations.

`PRAGMA user_version` holds the schema version. A new cache is made at this version in one
step (`create`); each migration moves an older file one version up inside a transaction; a
file written by a newer version of the app is refused rather than guessed at. A cache already
at this version costs one `PRAGMA` to open: nothing here is imported or run for it.

sqlite-utils creates a new cache's tables and rebuilds tables in a migration (`transform`);
the indexes, full-text indexes and their triggers are written out in SQL. Its `enable_fts`
cannot make these full-text indexes (their names, prefixes and triggers), and its upserts
were slower than the store's plain SQL: bench/README.md, "The store's write side", has why
and the figures.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

SCHEMA_VERSION = 7
# A cache that cannot be written can be read from this version on: version 6 changed how
# deletes reach an interview's parts, not anything a read sees.
READABLE_SINCE = 5


class StoreError(Exception):
    """The cache file cannot be used as it is; the message says why and what to do."""


class StoreDamaged(StoreError):
    """The file is not a readable SQLite database: it can be set aside and rebuilt by a sync."""


class CacheUnwritable(StoreError):
    """The machine will not let the cache be written (a read-only file system or data dir, a
    file of another user): what it holds can still be read, but nothing can be synced."""


class CacheFull(StoreError):
    """The disk holding the cache is full: what it holds can be read, syncing must stop."""


# A deleted analysis point or transcript turn takes its full-text entry with it, by whichever
# path it goes (an interview deleted, replaced or purged). A table rebuilt by a migration loses
# its triggers, so version 6 makes these again.
TEXT_DELETE_TRIGGERS = """
CREATE TRIGGER analysis_points_fts_delete AFTER DELETE ON analysis_points BEGIN
    INSERT INTO analysis_fts (analysis_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER transcript_turns_fts_delete AFTER DELETE ON transcript_turns BEGIN
    INSERT INTO transcript_fts (transcript_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""

# Version 1, in parts: a new cache is made of those still current (see `create`).
V1_TABLES = """
CREATE TABLE candidates (
    id TEXT PRIMARY KEY,
    first_name TEXT, last_name TEXT, name TEXT NOT NULL DEFAULT '',
    email TEXT, phone_number TEXT, status TEXT,
    gdpr_expiry_date TEXT, overall_rating REAL, analysis_count INTEGER,
    api_interview_count INTEGER, created_at TEXT, updated_at TEXT,
    job_titles TEXT NOT NULL DEFAULT '',
    latest_interview_status TEXT, latest_rating REAL, interview_count INTEGER NOT NULL DEFAULT 0,
    interview_types TEXT NOT NULL DEFAULT '',
    raw TEXT NOT NULL
);
CREATE TABLE candidate_jobs (
    candidate_id TEXT NOT NULL, job_id TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (candidate_id, job_id)
);
CREATE TABLE jobs (id TEXT PRIMARY KEY, title TEXT NOT NULL, status TEXT, raw TEXT NOT NULL);
CREATE TABLE agents (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, channel TEXT, focus TEXT, duration INTEGER,
    language TEXT, raw TEXT NOT NULL
);
CREATE TABLE interviews (
    id TEXT PRIMARY KEY, candidate_id TEXT, agent_id TEXT, job_id TEXT, status TEXT,
    scheduled_at TEXT, finished_at TEXT, duration_minutes REAL, is_test INTEGER NOT NULL,
    created_at TEXT, updated_at TEXT, analysis_status TEXT, rating REAL,
    raw TEXT NOT NULL
);
CREATE TABLE call_attempts (
    id TEXT PRIMARY KEY, interview_id TEXT NOT NULL, position INTEGER NOT NULL, raw TEXT NOT NULL
);
CREATE TABLE analyses (interview_id TEXT PRIMARY KEY, raw TEXT NOT NULL);
CREATE TABLE analysis_points (
    id INTEGER PRIMARY KEY, interview_id TEXT NOT NULL, kind TEXT NOT NULL,
    position INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE transcript_turns (
    id INTEGER PRIMARY KEY, interview_id TEXT NOT NULL, position INTEGER NOT NULL,
    speaker TEXT NOT NULL, text TEXT NOT NULL, start_seconds REAL
);
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE purge_log (
    id INTEGER PRIMARY KEY, candidate_id TEXT NOT NULL, purged_on TEXT NOT NULL,
    gdpr_expiry_date TEXT, interviews INTEGER NOT NULL, transcript_turns INTEGER NOT NULL
);
"""
V1_INDEXES = """
CREATE INDEX candidates_name ON candidates (name COLLATE NOCASE, id);
CREATE INDEX candidates_email ON candidates (email COLLATE NOCASE, id);
CREATE INDEX candidates_status ON candidates (status, id);
CREATE INDEX candidates_rating ON candidates (latest_rating, id);
CREATE INDEX candidates_gdpr ON candidates (gdpr_expiry_date, id);
CREATE INDEX candidates_interview_status ON candidates (latest_interview_status, id);
CREATE INDEX candidate_jobs_job ON candidate_jobs (job_id, candidate_id);
CREATE INDEX interviews_candidate ON interviews (candidate_id, scheduled_at);
CREATE INDEX interviews_status ON interviews (status, scheduled_at);
CREATE INDEX interviews_job ON interviews (job_id, rating);
CREATE INDEX call_attempts_interview ON call_attempts (interview_id);
CREATE INDEX analysis_points_interview ON analysis_points (interview_id);
CREATE INDEX transcript_turns_interview ON transcript_turns (interview_id, position);
"""
CANDIDATE_FTS = """
CREATE VIRTUAL TABLE candidate_fts USING fts5(
    name, email, content='candidates', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
CREATE TRIGGER candidates_fts_insert AFTER INSERT ON candidates BEGIN
    INSERT INTO candidate_fts (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
CREATE TRIGGER candidates_fts_delete AFTER DELETE ON candidates BEGIN
    INSERT INTO candidate_fts (candidate_fts, rowid, name, email)
    VALUES ('delete', old.rowid, old.name, old.email);
END;
CREATE TRIGGER candidates_fts_update AFTER UPDATE OF name, email ON candidates BEGIN
    INSERT INTO candidate_fts (candidate_fts, rowid, name, email)
    VALUES ('delete', old.rowid, old.name, old.email);
    INSERT INTO candidate_fts (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
"""
TEXT_FTS = """
CREATE VIRTUAL TABLE analysis_fts USING fts5(
    text, content='analysis_points', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE transcript_fts USING fts5(
    text, content='transcript_turns', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
"""
TEXT_INSERT_TRIGGERS = """
CREATE TRIGGER analysis_points_fts_insert AFTER INSERT ON analysis_points BEGIN
    INSERT INTO analysis_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER transcript_turns_fts_insert AFTER INSERT ON transcript_turns BEGIN
    INSERT INTO transcript_fts (rowid, text) VALUES (new.id, new.text);
END;
"""
V1 = (V1_TABLES + V1_INDEXES + CANDIDATE_FTS + TEXT_FTS + TEXT_INSERT_TRIGGERS
      + TEXT_DELETE_TRIGGERS)

# Version 2 remembers which interviews a candidate's latest status came from, so the monitor and
# the list agree, and indexes interviews by finish time for the monitor's last-24-hours group.
V2_INDEXES = """
CREATE INDEX interviews_finished ON interviews (finished_at);
"""
V2 = """
ALTER TABLE candidates ADD COLUMN latest_interview_id TEXT;
""" + V2_INDEXES

# Version 3 indexes every sortable list column the way the list sorts it (issue 9).
V3 = """
CREATE INDEX candidates_jobs ON candidates (job_titles COLLATE NOCASE, id);
CREATE INDEX candidates_interviews ON candidates (interview_count, id);
"""

# Version 4 writes transcript and analysis-point index entries from the store instead of from
# insert triggers (FTS5 fed by a trigger was ten times slower; see Store._index_texts). The
# delete triggers stay.
V4 = """
DROP TRIGGER transcript_turns_fts_insert;
DROP TRIGGER analysis_points_fts_insert;
"""

# The change markers a candidate showed when its interviews were last listed (issue 22): a first
# sync saves candidates before their interviews, so "listed" is no longer the same as "saved".
# A candidate is due a listing while these differ from its markers. Rows from an older file were
# saved together with their interviews, so they start as listed.
LISTING_MARKERS = ("COALESCE(updated_at, '') || '|' || COALESCE(api_interview_count, '') || "
                   "'|' || COALESCE(analysis_count, '')")
V5 = f"""
ALTER TABLE candidates ADD COLUMN listed_markers TEXT;
UPDATE candidates SET listed_markers = {LISTING_MARKERS};
"""

# Version 6 declares the foreign keys the cache relies on, so a delete takes what depends on it
# (issue 21): an interview's call attempts, analysis, analysis points and transcript turns go
# with the interview, a candidate's job links with the candidate. SQLite cannot add a foreign
# key to a table, so each of those tables is rebuilt with its key (sqlite-utils' `transform`
# copies the rows, ids included, and the indexes; the full-text delete triggers are made
# again). An interview may be cached without its candidate (created for one the API no longer
# has, or listed before its candidate arrived), so `interviews.candidate_id` cannot be a
# foreign key: a trigger removes a deleted candidate's interviews instead, and their parts
# follow by their keys. Rows that already had no parent are dropped first, as nothing can
# reach them.
CASCADES = (
    ("call_attempts", "interview_id", "interviews"),
    ("analyses", "interview_id", "interviews"),
    ("analysis_points", "interview_id", "interviews"),
    ("transcript_turns", "interview_id", "interviews"),
    ("candidate_jobs", "candidate_id", "candidates"),
)
CANDIDATE_INTERVIEWS_DELETE = """
CREATE TRIGGER candidates_interviews_delete AFTER DELETE ON candidates BEGIN
    DELETE FROM interviews WHERE candidate_id = old.id;
END;
"""


# Version 7 keeps each candidate's email in the name index (issue 22): a broad filter walks
# that index in name order and tells a matching row by its name and email, read from the index
# itself, instead of first collecting every match of the text index (a cost that grew with
# the cache: 12 ms for one letter at 250,000 candidates). See Queries.candidate_rows.
V7 = """
DROP INDEX candidates_name;
CREATE INDEX candidates_name ON candidates (name COLLATE NOCASE, id, email);
"""


def v6_cascading_deletes(connection: sqlite3.Connection) -> None:
    import sqlite_utils
    from sqlite_utils.db import ForeignKey

    for table, column, parent in CASCADES:
        connection.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT id FROM {parent})")
    # No trigger of sqlite-utils' own, and no plugins: the cache's connection stays as it was.
    db = sqlite_utils.Database(connection, recursive_triggers=False, execute_plugins=False)
    for table, column, parent in CASCADES:
        db.table(table).transform(add_foreign_keys=[
            ForeignKey(table, column, parent, "id", on_delete="CASCADE")])
    run_script(connection, TEXT_DELETE_TRIGGERS + CANDIDATE_INTERVIEWS_DELETE)


# The tables as they are now, for a new cache: name, columns in order (a column added by a
# migration comes last, as ALTER TABLE put it), and sqlite-utils' `create_table` options.
TEXT, REAL, INTEGER = str, float, int
CASCADE = "CASCADE"
TABLES: tuple[tuple[str, dict[str, type], dict[str, Any]], ...] = (
    ("candidates", {
        "id": TEXT, "first_name": TEXT, "last_name": TEXT, "name": TEXT, "email": TEXT,
        "phone_number": TEXT, "status": TEXT, "gdpr_expiry_date": TEXT, "overall_rating": REAL,
        "analysis_count": INTEGER, "api_interview_count": INTEGER, "created_at": TEXT,
        "updated_at": TEXT, "job_titles": TEXT, "latest_interview_status": TEXT,
        "latest_rating": REAL, "interview_count": INTEGER, "interview_types": TEXT,
        "raw": TEXT, "latest_interview_id": TEXT, "listed_markers": TEXT,
    }, {"pk": "id", "not_null": {"name", "job_titles", "interview_count", "interview_types",
                                 "raw"},
        "defaults": {"name": "", "job_titles": "", "interview_count": 0, "interview_types": ""}}),
    ("candidate_jobs", {"candidate_id": TEXT, "job_id": TEXT, "position": INTEGER},
     {"pk": ("candidate_id", "job_id"), "not_null": {"candidate_id", "job_id", "position"}}),
    ("jobs", {"id": TEXT, "title": TEXT, "status": TEXT, "raw": TEXT},
     {"pk": "id", "not_null": {"title", "raw"}}),
    ("agents", {"id": TEXT, "name": TEXT, "channel": TEXT, "focus": TEXT, "duration": INTEGER,
                "language": TEXT, "raw": TEXT},
     {"pk": "id", "not_null": {"name", "raw"}}),
    ("interviews", {
        "id": TEXT, "candidate_id": TEXT, "agent_id": TEXT, "job_id": TEXT, "status": TEXT,
        "scheduled_at": TEXT, "finished_at": TEXT, "duration_minutes": REAL,
        "is_test": INTEGER, "created_at": TEXT, "updated_at": TEXT, "analysis_status": TEXT,
        "rating": REAL, "raw": TEXT,
    }, {"pk": "id", "not_null": {"is_test", "raw"}}),
    ("call_attempts", {"id": TEXT, "interview_id": TEXT, "position": INTEGER, "raw": TEXT},
     {"pk": "id", "not_null": {"interview_id", "position", "raw"}}),
    ("analyses", {"interview_id": TEXT, "raw": TEXT},
     {"pk": "interview_id", "not_null": {"raw"}}),
    ("analysis_points", {"id": INTEGER, "interview_id": TEXT, "kind": TEXT,
                         "position": INTEGER, "text": TEXT},
     {"pk": "id", "not_null": {"interview_id", "kind", "position", "text"}}),
    ("transcript_turns", {"id": INTEGER, "interview_id": TEXT, "position": INTEGER,
                          "speaker": TEXT, "text": TEXT, "start_seconds": REAL},
     {"pk": "id", "not_null": {"interview_id", "position", "speaker", "text"}}),
    ("sync_state", {"key": TEXT, "value": TEXT}, {"pk": "key"}),
    ("purge_log", {"id": INTEGER, "candidate_id": TEXT, "purged_on": TEXT,
                   "gdpr_expiry_date": TEXT, "interviews": INTEGER, "transcript_turns": INTEGER},
     {"pk": "id", "not_null": {"candidate_id", "purged_on", "interviews", "transcript_turns"}}),
)


def create(connection: sqlite3.Connection) -> None:
    """A new cache, made at SCHEMA_VERSION in one step rather than by every migration since
    version 1: the tables by sqlite-utils, with the foreign keys of version 6; the indexes
    (sorted with NOCASE, which sqlite-utils' `create_index` cannot say), the full-text indexes
    and their triggers in SQL, the same statements the migrations run.
    tests/store/test_cascades.py checks that it equals a cache migrated from version 1."""
    import sqlite_utils
    from sqlite_utils.db import ForeignKey

    keys = {table: ForeignKey(table, column, parent, "id", on_delete=CASCADE)
            for table, column, parent in CASCADES}
    db = sqlite_utils.Database(connection, recursive_triggers=False, execute_plugins=False)
    for name, columns, options in TABLES:
        db.create_table(name, columns, foreign_keys=[keys[name]] if name in keys else None,
                        **options)
    run_script(connection, V1_INDEXES + V2_INDEXES + V3 + CANDIDATE_FTS + TEXT_FTS
               + TEXT_DELETE_TRIGGERS + CANDIDATE_INTERVIEWS_DELETE + V7)


def run_script(connection: sqlite3.Connection, script: str) -> None:
    """Run each statement of `script` inside the open transaction (`executescript` would
    commit it first)."""
    for statement in statements(script):
        connection.execute(statement)


def statements(script: str) -> Iterator[str]:
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"an incomplete statement: {pending.strip()}")


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    return lambda connection: run_script(connection, sql)


# What moves a file of the version before up to each version (a new file is made by `create`;
# V1 is what version 1 was, where the oldest files start).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _script(V2), 3: _script(V3), 4: _script(V4), 5: _script(V5),
    6: v6_cascading_deletes, 7: _script(V7),
}


def check_version(version: int) -> None:
    """A file written by a newer app is refused rather than guessed at."""
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The cache was written by a newer Interview Desk (schema {version}, this one "
            f"knows {SCHEMA_VERSION}). Update Interview Desk, or use another --data-dir."
        )


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


UpgradeSteps = Callable[[int, int], None]
"""Told `(step, steps)` as each step of an upgrade begins, counted from 1: a large cache takes
seconds to upgrade before anything can be shown from it."""


def migrate(connection: sqlite3.Connection, on_step: UpgradeSteps | None = None) -> None:
    """Bring the file to SCHEMA_VERSION, one version per transaction; `on_step` hears of each
    step of an upgrade (not of a new file's making, which is quick).

    Foreign keys are off while a migration runs, and on after it: rebuilding a table drops
    the old one, which with them on would delete every row whose key points at it."""
    version = schema_version(connection)
    check_version(version)
    if version == SCHEMA_VERSION:
        return
    first = version
    connection.execute("PRAGMA foreign_keys = OFF")
    try:
        while version < SCHEMA_VERSION:
            if on_step is not None and first > 0:
                on_step(version - first + 1, SCHEMA_VERSION - first)
            version = _step(connection)
    finally:
        connection.execute("PRAGMA foreign_keys = ON")


def _step(connection: sqlite3.Connection) -> int:
    """Move the file one version up (a new one straight to SCHEMA_VERSION) and return its
    version. The version is read again once the write lock is held: another process may have
    migrated the file while this one waited for it."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(connection)
        check_version(version)
        if version < SCHEMA_VERSION:
            if version == 0:
                create(connection)
                version = SCHEMA_VERSION
            else:
                version += 1
                MIGRATIONS[version](connection)
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"Upgrading the cache to schema {version} left rows whose "
                                 f"key points nowhere: {broken[:3]}")
            connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("COMMIT")
        return version
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
