"""What the API's last answer said of the request budget, for the status bar and the monitor.

The screens read it here rather than from the API client, so no screen holds the client (the
README's layers); reading it builds the client when nothing has yet, as any request would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the desk paints before it imports the API client's modules
    from app.api.limiter import RateLimitState
    from app.factory import AppContext


def api_budget(context: AppContext) -> RateLimitState:
    """Requests left this minute and hour, and their limits (None until an answer said)."""
    return context.client.rate_limit
