"""Bulk scheduling: billing check, a result row per candidate, a partial failure and its retry."""

from __future__ import annotations

import asyncio

import httpx

from app.domain.models import Candidate
from app.drafts import BULK_DRAFT_NAME, Drafts
from app.sandbox import SandboxSettings, create_sandbox_app
from app.ui.app import InterviewDeskApp
from app.ui.schedule.bulk import FAILED, SENT, UNSURE, BulkPanel
from tests.ui.schedule.form_filling import (
    HeldTransport,
    agent_id,
    bulk_form,
    bulk_nurses,
    fill,
    job_id,
    send_the_batch,
    sent_again_while_held,
    synced,
)
from widgets.footer import KeyFooter

SIZE = (120, 60)


class FlakyTransport(httpx.AsyncBaseTransport):
    """Fails the first create for one candidate with a 500 before the sandbox sees it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.victim: str | None = None
        self.failed = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if (request.method == "POST" and request.url.path == "/interviews" and self.victim
                and self.victim.encode() in request.content and not self.failed):
            self.failed += 1
            return httpx.Response(500, json={"statusCode": 500, "message": "boom"})
        return await self.inner.handle_async_request(request)


async def nurses_whose_first_create_for_ben_fails(
        make_context, settings, clock) -> tuple[InterviewDeskApp, list[Candidate]]:
    """A desk over a sandbox that knows Ada, Ben and Cleo Bulk (synced), whose first create
    for Ben fails with a 500."""
    sandbox = create_sandbox_app(SandboxSettings(db_path=settings.sandbox_path, empty=True,
                                                 plan="unlimited"), clock)
    transport = FlakyTransport(httpx.ASGITransport(app=sandbox))
    context = make_context(transport=transport)
    await synced(context)
    people = await bulk_nurses(context)
    transport.victim = people[1].id
    await synced(context)
    return InterviewDeskApp(context, sync_on_start=False), people


class LostAnswerTransport(httpx.AsyncBaseTransport):
    """The create for one candidate reaches the sandbox, its answer is lost, and the API can
    then not be asked about that candidate's interviews (the network went away)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.victim: str | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.victim and request.url.params.get("candidateId") == self.victim:
            raise httpx.ConnectError("the network went away", request=request)
        response = await self.inner.handle_async_request(request)
        if (request.method == "POST" and request.url.path == "/interviews" and self.victim
                and self.victim.encode() in request.content):
            raise httpx.ReadError("the answer was lost", request=request)
        return response


async def test_ctrl_r_while_the_batch_is_sending_sends_nobody_twice(make_context, settings,
                                                                    clock) -> None:
    """A slow network: the recruiter presses ctrl+r and Enter again while the first create is
    on its way. The batch on the wire goes on; nobody gets a second interview."""
    sandbox = create_sandbox_app(SandboxSettings(db_path=settings.sandbox_path, empty=True,
                                                 plan="unlimited"), clock)
    transport = HeldTransport(httpx.ASGITransport(app=sandbox))
    transport.release.set()
    context = make_context(transport=transport)
    await synced(context)
    client = context.client
    people = await bulk_nurses(context)
    await synced(context)
    transport.release.clear()
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await bulk_form(app, pilot, people)
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await transport.on_the_wire.wait()
        await pilot.pause()
        assert "Sending the batch" in str(screen.query_one("#schedule-status").render())
        await sent_again_while_held(app, pilot, transport)
        assert [row.state for row in screen.query_one(BulkPanel).rows] == [SENT, SENT, SENT]
    for person in people:
        interviews = [i async for i in client.iter_interviews(person.id)]
        assert len(interviews) == 1, person.first_name


