"""What every part of the bench shares, kept apart from the data generator so that the
cold-start probe imports no more than the desk itself does."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.config import Settings, load_settings
from app.sandbox.clock import SandboxClock

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # the benchmark's frozen clock


def frozen_clock() -> SandboxClock:
    """A sandbox clock standing still at NOW."""
    return SandboxClock(start=NOW, scale=0.0)


def settings_for(data_dir: Path, *, api_url: str | None = None,
                 api_key: str | None = None) -> Settings:
    """Settings over `data_dir` (the sandbox unless an API is named), blind to the user's
    environment and config file."""
    return load_settings(api_url=api_url, api_key=api_key, data_dir=data_dir,
                         env={"INTERVIEW_DESK_CONFIG": str(data_dir / "config.toml")})
