"""Start the TUI from the command line."""

from __future__ import annotations

import asyncio
import contextlib

from app.config import Settings
from app.factory import build_context, say_upgrade
from app.logfile import configure_logging


def run_tui(settings: Settings) -> int:
    """Run the desk; an error that stopped it is raised again once the terminal is restored,
    so `app.cli` logs it and prints one line like any other command's crash."""
    from app.ui.app import InterviewDeskApp

    with contextlib.suppress(OSError):  # a data dir that cannot be written: the desk says so
        configure_logging(settings)
    context = build_context(settings, on_upgrade=say_upgrade)
    desk = InterviewDeskApp(context)

    async def run() -> None:
        # One loop for the app and the client's shutdown: its connections belong to it.
        try:
            await desk.run_async()
        finally:
            await context.aclose()

    asyncio.run(run())
    if desk.crash is not None:
        raise desk.crash
    return desk.return_code or 0

