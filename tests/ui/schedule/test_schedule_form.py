"""The scheduling form with Pilot: the four create variants, GENERIC, every rule shown under its
field before anything is sent, server errors on their fields, a lost answer reconciled without a
duplicate, and the draft surviving a restart."""

from __future__ import annotations

import httpx
from textual.widgets import Label, OptionList, Select

from app.api.errors import RequestRejected
from app.domain.requests import Problem
from app.drafts import Drafts
from app.sandbox import SandboxSettings, create_sandbox_app
from app.ui.app import InterviewDeskApp
from app.ui.schedule.form import error_id
from app.ui.screens.schedule import ScheduleScreen
from tests.standin import FakeTime
from tests.ui.conftest import FROZEN_AT
from tests.ui.schedule.form_filling import (
    HeldTransport,
    agent_id,
    choose,
    fill,
    job_id,
    new_candidate,
    sent_again_while_held,
    synced,
)
from tests.ui.toasts import titled, told
from widgets.skills_input import SkillsInput

SIZE = (120, 60)
TODAY = FROZEN_AT.date()


async def open_form(app: InterviewDeskApp, pilot) -> ScheduleScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ScheduleScreen)
    return screen


def error(screen: ScheduleScreen, path: str) -> str:
    return str(screen.query_one(f"#{error_id(path)}", Label).render())


