"""Scheduling drafts on disk, so nothing a recruiter typed is lost to a crash or a restart.

A draft is the form's raw field values (JSON), written atomically (temporary file, fsync,
rename) with mode 0600, and removed once the interview is sent or the draft discarded.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DRAFT_NAME = "schedule.json"
# The choices for a batch of marked candidates, beside the one-candidate draft (which a batch
# leaves alone and gives back when it ends).
BULK_DRAFT_NAME = "schedule-bulk.json"


class Drafts:
    """One scheduling draft in a data dir (one form is open at a time)."""

    def __init__(self, directory: Path, name: str = DRAFT_NAME) -> None:
        self.directory = directory
        self.path = directory / name

    def save(self, values: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".draft-")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(values, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def load(self) -> dict[str, Any] | None:
        """The saved values, or None; an unreadable draft is set aside, never fatal."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            values = json.loads(text)
        except json.JSONDecodeError:
            aside = self.path.with_suffix(".unreadable")
            os.replace(self.path, aside)
            log.warning("set aside an unreadable scheduling draft as %s", aside.name)
            return None
        return values if isinstance(values, dict) else None

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
