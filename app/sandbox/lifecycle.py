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


def status_at(doc: dict[str, Any], now: datetime) -> str:
    if doc.get("isTest"):
        return "COMPLETED"
    cancelled = parse(doc.get("cancelledAt"))
    if cancelled is not None and cancelled <= now:
        return "CANCELLED"
    start, end = timeline(doc)
    if now < start:
        return "SCHEDULED"
    if now < end:
        return "IN_PROGRESS"
    return doc.get("outcome", "COMPLETED")


def finished_at(doc: dict[str, Any], now: datetime) -> datetime | None:
    status = status_at(doc, now)
    if doc.get("isTest"):
        return parse(doc["createdAt"])
    if status == "CANCELLED":
        return parse(doc.get("cancelledAt"))
    if status in ("COMPLETED", "FAILED"):
        return timeline(doc)[1]
    return None


def analysis_status_at(doc: dict[str, Any], now: datetime) -> str | None:
    """None when there will be no analysis (not completed, or deleted while running)."""
    if status_at(doc, now) != "COMPLETED":
        return None
    if doc.get("isTest"):
        return "COMPLETED"
    end = timeline(doc)[1]
    if now < end + ANALYSIS_PENDING:
        return "PENDING"
    if now < end + ANALYSIS_PROCESSING:
        return "PROCESSING"
    return "COMPLETED"


def updated_at(doc: dict[str, Any], now: datetime) -> datetime:
    """The last moment anything visible about the interview changed."""
    moments = [parse(doc["createdAt"]), parse(doc.get("changedAt"))]
    if not doc.get("isTest"):
        start, end = timeline(doc)
        moments += [start, end, end + ANALYSIS_PENDING, end + ANALYSIS_PROCESSING,
                    parse(doc.get("cancelledAt"))]
    return max(moment for moment in moments if moment is not None and moment <= now)


def _attempts(doc: dict[str, Any], now: datetime, status: str) -> list[dict[str, Any]]:
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
    status = status_at(doc, now)
    analysis_status = analysis_status_at(doc, now)
    view = {
        "id": doc["id"], "candidateId": doc["candidateId"], "agentId": doc["agentId"],
        "jobId": doc.get("jobId"), "status": status, "scheduledAt": doc["scheduledAt"],
        "durationMinutes": doc.get("durationMinutes"),
        "finishedDate": iso(finished_at(doc, now)), "isTest": bool(doc.get("isTest")),
        "metadata": doc.get("metadata"), "createdAt": doc["createdAt"],
        "updatedAt": iso(updated_at(doc, now)), "callAttempts": _attempts(doc, now, status),
        "analysis": None, "transcript": None,
    }
    if status == "COMPLETED":
        content = generate(
            seed=seed, interview_id=doc["id"], focus=doc.get("focus") or "SCREENING",
            candidate=lookup("candidates", doc["candidateId"]) or {},
            job=lookup("jobs", doc.get("jobId")), agent=lookup("agents", doc["agentId"]) or {},
        )
        view["transcript"] = content.transcript
        end = finished_at(doc, now)
        general = {"status": {"PENDING": 1, "PROCESSING": 2, "COMPLETED": 3}[analysis_status],
                   "createdAt": iso(end), "updatedAt": iso(updated_at(doc, now))}
        specific = None
        if analysis_status == "COMPLETED":
            general.update(content.analysis["general"])
            specific = content.analysis.get("specific")
        view["analysis"] = {"general": general, "specific": specific}
    return view
