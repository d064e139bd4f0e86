"""Verdicts where candidates are listed (Pilot): the job view's counts beside the histogram,
its verdict column and filter; the candidate list's verdict column and filter; the compare
badge."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.store.verdicts import Verdict
from app.ui.app import InterviewDeskApp
from app.ui.screens.compare import CompareScreen
from app.ui.screens.job import JobScreen
from tests.ui.review.world import fill
from widgets.virtual_table import VirtualTable

SIZE = (120, 40)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    verdicts = context.store.verdicts
    verdicts.decide("cand-ada", "job-data", Verdict.ADVANCE, note="Team lead material")
    verdicts.decide("cand-ben", "job-data", Verdict.REJECT)
    return InterviewDeskApp(context, sync_on_start=False)


def row_ids(screen) -> list[str]:  # type: ignore[no-untyped-def]
    source = screen.query_one(VirtualTable).source
    return [str(getattr(row, "id", None) or row["id"]) for row in source.rows(0, source.count())]


async def test_the_job_view_counts_shows_and_filters_verdicts(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.push_screen(JobScreen("job-data"))
        await pilot.pause()
        screen = desk.screen
        title = str(screen.query_one("#job-title").render())
        assert "advance 1 · hold 0 · reject 1 · undecided 2" in title
        table = screen.query_one(VirtualTable)
        by_id = {row.id: row.verdict for row in table.source.rows(0, 10)}
        assert by_id == {"cand-ada": "advance", "cand-ben": "reject", "cand-cleo": "undecided",
                         "cand-dan": "undecided"}
        await pilot.press("d")  # advance
        assert row_ids(screen) == ["cand-ada"]
        await pilot.press("d", "d", "d")  # hold, reject, undecided
        assert row_ids(screen) == ["cand-cleo", "cand-dan"]
        assert "showing undecided" in str(screen.query_one("#job-title").render())
        await pilot.press("d")  # all again
        assert len(row_ids(screen)) == 4


async def test_the_candidate_list_filters_by_verdict(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = desk.screen
        await pilot.press("d")
        await pilot.pause()
        assert row_ids(screen) == ["cand-ada"]
        assert ("verdict", "verdict: advance") in screen.filters.chips()
        await pilot.press("d", "d", "d")
        await pilot.pause()
        assert row_ids(screen) == ["cand-cleo", "cand-dan"]
        await pilot.press("x")  # the chip drops like any other
        await pilot.pause()
        assert len(row_ids(screen)) == 4


def verdict_cells(screen) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    source = screen.query_one(VirtualTable).source
    return {row.id: row.verdict for row in source.rows(0, source.count())}


async def test_the_candidate_list_shows_each_verdict_and_follows_changes(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = desk.screen
        assert verdict_cells(screen) == {"cand-ada": "advance", "cand-ben": "reject",
                                         "cand-cleo": None, "cand-dan": None}
        table = screen.query_one(VirtualTable)
        assert "Verdict" in [column.title for column in table.columns]
        table.move_cursor_to_id("cand-ada")
        await pilot.pause()
        drawn = "\n".join(table.render_line(y).text for y in range(table.size.height))
        ada = next(line for line in drawn.splitlines() if "Ada Lovelace" in line)
        assert "advance" in ada
        # a verdict recorded elsewhere (the analysis viewer's keys) shows on return
        desk.context.store.verdicts.decide("cand-dan", "job-data", Verdict.HOLD)
        desk.cache_written()
        await pilot.pause()
        assert verdict_cells(screen)["cand-dan"] == "hold"


async def test_the_candidate_list_shows_the_verdict_of_the_filtered_job(desk) -> None:
    desk.context.store.verdicts.decide("cand-ada", "job-other", Verdict.REJECT)  # newer
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = desk.screen
        assert verdict_cells(screen)["cand-ada"] == "reject"  # the latest, any job
        screen.filters = replace(screen.filters, job_id="job-data")
        screen._reload(from_top=True)
        await pilot.pause()
        assert verdict_cells(screen)["cand-ada"] == "advance"
        await pilot.press("d")  # advance, on this job
        await pilot.pause()
        assert row_ids(screen) == ["cand-ada"]


async def test_compare_shows_each_verdict_and_note(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.push_screen(CompareScreen(["cand-ada", "cand-cleo"]))
        await pilot.pause()
        columns = [str(w.render()) for w in desk.screen.query(".compare-column Static")]
        assert "Verdict: advance" in columns[0] and "Team lead material" in columns[0]
        assert "Verdict: undecided" in columns[1]


async def test_compare_filters_by_verdict(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.push_screen(CompareScreen(["cand-ada", "cand-ben", "cand-cleo"]))
        await pilot.pause()

        def names() -> list[str]:
            return [str(w.render()).splitlines()[0].lstrip("★ ")
                    for w in desk.screen.query(".compare-column Static")]

        assert names() == ["Ada Lovelace", "Ben Okafor", "Cleo Marsh"]
        await pilot.press("d")  # advance
        await pilot.pause()
        assert names() == ["Ada Lovelace"]
        assert "showing advance" in str(desk.screen.query_one("#compare-title").render())
        await pilot.press("d")  # hold: nobody
        await pilot.pause()
        assert names() == []
        assert "None of these candidates is hold" in str(
            desk.screen.query_one("#compare-columns Static").render())
        await pilot.press("d", "d")  # reject, undecided
        await pilot.pause()
        assert names() == ["Cleo Marsh"]
        await pilot.press("d")  # all again
        await pilot.pause()
        assert len(names()) == 3
