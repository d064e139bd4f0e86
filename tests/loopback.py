"""A sandbox served by uvicorn on a loopback socket in a thread, for tests that need the real
network path: the API client, sync, faults and secrets."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from app.sandbox import SandboxClock, SandboxSettings, create_sandbox_app
from app.sandbox.server import Sandbox


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
