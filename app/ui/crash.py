"""How the desk stops on an unexpected error: quietly on the terminal, in full in the log.

Textual's own handler prints a Rich traceback with every frame's local variables: candidates'
names, emails and phone numbers, perhaps the API key. This mixin keeps the error for
`app.ui.launch`, which writes it to the log without locals and prints one line.

It overrides two of Textual's private methods (`_handle_exception`, `_fatal_error`); they live
here alone, and `tests/process/test_crash.py` runs a crashing desk in a real terminal, so a
Textual upgrade that renames them fails there.
"""

from __future__ import annotations

from textual.app import App
from textual.worker import WorkerFailed


class StopsQuietly(App[None]):
    """An App that remembers its first unhandled error and exits without printing it."""

    crash: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:  # a worker's error comes wrapped: keep its own traceback
            self.crash = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)  # sets the exit status; Pilot re-raises it in tests

    def _fatal_error(self) -> None:
        self.bell()
        self.panic()  # exit with nothing to print: no traceback, no locals
