"""How a sandbox is set up: its file, seed, dialect, keys, plan and injected faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEMO_KEY = "sk_demo0000000000000000000000000000000000000000"
ALL_SCOPES = frozenset({
    "read:interviews", "write:interviews", "delete:interviews",
    "read:candidates", "write:candidates", "delete:candidates",
    "read:jobs", "write:jobs", "delete:jobs",
    "read:agents", "write:agents", "delete:agents",
    "read:billing",
})


@dataclass(frozen=True)
class Plan:
    per_minute: int | None  # None: no rate limit
    per_hour: int | None
    interview_minutes: int


PLANS = {
    "trial": Plan(30, 500, 300),
    "starter": Plan(60, 2_000, 2_000),
    "business": Plan(200, 10_000, 10_000),
    "scale": Plan(600, 30_000, 50_000),
    "unlimited": Plan(None, None, 1_000_000),
}


@dataclass
class SandboxSettings:
    db_path: Path
    seed: int = 7
    dialect: str = "wrapped"  # or "bare"
    keys: dict[str, frozenset[str] | str] = field(default_factory=lambda: {DEMO_KEY: "*"})
    plan: str = "unlimited"
    require_candidate_filter: bool = True
    time_scale: float = 1.0
    # The embedded demo: its clock is the wall clock, so a stored world found ahead of it is
    # moved back rather than the clock forward (see timekeeper), and it keeps interviewing.
    follows_wall_clock: bool = False
    lively: bool = False
    latency_ms: int = 0
    error_rate: float = 0.0
    throttle_rate: float = 0.0
    drop_rate: float = 0.0
    empty: bool = False
    reset: bool = False
    candidates: int = 300
    interviews: int = 400

    def scopes_of(self, key: str) -> frozenset[str] | None:
        scopes = self.keys.get(key)
        if scopes is None:
            return None
        return ALL_SCOPES if scopes == "*" else frozenset(scopes)
