"""A cache written before times were checked on the way in (issue 20): an interview with a
time without a zone (`2026-12-01T09:00:00`) and times at the calendar's ends, which some zones
cannot show (`0001-01-01T00:30:00+01:00` is before year 1 in UTC). Today's wire check skips
such records as they arrive, but an old cache still holds them: every screen and the export
read them without a crash, and show the times they can."""

from __future__ import annotations

import json
from typing import Any

from app.store import CandidateQuery
from app.store.export import analysis_markdown, candidates_csv, candidates_json
from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.candidate_detail import CandidateDetailScreen
from app.ui.screens.compare import CompareScreen
from app.ui.screens.job import JobScreen
from tests.ui.conftest import MakeContext
from tests.ui.hostile.world import fill, wire_world

NAIVE = "2026-12-01T09:00:00"
BEFORE_THE_CALENDAR = "0001-01-01T00:30:00+01:00"  # 31 Dec of year 0 in UTC
AFTER_THE_CALENDAR = "9999-12-31T23:30:00-01:00"  # year 10000 in UTC


def old_world() -> dict[str, list[dict[str, Any]]]:
    world = wire_world()
    a, b, c, d = world["interviews"]
    a.update(scheduledAt=NAIVE, finishedDate=BEFORE_THE_CALENDAR, createdAt=NAIVE)
    a["callAttempts"][0].update(scheduledAt=AFTER_THE_CALENDAR, calledAt=NAIVE)
    b.update(scheduledAt=AFTER_THE_CALENDAR)
    b["callAttempts"][0].update(scheduledAt=BEFORE_THE_CALENDAR)
    c.update(scheduledAt=NAIVE)
    d.update(scheduledAt=BEFORE_THE_CALENDAR, finishedDate=NAIVE)
    for candidate in world["candidates"]:
        candidate.update(createdAt=NAIVE, updatedAt=AFTER_THE_CALENDAR)
    return world


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.pause()


async def test_every_screen_reads_an_old_cache_of_impossible_times(
        make_context: MakeContext) -> None:
    context = make_context()
    fill(context.store, old_world())
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screens: list[Any] = [CandidateDetailScreen(f"cand-{key}") for key in "abcd"]
        screens += [AnalysisScreen("int-a"), AnalysisScreen("int-d"),
                    CompareScreen(["cand-a", "cand-d"]), JobScreen("job-evil")]
        for number, screen in enumerate(screens):
            # Each replaces the last: going back to the list in between only repainted it.
            await (desk.switch_screen(screen) if number else desk.push_screen(screen))
            await settle(pilot)
            assert desk.is_running, type(screen).__name__
        desk.pop_screen()
        for section in ("monitor", "review", "search", "candidates"):
            await desk.switch_mode(section)
            await settle(pilot)
            assert desk.is_running, section
        await desk.switch_mode("monitor")
        monitor = desk.screen
        for interview_id in ("int-a", "int-b", "int-c", "int-d"):
            monitor.highlight_interview(interview_id)  # type: ignore[attr-defined]
            await settle(pilot)
            await pilot.press("enter")  # the interview's details
            await settle(pilot)
            assert desk.is_running, interview_id
            await pilot.press("escape")
            await settle(pilot)
        await desk.action_schedule(["cand-a"])
        await settle(pilot)
        assert desk.is_running
    exported = list(candidates_json(context.store, CandidateQuery(), with_transcripts=True))
    assert len(json.loads(json.dumps(exported, default=str))) == 4
    assert candidates_csv(context.store, CandidateQuery()).count("cand-") == 4
    for interview_id in ("int-a", "int-d"):
        view = context.store.interview(interview_id)
        assert view is not None and "Strong" in analysis_markdown(view)
