"""The private log file in the data dir, and what a crash leaves in it.

The terminal belongs to the TUI and to one-line messages; log lines name candidates, so the file
is created 0600. A crash is written there as a plain traceback: no local variables (Rich's
tracebacks print them, with candidates' names and emails among them) and never the API key.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.config import Settings
from app.factory import prepare_data_dir

log = logging.getLogger("app")


class _KeyHidingFormatter(logging.Formatter):
    """Formats as usual, then puts the key's `sk_…last4` hint wherever the key itself shows
    (an exception's text may quote a header)."""

    def __init__(self, secret: str | None, hint: str) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._secret = secret
        self._hint = hint

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self._secret, self._hint) if self._secret else text


def configure_logging(settings: Settings) -> None:
    """Send the app's log lines to the data dir's log file (once per process and file)."""
    root = logging.getLogger()
    path = os.path.abspath(settings.log_path)
    if any(getattr(handler, "baseFilename", None) == path for handler in root.handlers):
        return
    prepare_data_dir(settings)
    os.close(os.open(settings.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    handler = logging.FileHandler(settings.log_path, encoding="utf-8")
    key = settings.api_key
    handler.setFormatter(_KeyHidingFormatter(key.reveal() if key else None,
                                             key.hint if key else ""))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def record_crash(settings: Settings | None, error: BaseException) -> str:
    """Write `error`'s traceback to the log and return the one line the person sees: what kind
    of error, and where the details are. The error's own text stays out of the line: it may
    quote a candidate."""
    kind = type(error).__name__
    if settings is None:
        return f"unexpected error ({kind}) before the settings were read; nothing was logged."
    try:
        configure_logging(settings)
        log.critical("unexpected error; the desk stopped", exc_info=error)
        for handler in logging.getLogger().handlers:
            handler.flush()
    except OSError as problem:
        return (f"unexpected error ({kind}); the log {settings.log_path} could not be written "
                f"({problem.strerror or type(problem).__name__}).")
    return f"unexpected error ({kind}); the details are in {Path(settings.log_path)}"
