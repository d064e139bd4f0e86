"""How a verdict reads in lists: a badge, the counts beside a job's histogram, and the
verdict filter's order. The lines of the analysis viewer and the comparison (which say who
decided, whether it was shared, and the team's verdict) are in verdict_lines.py: the
candidate list, the first screen, needs none of them."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from app.store.verdicts import UNDECIDED
from widgets.numbers import number

VERDICT_STYLES = {"advance": "bold green", "hold": "bold yellow", "reject": "bold red",
                  UNDECIDED: "dim"}
VERDICT_WORDS = {"advance": "Advanced", "hold": "Held", "reject": "Rejected",
                 UNDECIDED: "Left undecided"}
VERDICT_FILTERS = ("advance", "hold", "reject", UNDECIDED)  # what d cycles through, then all


def verdict_badge(value: Any) -> Text:
    """A list cell: the verdict's word in its colour; a dash when undecided."""
    if not value or value == UNDECIDED:
        return Text("—", style="dim")
    return Text(str(value), style=VERDICT_STYLES.get(str(value), ""))


def verdict_counts(labels: list[str], shown: str | None) -> Text:
    """` · advance 2 · hold 1 · reject 0 · undecided 4`, the filtered one underlined; beside
    the job's histogram."""
    text = Text()
    for verdict in VERDICT_FILTERS:
        style = VERDICT_STYLES[verdict] + (" underline" if verdict == shown else "")
        text.append(" · ").append(f"{verdict} {number(labels.count(verdict))}", style=style)
    if shown is not None:
        text.append(f" · showing {shown} (d: next)", style="italic")
    return text


def next_filter(current: str | None) -> str | None:
    """The verdict filter after `current`: advance, hold, reject, undecided, then none."""
    if current is None:
        return VERDICT_FILTERS[0]
    index = VERDICT_FILTERS.index(current) + 1
    return VERDICT_FILTERS[index] if index < len(VERDICT_FILTERS) else None
