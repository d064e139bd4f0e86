"""Queries: what the screens read, shaped for them.

The candidate list (filter, sort, count, a window of rows), a candidate's, job's and
interview's details, the monitor's entries, a job's ratings and the review queue's analyses.
Every read leaves out what the GDPR rule withholds (see CacheFile.withheld). These are the
hot reads: plain SQL, each sort written as its index is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from app.domain.labels import NO_NAME
from app.store.cache_file import CacheFile
from app.store.rows import CandidateQuery, CandidateRow, CandidateSort
from app.store.schema import LISTING_MARKERS
from app.store.search import fts_prefix_query, typed_words
from app.store.values import api_models, cached_time, in_chunks, readable

if TYPE_CHECKING:
    from app.domain.models import Agent, Candidate, Job
    from app.store.section_rows import (
        AnalysedInterview,
        InterviewRow,
        InterviewView,
        JobRatings,
        MonitorEntry,
    )

WALK_SORT_SHARE = 50  # see candidate_rows
WORD_WALK_SHARE = 8  # see candidate_rows
WORD_WALK_MATCHES = 10_000  # see candidate_rows
# What reading a window costs each way, in microseconds at 250,000 candidates (see
# _one_word_plan): a collected match looked up in the table and sorted, a match of the text
# index put in the set a walk checks rows against, and an entry of the name index walked.
COLLECTED_ROW_US = 3.5
MATCH_IN_SET_US = 0.4
WALKED_ENTRY_US = 0.3
# How a text filter's window is read: "collect" its matches and sort them, "walk" the sort's
# index checking rows against the collected matches, walk the name index telling matches by
# their "words", or "split" them into the names that start with the word (a range of the name
# index) and the few rows matched by a later word, collected (see candidate_rows).
TextPlan = Literal["collect", "walk", "words", "split"]
# Each sort is written exactly as its index is (expression, then id), so SQLite walks the
# index instead of sorting 50,000 rows; only columns that can be empty put those last.
SORTS = {
    CandidateSort.NAME: ("c.name COLLATE NOCASE", False),
    CandidateSort.EMAIL: ("c.email COLLATE NOCASE", False),
    CandidateSort.JOBS: ("c.job_titles COLLATE NOCASE", False),
    CandidateSort.STATUS: ("c.status", False),
    CandidateSort.INTERVIEW_STATUS: ("c.latest_interview_status", True),
    CandidateSort.RATING: ("c.latest_rating", True),
    CandidateSort.INTERVIEWS: ("c.interview_count", False),
    CandidateSort.GDPR: ("c.gdpr_expiry_date", True),
}


def _word_start_clause(word: str) -> tuple[str, list[Any]]:
    """Whether a word of the candidate's name or email starts with `word` (ASCII letters and
    digits, lower case), told from the row itself: what `"word"*` matches in candidate_fts.

    The text index splits ASCII text into runs of letters and digits and folds their case, so
    in a row of ASCII text (as many characters as bytes) a word starts with `word` exactly
    where `word` follows anything but a letter or digit in the lower-cased name and email. A
    row with any other character (accents, other scripts), whose words the index folds its
    own way, asks the index itself. Name and email are both in the name index (schema 7), so
    a walk of it reads no row that does not match.

    The GLOB costs 3.4 µs a row and a walk crosses thousands of rows that do not match (at
    250,000 candidates "r" reads 1,900 of them: every "Adam A…" to "Adam Q…"), so a row of
    ASCII text in which the word is nowhere (LIKE, blind to ASCII case, 0.5 µs) is passed
    over first: a word of name or email that starts with `word` holds it."""
    ascii_row = ("length(c.name) = length(CAST(c.name AS BLOB)) AND "
                 "length(COALESCE(c.email, '')) = length(CAST(COALESCE(c.email, '') AS BLOB))")
    in_index = ("EXISTS (SELECT 1 FROM candidate_fts WHERE candidate_fts MATCH ? "
                "AND rowid = c.rowid)")
    return (f"(CASE WHEN c.name LIKE ? OR c.email LIKE ? THEN (CASE WHEN {ascii_row} THEN "
            "(' ' || lower(c.name) || ' ' || lower(COALESCE(c.email, ''))) GLOB ? "
            f"ELSE {in_index} END) WHEN {ascii_row} THEN 0 ELSE {in_index} END)",
            [f"%{word}%", f"%{word}%", f"*[^a-z0-9]{word}*", f'"{word}"*', f'"{word}"*'])


def _one_ascii_word(query: CandidateQuery) -> str | None:
    """The filter's word when the list is filtered by one ASCII word alone and sorted by
    name: the case `Queries._one_word_plan` can read in order (lower case)."""
    words = typed_words(query.text or "")
    if (query.text_only and query.sort == CandidateSort.NAME and len(words) == 1
            and words[0].isascii()):
        return words[0].lower()
    return None


def _name_range(word: str) -> tuple[str, str]:
    """The names (in the name index's case-blind order) that start with `word`, ASCII
    letters and digits: from the word to the word with its last character one higher."""
    return word, word[:-1] + chr(ord(word[-1]) + 1)


def _split_where(word: str, direction: str, limit: int, offset: int) -> tuple[str, list[Any]]:
    """The WHERE of a "split" read (see Queries._one_word_plan): the window's rows, chosen
    by merging, in the list's order, the names that start with `word` (a range of the name
    index, read only as far as the window) with the rows a later word matches (collected
    from the text index and sorted: few, or the plan would walk)."""
    later = f'"{word}" * NOT name : ^ "{word}" *'
    low, high = _name_range(word)
    return ((" WHERE c.rowid IN (SELECT r FROM ("
             "SELECT c.rowid AS r, c.name AS k, c.id AS i FROM candidates c WHERE c.rowid IN "
             "(SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ?) UNION ALL "
             "SELECT c.rowid, c.name, c.id FROM candidates c WHERE c.name COLLATE NOCASE >= ? "
             f"AND c.name COLLATE NOCASE < ? ORDER BY 2 COLLATE NOCASE {direction}, "
             f"3 {direction} LIMIT ? OFFSET ?))"),
            [later, low, high, limit, offset])


class Queries(CacheFile):
    """The store's reads for the screens, the export and the review queue."""

    # ── reads for the candidate list ─────────────────────────────────────────────────────

    def _candidate_where(self, query: CandidateQuery, today: date, *,
                         plan: TextPlan = "collect") -> tuple[str, list[Any]]:
        """The WHERE of a candidate query. With a walk (`plan`) the text match may not drive
        the query (the unary + keeps SQLite off the rowid lookup), so it walks the sort's index
        and keeps the rows that match: see `candidate_rows`."""
        clauses: list[str] = []
        parameters: list[Any] = []
        match = fts_prefix_query(query.text or "")
        words = typed_words(query.text or "")
        if match and plan == "words" and query.sort == CandidateSort.NAME and all(
                word.isascii() for word in words):
            for word in words:
                clause, word_parameters = _word_start_clause(word.lower())
                clauses.append(clause)
                parameters.extend(word_parameters)
        elif match:
            rowid = "c.rowid" if plan == "collect" else "+c.rowid"
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

    def count_candidates(self, query: CandidateQuery, *, today: date | None = None,
                         at_most: int | None = None) -> int:
        """How many candidates `query` lists. With `at_most`, counting stops past it, and
        more than `at_most` means "at least that many": a broad filter's matches grow with the
        cache, and the list's first screen needs only to know there are many."""
        if query.text_only:
            # Text alone: the index counts its own matches (1 ms) instead of looking each one
            # up in the table (20 ms for a one-letter prefix at 50,000 candidates).
            return self._text_matches(query.text or "", at_most=at_most)
        where, parameters = self._candidate_where(query, today or date.today())
        if at_most is None:
            return self._count(f"SELECT COUNT(*) FROM candidates c{where}", parameters)
        return self._count(f"SELECT COUNT(*) FROM (SELECT 1 FROM candidates c{where} LIMIT ?)",
                           (*parameters, at_most + 1))

    def _candidate_total(self) -> int:
        """About how many candidates there are, in one index step: rowids only grow, so the
        largest is the count give or take deletions (enough to choose a query plan)."""
        return self._count("SELECT COALESCE(MAX(rowid), 0) FROM candidates")

    def _text_matches(self, text: str, *, at_most: int | None = None) -> int:
        match = fts_prefix_query(text)
        if match is None:
            return self._count("SELECT COUNT(*) FROM candidates")
        if at_most is None:
            return self._count("SELECT COUNT(*) FROM candidate_fts WHERE candidate_fts MATCH ?",
                               (match,))
        return self._count("SELECT COUNT(*) FROM (SELECT 1 FROM candidate_fts WHERE "
                           "candidate_fts MATCH ? LIMIT ?)", (match, at_most + 1))

    def candidate_rows(
        self, query: CandidateQuery, *, offset: int = 0, limit: int = 100,
        today: date | None = None, from_end: bool = False, text_matches: int | None = None,
    ) -> list[CandidateRow]:
        """A window of the list. With `from_end`, `offset` counts from the last row and the
        window comes back in list order: near the end of a long list SQLite then sorts into
        a small top-N heap instead of holding every row before the offset (issue 9: G on
        50,000 candidates went from ~300 ms to the cost of the first page). `text_matches`,
        when the caller counted them already (`count_candidates` of a `text_only` query, or
        at least that many when its counting stopped early), saves counting the text's matches
        again: a prefix's count grows with the cache."""
        today = today or date.today()
        # A broad text match (one row in WALK_SORT_SHARE or more) fills a window within a
        # short walk of the sort's index; a narrow one is cheaper to collect and sort. SQLite
        # cannot tell the two apart, and always collected: 25 ms for "m" at 50,000 candidates,
        # 3 ms walking. Even a walk of the whole index (matches all at its end) is 3-4 ms, so
        # the line sits where collecting costs that much: about 1,000 matches at 50,000.
        # The walk checks rows against every match of the text index, collected first: that
        # grows with the cache (12 ms for one letter at 250,000 candidates). Sorted by name,
        # a match one row in WORD_WALK_SHARE or more common (one or two letters), or of
        # WORD_WALK_MATCHES rows or more (where the list stops counting), is told from the
        # name index itself instead (_word_start_clause): a few hundred rows read, whatever
        # the cache's size. A rarer match stays with the collected set: its walk may be long
        # (first names cluster in name order), and checking a row's words costs more than
        # looking it up in a set.
        if query.text and text_matches is None:
            text_matches = self._text_matches(query.text)
        total = self._candidate_total() if query.text else 0
        matches = text_matches or 0
        plan: TextPlan = "collect"
        if query.text and matches * WALK_SORT_SHARE >= total:
            plan = ("words" if matches * WORD_WALK_SHARE >= total
                    or matches >= WORD_WALK_MATCHES else "walk")
        one_word = _one_ascii_word(query)
        if one_word and plan != "words":
            plan = self._one_word_plan(one_word, matches, total, offset + limit) or plan
        column, nullable = SORTS[query.sort]
        descending = query.descending != from_end
        direction = "DESC" if descending else "ASC"
        nulls = (" NULLS FIRST" if from_end else " NULLS LAST") if nullable else ""
        # Past the GDPR date a row shows no name or email, as a purged one, until the purge;
        # an empty name is the list's word for that, so a candidate sent without one is said.
        select = ("SELECT c.id, IIF(c.gdpr_expiry_date < ?, '', "
                  f"IIF(c.name = '', '{NO_NAME}', c.name)), "
                  "IIF(c.gdpr_expiry_date < ?, NULL, c.email), c.job_titles, c.status, "
                  "c.latest_interview_status, c.latest_rating, c.interview_count, "
                  "CAST(julianday(c.gdpr_expiry_date) - julianday(?) AS INTEGER) "
                  "FROM candidates c")
        order = f" ORDER BY {column} {direction}{nulls}, c.id {direction}"
        if plan == "split" and one_word:
            where, parameters = _split_where(one_word, direction, limit, offset)
            sql = f"{select}{where}{order}"
        else:
            where, parameters = self._candidate_where(query, today, plan=plan)
            sql = f"{select}{where}{order} LIMIT ? OFFSET ?"
            parameters = [*parameters, limit, offset]
        day = today.isoformat()
        with self._lock:  # straight into records, in CandidateRow's field order: every keystroke
            rows = [CandidateRow(*row) for row in self._connection.execute(
                sql, [day, day, day, *parameters])]
        if from_end:
            rows.reverse()
        return rows

    def _one_word_plan(self, word: str, matches: int, total: int,
                       reach: int) -> TextPlan | None:
        """How to read the first `reach` rows by name of a one-word filter whose `matches`
        were counted whole (fewer than WORD_WALK_MATCHES), or None to leave it to the
        general rule.

        Its matches are the names that start with the word, which sit together in the name
        index, and the rows a later word of the name or the email matches, spread through it.
        Collecting all of them cost 4 µs a match at 250,000 candidates (15-28 ms for "thom"
        or "da"), and a walk of the name index from its start reaches a clustered first name
        only after a long stretch of names that do not match (70-370 ms for "da", "jam").
        Split, the first kind is a range of the index read in order, and only the second is
        collected ("split"); or, when the second kind is common enough for a walk to meet it
        every few dozen rows, the walk is cheaper ("walk"). The split holds only while every
        name whose first word the text index says starts with the word also starts with it
        byte for byte (in ASCII case): a name starting with punctuation or an accent (that
        the index folds away) would fall between the two kinds, so then the general rule
        decides (the counts tell, each of at most `matches` index entries)."""
        starting = self._count(
            "SELECT COUNT(*) FROM candidates WHERE name COLLATE NOCASE >= ? "
            "AND name COLLATE NOCASE < ?", _name_range(word))
        first_words = self._count(
            "SELECT COUNT(*) FROM candidate_fts WHERE candidate_fts MATCH ?",
            (f'name : ^ "{word}" *',))
        if starting != first_words:
            return None
        later = matches - starting  # the rows only a later word matches
        walk_us = (matches * MATCH_IN_SET_US
                   + min(total, reach * total / max(later, 1)) * WALKED_ENTRY_US)
        return "walk" if walk_us < later * COLLECTED_ROW_US else "split"

    def candidate_statuses(self) -> list[str]:
        return [row["status"] for row in self._rows(
            "SELECT DISTINCT status FROM candidates WHERE status IS NOT NULL ORDER BY status")]

    def expiring(self, days: int, *, today: date | None = None) -> list[CandidateRow]:
        """Candidates whose GDPR date falls within `days` (soonest first)."""
        query = CandidateQuery(expiring_within_days=days, sort=CandidateSort.GDPR)
        return self.candidate_rows(query, limit=10_000, today=today)

    # ── reads for details, the viewer and the monitor ────────────────────────────────────

    def candidate(self, candidate_id: str) -> Candidate | None:
        """The candidate, or None when not cached or withheld under GDPR."""
        if self.withheld([candidate_id]):
            return None
        raw = self._value("SELECT raw FROM candidates WHERE id = ?", (candidate_id,))
        return None if raw is None else readable(api_models().Candidate.model_validate_json(raw))

    def jobs(self) -> list[Job]:
        return [readable(api_models().Job.model_validate_json(row["raw"])) for row in self._rows(
            "SELECT raw FROM jobs ORDER BY title COLLATE NOCASE")]

    def job(self, job_id: str) -> Job | None:
        raw = self._value("SELECT raw FROM jobs WHERE id = ?", (job_id,))
        return None if raw is None else readable(api_models().Job.model_validate_json(raw))

    def agents(self) -> list[Agent]:
        return [readable(api_models().Agent.model_validate_json(row["raw"])) for row in self._rows(
            "SELECT raw FROM agents ORDER BY name COLLATE NOCASE")]

    def agent(self, agent_id: str) -> Agent | None:
        raw = self._value("SELECT raw FROM agents WHERE id = ?", (agent_id,))
        return None if raw is None else readable(api_models().Agent.model_validate_json(raw))

    def interviews_of(self, candidate_id: str) -> list[InterviewRow]:
        from app.store.section_rows import InterviewRow

        if self.withheld([candidate_id]):
            return []
        rows = self._rows(
            "SELECT i.id, i.status, i.scheduled_at, a.name AS agent_name, a.focus, a.channel, "
            "j.title AS job_title, i.analysis_status, i.rating FROM interviews i "
            "LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN jobs j ON j.id = i.job_id "
            "WHERE i.candidate_id = ? ORDER BY COALESCE(i.scheduled_at, i.created_at) DESC",
            (candidate_id,),
        )
        return [InterviewRow(**{**row, "scheduled_at": cached_time(row["scheduled_at"])})
                for row in rows]

    def interviews_to_come(self, candidate_id: str) -> int:
        """How many more interviews the API counts for the candidate than the cache holds,
        while a sync has yet to list them (a first sync saves every candidate before their
        interviews, at the API's pace); 0 once they are listed: the cache is then as the API
        listed it, whatever the count said."""
        return int(self._value(
            f"SELECT MAX(0, COALESCE(c.api_interview_count, 0) - (SELECT COUNT(*) FROM "
            f"interviews i WHERE i.candidate_id = c.id)) FROM candidates c WHERE c.id = ? AND "
            f"c.listed_markers IS NOT ({LISTING_MARKERS.replace('updated_at', 'c.updated_at')})",
            (candidate_id,)) or 0)

    def interview(self, interview_id: str) -> InterviewView | None:
        """The full interview (analysis, call attempts, transcript) with who and what it is for."""
        from app.store.section_rows import InterviewView

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
        interview = readable(api_models().Interview.model_validate(data))
        return InterviewView(
            interview=interview,
            candidate=self.candidate(interview.candidate_id) if interview.candidate_id else None,
            agent=self.agent(interview.agent_id) if interview.agent_id else None,
            job=self.job(interview.job_id) if interview.job_id else None,
        )

    def holds_interview(self, interview_id: str) -> bool:
        """Whether the interview is cached and may be shown (its candidate not withheld)."""
        rows = self._rows("SELECT candidate_id FROM interviews WHERE id = ?", (interview_id,))
        return bool(rows) and not self.withheld([rows[0]["candidate_id"]])

    def _monitor_select(self, where: str, parameters: Sequence[Any]) -> list[MonitorEntry]:
        from app.domain.enums import AnalysisStatus, Channel, InterviewStatus, parse_tolerant
        from app.store.section_rows import MonitorEntry

        rows = self._rows(
            "SELECT i.id AS interview_id, i.status, "
            "COALESCE(NULLIF(c.name, ''), '(unknown candidate)') AS candidate_name, i.job_id, "
            "j.title AS job_title, i.agent_id, a.name AS agent_name, a.channel, "
            "i.scheduled_at, COALESCE(i.duration_minutes, a.duration) AS duration_minutes, "
            "i.finished_at, i.analysis_status FROM interviews i "
            "LEFT JOIN candidates c ON c.id = i.candidate_id "
            "LEFT JOIN agents a ON a.id = i.agent_id LEFT JOIN jobs j ON j.id = i.job_id "
            f"WHERE ({where}) AND NOT {self._withheld_sql('i.candidate_id')} "
            "ORDER BY i.scheduled_at",
            [*parameters, *self._withheld_parameters()],
        )
        return [
            MonitorEntry(**{
                **row,
                "status": parse_tolerant(InterviewStatus, row["status"])
                or InterviewStatus.UNDEFINED,
                "channel": parse_tolerant(Channel, row["channel"]),
                "scheduled_at": cached_time(row["scheduled_at"]),
                "finished_at": cached_time(row["finished_at"]),
                "analysis_status": parse_tolerant(AnalysisStatus, row["analysis_status"]),
            })
            for row in rows
        ]

    def monitor_entries(self, now: datetime) -> list[MonitorEntry]:
        """Scheduled and running interviews, and those finished in the last 24 hours."""
        since = datetime.fromtimestamp(now.timestamp() - 86_400, now.tzinfo).isoformat()
        return self._monitor_select(
            "i.status IN ('SCHEDULED', 'IN_PROGRESS') OR (i.status NOT IN ('SCHEDULED', "
            "'IN_PROGRESS') AND COALESCE(i.finished_at, i.updated_at, i.scheduled_at) >= ?)",
            (since,),
        )

    def live_interviews(self, now: datetime) -> list[MonitorEntry]:
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
        from app.store.section_rows import JobRatings, RankedCandidate

        rows = self._rows(
            "SELECT i.candidate_id, COALESCE(NULLIF(c.name, ''), '(unknown)') AS name, "
            "i.id AS interview_id, i.rating FROM interviews i "
            "LEFT JOIN candidates c ON c.id = i.candidate_id "
            # A cache written before the models read a rating off the 0-100 scale as none
            # may hold one: it is no rating, as the screens show it.
            "WHERE i.job_id = ? AND i.rating BETWEEN 0 AND 100 ORDER BY COALESCE(i.scheduled_at, "
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
        for chunk, marks in in_chunks(list(candidate_ids)):
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
        from app.store.section_rows import AnalysedInterview

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
        return [AnalysedInterview(**{**row, "finished_at": cached_time(row["finished_at"])})
                for row in rows]

    def interview_subjects(self, interview_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Each interview's candidate id and job id ('' without a job): whom a verdict on it
        is about. Interviews without a candidate are left out."""
        found: dict[str, tuple[str, str]] = {}
        for chunk, marks in in_chunks(list(interview_ids)):
            with self._lock:
                for interview_id, candidate_id, job_id in self._connection.execute(
                        "SELECT id, candidate_id, COALESCE(job_id, '') FROM interviews WHERE "
                        f"candidate_id IS NOT NULL AND id IN ({marks})", chunk):
                    found[interview_id] = (candidate_id, job_id)
        return found

    def analysed_interview_ids(self, interview_ids: Sequence[str]) -> set[str]:
        """Those of `interview_ids` that have a rating (an analysis)."""
        found: set[str] = set()
        for chunk, marks in in_chunks(list(interview_ids)):
            with self._lock:
                found.update(row[0] for row in self._connection.execute(
                    f"SELECT id FROM interviews WHERE rating IS NOT NULL AND id IN ({marks})",
                    chunk))
        return found
