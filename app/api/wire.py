"""Reading the API's bodies: both envelopes, the three list shapes, and the error shapes.

The guides wrap every body in {"success", "data", "error", "timestamp"}; the reference pages
show bare bodies. Lists come as {"items", "pagination"} inside data, as a bare {"data": [...],
"total", ...}, or with only a total. One bad record is logged and skipped, never fatal.

Ids, numbers and times are checked on the way in: an id goes into URL paths, file names and the
cache's keys, so a record whose id (or the id of a record it points to) could not be a real one
(`x\x01`, `../../billing/usage?x=`) is unreadable like any other broken record, and so is one
with a number a screen cannot round, or a time no zone can show. The
rules are checked here and not in the models, so a cache written before them still reads.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from app.api.errors import UnreadableAnswerError
from app.domain.requests import Problem
from app.domain.times import showable

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
ENVELOPE_KEYS = {"success", "data"}
# The API's ids are UUIDs; we accept any id made of URL-unreserved characters (letters,
# digits, `-`, `.`, `_`, `~`), up to 128 of them, except the path steps `.` and `..`.
POSSIBLE_ID = re.compile(r"(?!\.{1,2}\Z)[A-Za-z0-9._~-]{1,128}\Z")
# The fields that name a record of the API (and so go into its paths); a voice or company id
# is the provider's business and is not checked.
RECORD_ID_FIELDS = {"id", "candidate_id", "agent_id", "job_id", "interview_id"}


def is_possible_id(value: object) -> bool:
    return isinstance(value, str) and POSSIBLE_ID.match(value) is not None


def impossible_field(item: BaseModel) -> str | None:
    """The first field in `item` (or in a record inside it) that no real record can hold, as
    `field: value`; None when all are possible. Impossible are: an id (its own, or one it
    points to) that is not a possible id; a number that is not finite (a rating of infinity
    crashed the list); a time that has no zone, or that some zone cannot show (year 1 at
    +01:00 is before the calendar). Whole numbers beyond SQLite's 64 bits are refused by the
    models themselves (`StorableInt`)."""
    for name, value in item:
        problem = _impossible(name, value)
        if problem is not None:
            return problem
    return None


def _impossible(name: str, value: Any) -> str | None:
    if name in RECORD_ID_FIELDS:
        return None if value is None or is_possible_id(value) else f"{name}: {value!r}"
    if name == "job_ids" and isinstance(value, list):
        bad = [v for v in value if not is_possible_id(v)]
        return f"{name}: {bad[0]!r}" if bad else None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{name}: {value}"
    if isinstance(value, datetime):
        return None if showable(value) else f"{name}: {value.isoformat()}"
    if isinstance(value, BaseModel):
        return impossible_field(value)
    if isinstance(value, list):
        return next((problem for v in value if isinstance(v, BaseModel)
                     for problem in (impossible_field(v),) if problem), None)
    return None


@dataclass
class Page(Generic[T]):
    items: list[T]
    total: int | None
    page: int
    limit: int
    has_next: bool
    skipped: int = 0
    raw_count: int = field(default=0)


def unwrap(body: Any) -> Any:
    """The payload of either envelope."""
    if isinstance(body, dict) and body.keys() >= ENVELOPE_KEYS:
        return body["data"]
    return body


def parse_page(model: type[T], body: Any, *, page: int, limit: int) -> Page[T]:
    """A page from any of the three list shapes; stops are decided from what the shape tells.

    Anything else (no body, `null`, an object without a list in it) raises
    UnreadableAnswerError rather than reading as "no records": sync deletes what a complete
    listing no longer holds, so an empty answer taken for an empty list would wipe the cache."""
    data = unwrap(body)
    if isinstance(data, dict) and isinstance(data.get("data"), dict) and "items" in data["data"]:
        data = data["data"]  # the partial shape, without an envelope around it
    pagination: Any = {}
    if isinstance(data, dict) and "items" in data:
        records = data["items"]
        pagination = data.get("pagination")
    elif isinstance(body, dict) and isinstance(body.get("data"), list):
        records = body["data"]
        pagination = body
    else:
        records = data
    if not isinstance(records, list):
        raise UnreadableAnswerError(f"The API sent {_shape_of(records)} where a list of "
                                    f"{model.__name__.lower()} records belongs.")
    if not isinstance(pagination, dict):
        pagination = {}
    items: list[T] = []
    skipped = 0
    for record in records:
        try:
            item = model.model_validate(record)
        except ValidationError as error:
            skipped += 1
            record_id = record.get("id") if isinstance(record, dict) else None
            log.warning("skipped a %s record (id %r) the app cannot read: %s",
                        model.__name__, record_id, error.errors()[:1])
            continue
        problem = impossible_field(item)
        if problem is not None:
            skipped += 1
            log.warning("skipped a %s record with an impossible %s", model.__name__, problem)
            continue
        items.append(item)
    total = _int(pagination.get("total"))
    page_now = _int(pagination.get("page")) or page
    limit_now = _int(pagination.get("limit")) or limit
    total_pages = _int(pagination.get("totalPages"))
    if isinstance(pagination.get("hasNextPage"), bool):
        has_next = pagination["hasNextPage"]
    elif total_pages is not None:
        has_next = page_now < total_pages
    elif total is not None:
        has_next = page_now * limit_now < total
    else:
        has_next = len(records) >= limit_now
    if len(records) < limit_now:
        has_next = False
    return Page(items, total, page_now, limit_now, has_next, skipped, len(records))


def _shape_of(value: Any) -> str:
    """A JSON value's kind in words, for an error message (never the value: it is server text)."""
    if value is None:
        return "nothing"
    kinds = ((bool, "true or false"), (int | float, "a number"), (str, "text"),
             (dict, "an object"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "something else")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_NAME = r"[A-Za-z_]\w*(?:\[\d+\])?"
_LEADING_PATH = re.compile(
    rf"^({_NAME}(?:\.{_NAME})*)\s+((?:must|should|is|are|cannot|can|has|needs)\b.*)$"
)


def error_details(body: Any) -> tuple[str | None, str, list[Problem], dict[str, Any]]:
    """(code, message, field problems, details) from our error envelope or a NestJS body."""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        details = error.get("details") if isinstance(error.get("details"), dict) else {}
        problems = [
            Problem(str(item.get("field", "")), str(item.get("message", "")))
            for item in details.get("fields", []) or []
            if isinstance(item, dict)
        ]
        return error.get("code"), str(error.get("message") or ""), problems, details
    if isinstance(body, dict) and "statusCode" in body:
        message = body.get("message")
        lines = message if isinstance(message, list) else [message] if message else []
        problems = []
        for line in lines:
            match = _LEADING_PATH.match(str(line))
            if match:
                problems.append(Problem(match.group(1), str(line)))
            else:
                problems.append(Problem("", str(line)))
        text = "; ".join(str(line) for line in lines) or str(body.get("error") or "")
        return body.get("code"), text, problems, body
    if isinstance(body, str):
        return None, body, [], {}
    return None, "", [], {}
