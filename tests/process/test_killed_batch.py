"""A batch for several marked candidates survives the desk being killed while it is prepared
(its agent, job and time come back for the same people), and a batch killed while it is sent
never comes back to be sent again (issue 18: nothing typed is lost; issue 17: no interview
twice)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from app.config import Settings, load_settings
from app.drafts import BULK_DRAFT_NAME, Drafts
from app.factory import build_context
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings
from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from app.ui.screens.schedule import ScheduleScreen
from tests.loopback import LoopbackSandbox, free_port
from tests.process.test_killed_create import wait_for
from tests.ui.schedule.form_filling import agent_id, job_id, send_the_batch
from tests.ui.toasts import titled

ROOT = Path(__file__).resolve().parents[2]
ANSWER_DELAY_MS = 2500  # long enough to kill the desk while the server holds a create


class Batching:
    """`tests/process/desk_batching.py` in a process of its own, against `served`."""

    def __init__(self, served: LoopbackSandbox, tmp_path: Path) -> None:
        data, config = tmp_path / "data", tmp_path / "none.toml"
        self.settings: Settings = load_settings(api_url=served.url, api_key=DEMO_KEY,
                                                data_dir=data,
                                                env={"INTERVIEW_DESK_CONFIG": str(config)})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.process.desk_batching", served.url, str(data),
             str(config)],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert self.process.stdout is not None
        ready = self.process.stdout.readline().split()
        if not ready or ready[0] != "READY":
            self.process.kill()
            raise AssertionError(self.process.communicate(timeout=10)[1][-3000:])
        self.people = ready[1:]

    @property
    def saved_batch(self) -> dict | None:
        return Drafts(self.settings.drafts_dir, BULK_DRAFT_NAME).load()

    def review(self) -> str:
        """Open the review; the desk's answer once the review has all it asked the server."""
        self._tell("review")
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def send(self) -> None:
        self._tell("send")

    def _tell(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(10) == -signal.SIGKILL


def serve(tmp_path: Path) -> LoopbackSandbox:
    # The desk's clock is the wall clock when it has a key: the sandbox keeps the same time.
    served = LoopbackSandbox(SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", empty=True,
                                             plan="unlimited"),
                             SandboxClock(start=datetime.now(UTC), scale=1.0), free_port())
    served.start()
    return served


def interviews_of(served: LoopbackSandbox, candidate_id: str) -> list[dict]:
    return [doc for doc in served.sandbox.storage.all("interviews")
            if doc["candidateId"] == candidate_id]


async def test_a_batch_killed_while_prepared_comes_back_whole(tmp_path: Path) -> None:
    served = serve(tmp_path)
    try:
        desk = Batching(served, tmp_path)
        try:
            wait_for(lambda: desk.saved_batch is not None and "agent_id" in str(
                desk.saved_batch), "the batch's choices to be saved")
        finally:
            desk.kill()
        context = build_context(desk.settings)
        app = InterviewDeskApp(context, sync_on_start=False)
        async with app.run_test(size=(120, 60), notifications=True) as pilot:
            await pilot.press("s")  # on the list, the cursor on one of them
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)  # that one alone? never silently
            await pilot.press("n")  # keep the batch
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ScheduleScreen)
            assert sorted(screen.bulk_ids) == sorted(desk.people)
            assert screen.draft.agent_id == agent_id(app, "SCREENING")
            assert screen.draft.job_id == job_id(app, "Registered Nurse")
            assert titled(app, "Batch restored")
            await send_the_batch(app, pilot)
            assert screen.bulk_ids == []
        await context.aclose()
        assert desk.saved_batch is None
        assert [len(interviews_of(served, person)) for person in desk.people] == [1, 1]
    finally:
        served.stop()


async def test_a_batch_killed_while_sent_never_comes_back_to_be_sent_again(
        tmp_path: Path) -> None:
    served = serve(tmp_path)
    try:
        desk = Batching(served, tmp_path)
        try:
            wait_for(lambda: desk.saved_batch is not None, "the batch to be saved")
            assert desk.review() == "REVIEWED"
            served.settings.latency_ms = ANSWER_DELAY_MS  # the creates alone are slow
            desk.send()
            wait_for(lambda: any(interviews_of(served, person) for person in desk.people),
                     "the server to create the first interview")
        finally:
            desk.kill()
        served.settings.latency_ms = 0
        assert desk.saved_batch is None  # gone as the batch went out
        context = build_context(desk.settings)
        app = InterviewDeskApp(context, sync_on_start=False)
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.press("s")
            await pilot.pause()
            assert app.screen.bulk_ids == []  # a normal form: nothing to send again
        await context.aclose()
        assert [len(interviews_of(served, person)) for person in desk.people] in ([1, 0],
                                                                                   [1, 1])
    finally:
        served.stop()
