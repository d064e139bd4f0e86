"""What a desk starting on an up-to-date cache imports before its first paint, checked in a
fresh process, where nothing else has imported anything.

- sqlite-utils (issue 21): only creating or upgrading a cache, and saving into it, need it, and
  its import costs 70-120 ms here.
- The sync's stack (issue 21): httpx, the API's pydantic models, the client, the demo's
  sandbox and Starlette come with the first sync, after the paint.
- What only the sections past the candidate list need (issue 22's start-up): their records
  (`app.store.section_rows`), the verdict share queue (`app.store.shares`), the team's
  verdicts (`app.domain.shared_verdicts`) and the API's enums (`app.domain.enums`). Creating
  their frozen dataclasses and enums cost about 55 M instructions of the cold start.

And what a sync needs, the API client, the replicator and the demo's sandbox, still leaves out
phonenumbers and email-validator, which only checking a create needs: they were about 340 M
instructions of every process that syncs (a quarter of importing the client)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.store import Store
from tests.caches import cache_of
from tests.ui.candidates.world import fill

REPO = Path(__file__).resolve().parents[2]
DEFERRED = ("sqlite_utils", "app.store.section_rows", "app.store.shares",
            "app.domain.shared_verdicts", "app.domain.enums",
            # What only the sync needs: the API client with httpx and the API's pydantic
            # models, and the demo's sandbox served by Starlette (uvicorn serves it only for
            # other programs). The suite's tools never reach the desk.
            "httpx", "pydantic", "app.api.client", "app.sandbox.routes", "starlette",
            "uvicorn", "hypothesis", "pytest")
ONLY_FOR_CREATES = ("phonenumbers", "email_validator")
DESK = """
import json, sys
from app.config import load_settings
from app.factory import build_context
from app.ui.app import InterviewDeskApp
from widgets.virtual_table import VirtualTable

DEFERRED = sys.argv[3].split(",")
ONLY_FOR_CREATES = sys.argv[4].split(",")


class Desk(InterviewDeskApp):
    # As bench/probe.py: the first refresh in which the candidate list holds rows.
    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._check)

    def _check(self) -> None:
        tables = self.screen.query(VirtualTable)
        if tables and tables.first().row_count > 0:
            print(json.dumps({"rows": tables.first().row_count,
                              "imported": [name for name in DEFERRED if name in sys.modules]}))
            self.exit()
        else:
            self.call_after_refresh(self._check)


settings = load_settings(data_dir=sys.argv[1], env={"INTERVIEW_DESK_CONFIG": sys.argv[2]})
context = build_context(settings)
Desk(context, sync_on_start=False).run(headless=True, size=(120, 40))
context.store.close()
# What the desk's first sync brings in after the paint: the client, the replicator, the demo.
import app.api.client, app.sandbox.routes, app.sandbox.server, app.sync.replication
print(json.dumps({"syncing": [name for name in ONLY_FOR_CREATES if name in sys.modules]}))
"""


def test_the_desk_paints_without_what_later_screens_need_and_syncs_without_create_rules(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(cache_of(data_dir))
    fill(store)
    store.close()
    done = subprocess.run([sys.executable, "-c", DESK, str(data_dir),
                           str(tmp_path / "no-config.toml"), ",".join(DEFERRED),
                           ",".join(ONLY_FOR_CREATES)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    said = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert said[-2:] == [{"rows": 6, "imported": []}, {"syncing": []}], done.stdout[-2000:]
