"""Compare puts like with like, and the job view lets the recruiter choose the job (issue 19)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.models import Job
from app.ui.app import InterviewDeskApp
from app.ui.screens.compare import CompareScreen, open_compare
from app.ui.screens.job import JobScreen
from tests.ui.analysis.world import JOB, START, candidate, fill, interview
from widgets.virtual_table import VirtualTable

SIZE = (140, 45)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


def columns(app: InterviewDeskApp) -> list[str]:
    return [str(w.render()) for w in app.screen.query(".compare-column Static")]


def title(app: InterviewDeskApp) -> str:
    return str(app.screen.query_one("#compare-title").render())


async def test_compare_says_when_the_types_differ_and_shows_each_type(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        open_compare(desk, ["cand-ada", "cand-mark", "cand-ben"])
        await pilot.pause()
        assert isinstance(desk.screen, CompareScreen)
        shown = columns(desk)
        assert "screening" in shown[0] and "outreach" in shown[2]
        assert "types differ: Ben Okafor's is outreach" in title(desk)
        assert "latest analysed screening interview" in title(desk)
        assert "Recommended for the next round." in shown[0]  # the evaluation
        assert "Interest: high" in shown[2] and "Follow up: yes" in shown[2]


async def test_compare_picks_the_same_type_where_a_candidate_has_it(desk) -> None:
    store = desk.context.store
    older = START - timedelta(days=3)
    with store.transaction():  # Ben's older screening, besides his newer outreach
        store.save_interviews([interview("ben", "SCREENING", rating=50, when=older)
                               .model_copy(update={"id": "int-ben-screening"})])
    async with desk.run_test(size=SIZE) as pilot:
        open_compare(desk, ["cand-ada", "cand-ben"])
        await pilot.pause()
        shown = columns(desk)
        assert "50" in shown[1] and "Interest" not in shown[1]
        assert "types differ" not in title(desk)


async def test_the_job_view_steps_through_the_candidates_jobs(desk) -> None:
    store = desk.context.store
    second = Job(id="job-second", title="Data Engineer")
    with store.transaction():
        store.save_jobs([second])
        store.save_candidates([candidate("ada", "Ada", "Lovelace")
                               .model_copy(update={"job_ids": [JOB.id, second.id]})])
        store.save_interviews([interview("ada2", "SCREENING", rating=80)
                               .model_copy(update={"candidate_id": "cand-ada",
                                                   "job_id": second.id})])
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("J")  # Ada, first in the list
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, JobScreen) and screen.job_id == JOB.id
        assert "job 1 of 2 of this candidate" in str(screen.query_one("#job-title").render())
        await pilot.press("J")
        await pilot.pause()
        assert screen.job_id == second.id
        assert "Data Engineer" in str(screen.query_one("#job-title").render())
        assert screen.query_one(VirtualTable).cursor_row_id == "cand-ada"
        await pilot.press("J")
        await pilot.pause()
        assert screen.job_id == JOB.id


async def test_a_candidate_with_one_job_has_no_other(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("j", "J")
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, JobScreen)
        assert screen.check_action("other_job", ()) is False
        assert "of this candidate" not in str(screen.query_one("#job-title").render())
