"""The monitor's tests run the real App over a cache holding one interview in every status;
the shared fixtures (settings, a frozen sandbox clock, make_context) live in tests/ui."""

from __future__ import annotations

import pytest

from app.ui.app import InterviewDeskApp
from tests.ui.conftest import MakeContext
from tests.ui.monitor.world import fill


@pytest.fixture
def cached_desk(make_context: MakeContext) -> InterviewDeskApp:
    """The App over a cache holding one interview in every status (see world.py)."""
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)
