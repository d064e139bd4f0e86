"""A large, realistic cache, written straight through the Store (the way sync writes it).

Everything comes from one seeded random stream, so a size always gives the same cache. The
cache is built in a scratch directory and renamed into place when complete, so an interrupted
run is never reused.
"""

from __future__ import annotations

import random
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.models import Agent, Candidate, Interview, Job
from app.sandbox.seed import AGENTS, JOBS
from app.store import Store
from bench import words
from bench.setting import NOW, settings_for

RESULTS_DIR = Path(__file__).resolve().parent / "results"
DATA_VERSION = 2  # bump when the generator changes, so stale caches are rebuilt


@dataclass(frozen=True)
class Size:
    name: str
    candidates: int
    interviews: int
    transcripts: int
    turns: int
    sync_candidates: int  # the sandbox company synced to time ingestion
    sync_interviews: int
    # The company of the first sync on a rate-limited plan (bench/first_sync.py): the seed
    # gives one interview a candidate in turn, so the last ones have none.
    first_sync_candidates: int = 300
    first_sync_interviews: int = 280
    first_sync_aligned: bool = True  # start at the turn of the API's minute (see there)


SIZES = {
    # five times `full` (issue 22): the interactive figures should stay flat from full to large
    "large": Size("large", 250_000, 500_000, 100_000, 40, 2_000, 4_000),
    "full": Size("full", 50_000, 100_000, 20_000, 40, 2_000, 4_000),
    "small": Size("small", 5_000, 10_000, 2_000, 40, 500, 1_000),
    # the smoke test's: every step, on little. Its first sync may be paced at 10 requests a
    # second (the `scale` plan), and each candidate with interviews is one more request.
    "tiny": Size("tiny", 300, 600, 60, 12, 60, 120, 12, 10, False),
}


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


