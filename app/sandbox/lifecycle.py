"""How an interview moves with the sandbox clock, and what the API shows of it at a moment.

Scheduled until its start, in progress for the agent's duration (a phone call nobody answers
fails after two minutes), then completed or failed as decided at creation; the analysis is
pending for a minute, processing for two more, then ready. Test interviews are done at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from app.sandbox.content import generate

NO_ANSWER_AFTER = timedelta(minutes=2)
ANALYSIS_PENDING = timedelta(minutes=1)
ANALYSIS_PROCESSING = timedelta(minutes=3)
FAILURE_SHARE = {"PHONE": 0.18, "ONLINE": 0.06}

Lookup = Callable[[str, str | None], dict[str, Any] | None]
"""(table, id) -> the stored document, or None."""


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat().replace("+00:00", "Z")


@lru_cache(maxsize=65536)
def parse(text: str | None) -> datetime | None:
    """Cached: every view parses its interview's few moments again and again."""
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def decide_outcome(seed: int, interview_id: str, channel: str | None) -> str:
    """COMPLETED or FAILED, fixed at creation and the same for the same seed."""
    digest = hashlib.sha256(f"{seed}:{interview_id}:outcome".encode()).digest()
    share = FAILURE_SHARE.get(channel or "ONLINE", 0.06)
    return "FAILED" if digest[0] / 256 < share else "COMPLETED"


def timeline(doc: dict[str, Any]) -> tuple[datetime, datetime]:
    start = parse(doc["scheduledAt"])
    assert start is not None
    if doc.get("outcome") == "FAILED":
        return start, start + NO_ANSWER_AFTER
    return start, start + timedelta(minutes=float(doc.get("durationMinutes") or 15))


class Moments:
    """An interview's status, analysis status, end (`finished`) and last visible change
    (`updated`) at one moment, read from its document once: a view needs all of them, and
    working each out on its own read the document again each time."""

    __slots__ = ("analysis_status", "finished", "status", "updated")

    def __init__(self, doc: dict[str, Any], now: datetime) -> None:
        created, changed = parse(doc["createdAt"]), parse(doc.get("changedAt"))
        if doc.get("isTest"):
            self.status = self.analysis_status = "COMPLETED"
            self.finished = created
            self.updated = _latest(now, created, changed)
            return
        cancelled = parse(doc.get("cancelledAt"))
        start, end = timeline(doc)
        if cancelled is not None and cancelled <= now:
            self.status = "CANCELLED"
        elif now < start:
            self.status = "SCHEDULED"
        elif now < end:
            self.status = "IN_PROGRESS"
        else:
            self.status = doc.get("outcome", "COMPLETED")
        self.finished = {"CANCELLED": cancelled, "COMPLETED": end, "FAILED": end}.get(
            self.status)
        self.analysis_status = None  # none when not completed (or deleted while running)
        if self.status == "COMPLETED":
            self.analysis_status = ("PENDING" if now < end + ANALYSIS_PENDING else
                                    "PROCESSING" if now < end + ANALYSIS_PROCESSING else
                                    "COMPLETED")
        self.updated = _latest(now, created, changed, start, end, end + ANALYSIS_PENDING,
                               end + ANALYSIS_PROCESSING, cancelled)


def _latest(now: datetime, *moments: datetime | None) -> datetime:
    """The last of these moments that has come, or the first of them when none has: a stored
    time ahead of the clock (a clock set back, a file from a faster sandbox) reads as "not
    changed since then" instead of failing the read."""
    known = [moment for moment in moments if moment is not None]
    passed = [moment for moment in known if moment <= now]
    return max(passed) if passed else min(known, default=now)


def status_at(doc: dict[str, Any], now: datetime) -> str:
    return Moments(doc, now).status


def _attempts(doc: dict[str, Any], status: str) -> list[dict[str, Any]]:
    attempts = []
    live = [a for a in doc.get("attempts", []) if not a.get("cancelled")]
    active_id = live[-1]["id"] if live else None
    start, end = timeline(doc)
    for attempt in doc.get("attempts", []):
        shown = {"id": attempt["id"], "direction": "OUTBOUND",
                 "retryNumber": attempt.get("retryNumber", 0),
                 "scheduledAt": attempt["scheduledAt"], "reasonCode": None, "notes": None,
                 "recordingUrl": None, "duration": None, "calledAt": None}
        if attempt.get("cancelled"):
            shown["status"] = "CANCELLED"
        elif attempt["id"] != active_id:
            shown.update(status="FAILED", reasonCode="NO_ANSWER",
                         calledAt=attempt["scheduledAt"], notes="Superseded by a later call.")
        else:
            shown["status"] = {"SCHEDULED": "SCHEDULED", "IN_PROGRESS": "IN_PROGRESS",
                               "COMPLETED": "COMPLETED", "FAILED": "FAILED",
                               "CANCELLED": "CANCELLED"}.get(status, "SCHEDULED")
            if status != "SCHEDULED":
                shown["calledAt"] = iso(start)
            if status == "FAILED":
                shown.update(reasonCode="NO_ANSWER", notes="The candidate did not pick up.")
            if status == "COMPLETED":
                shown.update(duration=round((end - start).total_seconds()),
                             recordingUrl=f"https://recordings.sandbox.invalid/{doc['id']}.mp3")
        attempts.append(shown)
    return attempts


def interview_view(
    doc: dict[str, Any], now: datetime, *, seed: int,
    lookup: Lookup,
) -> dict[str, Any]:
    """The interview as the API returns it at `now`."""
    moments = Moments(doc, now)
    status, analysis_status = moments.status, moments.analysis_status
    view = {
        "id": doc["id"], "candidateId": doc["candidateId"], "agentId": doc["agentId"],
        "jobId": doc.get("jobId"), "status": status, "scheduledAt": doc["scheduledAt"],
        "durationMinutes": doc.get("durationMinutes"),
        "finishedDate": iso(moments.finished), "isTest": bool(doc.get("isTest")),
        "metadata": doc.get("metadata"), "createdAt": doc["createdAt"],
        "updatedAt": iso(moments.updated), "callAttempts": _attempts(doc, status),
        "analysis": None, "transcript": None,
    }
    if status == "COMPLETED":
        content = generate(
            seed=seed, interview_id=doc["id"], focus=doc.get("focus") or "SCREENING",
            candidate=lookup("candidates", doc["candidateId"]) or {},
            job=lookup("jobs", doc.get("jobId")), agent=lookup("agents", doc["agentId"]) or {},
        )
        view["transcript"] = content.transcript
        general = {"status": {"PENDING": 1, "PROCESSING": 2, "COMPLETED": 3}[analysis_status],
                   "createdAt": iso(moments.finished), "updatedAt": iso(moments.updated)}
        specific = None
        if analysis_status == "COMPLETED":
            general.update(content.analysis["general"])
            specific = content.analysis.get("specific")
        view["analysis"] = {"general": general, "specific": specific}
    return view
