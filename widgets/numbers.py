"""Numbers as a recruiter reads them: one way everywhere the desk shows a count."""

from __future__ import annotations


def number(value: int) -> str:
    """`15,551`: thousands separated, so "1 of 15551" never sits beside "15,551 candidates"."""
    return f"{value:,}"
