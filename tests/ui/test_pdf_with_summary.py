"""The analysis PDF is the API's; saving it also saves a summary in words beside it, with the
job, the date and the transcript (issue 19)."""

from __future__ import annotations

import pytest

from app.ui import screens
from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from tests.ui.analysis.world import fill
from tests.ui.toasts import titled


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


async def test_saving_the_pdf_saves_a_summary_beside_it(desk, monkeypatch) -> None:
    async def api_pdf(_context, interview_id: str) -> bytes:
        return b"%PDF-1.4 " + interview_id.encode()

    monkeypatch.setattr(screens.analysis, "analysis_pdf", api_pdf)
    async with desk.run_test(size=(120, 40), notifications=True) as pilot:
        await desk.push_screen(AnalysisScreen("int-ada"))
        await pilot.pause()
        await pilot.press("p")
        await desk.workers.wait_for_complete()
        await pilot.pause()
        exports = desk.context.settings.data_dir / "exports"
        pdf = next(exports.glob("*.pdf"))
        assert pdf.read_bytes() == b"%PDF-1.4 int-ada"
        summary = pdf.with_suffix(".md").read_text()
        assert "# Ada Lovelace" in summary
        assert "- Job: Data Analyst" in summary
        assert "- When: 2026-" in summary and " UTC" in summary
        assert "## Transcript" in summary and "PostgreSQL" in summary
        told = titled(desk, "Analysis PDF")
        assert told and pdf.with_suffix(".md").name in told[0] and "transcript" in told[0]
