"""Search: full text over analysis points and transcripts.

The texts are written and indexed by ingest (see Ingest._index_texts); here they are found,
a page at a time, with snippets. The interviews of candidates the GDPR rule withholds are left
out until the purge deletes their text.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from app.store.cache_file import CacheFile

if TYPE_CHECKING:
    from app.store.section_rows import SearchHit

# A count that finds at most this many hits in an index keeps where they are, for the pages
# (see Search.count_search_hits). Reading more rowids costs every common word's count (500:
# the median search at `full` 0.3 ms of CPU more); a page of hits closer together than this
# walks backwards only a short way.
FEW_HITS = 100
# How a page shows each index's hits: its table, and the turn and kind of a hit.
HIT_ROWS = {"analysis_fts": ("analysis_points", "NULL", "t.kind"),
            "transcript_fts": ("transcript_turns", "t.position", "'transcript'")}

# Every hit of one index for one query (its key: the index, the MATCH, the hidden interviews),
# as rowids newest first, while the file is as it was when they were counted.
Stamp = tuple[sqlite3.Connection, int, int]
KnownHits = tuple[tuple[str, str, str], Stamp, list[int]]


def _searchable(index: str, match: str, hidden: list[str]) -> tuple[str, list[Any]]:
    """The WHERE of a full-text query that leaves out the text of `hidden` interviews, at no
    cost while there are none."""
    if not hidden:
        return f"{index} MATCH ?", [match]
    table = {"analysis_fts": "analysis_points", "transcript_fts": "transcript_turns"}[index]
    return (f"{index} MATCH ? AND rowid NOT IN (SELECT id FROM {table} WHERE interview_id "
            "IN (SELECT value FROM json_each(?)))", [match, json.dumps(hidden)])


def typed_words(text: str) -> list[str]:
    """The words of typed text, as the full-text queries take them (letters and digits)."""
    return [word for word in "".join(ch if ch.isalnum() else " " for ch in text).split() if word]


def fts_prefix_query(text: str) -> str | None:
    """A MATCH expression where every typed word is a quoted prefix, so FTS syntax can't break."""
    return " ".join(f'"{word}"*' for word in typed_words(text)) or None


def fts_words_query(text: str) -> str | None:
    words = [word for word in "".join(ch if ch.isalnum() else " " for ch in text).split() if word]
    return " ".join(f'"{word}"' for word in words) or None


