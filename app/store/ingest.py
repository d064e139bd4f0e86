"""Ingest: what sync, the watcher and the actions write into the cache.

Jobs, agents, candidates (with their job links) and interviews (with analysis, call attempts
and transcript) are saved in batches, one statement per table; the texts for the full-text
index are written here too. Also the deletes, the sync state, and the bookkeeping of which
candidates' interviews are due a listing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.store.cache_file import CacheFile
from app.store.schema import LISTING_MARKERS
from app.store.values import cached_time, enum_text, in_chunks, iso_text

if TYPE_CHECKING:
    from app.domain.models import Agent, Candidate, Interview, Job

TEXT_INDEXES = {"transcript_turns": "transcript_fts", "analysis_points": "analysis_fts"}
ANALYSIS_KINDS = (
    ("strong", "strong_points"),
    ("weak", "weak_points"),
    ("evaluation", "evaluation"),
)


def _interview_row(interview: Interview) -> tuple[Any, ...]:
    """The interviews table's row; the analysis, call attempts and transcript have their own
    tables, so `raw` leaves them out."""
    general = interview.analysis.general if interview.analysis else None
    return (
        interview.id, interview.candidate_id, interview.agent_id, interview.job_id,
        enum_text(interview.status), iso_text(interview.scheduled_at),
        iso_text(interview.finished_date), interview.duration_minutes, int(interview.is_test),
        iso_text(interview.created_at), iso_text(interview.updated_at),
        enum_text(general.status) if general else None,
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


class Ingest(CacheFile):
    """The store's writes, and the reads sync compares against."""

    # ── sync state ───────────────────────────────────────────────────────────────────────

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
        return cached_time(self.get_state("last_synced_at"))

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
                (a.id, a.name, enum_text(a.type), enum_text(a.focus), a.duration, a.language,
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
                        c.email, c.phone_number, c.status, iso_text(c.gdpr_expiry_date),
                        c.overall_rating, c.analysis_count, c.interview_count,
                        iso_text(c.created_at), iso_text(c.updated_at), c.to_wire_json(),
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
        for chunk, marks in in_chunks(interview_ids):
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
            for chunk, marks in in_chunks(interview_ids):
                self._connection.execute(
                    f"INSERT INTO {TEXT_INDEXES[table]} (rowid, text) SELECT id, text FROM "
                    f"{table} WHERE interview_id IN ({marks})", chunk)

    def delete_interview(self, interview_id: str) -> None:
        """The interview and its parts (call attempts, analysis, transcript: their foreign
        keys cascade, and their full-text entries go by trigger)."""
        with self.transaction():
            candidate_id = self._value(
                "SELECT candidate_id FROM interviews WHERE id = ?", (interview_id,)
            )
            self._connection.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
            if candidate_id:
                self._refresh_latest([candidate_id])

    def delete_candidates(self, candidate_ids: Iterable[str]) -> None:
        """The candidates with their job links (a foreign key) and their interviews (a
        trigger: see schema version 6)."""
        self._many("DELETE FROM candidates WHERE id = ?", [(i,) for i in candidate_ids])

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
            (today.isoformat(), iso_text(recent_since)))]

    def settle_empty_listings(self, candidate_ids: Iterable[str]) -> list[str]:
        """Of these candidates due a listing, mark as listed those the API says have no
        interview and the cache holds none of (a listing could only say the same); returns
        them. A candidate whose count fell to 0 with interviews cached still needs its
        listing, to learn which went."""
        settled: list[str] = []
        with self.transaction():
            for chunk, marks in in_chunks(list(candidate_ids)):
                settled += [row[0] for row in self._connection.execute(
                    f"SELECT id FROM candidates c WHERE id IN ({marks}) AND "
                    "api_interview_count = 0 AND NOT EXISTS (SELECT 1 FROM interviews i "
                    "WHERE i.candidate_id = c.id)", chunk)]
            self.mark_listed(settled)
        return settled

    def mark_listed(self, candidate_ids: Iterable[str]) -> None:
        """These candidates' interviews are as the API listed them for their current markers."""
        with self.transaction():
            for chunk, marks in in_chunks(list(candidate_ids)):
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

    # ── GDPR on arrival ──────────────────────────────────────────────────────────────────

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
