"""Snapshots of the To review section at 80x24 and 120x40, with one candidate decided, and of
the analysis viewer with a verdict and a note, and of the candidate list with its verdicts."""

from __future__ import annotations

import pytest

from app.store.verdicts import Verdict
from app.ui.app import InterviewDeskApp
from tests.ui.review.world import fill


def desk(make_context) -> InterviewDeskApp:  # type: ignore[no-untyped-def]
    context = make_context()
    fill(context.store)
    context.store.verdicts.reviewer = "ana"
    context.store.verdicts.decide("cand-cleo", "job-data", Verdict.ADVANCE, interview_id="int-cleo",
                                  note="Strong SQL; meet the team")
    return InterviewDeskApp(context, sync_on_start=False)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_review_queue(snap_compare, make_context, size: tuple[int, int]) -> None:
    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(desk(make_context), run_before=open_it, terminal_size=size)


def test_an_analysis_with_its_verdict(snap_compare, make_context) -> None:
    from app.ui.screens.analysis import AnalysisScreen

    app = desk(make_context)

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await app.push_screen(AnalysisScreen("int-cleo"))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, run_before=open_it, terminal_size=(120, 40))


def test_the_candidate_list_with_its_verdicts(snap_compare, make_context) -> None:
    """At 80 columns the Verdict column stays (it takes the Jobs column's room)."""
    app = desk(make_context)
    app.context.store.verdicts.decide("cand-ben", "job-data", Verdict.REJECT)
    app.context.store.verdicts.decide("cand-dan", "job-data", Verdict.HOLD)
    assert snap_compare(app, terminal_size=(80, 24))
