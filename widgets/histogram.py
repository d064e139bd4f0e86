"""How a job's ratings are spread: buckets of ten, with count, mean and median.

The figures come from `rating_summary`, a plain function, so a report or an export can show the
same numbers the screen does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean, median

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from widgets.numbers import number
from widgets.rating import FILLED_CELL, rating_band, rating_text

BUCKETS = 10  # 0-9, 10-19, ... 80-89, 90-100


@dataclass(frozen=True)
class RatingSummary:
    """Ratings of a group: how many, mean, median, and how many fall in each bucket of ten."""

    count: int
    mean: float | None
    median: float | None
    buckets: tuple[int, ...]


def bucket_of(rating: float) -> int:
    """The bucket of a 0-100 rating; 100 joins 90-99 so the top bucket is 90-100."""
    return min(max(int(rating) // 10, 0), BUCKETS - 1)


def bucket_label(bucket: int) -> str:
    low = bucket * 10
    return f"{low:>2}-{100 if bucket == BUCKETS - 1 else low + 9}"


def rating_summary(ratings: Iterable[float | None]) -> RatingSummary:
    """Summarise the ratings given; unrated interviews (None, not a number at all, or off the
    0-100 scale, as `rating_band` reads them) are left out of every figure."""
    rated = [rating for rating in ratings
             if rating is not None and rating_band(rating) is not None]
    buckets = [0] * BUCKETS
    for rating in rated:
        buckets[bucket_of(rating)] += 1
    return RatingSummary(
        count=len(rated),
        mean=fmean(rated) if rated else None,
        median=median(rated) if rated else None,
        buckets=tuple(buckets),
    )


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


class RatingHistogram(Widget):
    """One line per bucket (highest first) with a bar and its count, then a summary line."""

    DEFAULT_CSS = """
    RatingHistogram {
        height: auto;
        width: 1fr;
    }
    """

    summary: reactive[RatingSummary] = reactive(rating_summary(()), layout=True)

    def __init__(
        self,
        ratings: Iterable[float | None] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(RatingHistogram.summary, rating_summary(ratings))

    def set_ratings(self, ratings: Iterable[float | None]) -> None:
        self.summary = rating_summary(ratings)

    def render(self) -> Text:
        summary = self.summary
        widest = max(summary.buckets) or 1
        count_width = len(number(widest))
        bar_room = max(1, self.size.width - len("90-100 ") - count_width - 1)
        text = Text()
        for bucket in reversed(range(BUCKETS)):
            count = summary.buckets[bucket]
            filled = round(bar_room * count / widest)
            if count and not filled:
                filled = 1  # a lone rating must not vanish next to a crowded bucket
            style = rating_text(bucket * 10).style
            text.append(f"{bucket_label(bucket):>6} ")
            text.append(FILLED_CELL * filled, style=style)
            text.append(" " * (bar_room - filled))
            text.append(f" {number(count):>{count_width}}\n")
        band = rating_band(summary.median)
        text.append(
            f"count {number(summary.count)} · mean {_number(summary.mean)} · "
            f"median {_number(summary.median)}" + (f" ({band})" if band else "")
        )
        return text
