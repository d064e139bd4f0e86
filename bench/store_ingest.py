"""The store's ingest alone, without the API, the client or the sandbox (issue 21): how long
`Store` takes to save a company into a new cache file, and to save it again unchanged (what
an incremental sync mostly does).

`python -m bench.store_ingest [--size small] [--repeat 5]` prints the median of each over
`--repeat` runs, in seconds, as JSON: wall time (`_s`) and this process's CPU time (`_cpu_s`,
steadier on a shared machine: the store's work all happens in this process). The records are
built once, before any timing; each run opens a new cache file, and opening it is timed on
its own (`open`: creating the schema).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from app.domain.models import Agent, Candidate, Interview, Job
from app.store import Store
from bench.data import SIZES, candidates, interviews, reference_data

BATCH = 2_000  # interviews per save, as bench/data.py writes them


def company(size_name: str) -> tuple[list[Job], list[Agent], list[Candidate], list[Interview]]:
    rng = random.Random(9)
    size = SIZES[size_name]
    jobs, agents = reference_data(rng)
    people = candidates(rng, size.candidates, jobs)
    return jobs, agents, people, list(interviews(rng, size, people, agents))


def one_run(folder: Path, records: tuple[list[Job], list[Agent], list[Candidate],
                                         list[Interview]]) -> dict[str, float]:
    jobs, agents, people, calls = records
    figures: dict[str, float] = {}
    clocks = time.perf_counter(), time.process_time()
    store = Store.open(folder / "cache.sqlite3")
    try:
        for label in ("open", "first_save", "save_again"):
            if label != "open":
                store.save_agents(agents)
                store.save_jobs(jobs)
                for start in range(0, len(people), 5_000):
                    store.save_candidates(people[start:start + 5_000])
                for start in range(0, len(calls), BATCH):
                    store.save_interviews(calls[start:start + BATCH])
            now = time.perf_counter(), time.process_time()
            figures[f"{label}_s"] = now[0] - clocks[0]
            figures[f"{label}_cpu_s"] = now[1] - clocks[1]
            clocks = now
        return figures
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="small", choices=sorted(SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    records = company(arguments.size)
    runs = []
    for _ in range(arguments.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            runs.append(one_run(Path(scratch), records))
    print(json.dumps({name: round(statistics.median(run[name] for run in runs), 4)
                      for name in runs[0]}))


if __name__ == "__main__":
    main()
