"""Server text made safe to show: it is always plain text, never markup or terminal codes."""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline, and DEL: they could move the cursor,
# ring the bell or switch terminal modes if they reached the screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """`text` without control characters; tabs become spaces, newlines stay."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", "    "))


def plain_line(text: str) -> str:
    """`text` cleaned and folded onto one line, for table cells and labels."""
    return " ".join(clean(text).split("\n"))
