"""Deletes cascade through the schema's own keys (schema 6), and a cache written at schema 5
migrates to it with everything it held, against real SQLite files and, for a cache opened by
two processes at once, real processes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.domain.models import Candidate
from app.store import SCHEMA_VERSION, CacheUnwritable, CandidateQuery, Store, StoreError, schema
from tests.store.reader import read_rows, read_value
from tests.store.test_store import assert_indexes_match_their_tables, interview
from tests.ui.candidates.world import START, TODAY, fill

TABLES = ("candidates", "candidate_jobs", "jobs", "agents", "interviews", "call_attempts",
          "analyses", "analysis_points", "transcript_turns", "sync_state", "purge_log")
PARTS = ("call_attempts", "analyses", "analysis_points", "transcript_turns")
REPO = Path(__file__).resolve().parents[2]


def filled_with_texts(store: Store) -> None:
    """The small company, with transcripts and analysis points to search."""
    fill(store)
    with store.transaction():
        store.save_interviews([
            interview("int-t1", candidate="cand-ada", rating=80, when=START,
                      transcript=["We spoke about the ledger", "Kubernetes at scale"],
                      strong=["Ledger design"]),
            interview("int-t2", candidate="cand-ben", rating=60, when=START,
                      transcript=["Night shifts and ledger audits"], strong=["Calm"]),
        ])


def old_cache(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of schema 5 (made by migrations 1 to 5), filled as the app did at schema 5."""
    connection = sqlite3.connect(path)
    connection.executescript(schema.V1 + schema.V2 + schema.V3 + schema.V4 + schema.V5)
    connection.execute("PRAGMA user_version = 5")
    connection.close()
    with monkeypatch.context() as patched:
        patched.setattr(schema, "SCHEMA_VERSION", 5)
        store = Store.open(path)
        filled_with_texts(store)
        store.close()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 5
        assert connection.execute("PRAGMA foreign_key_list(transcript_turns)").fetchall() == []
    finally:
        connection.close()
    return path


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in rowid order."""
    connection = sqlite3.connect(path)
    try:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                for table in TABLES}
    finally:
        connection.close()


def value(store: Store, sql: str) -> object:
    """The one value `sql` reads from the store's file."""
    return read_value(store.path, sql)


def broken_keys(store: Store) -> list[sqlite3.Row]:
    """The rows of the store's file whose foreign key points at nothing."""
    return read_rows(store.path, "PRAGMA foreign_key_check")


def cascades(store: Store, table: str) -> list[tuple[str, str]]:
    """The foreign keys of `table` as (parent table, ON DELETE action)."""
    return [(row["table"], row["on_delete"])
            for row in read_rows(store.path, f"PRAGMA foreign_key_list({table})")]


