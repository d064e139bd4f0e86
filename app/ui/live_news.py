"""What a live poll found, as one toast: events that arrive together are summed up.

A poll after a quiet spell (or the first after a night offline) can find a dozen changes; a
toast for each piled up over the list the recruiter was reading. One event is told with the
candidate's name; several are counted: "3 interviews completed, 2 analyses ready".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from widgets.numbers import number

if TYPE_CHECKING:
    from app.sync.watcher import InterviewEvent

Severity = Literal["information", "warning", "error"]

# What each kind of event is, one and many, in the order a summary lists them.
NEWS = {
    "started": ("Interview started", "the interview has started", "interview started",
                "interviews started"),
    "completed": ("Interview completed", "the interview has finished", "interview completed",
                  "interviews completed"),
    "failed": ("Interview failed", "the interview failed", "interview failed",
               "interviews failed"),
    "analysis": ("Analysis ready", "the analysis is ready", "analysis ready",
                 "analyses ready"),
}
STATUS_NEWS = {"IN_PROGRESS": "started", "COMPLETED": "completed", "FAILED": "failed"}


class LiveNews(NamedTuple):
    title: str
    message: str
    severity: Severity


def _kind(event: InterviewEvent) -> str | None:
    if event.kind == "analysis_ready":
        return "analysis"
    return STATUS_NEWS.get(str(event.new_status))


def live_news(events: Sequence[InterviewEvent]) -> LiveNews | None:
    """One toast for everything a poll found; None when nothing is worth telling."""
    told = [(kind, event) for event in events if (kind := _kind(event)) is not None]
    if not told:
        return None
    severity: Severity = "error" if any(kind == "failed" for kind, _ in told) else "information"
    if len(told) == 1:
        kind, event = told[0]
        title, what = NEWS[kind][:2]
        who = event.candidate_name or "A candidate"  # App.notify makes it safe to show
        return LiveNews(title, f"{who}: {what}.", severity)
    counts = Counter(kind for kind, _ in told)
    parts = [f"{number(counts[kind])} {NEWS[kind][2] if counts[kind] == 1 else NEWS[kind][3]}"
             for kind in NEWS if counts[kind]]
    return LiveNews("Live updates", ", ".join(parts), severity)
