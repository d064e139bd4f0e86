"""The cache is read ahead through SQLite: the candidate list's pages first, then all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store import Store, cache_file


def test_the_read_ahead_reads_the_candidate_list_first_then_every_table_and_index(
        filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first filter after a boot waits on the disk for every page it touches: the list's
    table, its sort indexes and its text index are read before the rest of the file."""
    read: list[str] = []
    connect = cache_file.connect

    def traced(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
        connection = connect(path, read_only=read_only)
        connection.set_trace_callback(read.append)
        return connection

    monkeypatch.setattr(cache_file, "connect", traced)
    filled.warm_up()
    walks = [statement for statement in read if "dbstat" in statement]
    assert walks[-1] == "SELECT sum(pgsize) FROM dbstat"  # then every page of the file
    first = {statement.split("'")[1] for statement in walks[:-1]}
    assert {"candidates", "candidates_name", "candidates_rating", "candidate_fts_data",
            "candidate_fts_idx"} <= first
    assert not {"interviews", "transcript_turns", "transcript_fts_data"} & first