def test_a_schema_5_cache_migrates_with_everything_it_held(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = old_cache(tmp_path / "cache.sqlite3", monkeypatch)
    before = contents(path)
    store = Store.open(path)
    try:
        assert value(store, "PRAGMA user_version") == SCHEMA_VERSION
        # enforced on the store's own connection (a setting of each connection, not the file)
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        for part in PARTS:
            assert cascades(store, part) == [("interviews", "CASCADE")]
        assert cascades(store, "candidate_jobs") == [("candidates", "CASCADE")]
        assert value(store, "PRAGMA integrity_check") == "ok"
        assert broken_keys(store) == []
        assert_indexes_match_their_tables(store)
        assert [hit.interview_id for hit in store.search("ledger")] == [
            "int-t1", "int-t2", "int-t1"]  # analysis points first, then transcripts
        assert store.count_candidates(CandidateQuery(text="ada"), today=TODAY) == 1
    finally:
        store.close()
    assert contents(path) == before


def test_migrating_drops_parts_whose_interview_was_already_gone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows no delete reached before schema 6 would break the new keys; nothing reads them."""
    path = old_cache(tmp_path / "cache.sqlite3", monkeypatch)
    connection = sqlite3.connect(path)
    connection.execute("DELETE FROM interviews WHERE id = 'int-t2'")  # its parts left behind
    connection.commit()
    connection.close()
    store = Store.open(path)
    try:
        for part in PARTS:
            assert value(store, f"SELECT COUNT(*) FROM {part} WHERE interview_id = 'int-t2'") == 0
        assert broken_keys(store) == []
        assert_indexes_match_their_tables(store)
        assert {hit.interview_id for hit in store.search("ledger")} == {"int-t1"}
    finally:
        store.close()


@pytest.mark.parametrize("migrated", [False, True], ids=["new cache", "migrated cache"])
def test_deleting_a_candidate_takes_everything_of_theirs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated: bool) -> None:
    path = tmp_path / "cache.sqlite3"
    if migrated:
        old_cache(path, monkeypatch)
    store = Store.open(path)
    try:
        if not migrated:
            filled_with_texts(store)
        store.delete_candidates(["cand-ada"])
        assert store.ids("interviews") & {"int-ada", "int-t1"} == set()
        for part in PARTS:
            assert value(store, f"SELECT COUNT(*) FROM {part} WHERE interview_id IN "
                                "('int-ada', 'int-t1')") == 0
        assert value(store, "SELECT COUNT(*) FROM candidate_jobs WHERE candidate_id = "
                            "'cand-ada'") == 0
        assert [hit.interview_id for hit in store.search("ledger")] == ["int-t2"]
        assert store.search("kubernetes") == []
        assert store.count_candidates(CandidateQuery(text="ada"), today=TODAY) == 0
        assert store.interview("int-t2") is not None  # another candidate's stays whole
        assert_indexes_match_their_tables(store)
        assert value(store, "PRAGMA integrity_check") == "ok"
    finally:
        store.close()


def test_deleting_an_interview_takes_its_parts_and_their_index_entries(
        tmp_path: Path) -> None:
    store = Store.open(tmp_path / "cache.sqlite3")
    try:
        filled_with_texts(store)
        store.delete_interview("int-t1")
        for part in PARTS:
            assert value(
                store, f"SELECT COUNT(*) FROM {part} WHERE interview_id = 'int-t1'") == 0
        assert store.search("kubernetes") == []
        assert store.candidate("cand-ada") is not None
        assert_indexes_match_their_tables(store)
    finally:
        store.close()


def test_an_interview_of_a_candidate_not_cached_is_still_kept(tmp_path: Path) -> None:
    """An interview can arrive before its candidate (or for one the API no longer has): it
    has no key to the candidates, so the cache takes it as before."""
    store = Store.open(tmp_path / "cache.sqlite3")
    try:
        with store.transaction():
            store.save_interviews([interview("int-x", candidate="cand-elsewhere", rating=50,
                                             when=START, transcript=["Orphaned ledger"])])
        assert store.interview("int-x") is not None
        store.save_candidates([Candidate(id="cand-elsewhere", first_name="Late")])
        store.delete_candidates(["cand-elsewhere"])
        assert store.interview("int-x") is None
        assert store.search("ledger") == []
    finally:
        store.close()


def test_a_schema_5_cache_that_cannot_be_written_is_read_as_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema 6 changed only how deletes cascade: a cache of schema 5 that may not be upgraded
    (opened read-only) is still read, and left at schema 5; one of schema 4 is refused."""
    path = old_cache(tmp_path / "cache.sqlite3", monkeypatch)
    store = Store.open(path, read_only=True)
    try:
        assert [hit.interview_id for hit in store.search("ledger")] == [
            "int-t1", "int-t2", "int-t1"]
        assert store.count_candidates(CandidateQuery(), today=TODAY) == 6
    finally:
        store.close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 5
    connection.execute("PRAGMA user_version = 4")
    connection.close()
    with pytest.raises(CacheUnwritable, match="older Interview Desk"):
        Store.open(path, read_only=True)


def structure(path: Path) -> dict[str, object]:
    """What a schema is, read back from SQLite (not the text of its statements): each table's
    columns, keys and indexes (with their columns, order and collation), each trigger's and
    full-text index's statement, and the schema version."""
    connection = sqlite3.connect(path)
    try:
        found: dict[str, object] = {
            "version": connection.execute("PRAGMA user_version").fetchone()[0]}
        for kind, name, sql in connection.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT GLOB 'sqlite_*' "
                "AND NOT (type = 'table' AND name GLOB '*_fts_*') ORDER BY name").fetchall():
            if kind == "table" and not sql.startswith("CREATE VIRTUAL"):
                found[name] = {
                    "columns": connection.execute(f"PRAGMA table_info({name})").fetchall(),
                    "keys": connection.execute(
                        "SELECT \"table\", \"from\", \"to\", on_delete FROM "
                        f"pragma_foreign_key_list('{name}')").fetchall(),
                    "indexes": sorted(
                        (index, unique, origin, connection.execute(
                            f"PRAGMA index_xinfo({index})").fetchall())
                        for _, index, unique, origin, _ in connection.execute(
                            f"PRAGMA index_list({name})").fetchall()
                        if not index.startswith("sqlite_autoindex")),
                }
            elif kind in ("trigger", "table"):
                found[name] = " ".join(sql.split())
        return found
    finally:
        connection.close()


def test_a_new_cache_is_the_schema_every_migration_since_version_1_makes(
        tmp_path: Path) -> None:
    """A new cache is made at schema 6 in one step; a version 1 file climbs the migrations.
    Both end with the same tables, columns, keys, indexes, triggers and full-text indexes."""
    migrated = tmp_path / "migrated.sqlite3"
    connection = sqlite3.connect(migrated)
    connection.executescript(schema.V1)
    connection.execute("PRAGMA user_version = 1")
    connection.close()
    for path in (migrated, tmp_path / "new.sqlite3"):
        Store.open(path).close()
    new = structure(tmp_path / "new.sqlite3")
    assert new == structure(migrated)
    assert len(new) == 1 + 11 + 6 + 3  # version, tables, triggers, full-text indexes


