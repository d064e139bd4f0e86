"""The monitor against the sandbox: the clock moves, the watcher polls, statuses change and
toasts fire; deleting and the phone call keys change the sandbox and the cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import Input

from app.api.errors import NotFoundError
from app.domain.enums import AnalysisStatus, CallAttemptStatus, Channel, InterviewStatus
from app.domain.models import Agent, Interview
from app.domain.requests import CandidateDraft, InterviewRequest
from app.factory import AppContext
from app.sandbox import DEMO_KEY, SandboxClock
from app.sync.replication import Replicator
from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from app.ui.monitor.call_time import CallTimeScreen
from app.ui.screens.monitor import MonitorScreen
from tests.ui.conftest import MakeContext
from tests.ui.toasts import told

SIZE = (120, 40)


@dataclass
class Company:
    phone_agent: Agent
    online_agent: Agent
    job_id: str


async def company(context: AppContext) -> Company:
    agents = (await context.client.list_agents(limit=100)).items
    jobs = (await context.client.list_jobs(limit=100)).items

    def screening(channel: Channel) -> Agent:
        return next(a for a in agents if a.channel == channel and a.focus == "SCREENING")

    return Company(screening(Channel.PHONE), screening(Channel.ONLINE), jobs[0].id)


async def schedule(
    context: AppContext, agent: Agent, job_id: str, *, name: str, minutes_ahead: float
) -> Interview:
    now = context.clock()
    request = InterviewRequest(
        candidate=CandidateDraft(
            first_name=name,
            last_name="Tester",
            email=f"{name.lower()}@example.com",
            phone_number="+421900123456",
            gdpr_expiry_date=(now + timedelta(days=90)).date(),
            job_id=job_id,
        ),
        agent_id=agent.id,
        schedule_time=now + timedelta(minutes=minutes_ahead) if minutes_ahead else None,
    )
    return await context.client.create_interview(request)


async def synced_desk(context: AppContext) -> InterviewDeskApp:
    await Replicator(context.client, context.store, context.clock).sync(full=True)
    return InterviewDeskApp(context, sync_on_start=False)


async def open_monitor(app: InterviewDeskApp, pilot: Pilot) -> MonitorScreen:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MonitorScreen)
    return app.screen


async def put_cursor_on(pilot: Pilot, screen: MonitorScreen, interview_id: str) -> None:
    assert interview_id in screen.board.interview_ids
    while screen.board.cursor_id != interview_id:
        await pilot.press("down")
    await pilot.pause()


async def test_the_clock_moves_and_the_monitor_follows_with_toasts(
    make_context: MakeContext, clock: SandboxClock
) -> None:
    context = make_context()
    world = await company(context)
    soon = await schedule(context, world.phone_agent, world.job_id, name="Mira", minutes_ahead=5)
    later = await schedule(context, world.online_agent, world.job_id, name="Jon", minutes_ahead=120)
    app = await synced_desk(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_monitor(app, pilot)
        await put_cursor_on(pilot, screen, later.id)
        assert screen.board.entry(soon.id).status == InterviewStatus.SCHEDULED

        clock.advance(timedelta(minutes=6))  # one minute into the call, whatever its outcome
        await app.poll_live()
        await pilot.pause()
        assert screen.board.entry(soon.id).status == InterviewStatus.IN_PROGRESS
        assert "Interview started\nMira Tester" in told(app)
        assert screen.board.cursor_id == later.id
        assert screen.board.interview_ids.index(soon.id) > screen.board.interview_ids.index(
            later.id
        )

        clock.advance(timedelta(minutes=(world.phone_agent.duration or 15) + 1))
        await app.poll_live()
        await pilot.pause()
        final = screen.board.entry(soon.id).status
        assert final in (InterviewStatus.COMPLETED, InterviewStatus.FAILED)
        if final == InterviewStatus.FAILED:  # the sandbox lets some phone calls go unanswered
            assert "Interview failed\nMira Tester" in told(app)
            return
        assert "Interview completed\nMira Tester" in told(app)
        clock.advance(timedelta(minutes=5))
        await app.poll_live()
        await pilot.pause()
        assert screen.board.entry(soon.id).analysis_status == AnalysisStatus.COMPLETED
        assert "Analysis ready\nMira Tester" in told(app)
        assert screen.board.cursor_id == later.id


async def test_deleting_a_running_interview_warns_and_removes_it_everywhere(
    make_context: MakeContext,
) -> None:
    context = make_context()
    world = await company(context)
    running = await schedule(context, world.online_agent, world.job_id, name="Rui", minutes_ahead=0)
    app = await synced_desk(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monitor(app, pilot)
        assert screen.board.entry(running.id).status == InterviewStatus.IN_PROGRESS
        await put_cursor_on(pilot, screen, running.id)
        await pilot.press("d")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "no transcript and no analysis" in str(confirm.query_one(".dialog-body").render())
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert running.id not in screen.board.interview_ids
        assert context.store.interview(running.id) is None
        try:
            await context.client.get_interview(running.id)
        except NotFoundError:
            pass
        else:
            raise AssertionError("the sandbox still has the deleted interview")


async def test_cancelling_a_scheduled_interview_says_the_candidate_will_not_be_called(
    make_context: MakeContext,
) -> None:
    context = make_context()
    world = await company(context)
    later = await schedule(context, world.phone_agent, world.job_id, name="Sol", minutes_ahead=90)
    app = await synced_desk(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monitor(app, pilot)
        await put_cursor_on(pilot, screen, later.id)
        await pilot.press("d")
        await pilot.pause()
        assert "Sol Tester will not be called" in str(
            app.screen.query_one(".dialog-body").render())
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert context.store.interview(later.id) is None


async def test_call_now_on_a_call_planned_for_later_asks_first(
    make_context: MakeContext,
) -> None:
    context = make_context()
    world = await company(context)
    phone = await schedule(context, world.phone_agent, world.job_id, name="Ivo", minutes_ahead=60)
    before = len((await context.client.get_interview(phone.id)).call_attempts)
    app = await synced_desk(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monitor(app, pilot)
        await put_cursor_on(pilot, screen, phone.id)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "instead of at" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("n")  # keep the planned call
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert len((await context.client.get_interview(phone.id)).call_attempts) == before
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = (await context.client.get_interview(phone.id)).call_attempts
        assert len(after) == before + 1
        assert after[-1].called_at == context.clock()
        assert after[-1].status == CallAttemptStatus.IN_PROGRESS
        cached = context.store.interview(phone.id)
        assert cached is not None and cached.interview.call_attempts == after


async def test_reschedule_the_call_to_a_time_with_its_offset(make_context: MakeContext) -> None:
    context = make_context()
    world = await company(context)
    phone = await schedule(context, world.phone_agent, world.job_id, name="Lea", minutes_ahead=60)
    app = await synced_desk(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monitor(app, pilot)
        await put_cursor_on(pilot, screen, phone.id)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, CallTimeScreen)
        when = (context.clock() + timedelta(hours=3)).replace(second=0, microsecond=0)
        app.screen.query_one(Input).value = when.strftime("%Y-%m-%d %H:%M +00:00")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        attempts = (await context.client.get_interview(phone.id)).call_attempts
        waiting = [a for a in attempts if a.status == CallAttemptStatus.SCHEDULED]
        assert [a.scheduled_at for a in waiting] == [when]


async def test_cancel_the_waiting_call(make_context: MakeContext) -> None:
    context = make_context()
    world = await company(context)
    phone = await schedule(context, world.phone_agent, world.job_id, name="Ola", minutes_ahead=60)
    app = await synced_desk(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_monitor(app, pilot)
        await put_cursor_on(pilot, screen, phone.id)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")  # accept the suggested time: a call now waits
        await app.workers.wait_for_complete()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        attempts = (await context.client.get_interview(phone.id)).call_attempts
        assert not [a for a in attempts if a.status == CallAttemptStatus.SCHEDULED]


async def test_a_missing_scope_is_named(make_context: MakeContext) -> None:
    scopes = frozenset(
        {
            "read:interviews",
            "write:interviews",
            "read:candidates",
            "write:candidates",
            "read:jobs",
            "read:agents",
        }
    )
    context = make_context(keys={DEMO_KEY: scopes})
    world = await company(context)
    later = await schedule(context, world.online_agent, world.job_id, name="Kai", minutes_ahead=90)
    app = await synced_desk(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_monitor(app, pilot)
        await put_cursor_on(pilot, screen, later.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "needs delete:interviews" in told(app)
        assert later.id in screen.board.interview_ids
