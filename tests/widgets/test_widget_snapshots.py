"""How the table and the transcript look (review the SVGs in __snapshots__ when they change)."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult

from app.domain.enums import InterviewStatus
from app.domain.models import TranscriptTurn
from widgets.rating import rating_text
from widgets.status_badge import status_text
from widgets.transcript_view import TranscriptView
from widgets.virtual_table import Column, ListRowSource, VirtualTable

STATUSES = list(InterviewStatus)


def candidate(index: int) -> dict[str, Any]:
    return {
        "id": index,
        "name": f"Candidate {index:05d}",
        "status": STATUSES[index % len(STATUSES)],
        "rating": None if index % 7 == 0 else (index * 13) % 101,
    }


class TableHost(App[None]):
    def compose(self) -> ComposeResult:
        columns = [
            Column("name", "Name", width=None),
            Column("status", "Interview", width=14, formatter=status_text),
            Column("rating", "Rating", width=10, align="right", formatter=rating_text),
        ]
        source = ListRowSource(candidate(index) for index in range(5_000))
        yield VirtualTable(columns, source, sort_column="rating", descending=True)


class TranscriptHost(App[None]):
    def compose(self) -> ComposeResult:
        yield TranscriptView(
            [
                TranscriptTurn(speaker="AGENT", text="Hello! Tell me about your Python work.",
                               start_seconds=0),
                TranscriptTurn(speaker="CANDIDATE", start_seconds=4.2,
                               text="I wrote [bold]tools[/bold] in Python for five years, "
                                    "mostly data pipelines and a [link=http://x]web app[/link]."),
                TranscriptTurn(speaker="AGENT", text="What salary do you expect?",
                               start_seconds=71),
                TranscriptTurn(speaker="CANDIDATE", text="Around fifty thousand, in Python.",
                               start_seconds=75.9),
            ]
        )


def test_virtual_table_with_cursor_marks_and_sort(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        pilot.app.query_one(VirtualTable).focus()
        await pilot.press("j", "space", "space", "j")

    assert snap_compare(TableHost(), terminal_size=(70, 14), run_before=run_before)


def test_transcript_with_search_hits(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        view = pilot.app.query_one(TranscriptView)
        view.search("python")
        view.next_hit()
        await pilot.pause()

    assert snap_compare(TranscriptHost(), terminal_size=(70, 16), run_before=run_before)


class PiecesHost(App[None]):
    def compose(self) -> ComposeResult:
        from widgets.chips import FilterChips
        from widgets.histogram import RatingHistogram
        from widgets.rating import RatingGauge, ScoreBar
        from widgets.skills_input import SkillCounter, SkillsInput
        from widgets.status_badge import StatusBadge

        yield StatusBadge(InterviewStatus.IN_PROGRESS)
        yield RatingGauge(72)
        yield ScoreBar("Pronunciation", 81)
        yield ScoreBar("Grammar", 35)
        yield RatingHistogram([12, 45, 47, 61, 66, 68, 72, 85, 91, 100])
        yield FilterChips([("job", "job: Data engineer"), ("status", "status: new")])
        required = SkillsInput(["Python", "SQL"])
        yield required
        yield SkillCounter([required], maximum=10)


def test_rating_histogram_chips_and_skills(snap_compare: Any) -> None:
    assert snap_compare(PiecesHost(), terminal_size=(60, 24))
