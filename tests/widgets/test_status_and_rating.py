"""Statuses and ratings read as words, not only as colours."""

from __future__ import annotations

import math

import pytest
from textual.app import App, ComposeResult

from app.domain.enums import AnalysisStatus, CallAttemptStatus, InterviewStatus
from widgets.histogram import rating_summary
from widgets.rating import RatingGauge, ScoreBar, rating_band, rating_text
from widgets.status_badge import StatusBadge, status_text


@pytest.mark.parametrize(
    ("status", "word"),
    [
        (InterviewStatus.SCHEDULED, "scheduled"),
        (InterviewStatus.IN_PROGRESS, "in progress"),
        (InterviewStatus.COMPLETED, "completed"),
        (InterviewStatus.FAILED, "failed"),
        (InterviewStatus.CANCELLED, "cancelled"),
        (AnalysisStatus.PENDING, "pending"),
        (AnalysisStatus.PROCESSING, "processing"),
        (CallAttemptStatus.IN_PROGRESS, "in progress"),
        ("COMPLETED", "completed"),
        ("in progress", "in progress"),
    ],
)
def test_status_text_carries_the_word_and_a_colour(status: str, word: str) -> None:
    text = status_text(status)
    assert word in text.plain
    assert text.style


def test_statuses_differ_in_colour() -> None:
    styles = {str(status_text(status).style) for status in InterviewStatus}
    assert len(styles) == len(InterviewStatus)


def test_unknown_status_is_shown_as_it_came() -> None:
    assert status_text("ON_HOLD").plain == "ON_HOLD"
    assert status_text("[red]x").plain == "[red]x"
    assert status_text(None).plain == "—"


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, "weak"), (39, "weak"), (40, "fair"), (59, "fair"), (60, "good"), (79, "good"),
     (80, "strong"), (100, "strong"), (None, None)],
)
def test_rating_bands_have_their_boundaries(value: int | None, band: str | None) -> None:
    assert rating_band(value) == band


def test_rating_text_for_cells() -> None:
    assert rating_text(73).plain == "73 good"
    assert rating_text(None).plain == "—"


class GaugeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RatingGauge(85, id="gauge")
        yield ScoreBar("Pronunciation", 40, id="score")
        yield StatusBadge(InterviewStatus.SCHEDULED, id="badge")


async def test_gauge_shows_bar_number_and_band_and_follows_its_value() -> None:
    app = GaugeApp()
    async with app.run_test(size=(40, 5)) as pilot:
        gauge = app.query_one(RatingGauge)
        shown = gauge.render().plain
        assert shown.endswith("85 strong")
        assert len(shown) == 40
        assert shown.count("█") == round(0.85 * (40 - len(" 85 strong")))
        gauge.value = 39
        await pilot.pause()
        assert gauge.render().plain.endswith("39 weak")
        gauge.value = None
        assert gauge.render().plain == "not rated"
        score = app.query_one(ScoreBar).render().plain
        assert score.startswith("Pronunciation") and score.endswith(" 40")
        assert "█" in score and "░" in score
        badge = app.query_one(StatusBadge)
        badge.status = InterviewStatus.FAILED
        await pilot.pause()
        assert "failed" in str(badge.render())


@pytest.mark.parametrize("impossible", [math.nan, math.inf, -math.inf])
def test_a_rating_that_is_not_a_number_reads_as_not_rated(impossible: float) -> None:
    """A cache written before the client refused them may hold one; it must not crash."""
    assert rating_text(impossible).plain == "—"
    assert rating_band(impossible) is None
    assert rating_summary([impossible, 50]).count == 1


@pytest.mark.parametrize("off_the_scale", [150, -20, 1e308])
def test_a_cached_rating_off_the_scale_reads_as_not_rated(off_the_scale: float) -> None:
    """A cache written before the client read such ratings as none may hold one: no band
    word, bar or number of 309 digits is made up from it."""
    assert rating_text(off_the_scale).plain == "—"
    assert rating_band(off_the_scale) is None
    assert rating_summary([off_the_scale, 50]).count == 1


@pytest.mark.parametrize("off_the_scale", [250, -40, 101, 1e308])
async def test_a_score_off_its_scale_shows_no_bar_and_no_number(off_the_scale: float) -> None:
    """A pronunciation score of 250 drew a full bar and `250`; one of 1e308 pushed its number
    off the line, so the row read as blank."""
    class ScoreApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ScoreBar("Accuracy", off_the_scale)

    app = ScoreApp()
    async with app.run_test(size=(40, 3)):
        shown = app.query_one(ScoreBar).render().plain
        assert shown.rstrip().endswith(" —") and "█" not in shown
        assert str(round(off_the_scale)) not in shown
