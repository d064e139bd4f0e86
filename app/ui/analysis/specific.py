"""The type-specific part of an analysis, as widgets: known shapes get bars and words, any
other data is shown as a readable key/value tree so new upstream fields appear at once."""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from app.domain.enums import label
from widgets.rating import ScoreBar
from widgets.text import clean, plain_line

PRONUNCIATION = ("accuracy", "fluency", "completeness", "prosody")


def key_value_text(data: Any, indent: int = 0) -> Text:
    """Nested data as indented `key: value` lines, always as literal text."""
    text = Text()
    pad = "  " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict | list) and value:
                text.append(f"{pad}{plain_line(str(key))}:\n", style="bold")
                text.append_text(key_value_text(value, indent + 1))
            else:
                text.append(f"{pad}{plain_line(str(key))}: ", style="bold")
                text.append(f"{_scalar(value)}\n")
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict | list):
                text.append(f"{pad}-\n")
                text.append_text(key_value_text(item, indent + 1))
            else:
                text.append(f"{pad}- {_scalar(item)}\n")
    else:
        text.append(f"{pad}{_scalar(data)}\n")
    return text


def _scalar(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return plain_line(str(value))


class SpecificAnalysis(Vertical):
    """Language test, outreach, generic, or anything else the server sends."""

    def __init__(self, focus: str | None, specific: dict[str, Any]) -> None:
        super().__init__(id="analysis-specific")
        self._focus = focus
        self._specific = specific

    def compose(self) -> ComposeResult:
        data = dict(self._specific)
        if self._focus == "LANGUAGE_TEST" or "pronunciationScores" in data:
            level = _scalar(data.pop("cefrLevel", None) or None)
            yield Static(Text(f"Language level (CEFR): {level}", style="bold"))
            scores = data.pop("pronunciationScores", None) or {}
            if isinstance(scores, dict):
                scores = dict(scores)  # popped from below: the cached analysis stays whole
                for name in PRONUNCIATION:
                    value = scores.pop(name, None)
                    yield ScoreBar(f"Pronunciation {name}" if name == "accuracy" else f"  {name}",
                                   _number(value), label_width=24)
                data.update({f"pronunciation {plain_line(str(k))}": v
                             for k, v in scores.items()})
            for key, title in (("grammarScore", "Grammar"), ("vocabularyScore", "Vocabulary")):
                if key in data:
                    yield ScoreBar(title, _number(data.pop(key)), label_width=24)
        elif self._focus == "OUTREACH" or "interestLevel" in data:
            lines = Text()
            for key, title in (("interestLevel", "Interest"), ("availability", "Availability"),
                               ("salaryExpectation", "Salary expectation"),
                               ("noticePeriod", "Notice period"),
                               ("followUpRecommended", "Follow up")):
                if key in data:
                    value = data.pop(key)
                    shown = plain_line(label(value)) if key == "interestLevel" \
                        else _scalar(value)
                    lines.append(f"{title}: ", style="bold").append(f"{shown}\n")
            yield Static(lines)
        elif self._focus == "GENERIC" or "summary" in data:
            summary = data.pop("summary", None)
            topics = data.pop("topics", None) or []
            text = Text()
            if summary:
                text.append("Summary\n", style="bold").append(f"{clean(str(summary))}\n")
            if topics:
                text.append("Topics: ", style="bold").append(
                    ", ".join(_scalar(topic) for topic in topics) + "\n")
            yield Static(text)
        if data:
            yield Static(key_value_text(data), classes="analysis-extra")


def _number(value: Any) -> float | None:
    """A score to draw as a bar; anything else (text, infinity, NaN, a number too large for a
    float) is shown as missing."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
