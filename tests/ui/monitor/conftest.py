"""The monitor's tests build the real App through the factory, with a temporary data dir and a
sandbox clock that stands still unless a test moves it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from app.config import Settings, load_settings
from app.factory import AppContext, build_context
from app.sandbox import SandboxClock, SandboxSettings
from app.ui.app import InterviewDeskApp
from tests.ui.monitor.world import START, fill

MakeContext = Callable[..., AppContext]


@pytest.fixture
def clock() -> SandboxClock:
    return SandboxClock(start=START, scale=0.0)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data", env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml")}
    )


@pytest.fixture
def make_context(settings: Settings, clock: SandboxClock) -> Iterator[MakeContext]:
    """An AppContext over an empty sandbox company (agents and jobs only), or over `transport`."""
    made: list[AppContext] = []

    def make(
        *,
        keys: dict[str, object] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> AppContext:
        sandbox = SandboxSettings(
            db_path=settings.sandbox_path, empty=True, plan="unlimited", time_scale=0.0
        )
        if keys is not None:
            sandbox.keys = keys  # type: ignore[assignment]
        context = build_context(
            settings, sandbox_clock=clock, transport=transport, sandbox_settings=sandbox
        )
        made.append(context)
        return context

    yield make
    for context in made:
        context.store.close()


@pytest.fixture
def cached_desk(make_context: MakeContext) -> InterviewDeskApp:
    """The App over a cache holding one interview in every status (see world.py)."""
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)
