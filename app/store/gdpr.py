"""GDPR: the purge of candidates past their GDPR date, the compaction that leaves no deleted
bytes behind, and the purge log.

The rule itself, which candidates' data the cache may not hold (`withheld`), is on CacheFile:
every part of the store obeys it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.store.cache_file import CacheFile
from app.store.rows import PurgeReport


class Gdpr(CacheFile):
    """The store's GDPR purge and compaction."""

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
                # Its interviews go whole, their parts with them (their keys cascade): they
                # read as removed, as a deleted one does.
                self._connection.execute("DELETE FROM interviews WHERE candidate_id = ?",
                                         (candidate_id,))
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
