"""Snapshots of the scheduling form's states (issue 18): the form as it opens, focused on the
candidate search; every problem under its field; the review in words; the question before a
draft's candidate is replaced; the bulk pre-check; and focus and choices without colour."""

from __future__ import annotations

import pytest

from app.ui.app import InterviewDeskApp
from tests.ui.schedule.form_filling import agent_id, choose, fill, job_id, new_candidate, synced

SIZE = (120, 60)


def test_empty_form(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def open_form(pilot) -> None:  # type: ignore[no-untyped-def]
        await synced(app.context)
        app.cache_written()
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(app, run_before=open_form, terminal_size=SIZE)


def test_new_candidate_with_errors_and_a_new_job(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def type_badly(pilot) -> None:  # type: ignore[no-untyped-def]
        await synced(app.context)
        app.cache_written()
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
        app.cache_written()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        new_candidate(screen)
        fill(screen, agent_id=agent_id(app, "SCREENING"), job_id=job_id(app, "Accountant"))
        choose(screen, "when-later")
        fill(screen, day="thu", at="10:00")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(app, run_before=review, terminal_size=SIZE)


def test_the_question_before_a_drafts_candidate_changes(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def ask(pilot) -> None:  # type: ignore[no-untyped-def]
        ema = await app.context.client.create_candidate({
            "firstName": "Ema", "lastName": "Kral", "email": "ema@example.com",
            "phoneNumber": "+421900000009", "gdprExpiryDate": "2027-01-01"})
        await synced(app.context)
        app.cache_written()
        await pilot.press("s")
        await pilot.pause()
        new_candidate(app.screen)
        await pilot.pause()
        app.screen.use_candidates([ema.id])
        await pilot.pause()

    assert snap_compare(app, run_before=ask, terminal_size=SIZE)


def test_bulk_lists_who_would_be_refused(snap_compare, make_context) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def precheck(pilot) -> None:  # type: ignore[no-untyped-def]
        ids = []
        for first, job in (("Ada", "Registered Nurse"), ("Ben", "Accountant"),
                           ("Cleo", "Registered Nurse")):
            await synced(app.context)
            person = await app.context.client.create_candidate({
                "firstName": first, "lastName": "Bulk", "email": f"{first}@example.com",
                "phoneNumber": "+421900000011", "gdprExpiryDate": "2027-01-01",
                "jobIds": [job_id(app, job)]})
            ids.append(person.id)
        await synced(app.context)
        app.cache_written()
        await pilot.press("s")
        await pilot.pause()
        app.screen.use_candidates(ids)
        fill(app.screen, agent_id=agent_id(app, "SCREENING"),
             job_id=job_id(app, "Registered Nurse"))
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(app, run_before=precheck, terminal_size=SIZE)


def test_focus_and_choices_show_without_colour(snap_compare, make_context,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = InterviewDeskApp(make_context(), sync_on_start=False)

    async def focus_a_radio_set(pilot) -> None:  # type: ignore[no-untyped-def]
        await synced(app.context)
        app.cache_written()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#f-is_test").value = True
        screen.query_one("#job-mode").focus()
        await pilot.pause()

    assert snap_compare(app, run_before=focus_a_radio_set, terminal_size=SIZE)
