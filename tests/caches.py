"""Where a test finds the cache of an API: each API has its own file in the data dir."""

from __future__ import annotations

from pathlib import Path

from app.config import load_settings


def cache_of(data_dir: Path, api_url: str | None = None, api_key: str | None = None) -> Path:
    """The cache file of the API at `api_url` with `api_key` (the sandbox's without a key)."""
    return load_settings(api_url=api_url, api_key=api_key, data_dir=data_dir,
                         env={"INTERVIEW_DESK_CONFIG": str(data_dir / "no-config.toml")}
                         ).cache_path
