"""Search: full text over analysis points and transcripts.

The texts are written and indexed by ingest (see Ingest._index_texts); here they are found,
a page at a time, with snippets. The interviews of candidates the GDPR rule withholds are left
out until the purge deletes their text.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app.store.cache_file import CacheFile

if TYPE_CHECKING:
    from app.store.section_rows import SearchHit


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
        points_where, points_parameters = _searchable("analysis_fts", match, hidden)
        turns_where, turns_parameters = _searchable("transcript_fts", match, hidden)
        rows = self._rows(
            "SELECT p.interview_id, NULL AS turn, p.kind, f.snippet FROM "
            "(SELECT rowid, snippet(analysis_fts, 0, '[[', ']]', '…', 12) AS snippet "
            f"FROM analysis_fts WHERE {points_where} ORDER BY rowid DESC "
            "LIMIT ? OFFSET ?) f JOIN analysis_points p ON p.id = f.rowid "
            "ORDER BY f.rowid DESC",
            (*points_parameters, limit, offset),
        )
        if len(rows) < limit:
            # The transcripts' hits follow the analyses' last one. A page that holds it says
            # where that is; a page past it counts the analyses' hits, but only up to the
            # page's offset (counting them all grows with the cache, and every page did).
            in_points = offset + len(rows) if rows else self._value(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM analysis_fts WHERE {points_where} "
                "LIMIT ?)", (*points_parameters, offset))
            rows += self._rows(
                "SELECT t.interview_id, t.position AS turn, 'transcript' AS kind, f.snippet FROM "
                "(SELECT rowid, snippet(transcript_fts, 0, '[[', ']]', '…', 12) AS snippet "
                f"FROM transcript_fts WHERE {turns_where} ORDER BY rowid DESC "
                "LIMIT ? OFFSET ?) f JOIN transcript_turns t ON t.id = f.rowid "
                "ORDER BY f.rowid DESC",
                (*turns_parameters, limit - len(rows), offset + len(rows) - in_points),
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

    def count_search_hits(self, text: str, *, at_most: int | None = None) -> int:
        """How many hits `search` has for `text` over all its pages. With `at_most`, counting
        stops past it, and more than `at_most` means "at least that many": a common word's
        hits grow with the cache (100,000 at the bench's `full` size, five times that at
        `large`), and counting them all took a search most of its time."""
        match = fts_words_query(text)
        if match is None:
            return 0
        hidden = self._withheld_interviews()
        total = 0
        for index in ("analysis_fts", "transcript_fts"):
            where, parameters = _searchable(index, match, hidden)
            if at_most is None:
                total += self._value(f"SELECT COUNT(*) FROM {index} WHERE {where}", parameters)
                continue
            total += self._value(f"SELECT COUNT(*) FROM (SELECT 1 FROM {index} WHERE {where} "
                                 "LIMIT ?)", (*parameters, at_most + 1 - total))
            if total > at_most:
                break
        return total

    def _withheld_interviews(self) -> list[str]:
        """The interviews of withheld candidates still cached: their text is deleted by the
        purge, and until it runs (hourly) search leaves them out."""
        return [row["id"] for row in self._rows(
            "SELECT id FROM interviews WHERE candidate_id IN (SELECT candidate_id FROM "
            "purge_log UNION SELECT id FROM candidates WHERE gdpr_expiry_date < ?)",
            self._withheld_parameters())]
