"""The sync process killed with SIGKILL midway: the cache is whole and the next sync finishes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.api.client import InterviewsClient
from app.config import load_settings
from app.sandbox import DEMO_KEY, SandboxSettings
from app.store import CandidateQuery, Store
from app.sync.replication import Replicator
from tests.loopback import LoopbackSandbox, free_port
from tests.sync.conftest import no_sleep


def cached_candidates(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT COUNT(*) FROM candidates").fetchone()[0]
    except sqlite3.Error:
        return 0


async def test_a_sync_killed_midway_leaves_whole_pages_and_resumes(tmp_path, clock) -> None:
    settings = SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", candidates=500,
                               interviews=520, time_scale=0.0, plan="unlimited", latency_ms=15)
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
        while cached_candidates(cache) < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the sync finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        store = Store.open(cache)
        try:
            assert store._value("PRAGMA integrity_check") == "ok"
            partial = store.count_candidates(CandidateQuery())
            assert 0 < partial < 500
            for row in store.candidate_rows(CandidateQuery(), limit=1000):
                # a candidate's interviews arrive in the same transaction as the candidate
                assert row.interview_count == len(store.interviews_of(row.id))
            served.settings.latency_ms = 0
            async with InterviewsClient(served.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                        timeout=5) as client:
                await Replicator(client, store, clock.now).sync()
                remote = [c async for page in client.iter_candidate_pages() for c in page.items]
            today = clock.now().date()
            live = {c.id for c in remote if not c.gdpr_expiry_date or c.gdpr_expiry_date >= today}
            assert store.ids("candidates") == live  # expired ones are never cached
        finally:
            store.close()
    finally:
        if process.poll() is None:
            process.kill()
        served.stop()
