"""Sync tests talk to a real sandbox server over a loopback socket through the real client.

The sandbox clock stands still unless a test moves it; the client never sleeps between retries,
so an offline test fails over in milliseconds instead of backing off for seconds.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette

from app.api.client import InterviewsClient
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings, create_sandbox_app
from app.sandbox.server import Sandbox
from app.store import Store
from app.sync.replication import Replicator

FROZEN_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CANDIDATES = 250  # three pages of 100
INTERVIEWS = 320


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LoopbackSandbox:
    """A sandbox served by uvicorn in a thread; `stop()` takes the network away."""

    settings: SandboxSettings
    clock: SandboxClock
    port: int
    _app: Starlette | None = None
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sandbox(self) -> Sandbox:
        assert self._app is not None
        return self._app.state.sandbox

    def start(self) -> None:
        self._app = create_sandbox_app(self.settings, self.clock)
        config = uvicorn.Config(self._app, host="127.0.0.1", port=self.port, log_level="error",
                                lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        while not self._server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)
            self.sandbox.storage.close()
            self._server = self._thread = None


@pytest.fixture
def clock() -> SandboxClock:
    return SandboxClock(start=FROZEN_AT, scale=0.0)


@pytest.fixture
def server(tmp_path: Path, clock: SandboxClock) -> Iterator[LoopbackSandbox]:
    settings = SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", candidates=CANDIDATES,
                               interviews=INTERVIEWS, time_scale=0.0, plan="unlimited")
    served = LoopbackSandbox(settings, clock, free_port())
    served.start()
    yield served
    served.stop()


async def no_sleep(_seconds: float) -> None:
    return None


@pytest.fixture
async def client(server: LoopbackSandbox) -> AsyncIterator[InterviewsClient]:
    async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                timeout=5.0) as made:
        yield made


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def replicator(client: InterviewsClient, store: Store, clock: SandboxClock) -> Replicator:
    return Replicator(client, store, clock.now)
