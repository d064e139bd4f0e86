"""The sync's progress in words: what arrived, what is left, how long at the key's budget, and
a line that never wraps (a wrapped line cannot be redrawn in place)."""

from __future__ import annotations

import pytest

from app.sync.progress import SyncProgress, duration

LISTING = SyncProgress(2000, 2000, listings_done=588, listings_total=2000, requests=610,
                       requests_left=1412, eta_seconds=1500, per_minute=58, hour_left=1412)


def test_the_line_says_what_arrived_what_is_left_and_when() -> None:
    line = LISTING.line()
    assert "interviews of 588/2,000 candidates" in line
    assert "1,412 to go" in line and "610 requests" in line
    assert "about 25 min at 58 requests a minute; hour quota 1,412 left" in line
    first = SyncProgress(200, 2000, requests=4, requests_left=1818, eta_seconds=1880,
                         per_minute=58, hour_left=1412)
    assert "candidates 200/2,000" in first.line()


@pytest.mark.parametrize("width", [200, 120, 100, 80, 60, 40])
def test_the_line_fits_the_terminal_and_keeps_the_counts_and_the_wait(width: int) -> None:
    waiting = SyncProgress(**{**LISTING.__dict__, "waiting_seconds": 42.0})
    for progress in (LISTING, waiting):
        line = progress.line(width)
        assert len(line) <= width
        if width >= 60:
            assert "588/2,000" in line
    assert "waiting 42 s for the API's rate limit" in waiting.line(100)


def test_the_hour_quota_wait_is_named() -> None:
    held = SyncProgress(0, None, waiting_seconds=1500, waiting_for_hour=True)
    assert held.waiting == "waiting 25 min for the API's hour quota"


def test_a_stopped_sync_says_what_is_still_to_come() -> None:
    assert LISTING.unfinished() == "interviews of 1,412 candidates still to come"
    assert SyncProgress(200, 2000).unfinished() == (
        "1,800 candidates and their interviews still to come")
    assert SyncProgress(0, None).unfinished() is None


@pytest.mark.parametrize(("seconds", "said"), [(0, "0 s"), (44.2, "45 s"), (60, "1 min"),
                                               (1861, "32 min"), (7500, "2 h 5 min"),
                                               (7200, "2 h")])
def test_durations_read_as_a_person_says_them(seconds: float, said: str) -> None:
    assert duration(seconds) == said


def test_the_status_bar_words_give_way_budget_first_then_what_is_left() -> None:
    assert LISTING.short() == ("syncing interviews of 588/2,000 candidates · 1,412 requests to go"
                               " · about 25 min at 58 requests a minute; hour quota 1,412 left")
    assert LISTING.short(80) == ("syncing interviews of 588/2,000 candidates · 1,412 requests"
                                 " to go · about 25 min")
    assert LISTING.short(60) == "syncing interviews of 588/2,000 candidates · about 25 min"
    assert LISTING.short(30) == "syncing interviews 588/2,000"
    waiting = SyncProgress(**{**LISTING.__dict__, "waiting_seconds": 42.0})
    assert waiting.short() == "syncing interviews of 588/2,000 candidates · 1,412 requests to go"
