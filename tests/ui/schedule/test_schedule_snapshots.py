"""Snapshots of the scheduling form's states."""

from __future__ import annotations

from app.ui.app import InterviewDeskApp
from tests.ui.schedule.conftest import agent_id, choose, fill, new_candidate, synced

SIZE = (120, 60)


def test_empty_form(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def open_form(pilot) -> None:  # type: ignore[no-untyped-def]
        await synced(app.context)
        app.cache_version += 1
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(app, run_before=open_form, terminal_size=SIZE)


def test_new_candidate_with_errors_and_a_new_job(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def type_badly(pilot) -> None:  # type: ignore[no-untyped-def]
        await synced(app.context)
        app.cache_version += 1
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        new_candidate(screen, phone="0915", gdpr_expiry="2026-02-30")
        fill(screen, agent_id=agent_id(app, "SCREENING"))
        choose(screen, "job-new")
        fill(screen, title="Dev", country="Slovakia")
        await pilot.pause()

    assert snap_compare(app, run_before=type_badly, terminal_size=SIZE)


def test_summary_before_sending(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def review(pilot) -> None:  # type: ignore[no-untyped-def]
        await synced(app.context)
        app.cache_version += 1
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        new_candidate(screen)
        fill(screen, agent_id=agent_id(app, "GENERIC"))
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(app, run_before=review, terminal_size=SIZE)
