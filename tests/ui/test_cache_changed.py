"""One path for "the cache changed": `InterviewDeskApp.cache_written()` makes every open section
re-read exactly once, the section on screen and one left open in another mode alike (a section
whose `on_mount` ran twice re-read twice)."""

from __future__ import annotations

import pytest

from app.domain.models import Candidate
from app.ui.app import InterviewDeskApp
from app.ui.base import DeskScreen
from app.ui.screens.candidates import CandidatesScreen
from app.ui.screens.job import JobScreen
from tests.ui.analysis.world import JOB, fill
from widgets.virtual_table import VirtualTable

SIZE = (140, 45)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


def count_rereads(screen: DeskScreen, counts: dict[str, int]) -> None:
    name = type(screen).__name__
    reread = screen.on_cache_changed

    def counted() -> None:
        counts[name] = counts.get(name, 0) + 1
        reread()

    screen.on_cache_changed = counted  # type: ignore[method-assign]


async def test_each_open_section_rereads_once_per_write(desk: InterviewDeskApp) -> None:
    counts: dict[str, int] = {}
    async with desk.run_test(size=SIZE) as pilot:
        candidates = desk.screen
        assert isinstance(candidates, CandidatesScreen)
        count_rereads(candidates, counts)
        listed = candidates.query_one(VirtualTable).row_count
        await pilot.press("J")  # the job view of the candidate under the cursor
        await pilot.pause()
        job = desk.screen
        assert isinstance(job, JobScreen)
        count_rereads(job, counts)
        with desk.context.store.transaction():
            desk.context.store.save_candidates([Candidate(
                id="cand-new", first_name="Aaron", last_name="New", job_ids=[JOB.id])])
        desk.cache_written()
        await pilot.pause()
        assert counts == {"CandidatesScreen": 1, "JobScreen": 1}
        await pilot.press("escape")
        await pilot.pause()
        assert desk.screen is candidates
        assert candidates.query_one(VirtualTable).row_count == listed + 1
