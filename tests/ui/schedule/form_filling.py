"""Helpers to fill the scheduling form the way a recruiter would, over a context whose agents
and jobs are synced into the cache. A plain module (no pytest): the desks that tests/process
runs as processes of their own use it too, and start faster without importing pytest."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import httpx
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, Select

from app.domain.models import Candidate
from app.factory import AppContext
from app.sync.replication import Replicator
from app.ui.app import InterviewDeskApp
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.toasts import told

GDPR_OK = date(2027, 6, 30).isoformat()


async def synced(context: AppContext) -> AppContext:
    await Replicator(context.client, context.store, context.clock).sync()
    return context


def agent_id(app: InterviewDeskApp, focus: str, channel: str = "ONLINE") -> str:
    return next(a.id for a in app.context.store.agents()
                if str(a.focus) == focus and str(a.type) == channel)


def job_id(app: InterviewDeskApp, title: str) -> str:
    return next(j.id for j in app.context.store.jobs() if j.title == title)


async def bulk_nurses(context: AppContext) -> list[Candidate]:
    """Ada, Ben and Cleo Bulk, applicants for the Registered Nurse job, created through the API
    (the cache learns of them at the next sync)."""
    nurse = next(j.id for j in context.store.jobs() if j.title == "Registered Nurse")
    return [await context.client.create_candidate({
        "firstName": name, "lastName": "Bulk", "email": f"{name.lower()}@example.com",
        "phoneNumber": "+421900000011", "gdprExpiryDate": "2027-01-01", "jobIds": [nurse]})
        for name in ("Ada", "Ben", "Cleo")]


async def bulk_form(app: InterviewDeskApp, pilot: Pilot[None],
                    people: list[Candidate]) -> ScheduleScreen:
    """The scheduling form for `people` at once, a screening for the Registered Nurse job."""
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ScheduleScreen)
    screen.use_candidates([p.id for p in people])
    fill(screen, agent_id=agent_id(app, "SCREENING"), job_id=job_id(app, "Registered Nurse"))
    await pilot.pause()
    return screen


async def send_the_batch(app: InterviewDeskApp, pilot: Pilot[None]) -> None:
    """ctrl+r reviews the batch (its billing check included), Enter sends it; both waited for."""
    for key in ("ctrl+r", "enter"):
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


def fill(screen: Any, **values: str) -> None:
    """Type into inputs by field name (f-<name>) and choose in selects."""
    for name, value in values.items():
        widget = screen.query_one(f"#f-{name}")
        if isinstance(widget, Select | Input):
            widget.value = value
        else:
            raise AssertionError(f"no field {name}")


def choose(screen: Any, button_id: str) -> None:
    screen.query_one(f"#{button_id}", RadioButton).value = True


def new_candidate(screen: Any, email: str = "jana.novak@example.com", **changes: str) -> None:
    choose(screen, "candidate-new")
    values = {"first_name": "Jana", "last_name": "Novak", "email": email,
              "phone": "+421915123456", "gdpr_expiry": GDPR_OK}
    fill(screen, **{**values, **changes})


class HeldTransport(httpx.AsyncBaseTransport):
    """Holds the answer to every create until `release` is set, as a slow network would: the
    sandbox has created the interview meanwhile."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.on_the_wire = asyncio.Event()
        self.release = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path == "/interviews":
            self.on_the_wire.set()
            await self.release.wait()
        return response


async def sent_again_while_held(app: InterviewDeskApp, pilot: Pilot[None],
                                transport: HeldTransport) -> None:
    """ctrl+r and Enter pressed again while a create is held on the wire are refused ("still
    being sent"); then the held answer comes and every send ends."""
    await pilot.press("ctrl+r")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert "still being sent" in told(app)
    transport.release.set()
    await app.workers.wait_for_complete()
    await pilot.pause()
