"""Snapshots of the analysis viewer for every interview type and state, compare and search."""

from __future__ import annotations

import pytest

from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.compare import CompareScreen
from tests.ui.analysis.world import fill

SIZE = (140, 45)


def desk(make_context) -> InterviewDeskApp:  # type: ignore[no-untyped-def]
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


@pytest.mark.parametrize("key", ["ada", "ben", "cleo", "dan", "eva", "finn"])
def test_analysis(snap_compare, make_context, key: str) -> None:
    app = desk(make_context)

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await app.push_screen(AnalysisScreen(f"int-{key}"))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, run_before=open_it, terminal_size=SIZE)


def test_compare_three(snap_compare, make_context) -> None:
    app = desk(make_context)

    async def compare(pilot) -> None:  # type: ignore[no-untyped-def]
        await app.push_screen(CompareScreen(["cand-ada", "cand-ben", "cand-dan"]))
        await pilot.pause()

    assert snap_compare(app, run_before=compare, terminal_size=SIZE)


def test_search_results(snap_compare, make_context) -> None:
    app = desk(make_context)
    assert snap_compare(app, press=["f", *"ledger", "enter"], terminal_size=SIZE)
