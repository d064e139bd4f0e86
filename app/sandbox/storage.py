"""The sandbox's own SQLite file: one JSON document per resource.

Interviews store only what was decided when they were created (time, duration, outcome, call
attempts); their status, analysis and transcript are derived from the sandbox clock when read,
so the world moves without any background task.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

TABLES = ("jobs", "agents", "candidates", "interviews")


class SandboxStorage:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._lock = threading.RLock()
        self._connection.execute("PRAGMA journal_mode = WAL")
        self._connection.execute("PRAGMA busy_timeout = 10000")
        # The clock's mark is written every few seconds while requests come: durable against a
        # killed server without waiting for the disk on each one (WAL keeps the file whole).
        self._connection.execute("PRAGMA synchronous = NORMAL")
        for table in TABLES:
            self._connection.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, "
                "seq INTEGER NOT NULL, owner TEXT, doc TEXT NOT NULL)")
        self._connection.execute(
            "CREATE INDEX IF NOT EXISTS interviews_owner ON interviews (owner, seq)")
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")

    def close(self) -> None:
        self._connection.close()

    def meta(self, key: str) -> str | None:
        with self._lock:
            row = self._connection.execute("SELECT value FROM meta WHERE key = ?",
                                           (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._connection.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
                (key, value, value))

    def wipe(self) -> None:
        with self._lock:
            for table in (*TABLES, "meta"):
                self._connection.execute(f"DELETE FROM {table}")

    def put(self, table: str, doc: dict[str, Any], owner: str | None = None) -> dict[str, Any]:
        with self._lock:
            seq = self._connection.execute(
                f"SELECT COALESCE((SELECT seq FROM {table} WHERE id = ?), "
                f"(SELECT COALESCE(MAX(seq), 0) + 1 FROM {table}))", (doc["id"],)).fetchone()[0]
            self._connection.execute(
                f"INSERT INTO {table} (id, seq, owner, doc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, doc = excluded.doc",
                (doc["id"], seq, owner, json.dumps(doc)))
        return doc

    def put_many(self, table: str, docs: Iterable[tuple[dict[str, Any], str | None]]) -> None:
        with self._lock:
            start = self._connection.execute(
                f"SELECT COALESCE(MAX(seq), 0) FROM {table}").fetchone()[0]
            self._connection.execute("BEGIN")
            self._connection.executemany(
                f"INSERT OR REPLACE INTO {table} (id, seq, owner, doc) VALUES (?, ?, ?, ?)",
                [(doc["id"], start + n + 1, owner, json.dumps(doc))
                 for n, (doc, owner) in enumerate(docs)])
            self._connection.execute("COMMIT")

    def rewrite(self, table: str, docs: Iterable[dict[str, Any]]) -> None:
        """Replace documents in one transaction, keeping their place and owner."""
        with self._lock:
            self._connection.execute("BEGIN")
            self._connection.executemany(f"UPDATE {table} SET doc = ? WHERE id = ?",
                                         [(json.dumps(doc), doc["id"]) for doc in docs])
            self._connection.execute("COMMIT")

    def get(self, table: str, resource_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._connection.execute(f"SELECT doc FROM {table} WHERE id = ?",
                                           (resource_id,)).fetchone()
        return None if row is None else json.loads(row[0])

    def all(self, table: str, owner: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            if owner is None:
                rows = self._connection.execute(f"SELECT doc FROM {table} ORDER BY seq")
            else:
                rows = self._connection.execute(
                    f"SELECT doc FROM {table} WHERE owner = ? ORDER BY seq", (owner,))
            return [json.loads(row[0]) for row in rows.fetchall()]

    def page(self, table: str, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """One window of a table in creation order, and the table's size: a listing without
        filters reads only what it returns."""
        with self._lock:
            total = self._connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            rows = self._connection.execute(
                f"SELECT doc FROM {table} ORDER BY seq LIMIT ? OFFSET ?", (limit, offset))
            return [json.loads(row[0]) for row in rows.fetchall()], total

    def by_owner(self, table: str, owners: list[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {owner: [] for owner in owners}
        with self._lock:
            for start in range(0, len(owners), 500):
                chunk = owners[start : start + 500]
                rows = self._connection.execute(
                    f"SELECT owner, doc FROM {table} WHERE owner IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY seq", chunk)
                for owner, doc in rows.fetchall():
                    found[owner].append(json.loads(doc))
        return found

    def delete(self, table: str, resource_id: str) -> bool:
        with self._lock:
            cursor = self._connection.execute(f"DELETE FROM {table} WHERE id = ?",
                                              (resource_id,))
        return cursor.rowcount > 0


def new_id() -> str:
    return str(uuid.uuid4())