class Search(CacheFile):
    """The store's full-text search."""

    # what the last count kept, by index (replaced whole by each count, never changed)
    _known: dict[str, KnownHits] = {}

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
        from app.store.section_rows import SearchHit

        match = fts_words_query(text)
        if match is None:
            return []
        hidden = self._withheld_interviews()
        known_points = self._known_hits("analysis_fts", match, hidden)
        rows = self._page("analysis_fts", match, hidden, known_points, limit, offset)
        if len(rows) < limit:
            # The transcripts' hits follow the analyses' last one. A page that holds it says
            # where that is; a page past it counts the analyses' hits, but only up to the
            # page's offset (counting them all grows with the cache, and every page did).
            points_where, points_parameters = _searchable("analysis_fts", match, hidden)
            in_points = len(known_points) if known_points is not None else (
                offset + len(rows) if rows else self._value(
                    f"SELECT COUNT(*) FROM (SELECT 1 FROM analysis_fts WHERE {points_where} "
                    "LIMIT ?)", (*points_parameters, offset)))
            rows += self._page("transcript_fts", match, hidden,
                               self._known_hits("transcript_fts", match, hidden),
                               limit - len(rows), offset + len(rows) - in_points)
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

    def _page(self, index: str, match: str, hidden: list[str], known: list[int] | None,
              limit: int, offset: int) -> list[dict[str, Any]]:
        """`limit` hits of one index from `offset`, newest first, with their snippets.

        FTS5 stops a walk newest first at the page, which is quick where the hits are close
        together. Where the count found few (`known`: every hit's rowid, newest first), they
        lie far apart, and that walk goes through the words' long lists backwards, two to
        four times slower than forwards in FTS5 (a page of "React database translated", 34
        hits among 4 million turns: 8 ms of CPU backwards, 5 forwards). The page's hits are
        then read forwards between the first and the last of them."""
        where, parameters = _searchable(index, match, hidden)
        table, turn, kind = HIT_ROWS[index]
        if known is None:
            chosen = f"{where} ORDER BY rowid DESC LIMIT ? OFFSET ?"
            parameters = [*parameters, limit, offset]
        else:
            page = known[offset:offset + limit]
            if not page or limit <= 0:
                return []
            chosen = f"{where} AND rowid >= ? AND rowid <= ? ORDER BY rowid"
            parameters = [*parameters, page[-1], page[0]]
        return self._rows(
            f"SELECT t.interview_id, {turn} AS turn, {kind} AS kind, f.snippet FROM "
            f"(SELECT rowid, snippet({index}, 0, '[[', ']]', '…', 12) AS snippet FROM "
            f"{index} WHERE {chosen}) f JOIN {table} t ON t.id = f.rowid "
            "ORDER BY f.rowid DESC", parameters)

    def count_search_hits(self, text: str, *, at_most: int | None = None) -> int:
        """How many hits `search` has for `text` over all its pages. With `at_most`, counting
        stops past it, and more than `at_most` means "at least that many": a common word's
        hits grow with the cache (100,000 at the bench's `full` size, five times that at
        `large`), and counting them all took a search most of its time.

        Each index's first FEW_HITS + 1 hits are read (their rowids, oldest first) and the
        rest counted from there. When that was all of them, where they are is kept for the
        pages (see _page) while the file stays as it is."""
        match = fts_words_query(text)
        if match is None:
            return 0
        hidden = self._withheld_interviews()
        known: dict[str, KnownHits] = {}
        total = 0
        for index in ("analysis_fts", "transcript_fts"):
            where, parameters = _searchable(index, match, hidden)
            room = None if at_most is None else at_most + 1 - total
            head = FEW_HITS + 1 if room is None else min(FEW_HITS + 1, room)
            with self._lock:
                stamp = self._stamp()
                hits = [row[0] for row in self._connection.execute(
                    f"SELECT rowid FROM {index} WHERE {where} ORDER BY rowid LIMIT ?",
                    (*parameters, head))]
            total += len(hits)
            if len(hits) < head:  # every hit of this index
                known[index] = ((index, match, json.dumps(hidden)), stamp, hits[::-1])
            elif room is None or len(hits) < room:  # more may follow: count them from there
                total += self._value(
                    f"SELECT COUNT(*) FROM (SELECT 1 FROM {index} WHERE {where} AND rowid > ? "
                    "LIMIT ?)", (*parameters, hits[-1], -1 if room is None else room - head))
            if at_most is not None and total > at_most:
                break
        with self._lock:
            self._known = known
        return total

    def _stamp(self) -> Stamp:
        """What tells the file unchanged since: the connection (a damaged file is replaced),
        the changes this connection made, and the commits of others (`data_version`)."""
        raw = self._connection.raw
        return raw, raw.total_changes, int(raw.execute("PRAGMA data_version").fetchone()[0])

    def _known_hits(self, index: str, match: str, hidden: list[str]) -> list[int] | None:
        """Every hit of `index` for `match` (rowids, newest first), if the last count kept
        them and the file has not changed since; else None."""
        with self._lock:
            known = self._known.get(index)
            if known is None or known[0] != (index, match, json.dumps(hidden)):
                return None
            return known[2] if known[1] == self._stamp() else None

    def _withheld_interviews(self) -> list[str]:
        """The interviews of withheld candidates still cached: their text is deleted by the
        purge, and until it runs (hourly) search leaves them out."""
        return [row["id"] for row in self._rows(
            "SELECT id FROM interviews WHERE candidate_id IN (SELECT candidate_id FROM "
            "purge_log UNION SELECT id FROM candidates WHERE gdpr_expiry_date < ?)",
            self._withheld_parameters())]
