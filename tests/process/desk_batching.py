"""A real Interview Desk process that prepares a batch for two marked candidates and sends it
when told, for tests that kill it with SIGKILL while preparing or sending.

`python -m tests.process.desk_batching API_URL DATA_DIR CONFIG_FILE`: syncs, creates Ada and
Ben for the Registered Nurse job, opens the form for both with the screening agent and the
job chosen, and prints READY and the two ids. At the first line on stdin it opens the review
and prints REVIEWED once the review has all it asked the server; at the second it sends the
batch, then waits to be killed. (The two steps let a test slow the server's answers down for
the sending alone.)
"""

from __future__ import annotations

import asyncio
import sys

from app.config import load_settings
from app.factory import build_context
from app.sandbox import DEMO_KEY
from app.ui.app import InterviewDeskApp
from tests.ui.schedule.form_filling import agent_id, fill, job_id, synced


async def main(api_url: str, data_dir: str, config_file: str) -> None:
    settings = load_settings(api_url=api_url, api_key=DEMO_KEY, data_dir=data_dir,
                             env={"INTERVIEW_DESK_CONFIG": config_file})
    context = await synced(build_context(settings))
    nurse = job_id(InterviewDeskApp(context), "Registered Nurse")
    people = [await context.client.create_candidate({
        "firstName": name, "lastName": "Batch", "email": f"{name.lower()}@example.com",
        "phoneNumber": "+421900000011", "gdprExpiryDate": "2099-01-01", "jobIds": [nurse]})
        for name in ("Ada", "Ben")]
    await synced(context)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        app.screen.use_candidates([person.id for person in people])
        fill(app.screen, agent_id=agent_id(app, "SCREENING"), job_id=nurse)
        await pilot.pause()
        print("READY", *(person.id for person in people), flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("REVIEWED", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        await pilot.press("enter")
        await asyncio.sleep(120)  # the answers are slow; the test kills us before they come


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
