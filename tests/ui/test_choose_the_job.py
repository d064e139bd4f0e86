"""The job histogram lets the recruiter choose the job (issue 19): a candidate with two jobs
shows both by name, the one shown marked, J the next; the palette opens any job's view by its
title, from any screen."""

from __future__ import annotations

from app.domain.models import Job
from app.ui.app import InterviewDeskApp
from app.ui.screens.job import JobScreen
from tests.ui.analysis.world import JOB, candidate, fill, interview

SECOND = Job(id="job-second", title="Data Engineer")


def two_jobs_desk(make_context) -> InterviewDeskApp:  # type: ignore[no-untyped-def]
    context = make_context()
    fill(context.store)
    store = context.store
    with store.transaction():
        store.save_jobs([SECOND])
        store.save_candidates([candidate("ada", "Ada", "Lovelace")
                               .model_copy(update={"job_ids": [JOB.id, SECOND.id]})])
        store.save_interviews([interview("ada2", "SCREENING", rating=80)
                               .model_copy(update={"candidate_id": "cand-ada",
                                                   "job_id": SECOND.id})])
    return InterviewDeskApp(context, sync_on_start=False)


def reversed_words(screen: JobScreen) -> list[str]:
    """The parts of the title drawn in reverse: the job shown among the candidate's."""
    shown = screen.query_one("#job-title").render()
    return [str(shown)[span.start:span.end] for span in shown.spans  # type: ignore[union-attr]
            if getattr(span.style, "reverse", False)]


def title_lines(screen: JobScreen) -> list[str]:
    return str(screen.query_one("#job-title").render()).splitlines()


async def test_a_candidate_with_two_jobs_shows_both_by_name(make_context) -> None:
    desk = two_jobs_desk(make_context)
    async with desk.run_test(size=(80, 24)) as pilot:
        await pilot.press("J")  # Ada, first in the list
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, JobScreen)
        lines = title_lines(screen)
        assert lines[0].startswith("Data Analyst · ")
        assert "Data Analyst" in lines[1] and "Data Engineer" in lines[1]
        marked = reversed_words(screen)
        assert marked == ["Data Analyst"]
        await pilot.press("J")
        await pilot.pause()
        assert title_lines(screen)[0].startswith("Data Engineer · 1 rated")
        marked = reversed_words(screen)
        assert marked == ["Data Engineer"]
        assert screen.query_one("#job-title").region.height == 2  # no line wraps at 80


async def test_the_palette_opens_any_jobs_view_by_its_title(make_context) -> None:
    desk = two_jobs_desk(make_context)
    async with desk.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        commands = {command.title: command for command in desk.get_system_commands(desk.screen)}
        assert {"Job view: Data Analyst", "Job view: Data Engineer"} <= set(commands)
        commands["Job view: Data Engineer"].callback()
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, JobScreen) and screen.job_id == SECOND.id
        assert title_lines(screen) == [title_lines(screen)[0]]  # no candidate: one line
