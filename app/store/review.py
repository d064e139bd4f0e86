"""The review queue: completed analyses the recruiter has not decided on yet.

A verdict is per candidate and job, so the queue holds each candidate's newest completed
analysis per job, and only while that candidate and job have no verdict. Newest first: the
analyses that arrived since the recruiter last looked come on top.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.store.section_rows import AnalysedInterview
from app.store.store import Store


def review_queue(store: Store, *, job_id: str | None = None,
                 focus: str | None = None) -> list[AnalysedInterview]:
    decided = store.verdicts.decided_pairs()
    seen: set[tuple[str, str]] = set()
    queue: list[AnalysedInterview] = []
    for analysed in store.completed_analyses(job_id=job_id, focus=focus):
        pair = (analysed.candidate_id, analysed.job_id or "")
        if pair in decided or pair in seen:
            continue
        seen.add(pair)
        queue.append(analysed)
    return queue


def undecided(store: Store, interview_ids: Sequence[str]) -> set[str]:
    """Those of `interview_ids` whose candidate has no verdict yet for the interview's job."""
    decided = store.verdicts.decided_pairs()
    subjects = store.interview_subjects(interview_ids)
    return {interview for interview, pair in subjects.items() if pair not in decided}
