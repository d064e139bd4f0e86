"""A sandbox served by uvicorn on a loopback socket in a thread, for tests that need the real
network path: the API client, sync, faults and secrets; and the seeded sandbox files they
start from."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import uvicorn
from starlette.applications import Starlette

from app.sandbox import SandboxClock, SandboxSettings, create_sandbox_app
from app.sandbox.server import Sandbox

_SEEDED = tempfile.TemporaryDirectory(prefix="seeded-sandboxes-")
_seeded_files: dict[tuple[object, ...], Path] = {}


def _company(settings: SandboxSettings, clock: SandboxClock) -> tuple[object, ...] | None:
    """What a freshly seeded file depends on; None when the file is not freshly seeded the
    same way twice: a clock that moves, a file that is already there (a restart), a reset, or
    a lively demo (which also remembers its people in memory as it seeds)."""
    if clock.scale != 0 or settings.reset or settings.lively or settings.db_path.exists():
        return None
    return (settings.seed, settings.empty, settings.candidates, settings.interviews,
            settings.follows_wall_clock, clock.now())


def seed_sandbox_file(settings: SandboxSettings, clock: SandboxClock) -> None:
    """Put at `settings.db_path` the file the sandbox would seed there, when it seeds it the
    same way each time (see `_company`); otherwise leave the sandbox to seed it.

    Seeding writes a new SQLite file (15-60 ms), and the tests start the same company at the
    same frozen moment hundreds of times: it is seeded once per worker process, and each
    start copies it, which the sandbox opens as it opens any seeded file of its own."""
    company = _company(settings, clock)
    if company is None:
        return
    seeded = _seeded_files.get(company)
    if seeded is None:
        seeded = Path(_SEEDED.name) / f"{len(_seeded_files)}.sqlite3"
        Sandbox(replace(settings, db_path=seeded), clock).storage.close()
        _seeded_files[company] = seeded
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded, settings.db_path)


def seeded_sandbox_app(settings: SandboxSettings, clock: SandboxClock) -> Starlette:
    """The sandbox's app on a freshly seeded file, as `create_sandbox_app` makes it (the file
    a copy, see `seed_sandbox_file`)."""
    seed_sandbox_file(settings, clock)
    return create_sandbox_app(settings, clock)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PromptServer(uvicorn.Server):
    """uvicorn's server, stopped the moment `stop()` is called.

    uvicorn notices `should_exit` at its next 0.1 s tick and then waits a fixed 0.1 s before
    closing connections: about 0.2 s per sandbox, and the suite starts hundreds. This one is
    woken instead, and closes exactly as uvicorn does otherwise: no new connections, idle ones
    closed at once, an answer in flight finished first.
    """

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self.ready.set()
        counter = 0
        while not await self.on_tick(counter):  # the tick keeps the Date header current
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        while self.server_state.connections:
            await asyncio.sleep(0.001)
        for server in self.servers:
            await server.wait_closed()

    def stop(self) -> None:
        """From another thread: stop serving now."""
        self.should_exit = True
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)


@dataclass
class LoopbackSandbox:
    """A sandbox served by uvicorn in a thread; `stop()` takes the network away."""

    settings: SandboxSettings
    clock: SandboxClock
    port: int
    _app: Starlette | None = None
    _server: PromptServer | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sandbox(self) -> Sandbox:
        assert self._app is not None
        return self._app.state.sandbox

    def start(self) -> None:
        self._app = seeded_sandbox_app(self.settings, self.clock)
        config = uvicorn.Config(self._app, host="127.0.0.1", port=self.port, log_level="error",
                                lifespan="off")
        self._server = PromptServer(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        self._server.ready.wait(10)
        assert self._server.started, "the sandbox did not start serving"

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.stop()
            self._thread.join(10)
            self.sandbox.storage.close()
            self._server = self._thread = None
