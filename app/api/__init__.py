"""The only code that speaks HTTP: the Interviews API client."""

from app.api.client import InterviewsClient
from app.api.wire import Page

__all__ = ["InterviewsClient", "Page"]
