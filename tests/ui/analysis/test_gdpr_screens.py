"""Past their GDPR date, before the purge has run: no screen shows a candidate's data, search
finds none of it, and no PDF or export of it is written (issue 17, point 4)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.models import Candidate
from app.sandbox import SandboxClock
from app.store import CandidateQuery
from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.candidate_detail import CandidateDetailScreen
from app.ui.screens.search import SearchScreen
from tests.ui.analysis.world import AGENTS, JOB, interview
from tests.ui.conftest import FROZEN_AT
from widgets.transcript_view import TranscriptView
from widgets.virtual_table import VirtualTable

SIZE = (140, 45)


@pytest.fixture
def desk(make_context, clock: SandboxClock) -> InterviewDeskApp:  # type: ignore[no-untyped-def]
    """Ada may be kept until today; her analysed interview is cached."""
    context = make_context()
    store = context.store
    with store.transaction():
        store.save_agents(AGENTS.values())
        store.save_jobs([JOB])
        store.save_candidates([Candidate(
            id="cand-ada", first_name="Ada", last_name="Lovelace", email="ada@example.com",
            job_ids=[JOB.id], gdpr_expiry_date=FROZEN_AT.date())])
        store.save_interviews([interview("ada", "SCREENING")])
    assert store.search("ledger") and store.interview("int-ada") is not None
    return InterviewDeskApp(context, sync_on_start=False)


def a_day_passes(clock: SandboxClock) -> None:
    """After the desk's start (and its purge): the next purge is up to an hour away."""
    clock.advance(timedelta(days=1))


def screen_text(app: InterviewDeskApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query("Static"))


async def test_the_analysis_reads_as_removed(desk: InterviewDeskApp, clock: SandboxClock) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        a_day_passes(clock)
        await desk.push_screen(AnalysisScreen("int-ada"))
        await pilot.pause()
        await pilot.pause()
        text = screen_text(desk)
        assert "not in the cache" in text
        for secret in ("Ada", "Precise with SQL", "Little Python", "recordings.example"):
            assert secret not in text
        assert desk.screen.query_one(TranscriptView).turn_count == 0
        sent = desk.context.client.requests_sent
        await pilot.press("p", "e", "E")  # PDF, Markdown, JSON
        await pilot.pause()
        await desk.workers.wait_for_complete()
        await pilot.pause()
        exports = desk.context.settings.data_dir / "exports"
        assert not exports.exists() or list(exports.iterdir()) == []
        assert desk.context.client.requests_sent == sent


async def test_search_finds_nothing_of_theirs(desk: InterviewDeskApp, clock: SandboxClock) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        a_day_passes(clock)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(desk.screen, SearchScreen)
        await pilot.press(*"ledger", "enter")
        await pilot.pause()
        assert desk.screen.query_one("#search-results", VirtualTable).row_count == 0
        assert "Precise" not in screen_text(desk)


async def test_the_candidate_page_and_the_monitor_skip_them(
    desk: InterviewDeskApp, clock: SandboxClock,
) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        a_day_passes(clock)
        await desk.push_screen(CandidateDetailScreen("cand-ada"))
        await pilot.pause()
        text = screen_text(desk)
        assert "purged under GDPR" in text and "ada@example.com" not in text
        assert desk.screen.query_one(VirtualTable).row_count == 0
    assert desk.context.store.monitor_entries(FROZEN_AT) == []  # it finished 2 h before that


async def test_the_list_shows_them_as_removed(desk: InterviewDeskApp, clock: SandboxClock) -> None:
    async with desk.run_test(size=SIZE):
        a_day_passes(clock)
        rows = desk.context.store.candidate_rows(CandidateQuery(), today=clock.now().date())
        assert [(row.id, row.name, row.email) for row in rows] == [("cand-ada", "", None)]
