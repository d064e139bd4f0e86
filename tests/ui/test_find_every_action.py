"""Every action can be found (issue 19): the command palette offers each screen's actions by a
recruiter's words, only where they apply; footers show the keys that matter; `?` groups the
keys by where they work."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandInput, CommandPalette

from app.ui.app import InterviewDeskApp
from app.ui.modals import HelpScreen
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.monitor import MonitorScreen
from tests.ui.analysis.world import fill
from widgets.chips import FilterChips
from widgets.footer import KeyFooter
from widgets.skills_input import SkillsInput
from widgets.virtual_table import VirtualTable

SIZE = (140, 45)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


def offered(app: InterviewDeskApp) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


def footer_keys(app: InterviewDeskApp) -> list[str]:
    return [item.key for item in app.screen.query_one(KeyFooter)._items]


async def test_the_candidate_lists_actions_and_compare_only_with_marks(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = offered(desk)
        assert {"Theme", "Export the list as CSV", "Export the list as JSON",
                "Filter by job, status, interview type or rating",
                "Filter by GDPR: expiring within 14 days", "Mark or unmark this candidate",
                "Schedule an interview for this candidate", "Job view"} <= titles
        assert "Compare the marked candidates" not in titles  # nothing marked
        assert "Drop the last filter" not in titles  # no filter
        await pilot.press("space", "space")
        await pilot.press("e")
        await pilot.pause()
        titles = offered(desk)
        assert "Compare the marked candidates" in titles and "Drop the last filter" in titles
        # what belongs to another screen is not offered here
        assert "Call now" not in titles and "Export the analysis PDF" not in titles


async def test_the_palette_runs_an_export_by_name(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(desk.screen, CommandPalette)
        # The name as one change: one search instead of one per key (22); the palette's keys
        # are pressed one by one in tests/ui/hostile/test_hostile_scheduling.py.
        desk.screen.query_one(CommandInput).value = "export the list as csv"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await desk.workers.wait_for_complete()
        await pilot.pause()
        exported = list((desk.context.settings.data_dir / "exports").glob("candidates-*.csv"))
        assert len(exported) == 1
        assert "Ada" in exported[0].read_text() and "Odd" in exported[0].read_text()


async def test_the_analysis_offers_its_exports_and_the_recording_where_there_is_one(
    desk,
) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.push_screen(AnalysisScreen("int-ada"))
        await pilot.pause()
        titles = offered(desk)
        assert {"Export as Markdown", "Export as JSON", "Export the analysis PDF",
                "Copy the recording link", "Open the recording", "Next candidate",
                "Schedule an interview for this candidate"} <= titles
        help_of = {c.title: c.help for c in desk.get_system_commands(desk.screen)}
        assert help_of["Export as Markdown"].endswith("(e)")
        # The footer shows the verdict keys (issue 23) and Markdown; every export stays here
        # in the palette (above) and in ?.
        assert footer_keys(desk)[-8:] == ["a", "h", "x", "u", "t", "e", "s", "question_mark"]
        on_screen = dict(desk._keys_by_context(desk.screen))["On this screen"]
        assert {"y", "o", "p", "e", "E"} <= {key for key, _ in on_screen}
        view = desk.screen.view
        assert view is not None
        desk.screen.view = type(view)(
            view.interview.model_copy(update={"call_attempts": []}), view.candidate,
            view.agent, view.job)
        assert desk.screen.view.interview.recording_url is None
        titles = offered(desk)
        assert "Copy the recording link" not in titles and "Open the recording" not in titles


async def test_the_monitors_call_actions_only_on_a_phone_interview(make_context) -> None:
    from tests.ui.monitor.world import fill as fill_monitor

    context = make_context()
    fill_monitor(context.store)
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, MonitorScreen)
        kinds = set()
        for interview_id in screen.board.interview_ids:
            screen.board.move_to(interview_id)
            await pilot.pause()
            entry = screen.cursor_entry
            assert entry is not None
            kinds.add(entry.is_phone)
            titles = offered(desk)
            assert "Delete this interview" in titles
            calls = {"Call now", "Cancel the call", "Call at another time"}
            assert calls <= titles if entry.is_phone else not calls & titles
        assert kinds == {True, False}


async def test_help_groups_keys_by_where_they_work_with_the_list_keys(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(desk.screen, HelpScreen)
        groups = dict(desk.screen._groups)
        assert list(groups)[:3] == ["On this screen", "In the list", "Everywhere"]
        in_list = dict(groups["In the list"])
        assert in_list["↓ j"] == "Down" and in_list["↑ k"] == "Up"
        assert in_list["home g"] == "First" and in_list["end G"] == "Last"
        assert {"^d", "^u"} <= set(in_list)
        assert "Filters" in dict(groups["On this screen"]).values()
        assert dict(groups["On this screen"])["^c"] == "Copy the selection, else quit"


async def test_skill_chips_say_skill_not_filter() -> None:
    class Form(App[None]):
        def compose(self) -> ComposeResult:
            yield SkillsInput(["SQL", "Python"])

    app = Form()
    async with app.run_test() as pilot:
        app.query_one(FilterChips).focus()
        await pilot.pause()
        descriptions = {a.binding.description for a in app.screen.active_bindings.values()}
        assert "Remove skill" in descriptions and "Remove filter" not in descriptions


async def test_the_list_chips_still_remove_a_filter(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        desk.screen.query_one(FilterChips).focus()
        await pilot.pause()
        descriptions = {a.binding.description for a in desk.screen.active_bindings.values()}
        assert "Remove filter" in descriptions
        await pilot.press("backspace")
        await pilot.pause()
        assert desk.screen.query_one(VirtualTable).row_count == 8