class Writer:
    """Sentences from the vocabulary, drawn from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, template: str) -> str:
        choice = self.rng.choice
        out = template
        while "{" in out:
            start = out.index("{")
            end = out.index("}", start)
            key = out[start + 1 : end]
            value = {
                "noun": lambda: choice(words.NOUNS),
                "verb": lambda: choice(words.VERBS),
                "adj": lambda: choice(words.ADJECTIVES),
                "skill": lambda: choice(words.SKILLS),
                "base": lambda: choice(words.BASES),
                "number": lambda: str(self.rng.randint(1, 12)),
            }[key]()
            out = out[:start] + value + out[end + 1 :]
        return out

    def answer(self) -> str:
        return " ".join(self.fill(self.rng.choice(words.CANDIDATE_SENTENCES))
                        for _ in range(self.rng.randint(1, 4)))

    def transcript(self, turns: int) -> list[dict[str, Any]]:
        out, at = [], 0.0
        for position in range(turns):
            agent = position % 2 == 0
            text = (self.fill(self.rng.choice(words.AGENT_OPENERS)) if agent
                    else self.answer())
            out.append({"speaker": "AGENT" if agent else "CANDIDATE", "text": text,
                        "startSeconds": round(at, 1)})
            at += 3 + len(text) / 15
        return out


def reference_data(rng: random.Random) -> tuple[list[Job], list[Agent]]:
    jobs = [Job.model_validate({"id": _id(rng), "title": title, "status": "OPEN",
                                "requiredSkills": required, "niceToHaveSkills": nice})
            for title, required, nice in JOBS]
    agents = [Agent.model_validate({"id": _id(rng), "name": name, "focus": focus,
                                    "type": channel, "duration": duration, "language": language})
              for name, focus, channel, duration, language in AGENTS]
    return jobs, agents


def candidates(rng: random.Random, count: int, jobs: list[Job]) -> list[Candidate]:
    out = []
    for number in range(count):
        first, last = rng.choice(words.FIRST), rng.choice(words.LAST)
        roll = rng.random()
        days = rng.randint(0, 14) if roll < 0.06 else rng.randint(15, 700)
        job_ids = [] if number % 10 == 0 else [rng.choice(jobs).id]
        if job_ids and rng.random() < 0.15:
            extra = rng.choice(jobs).id
            if extra not in job_ids:
                job_ids.append(extra)
        when = _iso(NOW - timedelta(days=rng.randint(5, 400), minutes=rng.randint(0, 1400)))
        out.append(Candidate.model_validate({
            "id": _id(rng), "firstName": first, "lastName": last,
            "email": f"{first.lower()}.{last.lower()}{number}@{rng.choice(words.DOMAINS)}",
            "phoneNumber": "+4219" + "".join(str(rng.randint(0, 9)) for _ in range(8)),
            "status": rng.choice(("APPLIED", "INTERVIEWING", "INTERVIEWING", "HIRED",
                                  "REJECTED")),
            "jobIds": job_ids, "jobId": job_ids[0] if job_ids else None,
            "gdprExpiryDate": (NOW.date() + timedelta(days=days)).isoformat(),
            "createdAt": when, "updatedAt": when,
        }))
    return out


def interviews(rng: random.Random, size: Size, people: list[Candidate],
               agents: list[Agent]) -> Iterator[Interview]:
    """`size.interviews` interviews; the first `size.transcripts` completed ones have one."""
    writer = Writer(rng)
    generic = [a for a in agents if str(a.focus) == "GENERIC"]
    others = [a for a in agents if str(a.focus) != "GENERIC"]
    transcripts = 0
    for number in range(size.interviews):
        person = people[number % len(people)] if number < len(people) else rng.choice(people)
        agent = rng.choice(others if person.job_ids else generic)
        roll = rng.random()
        status = ("COMPLETED" if roll < 0.6 else "SCHEDULED" if roll < 0.72 else
                  "CANCELLED" if roll < 0.84 else "FAILED" if roll < 0.97 else "IN_PROGRESS")
        if status == "SCHEDULED":
            start = NOW + timedelta(minutes=rng.randint(30, 20 * 1440))
        elif status == "IN_PROGRESS":
            start = NOW - timedelta(minutes=rng.randint(1, 10))
        else:
            start = NOW - timedelta(minutes=rng.randint(60, 300 * 1440))
        doc: dict[str, Any] = {
            "id": _id(rng), "candidateId": person.id, "agentId": agent.id,
            "jobId": rng.choice(person.job_ids) if person.job_ids else None,
            "status": status, "scheduledAt": _iso(start), "durationMinutes": agent.duration,
            "isTest": False, "createdAt": _iso(start - timedelta(days=rng.randint(0, 5))),
            "updatedAt": _iso(start),
        }
        if status == "COMPLETED":
            finished = start + timedelta(minutes=agent.duration or 10)
            doc["finishedDate"] = _iso(finished)
            doc["updatedAt"] = _iso(finished)
            doc["analysis"] = {"general": {
                "overallRating": round(rng.triangular(10, 100, 65)), "status": "COMPLETED",
                "strongPoints": [writer.fill(rng.choice(words.STRONG)) for _ in range(2)],
                "weakPoints": [writer.fill(rng.choice(words.WEAK)) for _ in range(2)],
                "evaluation": [writer.fill(rng.choice(words.EVALUATION))],
            }}
            if transcripts < size.transcripts:
                transcripts += 1
                doc["transcript"] = writer.transcript(size.turns)
        yield Interview.model_validate(doc)


def generate(store: Store, size: Size, *, seed: int = 9, log: Any = print) -> None:
    rng = random.Random(seed)
    jobs, agents = reference_data(rng)
    store.save_agents(agents)
    store.save_jobs(jobs)
    people = candidates(rng, size.candidates, jobs)
    for start in range(0, len(people), 5_000):
        store.save_candidates(people[start : start + 5_000])
    batch: list[Interview] = []
    done = 0
    started = time.perf_counter()
    for interview in interviews(rng, size, people, agents):
        batch.append(interview)
        if len(batch) == 2_000:
            store.save_interviews(batch)
            done += len(batch)
            batch = []
            if done % 20_000 == 0:
                log(f"  … {done:,} interviews ({time.perf_counter() - started:.0f} s)")
    store.save_interviews(batch)
    store.set_last_synced_at(NOW)
    store.compact()


def cache_dir(size: Size) -> Path:
    """The data dir holding a generated cache of `size`, generated on first use."""
    target = RESULTS_DIR / f"data-{size.name}-v{DATA_VERSION}"
    if settings_for(target).cache_path.exists():
        return target
    scratch = RESULTS_DIR / f"data-{size.name}-v{DATA_VERSION}.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    print(f"generating the {size.name} cache ({size.candidates:,} candidates, "
          f"{size.interviews:,} interviews, {size.transcripts:,} transcripts)…", flush=True)
    started = time.perf_counter()
    store = Store.open(settings_for(scratch).cache_path)
    try:
        generate(store, size)
    finally:
        store.close()
    scratch.rename(target)
    print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    return target
