"""The scheduling form's tests: the real App over an empty sandbox company whose agents and jobs
are synced into the cache (the helpers that fill the form are in form_filling.py)."""

from __future__ import annotations

import pytest

from app.ui.app import InterviewDeskApp
from tests.ui.conftest import MakeContext
from tests.ui.schedule.form_filling import synced


@pytest.fixture
async def desk(make_context: MakeContext) -> InterviewDeskApp:
    context = await synced(make_context())
    return InterviewDeskApp(context, sync_on_start=False)
