"""A real Interview Desk process, open on the built-in sandbox, for tests of what other
processes on the same data dir do to it.

`python -m tests.process.desk_open DATA_DIR CONFIG_FILE`: opens the desk headless (Pilot),
waits for its first sync, prints `READY <pid>`, then answers each line on stdin: `refresh`
syncs again and prints `OK <candidates> <integrity_check>` (or `FAILED <why>`); `quit` leaves.
"""

from __future__ import annotations

import asyncio
import os
import sys

from app.config import load_settings
from app.factory import build_context
from app.ui.app import InterviewDeskApp
from tests.store.damage import integrity


async def main(data_dir: str, config_file: str) -> None:
    settings = load_settings(data_dir=data_dir, env={"INTERVIEW_DESK_CONFIG": config_file})
    context = build_context(settings)
    app = InterviewDeskApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        async with asyncio.timeout(60):
            while context.store.last_synced_at() is None:
                await pilot.pause(0.1)
            await app.workers.wait_for_complete()
        print(f"READY {os.getpid()}", flush=True)
        while (line := (await asyncio.to_thread(sys.stdin.readline)).strip()) != "quit":
            if line == "refresh":
                before = context.store.last_synced_at()
                await pilot.press("r")
                async with asyncio.timeout(60):
                    while context.store.last_synced_at() == before:
                        await pilot.pause(0.1)
                    await app.workers.wait_for_complete()
                count = len(context.store.ids("candidates"))
                check = integrity(context.store.path)
                print(f"OK {count} {check}", flush=True)
            elif not line:
                break


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:3]))
