"""One place that assembles the app's parts from settings: store, API client, clock, and the
embedded sandbox when no key is configured. The CLI and every test build through here, so
tests can inject a sandbox clock, a transport and a temporary data dir."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.config import SANDBOX_URL, Settings
from app.sandbox import SandboxClock
from app.store import Store, StoreDamaged

if TYPE_CHECKING:
    import httpx

    from app.api.client import InterviewsClient
    from app.sandbox import SandboxSettings

# The demo shows the recruiter the wall clock: real time, kept lively by short demo calls and
# a stream of interviews (app/sandbox/traffic.py). `interview-desk sandbox --time-scale` runs
# faster for whoever asks.
SANDBOX_TIME_SCALE = 1.0


@dataclass
class AppContext:
    """Everything a screen, an action or a CLI command needs, built once."""

    settings: Settings
    store: Store
    connect: Callable[[], InterviewsClient]
    clock: Callable[[], datetime]
    sandbox_clock: SandboxClock | None = None
    notices: list[str] = field(default_factory=list)
    _client: InterviewsClient | None = field(default=None, init=False, repr=False)

    @property
    def client(self) -> InterviewsClient:
        """Built on first use rather than with the context: the HTTP stack, the API models and
        the demo's in-process sandbox are most of a cold start, and the candidate list is
        painted from the cache without them."""
        if self._client is None:
            self._client = self.connect()
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
        self.store.close()


def utc_now() -> datetime:
    return datetime.now(UTC)


def prepare_data_dir(settings: Settings) -> None:
    """The data dir holds personal data and drafts: only the user may read it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        settings.data_dir.chmod(0o700)


def build_context(
    settings: Settings,
    *,
    sandbox_clock: SandboxClock | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    sandbox_settings: SandboxSettings | None = None,
) -> AppContext:
    prepare_data_dir(settings)
    store, notices = open_cache(settings)
    api_key = settings.api_key
    if api_key is not None:
        def connect_to_service() -> InterviewsClient:
            from app.api.client import InterviewsClient

            return InterviewsClient(settings.api_url, api_key.reveal(), transport=transport)

        return AppContext(settings, store, connect_to_service, utc_now, notices=notices)
    clock = sandbox_clock or SandboxClock(scale=SANDBOX_TIME_SCALE)

    def connect_to_sandbox() -> InterviewsClient:
        import httpx

        from app.api.client import InterviewsClient
        from app.sandbox import DEMO_KEY, SandboxSettings, create_sandbox_app

        sandbox = create_sandbox_app(
            sandbox_settings or SandboxSettings(
                db_path=settings.sandbox_path, plan="unlimited", time_scale=clock.scale,
                follows_wall_clock=True, lively=True),
            clock,
        )
        # In-process there is no network to spare: pace only by the sandbox's own headers.
        return InterviewsClient(
            SANDBOX_URL, DEMO_KEY, transport=transport or httpx.ASGITransport(app=sandbox),
            max_per_second=0,
        )

    return AppContext(settings, store, connect_to_sandbox, clock.now, clock, notices=notices)


def open_cache(settings: Settings) -> tuple[Store, list[str]]:
    """The cache; a damaged file is moved aside (kept, not deleted) and a new one started,
    which the next sync fills again."""
    try:
        return Store.open(settings.cache_path), []
    except StoreDamaged as error:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = settings.cache_path.with_name(f"{settings.cache_path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = settings.cache_path.with_name(settings.cache_path.name + suffix)
            if source.exists():
                source.rename(aside.with_name(aside.name + suffix))
        notice = (f"{error} It was moved aside to {aside.name} and a fresh cache is being "
                  "built by the sync.")
        return Store.open(settings.cache_path), [notice]
