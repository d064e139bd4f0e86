"""Server text made safe to show: always plain text, never markup or terminal codes.

Candidates type their own names on the hiring platform, so every string a server sends (and
every string the cache kept from one) is hostile. Shown raw, `ESC ] 0 ; … BEL` retitles the
window, `ESC [ 2 J` clears the screen, OSC 52 writes the recruiter's clipboard, and U+202E
turns the rest of a line around. `clean` is the one place that decides what is safe: it removes
whole escape sequences (not only their ESC, which would leave `]0;…` on screen), then any
control or bidi character left. Everything else here is built on it.

Rich `Text` is never parsed as markup, so `line_text` and `block_text` are how server text
becomes a widget's content: a string would be read as markup by many widgets, and `[/]` in a
name would crash them.
"""

from __future__ import annotations

import re

from rich.text import Text

# Whole escape sequences, in their 7-bit (ESC …) and 8-bit (C1) forms:
# - CSI: colours, cursor moves, screen clears, mode switches (`ESC [ ? 1049 l`);
# - strings up to their terminator: OSC (titles, clipboard, hyperlinks), DCS, SOS, PM, APC;
# - two-byte escapes and character-set switches (`ESC c` resets the terminal, `ESC ( 0`).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
# What is left that a terminal obeys or that reorders text: C0 controls except tab and newline,
# DEL, C1 controls, and the bidi embeddings, overrides, isolates and marks. All are zero cells
# wide, so taking them out of a line already laid out never moves what follows.
_UNSAFE_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = re.compile("\r\n|\u2028|\u2029")
_NEEDS_CLEANING = re.compile(f"{_UNSAFE_CHARACTER.pattern}|[\t\u2028\u2029]")
# Cells a spreadsheet would run as a formula (tab and carriage return are gone after `clean`).
_FORMULA_START = ("=", "+", "-", "@")


def clean(text: str) -> str:
    """`text` without escape sequences, controls or bidi overrides; tabs become spaces and
    newlines stay. The one function that makes server text safe for a terminal."""
    if _NEEDS_CLEANING.search(text) is None:
        return text  # the common case, found in one pass
    text = _LINE_BREAKS.sub("\n", text).replace("\t", "    ")
    return strip_unsafe_characters(_SEQUENCE.sub("", text))


def strip_unsafe_characters(text: str) -> str:
    """`text` without the characters `clean` leaves out, and nothing else changed: for text
    already laid out in cells (the last guard before the terminal), where taking out a whole
    sequence would shift the rest of the line."""
    return _UNSAFE_CHARACTER.sub("", text)


def plain_line(text: str) -> str:
    """`text` cleaned and folded onto one line, for table cells, labels, titles and toasts."""
    return " ".join(clean(text).split("\n"))


def line_text(text: str | None, style: str = "") -> Text:
    """Server text as one line of literal `Text` (never markup), for any widget."""
    return Text(plain_line(text or ""), style=style)


def block_text(text: str | None, style: str = "") -> Text:
    """Server text as literal `Text` that keeps its line breaks."""
    return Text(clean(text or ""), style=style)


def csv_cell(value: object) -> str:
    """A value for a CSV cell: cleaned, and with a leading `'` when a spreadsheet would read
    it as a formula (`=HYPERLINK(…)` in a candidate's name)."""
    text = "" if value is None else clean(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


_SPEAKERS = {"AGENT": "Agent", "CANDIDATE": "Candidate", "USER": "Candidate", "AI": "Agent"}


def speaker_label(speaker: str) -> str:
    """How a transcript's speaker reads, on screen and in the Markdown summary alike: AGENT ->
    Agent, USER -> Candidate, others as sent, cleaned and capitalised; none -> Unknown."""
    known = _SPEAKERS.get(speaker.upper())
    return known or plain_line(speaker).replace("_", " ").capitalize() or "Unknown"
