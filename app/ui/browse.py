"""The list a recruiter came from, for `[` and `]` in the analysis viewer.

A recruiter who filters and sorts the candidate list, or searches, then opens one analysis,
expects the next analysis to be the next one of that list, in that order; not the next
candidate of the job by name. A `BrowseList` is that list: the keys of its rows in order (a
candidate id, or an interview id for search hits) and, for each, the analysed interview it
opens (none for a candidate without an analysis, which `[` and `]` skip). It is read from the
cache when first used, not when the recruiter presses Enter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Literal, NamedTuple

from app.store import Store
from widgets.numbers import number


class BrowseEntry(NamedTuple):
    key: str  # the candidate id (or the interview id for search hits)
    opens: str | None  # the analysed interview shown for it; None: no analysis, skipped


class BrowseList:
    def __init__(self, name: str, keyed_by: Literal["candidate", "interview"],
                 read: Callable[[], list[BrowseEntry]]) -> None:
        self.name = name  # what the list is, as "4 of 17 {name}" says
        self.keyed_by = keyed_by
        self._read = read

    @cached_property
    def entries(self) -> list[BrowseEntry]:
        return self._read()

    @cached_property
    def analysed(self) -> list[str]:
        """The interviews `[` and `]` step through, in the list's order."""
        return [entry.opens for entry in self.entries if entry.opens is not None]

    def _index(self, interview_id: str, candidate_id: str | None) -> int | None:
        """Where the shown interview sits in the list: by its own id, else by its row's key."""
        key = candidate_id if self.keyed_by == "candidate" else interview_id
        for index, entry in enumerate(self.entries):
            if entry.opens == interview_id:
                return index
        for index, entry in enumerate(self.entries):
            if entry.key == key:
                return index
        return None

    def position(self, interview_id: str, candidate_id: str | None) -> str:
        """`4 of 17 candidates`; for a row without an analysis, how many the list holds."""
        total = len(self.analysed)
        if interview_id in self.analysed:
            return f"{number(self.analysed.index(interview_id) + 1)} of {number(total)} {self.name}"
        return f"{number(total)} analysed {self.name}"

    def step(self, interview_id: str, candidate_id: str | None, step: int) -> str | None:
        """The analysed interview `step` rows on (1 next, -1 previous), skipping rows without
        an analysis; None at either end. From a row not in the list, the first or the last."""
        index = self._index(interview_id, candidate_id)
        entries = self.entries
        if index is None:
            ordered = entries if step > 0 else entries[::-1]
            return next((entry.opens for entry in ordered if entry.opens), None)
        index += step
        while 0 <= index < len(entries):
            opens = entries[index].opens
            if opens is not None and opens != interview_id:
                return opens
            index += step
        return None


def candidates_browse(store: Store, name: str,
                      candidate_ids: Callable[[], Sequence[str]]) -> BrowseList:
    """Candidates in a list's order, each opening their latest analysed interview."""

    def read() -> list[BrowseEntry]:
        ids = list(candidate_ids())
        latest = store.latest_analysed_interviews(ids)
        return [BrowseEntry(candidate_id, latest.get(candidate_id)) for candidate_id in ids]

    return BrowseList(name, "candidate", read)


def interviews_browse(store: Store, name: str,
                      interview_ids: Callable[[], Sequence[str]]) -> BrowseList:
    """Interviews in a list's order (search hits), each opening itself if it is analysed."""

    def read() -> list[BrowseEntry]:
        ids = list(interview_ids())
        analysed = store.analysed_interview_ids(ids)
        return [BrowseEntry(i, i if i in analysed else None) for i in ids]

    return BrowseList(name, "interview", read)


def job_browse(store: Store, job_id: str) -> BrowseList:
    """With no list to come from (the monitor, a direct link): the job's candidates by name."""
    job = store.job(job_id)
    name = f"candidates of {job.title}" if job else "candidates of the job"
    return candidates_browse(store, name, lambda: store.candidates_of_job(job_id))
