"""Four analysed candidates of one job, an hour apart (Ada newest), for the review queue."""

from __future__ import annotations

from datetime import timedelta

from app.store import Store
from tests.ui.analysis.world import AGENTS, JOB, START, candidate, interview

PEOPLE = [  # newest first
    ("ada", "Ada", "Lovelace", "SCREENING", 91),
    ("ben", "Ben", "Okafor", "OUTREACH", 64),
    ("cleo", "Cleo", "Marsh", "SCREENING", 77),
    ("dan", "Dan", "Novak", "LANGUAGE_TEST", 58),
]
QUEUE = [f"int-{key}" for key, *_ in PEOPLE]


def fill(store: Store) -> None:
    with store.transaction():
        store.save_agents(AGENTS.values())
        store.save_jobs([JOB])
        store.save_candidates([candidate(key, first, last) for key, first, last, *_ in PEOPLE])
        store.save_interviews([
            interview(key, focus, rating=rating, when=START - timedelta(hours=index))
            for index, (key, _first, _last, focus, rating) in enumerate(PEOPLE)])
        store.set_last_synced_at(START)
