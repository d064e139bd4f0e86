"""Ratings (0-100) as a number, a band word and a bar.

The band word makes a rating readable at a glance and without colour; the bands are the ones
recruiters use when they talk about a shortlist.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

EMPTY = "—"
FILLED_CELL = "█"
EMPTY_CELL = "░"

# (lowest value of the band, word, style), highest band first.
_BANDS: tuple[tuple[int, str, str], ...] = (
    (80, "strong", "bold green"),
    (60, "good", "green"),
    (40, "fair", "yellow"),
    (0, "weak", "red"),
)


def _band(value: float) -> tuple[str, str]:
    for lowest, word, style in _BANDS:
        if value >= lowest:
            return word, style
    return _BANDS[-1][1], _BANDS[-1][2]


def _known(value: float | None, maximum: float = 100) -> float | None:
    """The rating, or None when there is none, it is not a number at all (NaN or infinity) or
    it is off its scale of 0 to `maximum` (a cache written before the API client read such
    ones as none may hold them): shown as not rated, never as a band, a bar or 309 digits."""
    if value is None or not math.isfinite(value) or not 0 <= value <= maximum:
        return None
    return value


def rating_band(value: float | None) -> str | None:
    """weak (0-39), fair (40-59), good (60-79) or strong (80-100); None when there is none."""
    value = _known(value)
    return None if value is None else _band(value)[0]


def rating_text(value: float | None) -> Text:
    """A table cell: `73 good` in the band's colour, or `—` when not rated."""
    value = _known(value)
    if value is None:
        return Text(EMPTY, style="dim")
    word, style = _band(value)
    return Text(f"{round(value)} {word}", style=style)


def bar_text(value: float | None, maximum: float, width: int, style: str) -> Text:
    """A horizontal bar `width` cells wide, filled in proportion to `value`."""
    width = max(0, width)
    value = _known(value, maximum)
    if value is None:
        return Text(EMPTY_CELL * width, style="dim")
    share = min(max(value / maximum, 0.0), 1.0) if maximum else 0.0
    filled = round(share * width)
    bar = Text(FILLED_CELL * filled, style=style)
    bar.append(EMPTY_CELL * (width - filled), style="dim")
    return bar


class RatingGauge(Widget):
    """The overall rating: a bar across the widget, then the number and its band."""

    DEFAULT_CSS = """
    RatingGauge {
        height: 1;
        width: 1fr;
    }
    """

    value: reactive[float | None] = reactive(None)

    def __init__(
        self,
        value: float | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(RatingGauge.value, value)

    def render(self) -> Text:
        value = _known(self.value)
        if value is None:
            return Text("not rated", style="dim")
        label = rating_text(value)
        label.pad_left(1)
        style = _band(value)[1]
        gauge = bar_text(value, 100, self.size.width - len(label), style)
        return gauge.append_text(label)


class ScoreBar(Widget):
    """A sub-score (pronunciation, grammar...): its name, a bar and the number."""

    DEFAULT_CSS = """
    ScoreBar {
        height: 1;
        width: 1fr;
    }
    """

    value: reactive[float | None] = reactive(None)

    def __init__(
        self,
        label: str,
        value: float | None = None,
        *,
        maximum: float = 100,
        label_width: int = 16,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.label = label
        self.maximum = maximum
        self.label_width = label_width
        self.set_reactive(ScoreBar.value, value)

    def render(self) -> Text:
        line = Text(self.label)
        line.truncate(self.label_width, overflow="ellipsis", pad=True)
        value = _known(self.value, self.maximum)
        number = EMPTY if value is None else f"{round(value)}"
        style = "dim" if value is None or not self.maximum else _band(
            100 * value / self.maximum)[1]
        width = self.size.width - self.label_width - 2 - len(number)
        line.append(" ").append_text(bar_text(value, self.maximum, width, style))
        return line.append(f" {number}")
