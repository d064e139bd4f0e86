"""The sandbox served by uvicorn in a process of its own on 127.0.0.1, as a server elsewhere is
reached: `served(settings)` yields its URL.

The process runs this module (`python -m bench.served`), which imports the sandbox and uvicorn
and nothing else. It was a `multiprocessing` child before, and a spawned child imports its
parent's main module first: the whole bench (the API client, sqlite-utils, the replicator) or,
in the test suite, pytest, for about half a second of CPU per server before it seeded anything.
Its clock stands still at the bench's moment (`bench.setting.NOW`). It reads its settings from
its stdin and serves until that closes, so a bench that dies, however it dies, leaves no server
behind.
"""

from __future__ import annotations

import asyncio
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.sandbox import SandboxSettings, create_sandbox_app
from bench.setting import frozen_clock

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 300  # seeding the full size's sandbox takes a few seconds


@contextmanager
def served(settings: SandboxSettings) -> Iterator[str]:
    """Yields the URL of the sandbox of `settings` once it listens; stops it on leaving."""
    server = subprocess.Popen([sys.executable, "-m", "bench.served"], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert server.stdin is not None and server.stdout is not None
    try:
        server.stdin.write(pickle.dumps(settings))
        server.stdin.flush()
        # A sandbox that never listens is stopped after START_SECONDS, which ends the read.
        give_up = threading.Timer(START_SECONDS, server.kill)
        give_up.start()
        try:
            port = server.stdout.readline().strip()
        finally:
            give_up.cancel()
        if not port.isdigit():
            raise RuntimeError(f"the loopback sandbox did not start (exit code "
                               f"{server.poll()})")
        yield f"http://127.0.0.1:{int(port)}"
    finally:
        server.stdin.close()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def _serve(settings: SandboxSettings) -> None:
    """In the server's process: the sandbox on a free loopback port, said on stdout once it
    listens, until stdin closes."""
    import uvicorn

    app = create_sandbox_app(settings, frozen_clock())
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error",
                                           lifespan="off"))
    loop = asyncio.get_running_loop()

    def stop_at_the_end_of_stdin() -> None:
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(setattr, server, "should_exit", True)

    threading.Thread(target=stop_at_the_end_of_stdin, daemon=True).start()
    serving = asyncio.ensure_future(server.serve())
    while not server.started and not serving.done():
        await asyncio.sleep(0.01)
    if server.started:
        print(server.servers[0].sockets[0].getsockname()[1], flush=True)
    await serving


if __name__ == "__main__":
    asyncio.run(_serve(pickle.load(sys.stdin.buffer)))
