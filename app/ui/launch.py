"""Start the TUI from the command line."""

from __future__ import annotations

import asyncio
import logging
import os

from app.config import Settings
from app.factory import build_context, prepare_data_dir


def configure_logging(settings: Settings) -> None:
    """Log to a private file in the data dir: the terminal belongs to the TUI, and log lines
    may name candidates."""
    prepare_data_dir(settings)
    os.close(os.open(settings.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    handler = logging.FileHandler(settings.log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run_tui(settings: Settings) -> int:
    from app.ui.app import InterviewDeskApp

    configure_logging(settings)
    context = build_context(settings)
    async def run() -> None:
        # One loop for the app and the client's shutdown: its connections belong to it.
        try:
            await InterviewDeskApp(context).run_async()
        finally:
            await context.aclose()

    asyncio.run(run())
    return 0