OPENER = """
import json, sys
from app.store import Store
print("READY", flush=True)
sys.stdin.readline()
store = Store.open(sys.argv[1])
print(json.dumps({
    "version": store.db.execute("PRAGMA user_version").fetchone()[0],
    "integrity": store.db.execute("PRAGMA integrity_check").fetchone()[0],
    "foreign_keys": store.db.execute("PRAGMA foreign_keys").fetchone()[0],
    "broken": len(store.db.execute("PRAGMA foreign_key_check").fetchall()),
    "interviews": sorted(store.ids("interviews")),
    "ledger": [hit.interview_id for hit in store.search("ledger")],
}), flush=True)
store.close()
"""


def until_waiting_on_the_lock(processes: list[subprocess.Popen[str]],
                              seconds: float = 1.0) -> None:
    """Until each process has been seen asleep in SQLite's busy handler, which sleeps between
    its tries for a lock held elsewhere (the kernel names that sleep in /proc/<pid>/wchan),
    for at most `seconds`: where the kernel does not say, that time is the wait."""
    deadline = time.monotonic() + seconds
    waiting: set[int] = set()
    while len(waiting) < len(processes) and time.monotonic() < deadline:
        for process in processes:
            try:
                if "nanosleep" in Path(f"/proc/{process.pid}/wchan").read_text():
                    waiting.add(process.pid)
            except OSError:  # no /proc here
                pass
        time.sleep(0.001)


def test_two_processes_opening_a_schema_5_cache_at_once_both_find_it_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both read schema 5, both wait for the write lock (held here until both are waiting);
    the first migrates, the second finds it migrated once it has the lock and migrates
    nothing twice."""
    path = old_cache(tmp_path / "cache.sqlite3", monkeypatch)
    expected_interviews = sorted(row[0] for row in contents(path)["interviews"])
    openers = [subprocess.Popen([sys.executable, "-c", OPENER, str(path)], cwd=REPO,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        for opener in openers:
            assert opener.stdout is not None and opener.stdout.readline().strip() == "READY"
        lock = sqlite3.connect(path, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        for opener in openers:
            assert opener.stdin is not None
            opener.stdin.write("go\n")
            opener.stdin.flush()
        until_waiting_on_the_lock(openers)  # both wait on it (busy_timeout is 10 s)
        lock.execute("ROLLBACK")
        lock.close()
        answers = []
        for opener in openers:
            out, err = opener.communicate(timeout=60)
            assert opener.returncode == 0, err
            answers.append(json.loads(out))
    finally:
        for opener in openers:
            if opener.poll() is None:
                opener.kill()
    for answer in answers:
        assert answer == {"version": SCHEMA_VERSION, "integrity": "ok", "foreign_keys": 1,
                          "broken": 0,
                          "interviews": expected_interviews,
                          "ledger": ["int-t1", "int-t2", "int-t1"]}


def test_the_sqlite_utils_view_leaves_the_store_connection_as_it_was(tmp_path: Path) -> None:
    """Store.db is for tools and benchmarks: looking through it must not change how the
    store's own triggers fire (sqlite-utils turns on recursive triggers by default)."""
    store = Store.open(tmp_path / "cache.sqlite3")
    try:
        assert store.db.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
    finally:
        store.close()


HOLDER = """
import sqlite3, sys
lock = sqlite3.connect(sys.argv[1], isolation_level=None)
lock.execute("BEGIN IMMEDIATE")
print("HOLDING", flush=True)
sys.stdin.readline()
lock.execute("ROLLBACK")
"""


def test_an_old_cache_another_process_keeps_writing_is_refused_as_busy_then_upgraded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process (a sync, or a desk upgrading a large cache) holds the write lock past
    the busy timeout: opening says the cache is busy and to try again, not a bare SQLite
    error; once it lets go, the same open upgrades the cache with everything it held."""
    path = old_cache(tmp_path / "cache.sqlite3", monkeypatch)
    monkeypatch.setattr("app.store.cache_file.BUSY_TIMEOUT_MS", 300)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HOLDING"
        with pytest.raises(StoreError) as refused:
            Store.open(path)
        assert "is busy: another Interview Desk" in str(refused.value)
        assert "Try again when it has finished" in str(refused.value)
        assert holder.stdin is not None
        holder.stdin.write("done\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
    store = Store.open(path)
    try:
        assert read_value(path, "PRAGMA user_version") == SCHEMA_VERSION
        assert store.candidate("cand-ada") is not None
    finally:
        store.close()
