"""The embedded demo's own traffic: the demo company keeps interviewing while the desk is open.

The demo runs at real time, so a world seeded once would fall quiet within the hour. Instead,
as if other recruiters were at work, an interview of the demo's own candidates starts every
SLOT of the sandbox clock (a minute); each is created a little ahead (so the monitor shows what
is coming) and is a short call of 2 to 3 minutes, so one also finishes at least every two
minutes. Slots are numbered from the Unix epoch and drawn from a random stream of the seed and
the slot, so a slot is made once (the last one made is kept in the file) and always the same
way. Slots missed while nobody asked are skipped, apart from the last few minutes, so the desk
opens on something already running.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.sandbox.lifecycle import decide_outcome, iso
from app.sandbox.storage import SandboxStorage

SLOT = timedelta(seconds=60)
LOOKAHEAD = timedelta(minutes=10)
BACKFILL = timedelta(minutes=6)
CALL_MINUTES = (2.0, 2.5, 3.0)  # a demo call is short, whatever its agent's planned duration
LAST_SLOT_KEY = "demo_slot"
PEOPLE_KEY = "demo_people"


def call_minutes(interview_id: str, planned: float) -> float:
    """How long a demo call lasts: a few minutes, never more than its agent plans."""
    digest = hashlib.sha256(f"{interview_id}:call".encode()).digest()
    return float(min(planned, CALL_MINUTES[digest[0] % len(CALL_MINUTES)]))


def _slot_of(moment: datetime) -> int:
    return int(moment.timestamp() // SLOT.total_seconds())


def _slot_start(slot: int) -> datetime:
    return datetime.fromtimestamp(slot * SLOT.total_seconds(), UTC)


class DemoTraffic:
    """Tops up the demo's interviews as the sandbox clock moves; `top_up` on every request."""

    def __init__(self, storage: SandboxStorage, seed: int) -> None:
        self.storage = storage
        self.seed = seed
        self._made_to: int | None = None

    def remember_people(self, candidate_ids: list[str]) -> None:
        """The demo's own candidates: the traffic never touches one the recruiter created."""
        self.storage.set_meta(PEOPLE_KEY, json.dumps(candidate_ids))

    def forget_slots(self) -> None:
        """After the world moved in time, slots are counted afresh from the clock."""
        self.storage.set_meta(LAST_SLOT_KEY, "")
        self._made_to = None

    def top_up(self, now: datetime) -> None:
        last = _slot_of(now + LOOKAHEAD)
        if self._made_to is None:
            text = self.storage.meta(LAST_SLOT_KEY)
            self._made_to = int(text) if text else None
        if self._made_to is not None and self._made_to >= last:
            return
        first = _slot_of(now - BACKFILL)
        if self._made_to is not None:
            first = max(first, self._made_to + 1)
        people = self._people(now.date())
        agents = self.storage.all("agents")
        if people and agents:
            for slot in range(first, last + 1):
                self._interview(slot, now, people, agents)
        self.storage.set_meta(LAST_SLOT_KEY, str(last))
        self._made_to = last

    def _people(self, today: date) -> list[dict[str, Any]]:
        """The demo's candidates whose data is kept past today (never one past its GDPR date)."""
        text = self.storage.meta(PEOPLE_KEY)
        docs = ([doc for doc in (self.storage.get("candidates", i) for i in json.loads(text))
                 if doc is not None] if text else self.storage.all("candidates"))
        return [doc for doc in docs
                if isinstance(doc.get("gdprExpiryDate"), str)
                and doc["gdprExpiryDate"] > today.isoformat()]

    def _interview(self, slot: int, now: datetime, people: list[dict[str, Any]],
                   agents: list[dict[str, Any]]) -> None:
        rng = random.Random(f"{self.seed}:demo-slot:{slot}")
        person = rng.choice(people)
        jobs = person.get("jobIds") or []
        fitting = [a for a in agents if (a.get("focus") == "GENERIC") == (not jobs)]
        if not fitting:
            return
        agent = rng.choice(fitting)
        start = _slot_start(slot)
        interview_id = str(_uuid(rng))
        doc = {
            "id": interview_id, "candidateId": person["id"], "agentId": agent["id"],
            "jobId": rng.choice(jobs) if jobs else None, "scheduledAt": iso(start),
            "durationMinutes": call_minutes(interview_id, float(agent.get("duration") or 15)),
            "isTest": False, "createdAt": iso(min(now, start)),
            "focus": agent.get("focus"), "channel": agent.get("type"), "metadata": None,
            "outcome": decide_outcome(self.seed, interview_id, agent.get("type")),
            "attempts": [{"id": str(_uuid(rng)), "scheduledAt": iso(start), "retryNumber": 0}]
            if agent.get("type") == "PHONE" else [],
        }
        self.storage.put("interviews", doc, owner=person["id"])
        if person.get("status") != "INTERVIEWING":
            person["status"] = "INTERVIEWING"
            self.storage.put("candidates", person)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)