async def send(app: InterviewDeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+r")
    await pilot.pause()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def interviews_of(app: InterviewDeskApp, email: str) -> list:
    page = await app.context.client.list_candidates(search=email)
    assert len(page.items) == 1, f"expected one candidate {email}"
    return [i async for i in app.context.client.iter_interviews(page.items[0].id)]


async def test_existing_candidate_and_existing_job(desk: InterviewDeskApp) -> None:
    client = desk.context.client
    async with desk.run_test(size=SIZE) as pilot:
        nurse = job_id(desk, "Registered Nurse")
        candidate = await client.create_candidate({
            "firstName": "Ema", "lastName": "Kral", "email": "ema@example.com",
            "phoneNumber": "+421900000009", "gdprExpiryDate": "2027-01-01", "jobIds": [nurse]})
        await synced(desk.context)
        screen = await open_form(desk, pilot)
        screen.use_candidates([candidate.id])
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        await pilot.pause()
        assert screen.problems == []  # the candidate's only job is resolved automatically
        await send(desk, pilot)
        created = await interviews_of(desk, "ema@example.com")
        assert [i.job_id for i in created] == [nurse]
        assert desk.context.store.interviews_of(candidate.id)  # cached at once


async def test_new_candidate_with_existing_job_uses_the_compact_form(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen)
        fill(screen, agent_id=agent_id(desk, "SCREENING"), job_id=job_id(desk, "Accountant"))
        await pilot.pause()
        assert screen.draft.body(TODAY)[0]["candidate"]["jobId"] == job_id(desk, "Accountant")
        await send(desk, pilot)
        created = await interviews_of(desk, "jana.novak@example.com")
        assert [i.job_id for i in created] == [job_id(desk, "Accountant")]
        assert Drafts(desk.context.settings.drafts_dir).load() is None  # sent: draft gone


async def test_existing_candidate_with_a_new_job(desk) -> None:
    client = desk.context.client
    async with desk.run_test(size=SIZE) as pilot:
        candidate = await client.create_candidate({
            "firstName": "Filip", "lastName": "Nagy", "email": "filip@example.com",
            "phoneNumber": "+421900000010", "gdprExpiryDate": "2027-01-01"})
        await synced(desk.context)
        screen = await open_form(desk, pilot)
        screen.use_candidates([candidate.id])
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        choose(screen, "job-new")
        fill(screen, title="Night Shift Supervisor", country="SK", currency="EUR")
        screen.query_one("#f-required_skills", SkillsInput).skills = ("Leadership", "Rotas")
        await pilot.pause()
        assert screen.problems == []
        await send(desk, pilot)
        created = await interviews_of(desk, "filip@example.com")
        job = await client.get_job(created[0].job_id)
        assert job.title == "Night Shift Supervisor" and job.required_skills == [
            "Leadership", "Rotas"]
        assert created[0].job_id in (await client.get_candidate(candidate.id)).all_job_ids


async def test_new_candidate_and_new_job(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen, email="both.new@example.com")
        fill(screen, agent_id=agent_id(desk, "OUTREACH", "PHONE"))
        choose(screen, "job-new")
        fill(screen, title="Barista in Bratislava", languages="SK:B2, EN:B1")
        await pilot.pause()
        assert screen.problems == []
        await send(desk, pilot)
        created = await interviews_of(desk, "both.new@example.com")
        job = await desk.context.client.get_job(created[0].job_id)
        assert job.title == "Barista in Bratislava"
        assert [r.language for r in job.language_requirements] == ["SK", "EN"]


async def test_generic_interview_takes_no_job(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen, email="pool@example.com")
        fill(screen, agent_id=agent_id(desk, "GENERIC"))
        await pilot.pause()
        assert screen.draft.job_mode == "none"
        assert screen.query_one("#job-new").disabled and screen.query_one("#job-existing").disabled
        assert "take no job" in str(screen.query_one("#job-mode-note").render())
        await send(desk, pilot)
        created = await interviews_of(desk, "pool@example.com")
        assert created[0].job_id is None


async def test_every_broken_rule_sits_under_its_field_and_nothing_is_sent(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen, email="rules@example.com", phone="0915 123 456",
                      gdpr_expiry="2020-01-01")
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        choose(screen, "job-new")
        fill(screen, title="Dev")
        screen.query_one("#f-required_skills", SkillsInput).skills = tuple(
            f"skill {n}" for n in range(6))
        screen.query_one("#f-nice_skills", SkillsInput).skills = tuple(
            f"extra {n}" for n in range(5))
        await pilot.pause()
        assert "E.164" in error(screen, "candidate.phoneNumber")
        assert "has passed" in error(screen, "candidate.gdprExpiryDate")
        assert "at least 5" in error(screen, "job.title")
        assert "together are at most 10" in error(screen, "job.niceToHaveSkills")
        assert "11 of 10 skills" in str(screen.query_one("#skill-counter").render())
        assert "Not ready to send: 4 to fix" in str(screen.query_one("#schedule-status").render())
        sent_before = desk.context.client.requests_sent
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(desk.screen, ScheduleScreen)  # no summary: nothing to confirm
        assert desk.context.client.requests_sent == sent_before


async def test_a_time_without_the_form_is_explained(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        choose(screen, "when-later")
        fill(screen, day="next blue moon", at="9")
        await pilot.pause()
        assert "YYYY-MM-DD" in error(screen, "scheduleTime")
        fill(screen, day="2026-12-02", at="09:30")
        await pilot.pause()
        assert error(screen, "scheduleTime") == ""
        assert screen.draft.body(TODAY)[0]["scheduleTime"].startswith("2026-12-02T09:30:00")
        assert "UTC" in str(screen.query_one("#when-said").render())


async def test_server_rejections_land_on_their_fields(desk, monkeypatch) -> None:
    async def refuse(request):  # type: ignore[no-untyped-def]
        raise RequestRejected("Validation failed",
                              [Problem("candidate.email", "This email is already in use.")])

    monkeypatch.setattr(desk.context.client, "create_interview", refuse)
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen, email="taken@example.com")
        fill(screen, agent_id=agent_id(desk, "SCREENING"), job_id=job_id(desk, "Accountant"))
        await pilot.pause()
        await send(desk, pilot)
        assert "already in use" in error(screen, "candidate.email")
        assert Drafts(desk.context.settings.drafts_dir).load()["email"] == "taken@example.com"


async def test_a_lost_answer_is_reconciled_without_a_duplicate(make_context, settings,
                                                               clock) -> None:
    """The create reaches the sandbox but its answer never comes back."""
    lost: list[str] = []

    class LosingTransport(httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self.inner: httpx.AsyncBaseTransport | None = None

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await self.inner.handle_async_request(request)  # type: ignore[union-attr]
            if request.method == "POST" and request.url.path == "/interviews" and not lost:
                lost.append("once")
                raise httpx.ReadTimeout("answer lost", request=request)
            return response

    transport = LosingTransport()
    context = make_context(transport=transport)
    sandbox = SandboxSettings(db_path=settings.sandbox_path, empty=True, plan="unlimited")
    transport.inner = httpx.ASGITransport(app=create_sandbox_app(sandbox, clock))
    app = InterviewDeskApp(await synced(context), sync_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_form(app, pilot)
        new_candidate(screen, email="lost@example.com")
        fill(screen, agent_id=agent_id(app, "SCREENING"), job_id=job_id(app, "Accountant"))
        await pilot.pause()
        await send(app, pilot)
        assert lost == ["once"]
        assert len(await interviews_of(app, "lost@example.com")) == 1


async def test_ctrl_r_while_the_interview_is_sending_sends_it_once(make_context, settings,
                                                                   clock) -> None:
    """A slow network: "Sending…" for a while, and the recruiter presses ctrl+r and Enter
    again. The send on its way goes on; the interview is created once."""
    sandbox = SandboxSettings(db_path=settings.sandbox_path, empty=True, plan="unlimited")
    transport = HeldTransport(httpx.ASGITransport(app=create_sandbox_app(sandbox, clock)))
    app = InterviewDeskApp(await synced(make_context(transport=transport)),
                           sync_on_start=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_form(app, pilot)
        new_candidate(screen, email="slow@example.com")
        fill(screen, agent_id=agent_id(app, "SCREENING"), job_id=job_id(app, "Accountant"))
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        await transport.on_the_wire.wait()
        await sent_again_while_held(app, pilot, transport)
        assert len(await interviews_of(app, "slow@example.com")) == 1
        assert Drafts(settings.drafts_dir).load() is None


async def test_a_send_past_the_billing_limit_says_what_is_used_and_keeps_the_draft(
        make_context, settings, clock) -> None:
    class SpentPlan(httpx.AsyncBaseTransport):
        """The API refuses every create: the company's minutes are spent."""

        def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
            self.inner = inner

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "POST" and request.url.path == "/interviews":
                return httpx.Response(402, json={"success": False, "data": None, "error": {
                    "code": "BILLING_LIMIT_REACHED",
                    "message": "Company billing limit reached"}})
            return await self.inner.handle_async_request(request)

    sandbox = SandboxSettings(db_path=settings.sandbox_path, empty=True, plan="trial")
    transport = SpentPlan(httpx.ASGITransport(app=create_sandbox_app(sandbox, clock)))
    fake = FakeTime()  # the trial plan's 30 requests a minute, paced without real sleeps
    context = make_context(transport=transport, client_clock=fake.monotonic,
                           client_sleep=fake.sleep)
    app = InterviewDeskApp(await synced(context), sync_on_start=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_form(app, pilot)
        new_candidate(screen, email="spent@example.com")
        fill(screen, agent_id=agent_id(app, "SCREENING"), job_id=job_id(app, "Accountant"))
        await pilot.pause()
        await send(app, pilot)
        assert titled(app, "Billing limit") == [
            "Company billing limit reached. Used 0 minutes; left 300 of 300 minutes."]
        assert Drafts(settings.drafts_dir).load()["email"] == "spent@example.com"


async def test_the_draft_survives_a_restart(make_context) -> None:
    first = InterviewDeskApp(await synced(make_context()), sync_on_start=False)
    async with first.run_test(size=SIZE) as pilot:
        screen = await open_form(first, pilot)
        new_candidate(screen, email="draft@example.com")
        choose(screen, "job-new")
        fill(screen, title="Kept across restarts")
        await pilot.pause()
    second = InterviewDeskApp(make_context(), sync_on_start=False)
    async with second.run_test(size=SIZE) as pilot:
        screen = await open_form(second, pilot)
        assert screen.query_one("#f-email").value == "draft@example.com"
        assert screen.query_one("#f-title").value == "Kept across restarts"
        assert screen.draft.job_mode == "new"


async def _killed_while_sending(context, *, created: bool) -> None:  # type: ignore[no-untyped-def]
    """What a SIGKILL during a send leaves behind: the draft marked as sent, and the interview
    created or not."""
    from app.ui.schedule.draft import NEW, ScheduleDraft

    agent = next(a for a in context.store.agents() if str(a.focus) == "GENERIC")
    draft = ScheduleDraft(candidate_mode=NEW, first_name="Killed", last_name="Midway",
                          email="killed@example.com", phone="+421900000321",
                          gdpr_expiry="2027-06-30", agent_id=agent.id, job_mode="none")
    sent_at = context.clock()
    if created:
        body, _ = draft.body(TODAY)
        await context.client.create_interview(body)
    Drafts(context.settings.drafts_dir).save({**draft.values(), "sent_at": sent_at.isoformat()})


async def test_a_send_interrupted_by_a_crash_is_found_not_repeated(make_context) -> None:
    context = await synced(make_context())
    await _killed_while_sending(context, created=True)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_form(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Drafts(context.settings.drafts_dir).load() is None
        assert titled(app, "Already scheduled")
        assert len(await interviews_of(app, "killed@example.com")) == 1


async def test_a_send_interrupted_before_it_arrived_keeps_the_draft(make_context) -> None:
    context = await synced(make_context())
    await _killed_while_sending(context, created=False)
    app = InterviewDeskApp(context, sync_on_start=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_form(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = Drafts(context.settings.drafts_dir).load()
        assert saved is not None and "sent_at" not in saved
        assert screen.query_one("#f-email").value == "killed@example.com"
        assert "nothing was created" in told(app)


async def test_a_sync_leaves_an_open_agent_list_open_where_the_recruiter_was(
        desk: InterviewDeskApp) -> None:
    """The first sync commits every half second: the agent list, re-filled on each commit,
    closed under the recruiter's hands and forgot the highlighted agent (keys meant for it then
    went to the form)."""
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        select = screen.query_one("#f-agent_id", Select)
        select.focus()
        await pilot.press("enter", "down", "down")
        overlay = select.query_one("SelectOverlay", OptionList)
        highlighted = overlay.highlighted
        assert select.expanded and highlighted is not None
        screen.on_cache_changed()  # as a sync's commit announces it
        await pilot.pause()
        assert select.expanded
        assert overlay.highlighted == highlighted
