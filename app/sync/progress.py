"""How far a sync is, in words: one piece for the `sync` command's line and the status bar.

A first sync of a real account takes as long as the API's rate limit says (2,000 candidates on
the default plan: about half an hour), so the recruiter is told what has arrived, what is still
coming, and how long that takes at the pace the key's budget allows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime

from widgets.numbers import number

BAR_WIDTH = 20
SHOWN_PACE_AT_MOST = 10_000  # requests a minute; above that the server sets no real limit


@dataclass(frozen=True)
class SyncProgress:
    """Where a sync is. First the candidates arrive, page by page; then their interviews,
    one listing per candidate, most useful first (`listings_total` is None until then)."""

    candidates_done: int
    candidates_total: int | None
    listings_done: int = 0
    listings_total: int | None = None
    requests: int = 0  # sent by this sync so far
    requests_left: int | None = None  # what the rest of the sync needs, as far as known
    eta_seconds: float | None = None
    per_minute: float | None = None  # the pace the key's budget allows
    hour_left: int | None = None  # of the hour's quota, the reserve kept back
    waiting_seconds: float | None = None  # the rate limit holds the next request this long
    waiting_for_hour: bool = False  # it is the hour's quota that is spent, not the minute's
    waiting_until: datetime | None = None  # when that wait ends, on the sync's clock

    def at(self, now: datetime) -> SyncProgress:
        """The progress as it reads at `now`: a wait said once is counted down (an hour
        quota's "waiting 25 min" must not stand for 25 minutes), and gone once it is over."""
        if self.waiting_until is None:
            return self
        left = (self.waiting_until - now).total_seconds()
        if left > 0:
            return replace(self, waiting_seconds=left)
        return replace(self, waiting_seconds=None, waiting_for_hour=False, waiting_until=None)

    @property
    def listing(self) -> bool:
        return self.listings_total is not None

    @property
    def waiting(self) -> str | None:
        """What the CLI's line and the status bar say while the rate limit holds the sync."""
        if self.waiting_seconds is None:
            return None
        if self.waiting_for_hour:
            return f"waiting {duration(self.waiting_seconds)} for the API's hour quota"
        return f"waiting {math.ceil(self.waiting_seconds)} s for the API's rate limit"

    def budget(self) -> str | None:
        """`about 31 min at 60 requests a minute; hour quota 1,412 left`."""
        if self.eta_seconds is None:
            return None
        text = f"about {duration(self.eta_seconds)}"
        if self.per_minute is not None and self.per_minute <= SHOWN_PACE_AT_MOST:
            text += f" at {number(round(self.per_minute))} requests a minute"
        if self.hour_left is not None and self.per_minute is not None \
                and self.per_minute <= SHOWN_PACE_AT_MOST:
            text += f"; hour quota {number(self.hour_left)} left"
        return text

    def counts(self, *, bare: bool = False) -> str:
        """`candidates 200/2,000` while they arrive, then `interviews of 120/1,412 candidates`
        (`bare`: `interviews 120/1,412`, for a narrow line)."""
        if self.listing:
            if bare:
                return f"interviews {number(self.listings_done)}/{number(self.listings_total)}"
            return (f"interviews of {number(self.listings_done)}/"
                    f"{number(self.listings_total)} candidates")
        if self.candidates_total:
            return f"candidates {number(self.candidates_done)}/{number(self.candidates_total)}"
        return f"candidates {number(self.candidates_done)}"

    def share(self) -> float | None:
        if self.listing:
            return min(1.0, self.listings_done / self.listings_total) if self.listings_total \
                else 1.0
        if self.candidates_total:
            return min(1.0, self.candidates_done / self.candidates_total)
        return None

    def line(self, width: int | None = None) -> str:
        """The `sync` command's line: a bar, the counts, the requests, what is left and when
        it will be done, and any wait. Within `width` (the terminal's: a line that wraps can
        no longer be redrawn in place), the least telling parts give way first."""
        share = self.share()
        bar = None if share is None else \
            f"[{'#' * round(share * BAR_WIDTH)}{'-' * (BAR_WIDTH - round(share * BAR_WIDTH))}]"
        to_go = None if self.requests_left is None else f"{number(self.requests_left)} to go"
        budget = self.budget()
        eta = None if self.eta_seconds is None else f"about {duration(self.eta_seconds)}"
        # from the fullest to the barest; the first that fits is shown
        for parts in ([bar, self.counts(), f"{number(self.requests)} requests", to_go, budget],
                      [bar, self.counts(), to_go, budget],
                      [bar, self.counts(), to_go, eta],
                      [self.counts(), to_go, eta],
                      [self.counts(), eta]):
            text = "Syncing " + " · ".join(
                [part for part in parts if part] + ([self.waiting] if self.waiting else []))
            if width is None or len(text) <= width:
                return text.replace("] · ", "] ", 1)
        return text[:width]

    def unfinished(self) -> str | None:
        """What a stopped sync left to come, for the status bar until the next one: the list
        and search work on what arrived, and say it is not all."""
        if self.listing:
            left = (self.listings_total or 0) - self.listings_done
            return f"interviews of {number(left)} candidates still to come" if left > 0 else None
        if not self.candidates_done:
            return None  # nothing arrived: the cache is as it was
        if self.candidates_total and self.candidates_done < self.candidates_total:
            return (f"{number(self.candidates_total - self.candidates_done)} candidates and their "
                    "interviews still to come")
        return "interviews still to come"

    def short(self, width: int | None = None) -> str:
        """The status bar's words, the fullest that fits in `width`: `syncing interviews of
        120/1,412 candidates · 1,292 requests to go · about 23 min at 58 requests a minute;
        hour quota 1,412 left`, then without the budget, then without what is left. While the
        rate limit holds the sync, the wait is said beside it (in bold) instead of the time to
        go."""
        to_go = (None if self.requests_left is None
                 else f"{number(self.requests_left)} requests to go")
        budget = None if self.waiting else self.budget()
        eta = None if self.waiting or self.eta_seconds is None else \
            f"about {duration(self.eta_seconds)}"
        counts, bare = self.counts(), self.counts(bare=True)
        text = ""
        for parts in ([counts, to_go, budget], [counts, to_go, eta], [counts, eta], [counts],
                      [bare, eta], [bare]):
            text = "syncing " + " · ".join(part for part in parts if part)
            if width is None or len(text) <= width:
                break
        return text


def duration(seconds: float) -> str:
    """`45 s`, `31 min`, `2 h 5 min`: as a person says how long something takes."""
    seconds = max(0, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min" if minutes % 60 else f"{minutes // 60} h"
