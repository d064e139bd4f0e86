"""Every screen test builds the real App through the factory, with a temporary data dir, an
empty sandbox company behind it and a sandbox clock that stands still unless a test moves it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config import Settings, load_settings
from app.factory import AppContext, build_context, prepare_data_dir
from app.sandbox import SandboxClock, SandboxSettings
from tests.conftest import NewCaches
from tests.loopback import seed_sandbox_file

MakeContext = Callable[..., AppContext]


@pytest.fixture(autouse=True, scope="session")
def utc_local_time() -> Iterator[None]:
    """Screens show times in the recruiter's zone; snapshots need the same zone everywhere."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if previous is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = previous
    time.tzset()
FROZEN_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> SandboxClock:
    return SandboxClock(start=FROZEN_AT, scale=0.0)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data", env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml")}
    )


def as_for_a_first_start(settings: Settings, sandbox: SandboxSettings, clock: SandboxClock,
                         new_caches: NewCaches) -> None:
    """Where there is no data dir yet, make it with what a first start makes in it, as
    copies: the new cache and the sandbox's freshly seeded file (see NewCaches and
    seed_sandbox_file). A data dir a test made first is left as the test left it."""
    if not settings.data_dir.exists():
        prepare_data_dir(settings)
        new_caches.copy_to(settings.cache_path, settings.mirrors)
        seed_sandbox_file(sandbox, clock)


@pytest.fixture
def make_context(settings: Settings, clock: SandboxClock,
                 new_caches: NewCaches) -> Iterator[MakeContext]:
    """An AppContext over an empty sandbox company (agents and jobs only), or over `transport`;
    `client_clock` and `client_sleep` go to build_context. A first start finds its data dir
    made as `as_for_a_first_start` makes it."""
    made: list[AppContext] = []

    def make(
        *,
        keys: dict[str, object] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        **client_time: Any,
    ) -> AppContext:
        sandbox = SandboxSettings(
            db_path=settings.sandbox_path, empty=True, plan="unlimited", time_scale=0.0
        )
        if keys is not None:
            sandbox.keys = keys  # type: ignore[assignment]
        as_for_a_first_start(settings, sandbox, clock, new_caches)
        context = build_context(
            settings, sandbox_clock=clock, transport=transport, sandbox_settings=sandbox,
            **client_time,
        )
        made.append(context)
        return context

    yield make
    for context in made:
        context.store.close()
