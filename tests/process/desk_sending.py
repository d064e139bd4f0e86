"""A real Interview Desk process that fills the scheduling form and sends it when told, for
tests that kill it with SIGKILL while the create is on the wire.

`python -m tests.process.desk_sending API_URL DATA_DIR CONFIG_FILE`: syncs, opens the form,
fills a new candidate for the GENERIC agent, prints READY, and sends when a line arrives on
stdin; then it waits to be killed.
"""

from __future__ import annotations

import asyncio
import sys

from app.config import load_settings
from app.factory import build_context
from app.sandbox import DEMO_KEY
from app.ui.app import InterviewDeskApp
from tests.ui.schedule.form_filling import agent_id, fill, new_candidate, synced

EMAIL = "killed.midway@example.com"


async def main(api_url: str, data_dir: str, config_file: str) -> None:
    settings = load_settings(api_url=api_url, api_key=DEMO_KEY, data_dir=data_dir,
                             env={"INTERVIEW_DESK_CONFIG": config_file})
    app = InterviewDeskApp(await synced(build_context(settings)), sync_on_start=False)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        new_candidate(app.screen, email=EMAIL)
        fill(app.screen, agent_id=agent_id(app, "GENERIC"))
        await pilot.pause()
        print("READY", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        await asyncio.sleep(120)  # the answer is slow; the test kills us before it comes


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
