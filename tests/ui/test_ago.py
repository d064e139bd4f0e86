"""One `ago()` for the status bar ("synced 3 h ago") and the monitor's finished rows
("1 h 05 min ago"), at the boundaries of each word."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.ui.status_bar import ago

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("seconds", "short", "exact"), [
    (0, "just now", "just now"),
    (59, "just now", "just now"),
    (60, "1 min ago", "1 min ago"),
    (3599, "59 min ago", "59 min ago"),
    (3900, "1 h ago", "1 h 05 min ago"),
    (86399, "23 h ago", "23 h 59 min ago"),
    (86400, "1 d ago", "24 h 00 min ago"),
    (-30, "just now", "just now"),  # a clock a little ahead never says a negative time
])
def test_ago_in_words(seconds: int, short: str, exact: str) -> None:
    moment = NOW - timedelta(seconds=seconds)
    assert ago(moment, NOW) == short
    assert ago(moment, NOW, exact=True) == exact


def test_never_is_said() -> None:
    assert ago(None, NOW) == "never"
