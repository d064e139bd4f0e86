"""Numbers a recruiter reads carry thousands separators everywhere, one way
(`widgets.numbers.number`): "1 of 15551" beside "15,551 candidates" read as two numbers."""

from __future__ import annotations

from dataclasses import replace

from app.ui.app import InterviewDeskApp
from app.ui.browse import BrowseEntry, BrowseList
from app.ui.status_bar import StatusBar
from widgets.numbers import number


def test_a_number_has_its_thousands_separated() -> None:
    assert [number(n) for n in (0, 999, 1_000, 15_551, 1_000_000)] == [
        "0", "999", "1,000", "15,551", "1,000,000"]


def test_the_position_in_a_long_list_reads_with_separators() -> None:
    entries = [BrowseEntry(f"cand-{n}", f"int-{n}") for n in range(15_551)]
    browse = BrowseList("candidates", "candidate", lambda: [*entries, BrowseEntry("x", None)])
    assert browse.position("int-1233", "cand-1233") == "1,234 of 15,551 candidates"
    assert browse.position("none", "x") == "15,551 analysed candidates"


async def test_the_api_budget_in_the_status_bar_reads_with_separators(make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)
    async with app.run_test(size=(140, 30)) as pilot:
        assert app.connection is not None
        app.connection = replace(app.connection, requests_left_minute=999_952,
                                 requests_limit_minute=1_000_000)
        await pilot.pause()
        shown = str(app.screen.query_one(StatusBar).render())
        assert "API budget 999,952/1,000,000 per min" in shown
