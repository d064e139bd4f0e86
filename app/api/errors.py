"""The API's failures as typed errors, each with a message a recruiter can act on.

Messages never contain the API key; the client passes only its `sk_…last4` hint, if anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the request rules pull in pydantic and phonenumbers: not needed to start
    from app.domain.requests import Problem


class ApiError(Exception):
    """Anything the API or the network did instead of answering as hoped."""

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class AuthenticationError(ApiError):
    """401: the key is unknown, revoked or suspended."""


class MissingScopeError(ApiError):
    """403 INSUFFICIENT_PERMISSIONS: the key lacks one scope; `scope` names it."""

    def __init__(self, scope: str | None, message: str, *, status: int = 403) -> None:
        super().__init__(message, status=status, code="INSUFFICIENT_PERMISSIONS")
        self.scope = scope


class ForbiddenError(ApiError):
    """403 for another reason, e.g. a resource of another company."""


class NotFoundError(ApiError):
    """404: the resource does not exist or was deleted."""


class RequestRejected(ApiError):
    """400/422: the request broke a rule; `problems` name the fields."""

    def __init__(self, message: str, problems: Sequence[Problem], *, status: int = 400,
                 code: str | None = None) -> None:
        super().__init__(message, status=status, code=code)
        self.problems = list(problems)


class ConflictError(ApiError):
    """409: the request clashes with the current state."""


class BillingLimitError(ApiError):
    """The company's billing limit blocks creating interviews."""


class RateLimitedError(ApiError):
    """429 after the retries ran out; `retry_after` seconds until the API takes requests."""

    def __init__(self, message: str, retry_after: float, *, status: int = 429) -> None:
        super().__init__(message, status=status, code="RATE_LIMITED")
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx after the retries ran out."""


class UnreadableAnswerError(ServerError):
    """The API answered, but not with what was asked: a body that is not JSON or cannot be
    decoded, no list where a list belongs, a record that cannot be read or has another id.
    Asking again would get the same answer, so it is not retried."""


class OfflineError(ApiError):
    """The API could not be reached (connection, DNS, timeout before sending); nothing
    happened on the server."""


class OutcomeUnknownError(ApiError):
    """A create was sent but its answer was lost: it may or may not have happened. Check
    before sending again."""


SCOPE_CONSEQUENCES = {
    "write:interviews": "scheduling interviews",
    "delete:interviews": "deleting and cancelling interviews",
    "read:interviews": "seeing interviews",
    "read:candidates": "seeing candidates",
    "write:candidates": "adding or changing candidates",
    "read:jobs": "seeing jobs",
    "write:jobs": "creating jobs",
    "read:agents": "seeing agents",
    "read:billing": "checking billing usage",
}


def missing_scope_message(scope: str | None) -> str:
    if scope is None:
        return ("This API key lacks a permission this action needs. Ask your admin for a key "
                "with the right scopes.")
    unavailable = SCOPE_CONSEQUENCES.get(scope, "this action")
    return (f"This API key lacks the scope {scope}, so {unavailable} is unavailable. "
            "Ask your admin for a key that has it.")
