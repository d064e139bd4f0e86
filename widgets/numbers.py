"""Numbers as a recruiter reads them: one way everywhere the desk shows a count."""

from __future__ import annotations


def number(value: int) -> str:
    """`15,551`: thousands separated, so "1 of 15551" never sits beside "15,551 candidates"."""
    return f"{value:,}"


def timestamp(seconds: float | None) -> str:
    """mm:ss from the start of the call (minutes keep counting past an hour); --:-- if unknown
    or before the call: the transcript view and the Markdown export say it the same way."""
    if seconds is None or seconds < 0:
        return "--:--"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes:02d}:{rest:02d}"
