"""The demo company a new user meets: jobs, agents of every kind, candidates and interviews in
every state, a few of them running or about to start so the monitor moves in the first minute.
Everything is drawn from one seeded random stream, so a seed always gives the same company."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from app.sandbox.lifecycle import decide_outcome, iso
from app.sandbox.storage import SandboxStorage
from app.sandbox.traffic import call_minutes

COMPANY_ID = "00000000-0000-4000-8000-000000000001"
FIRST = ["Jana", "Peter", "Lucia", "Martin", "Eva", "Tomas", "Zuzana", "Michal", "Anna", "Lukas",
         "Sofia", "Jakub", "Ema", "Adam", "Nina", "David", "Laura", "Samuel", "Klara", "Filip",
         "Maria", "Jonas", "Lea", "Oliver", "Mia", "Noah", "Hannah", "Elias", "Ines", "Marek"]
LAST = ["Novak", "Horvath", "Kovac", "Varga", "Toth", "Nagy", "Balaz", "Molnar", "Simon",
        "Kral", "Fischer", "Weber", "Schmidt", "Brown", "Taylor", "Dvorak", "Svoboda", "Moreau",
        "Rossi", "Garcia", "Kowalski", "Nowak", "Lindqvist", "Jansen", "Popescu", "Ivanova"]
DOMAINS = ["example.com", "example.org", "example.net"]
PHONES = [("+421", 9), ("+420", 9), ("+49", 10), ("+44", 10), ("+43", 10), ("+48", 9)]
JOBS = [
    ("Senior Backend Engineer", ["Python", "PostgreSQL", "Docker"], ["Kubernetes", "Go"]),
    ("Frontend Developer", ["TypeScript", "React", "CSS"], ["Accessibility"]),
    ("Customer Support Specialist", ["Customer service", "English", "Ticketing tools"], []),
    ("Warehouse Team Lead", ["People management", "Logistics", "Forklift licence"], ["SAP"]),
    ("Registered Nurse", ["Patient care", "Medication administration"], ["German"]),
    ("Sales Representative", ["Negotiation", "CRM", "Cold calling"], ["B2B SaaS"]),
    ("Data Analyst", ["SQL", "Excel", "Statistics"], ["Python", "Power BI"]),
    ("Accountant", ["IFRS", "Bookkeeping", "Excel"], ["SAP"]),
]
AGENTS = [
    ("Sofia", "SCREENING", "ONLINE", 15, "EN"), ("Martin", "SCREENING", "PHONE", 20, "EN"),
    ("Olivia", "OUTREACH", "PHONE", 10, "EN"), ("Lukas", "OUTREACH", "ONLINE", 10, "DE"),
    ("Gina", "GENERIC", "ONLINE", 12, "EN"), ("Paul", "GENERIC", "PHONE", 8, "EN"),
    ("Lena", "LANGUAGE_TEST", "ONLINE", 15, "DE"), ("Tom", "LANGUAGE_TEST", "PHONE", 15, "EN"),
]


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def seed_company(storage: SandboxStorage, *, seed: int, now: datetime, empty: bool,
                 candidates: int = 300, interviews: int = 400,
                 short_calls: bool = False) -> list[str]:
    """Seed the company; returns its candidates' ids. With `short_calls` (the embedded demo,
    at real time) the calls running or starting in the first minute are short demo calls."""
    rng = random.Random(seed)
    created = iso(now - timedelta(days=60))
    jobs = []
    for title, required, nice in JOBS:
        jobs.append({
            "id": _id(rng), "companyId": COMPANY_ID, "title": title, "status": "OPEN",
            "description": f"We are hiring a {title} to join a growing team.",
            "requiredSkills": required, "niceToHaveSkills": nice,
            "languageRequirements": [{"language": "EN", "proficiency": "B2"}],
            "education": [], "experience": rng.choice(["ONE_TO_3_YEARS", "THREE_TO_5_YEARS"]),
            "contractType": "FULL_TIME",
            "location": {"workMode": rng.choice(["REMOTE", "HYBRID", "ONSITE"]),
                         "city": "Bratislava", "countryCode": "SK"},
            "salary": None, "metadata": None, "createdAt": created, "updatedAt": created,
        })
    agents = [{
        "id": _id(rng), "companyId": COMPANY_ID, "name": name, "focus": focus, "type": channel,
        "duration": duration, "language": language, "questions": [], "instructions": None,
        "voiceId": None, "cefrLevel": "B2" if focus == "LANGUAGE_TEST" else None,
        "createdAt": created, "updatedAt": created,
    } for name, focus, channel, duration, language in AGENTS]
    storage.put_many("jobs", [(job, None) for job in jobs])
    storage.put_many("agents", [(agent, None) for agent in agents])
    if empty:
        return []
    people = []
    for number in range(candidates):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        prefix, digits = rng.choice(PHONES)
        roll = rng.random()
        if roll < 0.02:
            gdpr = now.date() - timedelta(days=rng.randint(1, 20))
        elif roll < 0.08:
            gdpr = now.date() + timedelta(days=rng.randint(0, 14))
        else:
            gdpr = now.date() + timedelta(days=rng.randint(15, 700))
        pool = number % 10 == 0  # a talent pool without jobs, for GENERIC interviews
        job_ids = [] if pool else [rng.choice(jobs)["id"]]
        if not pool and rng.random() < 0.15:
            extra = rng.choice(jobs)["id"]
            if extra not in job_ids:
                job_ids.append(extra)
        when = iso(now - timedelta(days=rng.randint(5, 50), minutes=rng.randint(0, 1400)))
        people.append({
            "id": _id(rng), "companyId": COMPANY_ID, "firstName": first, "lastName": last,
            "email": f"{first.lower()}.{last.lower()}{number}@{rng.choice(DOMAINS)}",
            "phoneNumber": prefix + "".join(str(rng.randint(0, 9)) for _ in range(digits)),
            "status": "APPLIED", "jobIds": job_ids, "jobId": job_ids[0] if job_ids else None,
            "gdprExpiryDate": gdpr.isoformat(), "metadata": None, "createdAt": when,
            "updatedAt": when,
        })
    by_focus: dict[str, list[dict[str, Any]]] = {}
    for agent in agents:
        by_focus.setdefault(agent["focus"], []).append(agent)
    docs = []
    for number in range(interviews):
        person = people[number % len(people)] if number < len(people) else rng.choice(people)
        if not person["jobIds"]:
            agent = rng.choice(by_focus["GENERIC"])
            job_id = None
        else:
            agent = rng.choice([a for a in agents if a["focus"] != "GENERIC"])
            job_id = rng.choice(person["jobIds"])
        if number < 3:  # running right now
            start = now - (timedelta(seconds=40 * (number + 1)) if short_calls
                           else timedelta(minutes=2 + number * 3))
        elif number < 6:
            start = now + timedelta(seconds=20 + 25 * (number - 3))  # starting in the first minute
        else:
            start = now + timedelta(minutes=rng.randint(-20 * 1440, 10 * 1440))
        interview_id = _id(rng)
        created_at = min(start, now) - timedelta(days=rng.randint(0, 3), minutes=5)
        duration = agent["duration"]
        if short_calls and number < 6:
            duration = call_minutes(interview_id, duration)
        doc = {
            "id": interview_id, "candidateId": person["id"], "agentId": agent["id"],
            "jobId": job_id, "scheduledAt": iso(start), "durationMinutes": duration,
            "isTest": False, "createdAt": iso(created_at), "focus": agent["focus"],
            "channel": agent["type"], "outcome": decide_outcome(seed, interview_id,
                                                                agent["type"]),
            "metadata": None, "attempts": [],
        }
        if agent["type"] == "PHONE":
            doc["attempts"] = [{"id": _id(rng), "scheduledAt": iso(start), "retryNumber": 0}]
        if number >= 6 and rng.random() < 0.04:
            doc["cancelledAt"] = iso(min(start, now) - timedelta(hours=1))
        person["status"] = "INTERVIEWING"
        docs.append((doc, person["id"]))
    storage.put_many("candidates", [(person, None) for person in people])
    storage.put_many("interviews", docs)
    return [person["id"] for person in people]
