"""Which times a screen can show.

The API always sends a time with `Z` or an offset, and any time it sends must be shown in
every zone: `0001-01-01T00:30:00+01:00` is before year 1 in UTC, and `.astimezone()` on it (or
on `9999-12-31T23:30:00-01:00`) raises OverflowError; a time without a zone cannot be compared
with one that has a zone. The wire skips records holding such times as they arrive (see
app/api/wire.py); a cache written before that check may still hold them, so what reads the
cache forgets them (app/store) rather than letting a screen crash on them.

Kept free of pydantic: the store reads times from plain rows before the models are imported.
"""

from __future__ import annotations

from datetime import UTC, datetime

_FIRST_SHOWABLE = datetime(1, 1, 2)
_LAST_SHOWABLE = datetime(9999, 12, 30)


def showable(moment: datetime) -> bool:
    """Whether `moment` names an instant (it has a zone) that every time zone can show (a day
    away from either end of the calendar)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return False
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        return False
    return _FIRST_SHOWABLE <= utc.replace(tzinfo=None) <= _LAST_SHOWABLE