class HeldBillingTransport(httpx.AsyncBaseTransport):
    """Holds the plan's usage until `release` is set: a slow API, or one whose rate limit a
    running sync has spent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.release = asyncio.Event()
        self.release.set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/billing/usage":
            await self.release.wait()
        return await self.inner.handle_async_request(request)


async def test_the_status_says_the_plan_is_being_checked_while_its_answer_is_awaited(
        make_context, settings, clock) -> None:
    """ctrl+r on a batch asks the API for the plan's minutes first; on a trial plan with a
    sync running that took 19 s in tmux, with nothing on screen to say so."""
    sandbox = create_sandbox_app(SandboxSettings(db_path=settings.sandbox_path, empty=True,
                                                 plan="unlimited"), clock)
    transport = HeldBillingTransport(httpx.ASGITransport(app=sandbox))
    context = make_context(transport=transport)
    await synced(context)
    people = await bulk_nurses(context)
    await synced(context)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await bulk_form(app, pilot, people)
        transport.release.clear()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Checking the plan's minutes" in str(screen.query_one("#schedule-status").render())
        transport.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Schedule all of these?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")  # back to the form
        await pilot.pause()
        assert "Ready" in str(screen.query_one("#schedule-status").render())


async def test_a_discarded_batch_takes_its_results_away(make_context, settings, clock) -> None:
    """The batch's results ("R retries the failed ones") belong to the batch: once it is
    discarded, the form for one candidate is not shown under another batch's results."""
    app, people = await nurses_whose_first_create_for_ben_fails(
        make_context, settings, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await bulk_form(app, pilot, people)
        await send_the_batch(app, pilot)
        panel = screen.query_one(BulkPanel)
        assert panel.display and screen.bulk_ids == [people[1].id]  # Ben failed: kept
        await pilot.press("ctrl+x", "y")
        await pilot.pause()
        assert screen.bulk_ids == []
        assert not panel.display


async def test_a_create_whose_answer_is_lost_is_never_sent_again_from_the_batch(
        make_context, settings, clock) -> None:
    sandbox = create_sandbox_app(SandboxSettings(db_path=settings.sandbox_path, empty=True,
                                                 plan="unlimited"), clock)
    transport = LostAnswerTransport(httpx.ASGITransport(app=sandbox))
    context = make_context(transport=transport)
    await synced(context)
    client = context.client
    people = await bulk_nurses(context)
    await synced(context)
    transport.victim = people[1].id
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await bulk_form(app, pilot, people)
        await send_the_batch(app, pilot)
        panel = screen.query_one(BulkPanel)
        assert [row.state for row in panel.rows] == [SENT, UNSURE, SENT]
        assert "1 unsure" in str(panel.query_one("#bulk-status").render())
        panel.focus()
        await pilot.press("R")  # nothing failed: nothing to retry, Ben is not resent
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.bulk_ids == []  # the batch is over: ctrl+r cannot resend Ben either
        assert Drafts(settings.drafts_dir, BULK_DRAFT_NAME).load() is None
    transport.victim = None
    for person in people:
        assert len([i async for i in client.iter_interviews(person.id)]) == 1


async def test_a_partial_failure_is_retried_and_nothing_is_sent_twice(make_context, settings,
                                                                     clock) -> None:
    app, people = await nurses_whose_first_create_for_ben_fails(
        make_context, settings, clock)
    client = app.context.client
    async with app.run_test(size=SIZE) as pilot:
        screen = await bulk_form(app, pilot, people)
        assert screen.problems == []
        assert "3 marked candidates" in str(screen.query_one("#bulk-candidates").render())
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one(".dialog-body").render())
        assert "Estimated minutes: 3 × 15 = 45" in summary
        assert "Allowance left" in summary
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = screen.query_one(BulkPanel)
        assert [row.state for row in panel.rows] == [SENT, FAILED, SENT]
        assert "R retries" in str(panel.query_one("#bulk-status").render())
        panel.focus()
        await pilot.pause()
        footer = str(screen.query_one(KeyFooter).render())
        assert "Retry failed" in footer and "Cancel the rest" not in footer
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [row.state for row in panel.rows] == [SENT, SENT, SENT]
        footer = str(screen.query_one(KeyFooter).render())
        assert "Retry failed" not in footer and "Cancel the rest" not in footer
    for person in people:
        interviews = [i async for i in client.iter_interviews(person.id)]
        assert len(interviews) == 1, person.first_name


async def test_reviewing_again_after_a_partial_failure_sends_only_the_unsent(
        make_context, settings, clock) -> None:
    """ctrl+r again (rather than R) after a batch where some were scheduled: the new review
    and its send hold only those not scheduled yet; nobody gets a second interview."""
    app, people = await nurses_whose_first_create_for_ben_fails(
        make_context, settings, clock)
    client = app.context.client
    async with app.run_test(size=SIZE) as pilot:
        screen = await bulk_form(app, pilot, people)
        await send_the_batch(app, pilot)
        assert [row.state for row in screen.query_one(BulkPanel).rows] == [SENT, FAILED, SENT]
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = str(app.screen.query_one(".dialog-body").render())
        assert "1 interview: Ben Bulk" in review
        assert "Ada" not in review and "Cleo" not in review
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    for person in people:
        interviews = [i async for i in client.iter_interviews(person.id)]
        assert len(interviews) == 1, person.first_name


async def test_a_batch_beyond_the_allowance_is_refused(make_context, settings, clock) -> None:
    # The company is filled through an unlimited key; the desk then works on the same sandbox
    # file and cache with a trial key (300 minutes, but also 30 requests a minute, which would
    # only slow the filling down).
    setup = make_context()
    await synced(setup)
    nurse = next(j.id for j in setup.store.jobs() if j.title == "Registered Nurse")
    ids = []
    for number in range(21):  # 21 x 15 minutes = 315 > the trial plan's 300
        person = await setup.client.create_candidate({
            "firstName": f"P{number}", "lastName": "Many", "email": f"p{number}@example.com",
            "phoneNumber": "+421900000012", "gdprExpiryDate": "2027-01-01", "jobIds": [nurse]})
        ids.append(person.id)
    await synced(setup)
    trial = create_sandbox_app(SandboxSettings(db_path=settings.sandbox_path, empty=True,
                                               plan="trial"), clock)
    context = make_context(transport=httpx.ASGITransport(app=trial))
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        screen.use_candidates(ids)
        fill(screen, agent_id=agent_id(app, "SCREENING"), job_id=job_id(app, "Registered Nurse"))
        await pilot.pause()
        sent_before = context.client.requests_sent
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(screen.query_one("#bulk-status").render())
        assert "315 minutes needed but only 300 left" in status
        assert context.client.requests_sent == sent_before + 1  # only the billing check


async def test_at_80x24_the_results_take_the_lines_their_rows_need_and_the_form_the_rest(
        make_context) -> None:
    context = make_context()
    await synced(context)
    people = await bulk_nurses(context)
    await synced(context)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await bulk_form(app, pilot, people)
        await send_the_batch(app, pilot)
        form = screen.query_one("#schedule-form").region
        panel = screen.query_one(BulkPanel).region
        status = screen.query_one("#schedule-status").region
        # its frame, the status and progress lines, the table's header and three rows
        assert panel.height == 2 + 2 + 1 + 3
        assert form.bottom <= panel.y and panel.bottom <= status.y
        assert form.height == 24 - 3 - panel.height  # the status bar, status line and footer
