"""How the store turns cached text into Python values and back, shared by its parts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from app.domain.times import showable

if TYPE_CHECKING:
    from app.domain.models import WireModel

IN_CHUNK = 500  # ids a statement's `IN (...)` takes at a time


def iso_text(moment: datetime | date | None) -> str | None:
    return None if moment is None else moment.isoformat()


def cached_time(text: str | None) -> datetime | None:
    """A cached time, or None for one no screen can show (see app/domain/times.py)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if showable(moment) else None


M = TypeVar("M", bound="WireModel")


def readable(record: M) -> M:
    """`record` as read from the cache, with the times no screen can show forgotten (None):
    a cache written before the wire checked times may hold them, and a screen that shows or
    compares one would crash (see app/domain/times.py). Every time field is optional."""
    model = api_models().WireModel
    for name, value in record:
        if isinstance(value, datetime):
            if not showable(value):
                setattr(record, name, None)
        elif isinstance(value, model):
            readable(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, model):
                    readable(item)
    return record


def enum_text(value: Any) -> str | None:
    return None if value is None else str(value.value if hasattr(value, "value") else value)


def api_models() -> ModuleType:
    """The API models, imported by the first read that returns one: pydantic and the models
    are a fifth of a cold start, and the candidate list is drawn from plain rows."""
    from app.domain import models

    return models


def in_chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """`ids` in slices that fit one `IN (...)` (SQLite bounds a statement's parameters), each
    with its placeholders."""
    for start in range(0, len(ids), IN_CHUNK):
        chunk = list(ids[start:start + IN_CHUNK])
        yield chunk, ",".join("?" * len(chunk))
