"""One place that assembles the app's parts from settings: store, API client, clock, and the
embedded sandbox when no key is configured. The CLI and every test build through here, so
tests can inject a sandbox clock, a transport, the API client's clock and sleep (which pace its
requests and retries), and a temporary data dir."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app.config import SANDBOX_URL, Settings
from app.sandbox import SandboxClock
from app.store import CacheFull, CacheUnwritable, Store, StoreDamaged, StoreError
from app.store.connection import (
    connect,
    set_aside,
    unwritable_message,
    why_unwritable,
    with_side_files,
)

if TYPE_CHECKING:
    import httpx

    from app.api.client import InterviewsClient
    from app.sandbox import SandboxSettings
    from app.store.schema import UpgradeSteps
    from app.sync.replication import Replicator
    from app.sync.watcher import LiveWatcher

# The demo shows the recruiter the wall clock: real time, kept lively by short demo calls and
# a stream of interviews (app/sandbox/traffic.py). `interview-desk sandbox --time-scale` runs
# faster for whoever asks.
SANDBOX_TIME_SCALE = 1.0


class Notice(NamedTuple):
    """Something the recruiter must know about the cache when the desk starts."""

    title: str
    text: str


@dataclass
class AppContext:
    """Everything a screen, an action or a CLI command needs, built once."""

    settings: Settings
    store: Store
    connect: Callable[[], InterviewsClient]
    clock: Callable[[], datetime]
    sandbox_clock: SandboxClock | None = None
    notices: list[Notice] = field(default_factory=list)
    _client: InterviewsClient | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # GDPR dates are judged by the app's own day (the demo's clock, or the wall clock).
        self.store.today = lambda: self.clock().date()
        self.store.verdicts.clock = lambda: self.clock()  # decisions are stamped on the same clock
        if self.settings.your_name:  # who signs the verdicts shared with the team
            self.store.verdicts.reviewer = self.settings.your_name

    @property
    def client(self) -> InterviewsClient:
        """Built on first use rather than with the context: the HTTP stack, the API models and
        the demo's in-process sandbox are most of a cold start, and the candidate list is
        painted from the cache without them."""
        if self._client is None:
            self._client = self.connect()
        return self._client

    def replicator(self) -> Replicator:
        """A sync of the cache from the API. Built here, beside the client it calls, so the
        desk and the `sync` command start one without holding the client."""
        from app.sync.replication import Replicator

        return Replicator(self.client, self.store, self.clock)

    def live_watcher(self) -> LiveWatcher:
        """The poller of live interviews, built beside the client for the same reason."""
        from app.sync.watcher import LiveWatcher

        return LiveWatcher(self.client, self.store, self.clock)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
        self.store.close()


def utc_now() -> datetime:
    return datetime.now(UTC)


def prepare_data_dir(settings: Settings) -> None:
    """The data dir holds personal data and drafts: only the user may read it. One that
    cannot be created is an error naming it; one that cannot be made private (another
    user's, or on a read-only mount) is used as it is."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CacheUnwritable(
            f"The data dir {settings.data_dir} cannot be created: "
            f"{error.strerror or error}. Choose another with --data-dir.") from error
    if os.name == "posix":
        with contextlib.suppress(OSError):
            settings.data_dir.chmod(0o700)


def build_context(
    settings: Settings,
    *,
    sandbox_clock: SandboxClock | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    sandbox_settings: SandboxSettings | None = None,
    client_clock: Callable[[], float] = time.monotonic,
    client_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    on_upgrade: UpgradeSteps | None = None,
) -> AppContext:
    """`client_clock` and `client_sleep` are the API client's monotonic clock and sleep, which
    pace its requests and time its retries: real time, except in tests, where a clock that
    moves by what is slept lets every wait pass at once and a sleep that waits for a signal
    holds a sync mid-wait. `on_upgrade` hears of each step of upgrading an older cache."""
    prepare_data_dir(settings)
    store, notices = open_cache(settings, on_upgrade=on_upgrade)
    api_key = settings.api_key
    if api_key is not None:
        def connect_to_service() -> InterviewsClient:
            from app.api.client import InterviewsClient

            return InterviewsClient(settings.api_url, api_key.reveal(), transport=transport,
                                    clock=client_clock, sleep=client_sleep)

        return AppContext(settings, store, connect_to_service, utc_now, notices=notices)
    clock = sandbox_clock or SandboxClock(scale=SANDBOX_TIME_SCALE)

    def connect_to_sandbox() -> InterviewsClient:
        import httpx

        from app.api.client import InterviewsClient
        from app.sandbox import DEMO_KEY, SandboxSettings, create_sandbox_app

        demo = sandbox_settings or SandboxSettings(
            db_path=settings.sandbox_path, plan="unlimited", time_scale=clock.scale,
            follows_wall_clock=True, lively=True)
        if why_unwritable(demo.db_path) is not None:
            # Where the data dir cannot be written, the demo company lives in memory for as
            # long as the desk runs (the cache cannot be synced there either; the desk says so).
            demo = replace(demo, db_path=Path(":memory:"))
        sandbox = create_sandbox_app(demo, clock)
        # In-process there is no network to spare: pace only by the sandbox's own headers.
        return InterviewsClient(
            SANDBOX_URL, DEMO_KEY, transport=transport or httpx.ASGITransport(app=sandbox),
            max_per_second=0, clock=client_clock, sleep=client_sleep,
        )

    return AppContext(settings, store, connect_to_sandbox, clock.now, clock, notices=notices)


