"""Every screen, modal, select and toast over a cache where every text is hostile: nothing
crashes, markup is shown as text, and no control, escape or bidi character (nor what an escape
carried) reaches the drawn screen.

The walk runs with the app's last guard (the line filter that strips controls before drawing)
switched off, so it proves that each screen cleans its own text; one test proves the guard on
its own."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from rich.text import Text
from textual.app import App
from textual.widgets import Select, Static

from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.candidate_detail import CandidateDetailScreen
from app.ui.screens.compare import CompareScreen
from app.ui.screens.job import JobScreen
from tests.textual_hooks import drawn
from tests.ui.conftest import MakeContext
from tests.ui.hostile.world import START, fill, hostile, unsafe_parts, wire_world

SIZE = (160, 60)


@pytest.fixture
def unguarded(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The desk without its last guard: what each screen draws is what it cleaned itself."""
    monkeypatch.setattr(InterviewDeskApp, "get_line_filters", App.get_line_filters)
    yield


def stand_in_server(request: httpx.Request) -> httpx.Response:
    """An API whose error messages are hostile and whose running interview has finished."""
    interviews = {record["id"]: record for record in wire_world()["interviews"]}
    name = request.url.path.rsplit("/", 1)[-1]
    if name == "int-c":
        return httpx.Response(200, json={**interviews[name], "status": "COMPLETED",
                                         "finishedDate": START.isoformat()})
    if name in interviews:
        return httpx.Response(200, json=interviews[name])
    return httpx.Response(400, json={"success": False, "error": {
        "code": "VALIDATION_ERROR", "message": hostile("Server says")}})


@pytest.fixture
def desk(make_context: MakeContext, unguarded: None) -> InterviewDeskApp:
    context = make_context(transport=httpx.MockTransport(stand_in_server))
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.pause()


def assert_clean(app: App, where: str) -> str:
    """The screen as drawn holds nothing a terminal would obey; returns its text (what a
    repaint writes, tests/textual_hooks.py) for more checks."""
    shown = drawn(app)
    assert unsafe_parts(shown) == [], f"{where}: {unsafe_parts(shown)!r}"
    return shown


async def expand_selects(app: App, pilot, where: str) -> None:  # type: ignore[no-untyped-def]
    """Open every select of the screen in turn: their option lists are drawn then."""
    for select in app.screen.query(Select):
        select.expanded = True
        await settle(pilot)
        assert_clean(app, f"{where}, select {select.id} open")
        select.expanded = False
        await settle(pilot)


async def test_candidate_list_page_and_filters(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = assert_clean(desk, "candidate list")
        assert "Ann" in shown and "Bob" in shown
        await pilot.press("plus")
        await settle(pilot)
        assert_clean(desk, "candidate filters")
        await expand_selects(desk, pilot, "candidate filters")
        await pilot.press("escape")
        await desk.push_screen(CandidateDetailScreen("cand-a"))
        await settle(pilot)
        shown = assert_clean(desk, "candidate page")
        assert "[bold red]x[/]" in shown  # markup is shown as the text it is
        assert "Otto" in shown and "Job" in shown


async def test_analysis_compare_and_job(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        for interview_id in ("int-a", "int-d"):
            await desk.push_screen(AnalysisScreen(interview_id))
            await settle(pilot)
            shown = assert_clean(desk, f"analysis {interview_id}")
            assert "Strong" in shown and "Evaluation" in shown
        await desk.push_screen(CompareScreen(["cand-a", "cand-d"]))
        await settle(pilot)
        assert_clean(desk, "compare")
        await desk.push_screen(JobScreen("job-evil"))
        await settle(pilot)
        assert "Job" in assert_clean(desk, "job view")


async def test_search_results(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.switch_mode("search")
        await settle(pilot)
        await pilot.press(*"needle", "enter")
        await settle(pilot)
        shown = assert_clean(desk, "search results")
        assert "needle" in shown and "Reply" in shown


async def test_monitor_its_filter_details_and_questions(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.switch_mode("monitor")
        await settle(pilot)
        shown = assert_clean(desk, "monitor")
        assert "Bob" in shown and "Cid" in shown
        await pilot.press("slash")
        await settle(pilot)
        assert_clean(desk, "monitor filter")
        await expand_selects(desk, pilot, "monitor filter")
        await pilot.press("escape")
        await settle(pilot)
        monitor = desk.screen
        for key, where in (("enter", "interview details"), ("x", "cancel question"),
                           ("t", "call time")):
            monitor.highlight_interview("int-b")  # type: ignore[attr-defined]
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert desk.screen is not monitor, where
            assert "Bob" in assert_clean(desk, where)
            await pilot.press("escape")
            await settle(pilot)


async def test_scheduling_form_and_its_selects(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.action_schedule(["cand-a"])
        await settle(pilot)
        assert "Ann" in assert_clean(desk, "scheduling form")
        await expand_selects(desk, pilot, "scheduling form")


async def test_toasts_from_the_api_and_the_live_watcher(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        await desk.poll_live()  # int-c has finished: the toast names Cid
        await settle(pilot)
        shown = assert_clean(desk, "live watcher toast")
        assert "Cid" in shown and "the interview has finished" in shown
        desk.clear_notifications()
        desk.action_refresh()  # the stand-in answers every list with a hostile 400
        await desk.workers.wait_for_complete()
        await settle(pilot)
        shown = assert_clean(desk, "API error toast")
        assert "Server says" in shown and "[bold red]x[/]" in shown
        desk.notify(hostile("Any"), title=hostile("Title"))
        await settle(pilot)
        assert_clean(desk, "a toast with a hostile title")


async def test_modals_given_server_text(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.push_screen(ConfirmScreen(hostile("Delete"), hostile("Consequence")))
        await settle(pilot)
        assert "Consequence" in assert_clean(desk, "confirmation")
        await pilot.press("n")
        desk.show_error(hostile("Error"), hostile("Details"))
        await settle(pilot)
        assert "Details" in assert_clean(desk, "error report")


async def test_the_last_guard_keeps_controls_off_a_screen_that_forgot(
        make_context: MakeContext) -> None:
    """A widget that shows raw server text (none should) still draws no control character."""
    context = make_context()
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(80, 20)) as pilot:
        await desk.screen.mount(Static(Text(hostile("Raw")), id="forgetful"))
        await settle(pilot)
        shown = drawn(desk)
        assert "Raw" in shown
        assert [part for part in unsafe_parts(shown) if len(part) == 1] == []

