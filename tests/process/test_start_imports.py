"""Starting the desk on a cache that is up to date does not import sqlite-utils (issue 21):
only creating or upgrading a cache, and saving into it, need it, and its import costs
70-120 ms here. Checked in a fresh process, where nothing else has imported it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.store import Store
from tests.caches import cache_of
from tests.ui.candidates.world import fill

REPO = Path(__file__).resolve().parents[2]
DESK = """
import asyncio, json, sys
from app.config import load_settings
from app.factory import build_context
from app.ui.app import InterviewDeskApp
from widgets.virtual_table import VirtualTable

async def main() -> None:
    settings = load_settings(data_dir=sys.argv[1], env={"INTERVIEW_DESK_CONFIG": sys.argv[2]})
    context = build_context(settings)
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            tables = desk.screen.query(VirtualTable)
            if tables and tables.first().row_count > 0:
                break
        print(json.dumps({"rows": tables.first().row_count if tables else 0,
                          "sqlite_utils": "sqlite_utils" in sys.modules}))

asyncio.run(main())
"""


def test_the_desk_paints_an_up_to_date_cache_without_importing_sqlite_utils(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(cache_of(data_dir))
    fill(store)
    store.close()
    done = subprocess.run([sys.executable, "-c", DESK, str(data_dir),
                           str(tmp_path / "no-config.toml")], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"rows": 6,
                                                               "sqlite_utils": False}
