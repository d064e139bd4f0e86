"""Our own faithful implementation of the Interviews API, with a living demo company.

Names load from their modules on first use (PEP 562), so the desk can take the sandbox's clock
at start without paying for Starlette and the routes until the first request.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "DEMO_KEY": "app.sandbox.settings",
    "PLANS": "app.sandbox.settings",
    "SandboxSettings": "app.sandbox.settings",
    "SandboxClock": "app.sandbox.clock",
    "create_sandbox_app": "app.sandbox.routes",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
