"""A company whose every text field is hostile, read through the wire models into the cache.

Candidates type their own names on the hiring platform, so names, emails, statuses, job titles,
agent names, analysis points, type-specific keys and values, transcripts and recording links
all carry terminal escapes (window title, screen clear, leaving the alternate screen, an OSC 52
clipboard write, 8-bit CSI, DCS), bidi overrides and Rich markup that would crash or act if it
were parsed. Every payload hides a marker (`PWNED`, `52;c;`, `[2J`, `1049l`) that must never
reach the screen either: a screen that removed only the ESC byte would leave them visible.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain.models import Agent, Candidate, Interview, Job
from app.store import Store

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

PAYLOAD = (
    "\x1b]0;PWNED\x07[/]\x1b[2J[bold red]x[/]\x9b2J\u202e[@click=app.quit]q[/]"
    "\x1b[?1049l\x1b]52;c;UFdORUQ=\x07\x1bP1$qPWNED\x1b\\\u2066\n\tend"
)
# What must never be on screen: any control or bidi character, and what the sequences carried.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REMNANTS = ("PWNED", "52;c;", "[2J", "1049l")


def hostile(word: str) -> str:
    """`word` (readable, so a test can find where it is shown) followed by the payload."""
    return f"{word}{PAYLOAD}"


def control_characters(shown: str) -> list[str]:
    """The characters in `shown` a terminal would obey (or that reorder text)."""
    return UNSAFE.findall(shown)


def unsafe_parts(shown: str) -> list[str]:
    """What in `shown` (a screen, an export, a message) could drive a terminal, or shows that
    a sequence lost only its ESC."""
    folded = shown.lower()  # a screen may change the case (a DCS's `ESC P` became `ESC p`)
    return control_characters(shown) + [remnant for remnant in REMNANTS
                                        if remnant.lower() in folded]


def at(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat()


def analysis(word: str, specific: dict[str, Any]) -> dict[str, Any]:
    return {
        "general": {
            "status": "COMPLETED", "overallRating": 71,
            "companyFitRating": hostile("Fit"), "education": hostile("Edu"),
            "experience": hostile("Exp"), "strongPoints": [hostile(f"{word}Strong")],
            "weakPoints": [hostile("Weak")], "evaluation": [hostile("Evaluation")],
        },
        "specific": specific,
    }


def transcript(word: str) -> list[dict[str, Any]]:
    return [{"speaker": hostile("Spk"), "text": hostile(f"{word} said"), "startSeconds": 1.5},
            {"speaker": "CANDIDATE", "text": "needle " + hostile("Reply"), "startSeconds": 9}]


def wire_world() -> dict[str, list[dict[str, Any]]]:
    """The company as the API would send it (camelCase JSON)."""
    agents = [
        {"id": "agent-phone", "name": hostile("Paula"), "type": "PHONE", "focus": "SCREENING",
         "duration": 15, "language": hostile("Lang")},
        {"id": "agent-online", "name": hostile("Otto"), "type": "ONLINE",
         "focus": hostile("Focus"), "duration": 20, "language": "EN"},
    ]
    jobs = [{"id": "job-evil", "title": hostile("Job"), "description": hostile("Desc")}]
    candidates = [
        {"id": f"cand-{key}", "firstName": hostile(first), "lastName": hostile("Last"),
         "email": hostile(f"{key}@example.com"), "phoneNumber": "+421900000001",
         "status": hostile("Status"), "jobIds": ["job-evil"], "gdprExpiryDate": "2027-06-01"}
        for key, first in (("a", "Ann"), ("b", "Bob"), ("c", "Cid"), ("d", "Dee"))
    ]
    interviews = [
        {"id": "int-a", "candidateId": "cand-a", "agentId": "agent-online", "jobId": "job-evil",
         "status": "COMPLETED", "scheduledAt": at(-60), "finishedDate": at(-40),
         "analysis": analysis("Ann", {
             "interestLevel": hostile("Interest"), "availability": hostile("Avail"),
             hostile("Key"): hostile("Value"), "nested": {hostile("Deep"): [hostile("Item")]}}),
         "transcript": transcript("Ann"),
         "callAttempts": [{"id": "att-a", "status": "COMPLETED",
                           "recordingUrl": "https://rec.example/" + hostile("Rec"),
                           "reasonCode": hostile("Reason"), "notes": hostile("Notes")}]},
        {"id": "int-b", "candidateId": "cand-b", "agentId": "agent-phone", "jobId": "job-evil",
         "status": "SCHEDULED", "scheduledAt": at(30),
         "callAttempts": [{"id": "att-b", "status": "SCHEDULED", "retryNumber": 0,
                           "scheduledAt": at(30), "reasonCode": hostile("Why")}]},
        {"id": "int-c", "candidateId": "cand-c", "agentId": "agent-phone", "jobId": "job-evil",
         "status": "IN_PROGRESS", "scheduledAt": at(-5)},
        {"id": "int-d", "candidateId": "cand-d", "agentId": "agent-online", "jobId": "job-evil",
         "status": hostile("STATUS"), "scheduledAt": at(-90), "finishedDate": at(-80),
         "analysis": analysis("Dee", {"cefrLevel": hostile("B2"),
                                      "pronunciationScores": {"accuracy": 80,
                                                              hostile("extra"): 3},
                                      "summary": hostile("Summary"),
                                      "topics": [hostile("Topic")]}),
         "transcript": transcript("Dee")},
    ]
    return {"agents": agents, "jobs": jobs, "candidates": candidates, "interviews": interviews}


def fill(store: Store, world: dict[str, list[dict[str, Any]]] | None = None) -> None:
    """Read the world through the wire models, as a sync would, into the cache."""
    world = world or wire_world()
    with store.transaction():
        store.save_agents(Agent.model_validate(record) for record in world["agents"])
        store.save_jobs(Job.model_validate(record) for record in world["jobs"])
        store.save_candidates(Candidate.model_validate(record) for record in world["candidates"])
        store.save_interviews(Interview.model_validate(record)
                              for record in world["interviews"])
        store.set_last_synced_at(START)
