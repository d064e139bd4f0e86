"""How a (possibly unknown) enum value of the API reads on screen.

Apart from enums.py, whose thirteen enums cost the cold start about 13 M instructions to
create: the candidate list's filter chips need this and none of them."""

from __future__ import annotations

import re
from enum import StrEnum

# How a candidate the server sent without first or last name reads, in the models and the
# candidate list alike (where a row without a name is one withheld under GDPR).
NO_NAME = "(no name)"
_ENUM_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_ -][A-Za-z0-9]+)*")


def label(value: StrEnum | str | None) -> str:
    """How a (possibly unknown) enum value reads on screen: `IN_PROGRESS` -> `in progress`.

    Only a value shaped like an enum token is rewritten; any other text from the server is
    returned as it came, for the screen to clean (`widgets.text`): lower-casing first turned
    a DCS escape (`ESC P … ESC \\`) into bytes that no longer read as one sequence."""
    if value is None:
        return "—"
    text = value.value if isinstance(value, StrEnum) else str(value)
    if _ENUM_TOKEN.fullmatch(text) is None:
        return text
    return text.replace("_", " ").lower()
