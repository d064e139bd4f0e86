"""Start the TUI from the command line."""

from __future__ import annotations

import asyncio
import logging

from app.config import Settings
from app.factory import build_context, prepare_data_dir


def configure_logging(settings: Settings) -> None:
    """Log to a file in the data dir: the terminal belongs to the TUI."""
    prepare_data_dir(settings)
    logging.basicConfig(
        filename=settings.log_path,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def run_tui(settings: Settings) -> int:
    from app.ui.app import InterviewDeskApp

    configure_logging(settings)
    context = build_context(settings)
    try:
        InterviewDeskApp(context).run()
    finally:
        asyncio.run(context.aclose())
    return 0