def say_upgrade(step: int, steps: int) -> None:
    """An older cache is upgraded before anything can be read from it, which takes seconds for
    a large one: the desk and the commands say each step in the terminal meanwhile, not a blank
    wait (on stderr, so an export's output stays its own)."""
    print(f"Upgrading the cache to this version of Interview Desk: step {step} of {steps}…",
          file=sys.stderr, flush=True)


def open_cache(settings: Settings, *, existing_only: bool = False,
               on_upgrade: UpgradeSteps | None = None) -> tuple[Store, list[Notice]]:
    """The configured API's cache, opened as the machine allows.

    A cache that cannot be written (a read-only data dir or mount, another user's file, a
    full disk) is opened read-only, and said so: browsing, search and export work from it,
    sync is off. A damaged file is moved aside (kept, not deleted) and a fresh one started,
    which the next sync fills. `existing_only` is for commands that only read (`export`):
    no cache is an error, and a damaged one is moved aside but not replaced."""
    path, notices = adopt_legacy_cache(settings)
    if existing_only and not path.exists():
        raise StoreError(
            f"there is no cache of {settings.mirrors} in {settings.data_dir} yet: run "
            "`interview-desk sync` (or open the app) first.")
    cause = why_unwritable(path)
    if cause is None:
        try:
            return Store.open(path, mirrors=settings.mirrors, on_upgrade=on_upgrade), notices
        except StoreDamaged as problem:
            notice = set_aside(path, problem)
            if existing_only:
                raise StoreDamaged(f"{notice} Run `interview-desk sync` to rebuild it.") \
                    from problem
            notices.append(Notice("Cache rebuilt", notice))
            return Store.open(path, mirrors=settings.mirrors), notices
        except (CacheUnwritable, CacheFull) as refused:
            if not path.exists():
                raise
            reason = str(refused)
    elif not path.exists():
        raise CacheUnwritable(f"The cache {path} cannot be created: {cause}. Choose another "
                              "data dir with --data-dir.")
    else:
        reason = unwritable_message(path, cause)
    store = Store.open(path, mirrors=settings.mirrors, read_only=True)
    store.unwritable = reason
    notices.append(Notice("Read-only cache", reason))
    return store, notices


def adopt_legacy_cache(settings: Settings) -> tuple[Path, list[Notice]]:
    """Where the configured API's cache is, after giving it the data dir's one cache from
    before there was one per API, when that is its own.

    The old cache becomes the cache of the first API that opens it, except that its records
    decide between the sandbox and a real API (jobs and agents name their company, and the
    sandbox's demo company has an id of its own): the sandbox takes only a cache of nothing
    but the demo company, and a real API never takes that one. One that holds a real company
    too (the mix this rule prevents from now on) goes to a real API, whose sync removes what
    its server does not have. Where the data dir cannot be written, the old file is read
    where it is."""
    legacy, target = settings.legacy_cache_path, settings.cache_path
    if target.exists() or not legacy.exists():
        return target, []
    from app.sandbox.seed import COMPANY_ID as SANDBOX_COMPANY_ID

    companies = _companies_in(legacy)
    if companies and (companies == {SANDBOX_COMPANY_ID}) != settings.uses_sandbox:
        return target, []
    try:
        for source, renamed in zip(reversed(with_side_files(legacy)),
                                   reversed(with_side_files(target)), strict=True):
            with contextlib.suppress(FileNotFoundError):
                source.rename(renamed)
    except OSError:
        return legacy, []
    return target, [Notice("Cache", f"{legacy.name} is now the cache of {settings.mirrors}, "
                                    f"named {target.name}; another API gets a cache of its "
                                    "own.")]


def _companies_in(path: Path) -> set[str]:
    """The companies whose jobs and agents the cache at `path` holds (none if unreadable)."""
    try:
        connection = connect(path, read_only=True)
        try:
            rows = connection.execute(
                "SELECT json_extract(raw, '$.companyId') FROM jobs UNION "
                "SELECT json_extract(raw, '$.companyId') FROM agents").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return set()
    return {row[0] for row in rows if isinstance(row[0], str)}
