"""Our own faithful implementation of the Interviews API, with a living demo company."""

from app.sandbox.clock import SandboxClock
from app.sandbox.routes import create_sandbox_app
from app.sandbox.settings import DEMO_KEY, PLANS, SandboxSettings

__all__ = ["DEMO_KEY", "PLANS", "SandboxClock", "SandboxSettings", "create_sandbox_app"]
