"""The sync process killed with SIGKILL midway: the cache is whole, and the next sync goes on
with the listings left, in the same priority order, and finishes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from app.api.client import InterviewsClient
from app.config import load_settings
from app.sandbox import DEMO_KEY, SandboxSettings
from app.store import Store
from app.sync.replication import Replicator
from tests.loopback import LoopbackSandbox, free_port
from tests.store.damage import integrity
from tests.sync.conftest import no_sleep
from tests.sync.test_first_sync import expected_order, record_listings
from tests.sync.test_replication import remote_interview_ids, with_interviews


def cached(path: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return 0


async def test_a_sync_killed_midway_resumes_where_it_stopped_in_the_same_order(
        tmp_path, clock) -> None:
    # About 230 listings at 60 ms each, 8 at once: killed once 60 interviews are in, the sync
    # is still more than a second from its end (about 150 listings left), and the server that
    # paces it shares this process, so a busy machine slows both alike.
    settings = SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", candidates=300,
                               interviews=240, time_scale=0.0, plan="unlimited", latency_ms=60)
    served = LoopbackSandbox(settings, clock, free_port())
    served.start()
    data = tmp_path / "data"
    environment = {**os.environ, "INTERVIEW_DESK_CONFIG": str(tmp_path / "c.toml")}
    cache = load_settings(api_url=served.url, api_key=DEMO_KEY, data_dir=data,
                          env=environment).cache_path
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--api-url", served.url, "--api-key", DEMO_KEY,
         "--data-dir", str(data), "sync"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while cached(cache, "interviews") < 60 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the sync finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        now = datetime.now(UTC)  # the killed sync ran on the wall clock: so does the rest
        store = Store.open(cache)
        try:
            assert integrity(store.path) == "ok"
            candidates = store.ids("candidates")
            wanted = with_interviews(served, candidates)
            order = expected_order(served, now, wanted)
            done = [c for c in order if store.interview_ids_of(c)]
            assert 0 < len(done) < len(order)
            assert done == order[:len(done)]  # listed in priority order, nothing skipped
            for candidate_id in candidates:  # a candidate's interviews whole, or none yet
                assert store.interview_ids_of(candidate_id) in (
                    set(), remote_interview_ids(served, {candidate_id}))
            served.settings.latency_ms = 0
            async with InterviewsClient(served.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                        timeout=5) as client:
                asked = record_listings(client, store)
                await Replicator(client, store, lambda: now).sync()
            assert asked == order[len(done):]  # the rest, in the same order, each once
            for candidate_id in wanted:
                assert store.interview_ids_of(candidate_id) == remote_interview_ids(
                    served, {candidate_id})
        finally:
            store.close()
    finally:
        if process.poll() is None:
            process.kill()
        served.stop()
