"""Verdicts shared with the team through a candidate's `metadata`, and the limits of that field.

The API has no place for a recruiter's decision, but a candidate's `metadata` is a free object
that `PATCH /candidates/{id}` merges key by key (API.md section 3). The desk keeps everything it
shares under one key of its own, so it never touches what other tools keep there:

    "interviewDesk": {"verdicts": {"<job id, or - without a job>":
        {"verdict": "advance", "note": "…", "by": "Ana Novak", "at": "2026-12-01T10:04:00Z"}}}

One entry per job: the team's verdict on the candidate for that job, the latest one shared.
Whatever sits there came from the server and may have been written by anything: it is read
leniently (a malformed entry is skipped, never trusted) and its text is shown only through
widgets/text.py.

The limits (10 KB, 5 levels, 50 keys) are the sandbox's and the documented company PATCH's;
the desk checks its own payload against them before sending, and the sandbox refuses a
`metadata` beyond them with the API's 400 VALIDATION_ERROR.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

NAMESPACE = "interviewDesk"
NO_JOB = "-"  # the key of a verdict on an interview without a job
METADATA_MAX_BYTES = 10 * 1024  # as compact JSON, UTF-8
METADATA_MAX_LEVELS = 5  # the metadata object itself is the first level
METADATA_MAX_KEYS = 50  # keys of every object inside it, counted together
TEXT_MAX = 500  # characters of a note or a name read back: a short note, not a report


def metadata_problem(metadata: Any) -> str | None:
    """Why `metadata` breaks the limits, in words, or None when it keeps them. Levels and keys
    are counted first, without recursion, so no nesting a body can carry overflows the stack."""
    if metadata is None:
        return None
    if not isinstance(metadata, Mapping):
        return "metadata must be a JSON object."
    levels, keys = _shape(metadata)
    if levels > METADATA_MAX_LEVELS:
        return (f"metadata nests more than {METADATA_MAX_LEVELS} levels deep; at most "
                f"{METADATA_MAX_LEVELS} are allowed.")
    if keys > METADATA_MAX_KEYS:
        return f"metadata holds {keys} keys; at most {METADATA_MAX_KEYS} are allowed."
    size = len(json.dumps(metadata, separators=(",", ":"), ensure_ascii=False).encode())
    if size > METADATA_MAX_BYTES:
        return (f"metadata is {size:,} bytes; at most {METADATA_MAX_BYTES:,} (10 KB) are "
                "allowed.")
    return None


def _shape(value: Mapping[str, Any]) -> tuple[int, int]:
    """(levels of objects and lists, keys of all objects) of a metadata object; the walk
    stops one level past the limit, which is all a refusal needs to know."""
    deepest, keys = 0, 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > METADATA_MAX_LEVELS:
            break
        children = (list(item.values()) if isinstance(item, Mapping)
                    else item if isinstance(item, list) else [])
        if isinstance(item, Mapping):
            keys += len(item)
        stack.extend((child, level + 1) for child in children
                     if isinstance(child, Mapping | list))
    return deepest, keys


def merged_metadata(current: Any, patch: Mapping[str, Any]) -> dict[str, Any]:
    """A PATCH's `metadata` applied key by key over the stored one (the sandbox's merge)."""
    return {**(dict(current) if isinstance(current, Mapping) else {}), **patch}


@dataclass(frozen=True)
class TeamVerdict:
    """A verdict as shared in a candidate's metadata: who decided what, when, for which job.
    `verdict` None means the recruiter took their verdict back (undecided)."""

    job_key: str
    verdict: str | None
    note: str
    by: str
    at: datetime | None

    def as_wire(self) -> dict[str, Any]:
        at = self.at.astimezone(UTC).isoformat().replace("+00:00", "Z") if self.at else None
        return {"verdict": self.verdict, "note": self.note, "by": self.by, "at": at}


def job_key(job_id: str | None) -> str:
    return job_id or NO_JOB


def team_verdicts(metadata: Any) -> dict[str, TeamVerdict]:
    """The shared verdicts in a candidate's metadata, by job key; anything malformed is left
    out (a server, or another tool, may have put anything there)."""
    space = metadata.get(NAMESPACE) if isinstance(metadata, Mapping) else None
    entries = space.get("verdicts") if isinstance(space, Mapping) else None
    if not isinstance(entries, Mapping):
        return {}
    found = {}
    for key, entry in entries.items():
        if not isinstance(key, str) or not isinstance(entry, Mapping):
            continue
        verdict, by = entry.get("verdict"), entry.get("by")
        if not (verdict is None or isinstance(verdict, str)) or not isinstance(by, str):
            continue
        note = entry.get("note")
        found[key] = TeamVerdict(
            job_key=key, verdict=verdict[:TEXT_MAX] if verdict else None,
            note=note[:TEXT_MAX] if isinstance(note, str) else "", by=by[:TEXT_MAX],
            at=_instant(entry.get("at")))
    return found


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def metadata_patch(metadata: Any, entry: TeamVerdict) -> dict[str, Any]:
    """The `metadata` of a PATCH that puts `entry` in place of its job's shared verdict and
    keeps every other entry of the namespace as it is on the server (the merge is key by key
    at the top, so the whole namespace goes)."""
    space = metadata.get(NAMESPACE) if isinstance(metadata, Mapping) else None
    space = dict(space) if isinstance(space, Mapping) else {}
    entries = space.get("verdicts")
    entries = dict(entries) if isinstance(entries, Mapping) else {}
    entries[entry.job_key] = entry.as_wire()
    space["verdicts"] = entries
    return {NAMESPACE: space}


def overrides_someone(theirs: TeamVerdict | None, mine_at: datetime, *, me: str,
                      seen: TeamVerdict | None, changed_since_seen: bool) -> bool:
    """Whether sharing a verdict decided at `mine_at` would replace someone else's newer one.

    Theirs is newer when it was decided after mine, or when it reached the server after the
    desk last saw the candidate: the candidate's `updatedAt` moved past the one the desk had
    (`changed_since_seen`) and the entry is not the one the desk had (`seen`). The desk asks
    before either; its own verdicts, and ones it had seen before deciding, it replaces."""
    if theirs is None or theirs.by == me:
        return False
    if theirs.at is not None and theirs.at > mine_at:
        return True
    return changed_since_seen and theirs != seen
