"""The desk killed with SIGKILL while a create is on the wire: on restart the draft is
reconciled with what the server did, and the interview exists exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from app.config import load_settings
from app.drafts import Drafts
from app.factory import build_context
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.ui.app import InterviewDeskApp
from tests.loopback import LoopbackSandbox, free_port
from tests.process.desk_sending import EMAIL
from tests.store.damage import integrity

ROOT = Path(__file__).resolve().parents[2]
ANSWER_DELAY_MS = 2500  # long enough to kill the desk while the server holds the request


def wait_for(condition, what: str, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def interviews_for(served: LoopbackSandbox, email: str) -> list[dict]:
    storage = served.sandbox.storage
    ids = {doc["id"] for doc in storage.all("candidates") if doc.get("email") == email}
    return [doc for doc in storage.all("interviews") if doc["candidateId"] in ids]


async def test_a_desk_killed_mid_create_finds_the_interview_on_restart(tmp_path: Path) -> None:
    # The desk's clock is the wall clock when it has a key: the sandbox keeps the same time.
    clock = SandboxClock(start=datetime.now(UTC), scale=1.0)
    served = LoopbackSandbox(SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", empty=True,
                                             plan="unlimited"), clock, free_port())
    served.start()
    data, config = tmp_path / "data", tmp_path / "none.toml"
    settings = load_settings(api_url=served.url, api_key=DEMO_KEY, data_dir=data,
                             env={"INTERVIEW_DESK_CONFIG": str(config)})
    drafts = Drafts(settings.drafts_dir)
    desk = subprocess.Popen(
        [sys.executable, "-m", "tests.process.desk_sending", served.url, str(data), str(config)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert desk.stdout is not None and desk.stdin is not None
        ready = desk.stdout.readline().strip()
        assert ready == "READY", desk.stderr.read() if desk.stderr else ready
        served.settings.latency_ms = ANSWER_DELAY_MS
        desk.stdin.write("send\n")
        desk.stdin.flush()
        wait_for(lambda: "sent_at" in (drafts.load() or {}), "the draft to be marked as sent")
        # The server has created the interview; its answer takes 2.5 s, and the desk dies first.
        wait_for(lambda: interviews_for(served, EMAIL), "the server to create the interview")
        desk.send_signal(signal.SIGKILL)
        assert desk.wait(10) == -signal.SIGKILL
    finally:
        if desk.poll() is None:
            desk.kill()
    try:
        served.settings.latency_ms = 0
        assert "sent_at" in (drafts.load() or {})  # the desk never heard back

        context = build_context(settings)
        app = InterviewDeskApp(context, sync_on_start=False)
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.press("s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert drafts.load() is None  # reconciled, so nothing is left to send again
            created = interviews_for(served, EMAIL)
            assert len(created) == 1
            assert integrity(context.store.path) == "ok"
            assert context.store.interview(created[0]["id"]) is not None  # cached at once
        await context.aclose()
    finally:
        served.stop()
