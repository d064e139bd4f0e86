"""Snapshots of the candidate list, its detail, help, and the empty and offline states."""

from __future__ import annotations

from app.ui.app import InterviewDeskApp
from tests.ui.candidates.world import fill

SIZE = (120, 30)


def test_candidate_list(snap_compare, make_context) -> None:
    context = make_context()
    fill(context.store)
    assert snap_compare(InterviewDeskApp(context, sync_on_start=False), terminal_size=SIZE)


def test_candidate_detail(snap_compare, make_context) -> None:
    context = make_context()
    fill(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    assert snap_compare(app, press=["j", "j", "enter"], terminal_size=SIZE)


def test_help(snap_compare, make_context) -> None:
    context = make_context()
    fill(context.store)
    app = InterviewDeskApp(context, sync_on_start=False)
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE)


def test_never_synced_and_empty(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)
    assert snap_compare(app, terminal_size=SIZE)


def test_offline_with_nothing_cached(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def go_offline(pilot) -> None:
        app.went_offline()
        await pilot.pause()
        app.screen.on_cache_changed()
        await pilot.pause()

    assert snap_compare(app, run_before=go_offline, terminal_size=SIZE)
