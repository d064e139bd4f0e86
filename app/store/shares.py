"""Which verdicts are shared with the team, and which wait: a table in the verdict file.

Sharing is explicit and works offline: the recruiter's share key (or `interview-desk share`)
queues every verdict changed since it was last shared, and the queue is sent when the API
answers. The queue lives in the verdict file (app/store/verdicts.py), so it survives a restart
and a rebuilt cache as the verdicts do.

One row per candidate and job, about one decision (`row`: the verdicts row it concerns):

- queued: to be sent. What the cache knew of the candidate when it was queued (`updatedAt` and
  the team's verdict there) is kept, to tell later whether someone else shared in between.
- asking: someone else's newer verdict is on the server; the recruiter answers in the desk.
- refused: the server refused it (its reason kept); the verdict stays on this desk only, and
  is not sent again until it changes.
- shared / kept: sent; or the recruiter kept the other recruiter's verdict instead.

A decision changed after any of these (a new row) is unshared again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.store.verdicts import CURRENT, Decision, VerdictBook


class ShareState(StrEnum):
    QUEUED = "queued"
    ASKING = "asking"
    REFUSED = "refused"
    SHARED = "shared"
    KEPT = "kept"


@dataclass(frozen=True)
class QueuedShare:
    """A verdict waiting to be shared, with what the desk knew when it was queued."""

    candidate_id: str
    job_id: str  # '' without a job
    state: ShareState
    seen_updated_at: str | None
    seen_entry: str | None  # the team's verdict in the cache then, as JSON
    reason: str


class ShareQueue:
    """The share states of a verdict book's decisions."""

    def __init__(self, book: VerdictBook) -> None:
        self.book = book

    def unshared(self) -> list[Decision]:
        """Current decisions not shared as they stand (nor queued, asking or refused): a
        verdict never shared, or changed since; an undone one only if a verdict was shared
        before (taking it back is news to the team)."""
        handled = {(row["candidate_id"], row["job_id"]): row["decision_row"]
                   for row in self.book._select(
                       "SELECT candidate_id, job_id, decision_row FROM shares")}
        current = self.book._shown(self.book._select(f"{CURRENT} ORDER BY v.id"))
        unshared = []
        for decision in current:
            pair = (decision.candidate_id, decision.job_id)
            if handled.get(pair, decision.row if decision.verdict is None else None) \
                    != decision.row:
                unshared.append(decision)
        return unshared

    def queue(self, decision: Decision, *, seen_updated_at: datetime | None,
              seen_entry: str | None, at: datetime) -> None:
        """Queue `decision` (replacing what its candidate and job had queued); a pair already
        queued keeps what the desk knew when it was first queued."""
        with self.book._writing() as connection:
            connection.execute(
                "INSERT INTO shares (candidate_id, job_id, state, decision_row, queued_at, "
                "seen_updated_at, seen_entry) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (candidate_id, job_id) DO UPDATE SET "
                "decision_row = excluded.decision_row, reason = '', "
                "queued_at = excluded.queued_at, "
                "seen_updated_at = IIF(state IN ('queued', 'asking'), seen_updated_at, "
                "excluded.seen_updated_at), "
                "seen_entry = IIF(state IN ('queued', 'asking'), seen_entry, "
                "excluded.seen_entry), state = IIF(state = 'asking', 'asking', 'queued')",
                (decision.candidate_id, decision.job_id, ShareState.QUEUED, decision.row,
                 at.isoformat(), seen_updated_at.isoformat() if seen_updated_at else None,
                 seen_entry))

    def waiting(self, *, asking: bool = True) -> list[QueuedShare]:
        """The queue in the order it was filled; with `asking`, the ones that wait for the
        recruiter's answer too."""
        states = (ShareState.QUEUED, ShareState.ASKING) if asking else (ShareState.QUEUED,)
        rows = self.book._select(
            f"SELECT * FROM shares WHERE state IN ({', '.join('?' * len(states))}) "
            "ORDER BY queued_at, candidate_id, job_id", states)
        hidden = self.book.withheld(row["candidate_id"] for row in rows)
        return [QueuedShare(row["candidate_id"], row["job_id"], ShareState(row["state"]),
                            row["seen_updated_at"], row["seen_entry"], row["reason"])
                for row in rows if row["candidate_id"] not in hidden]

    def state_of(self, decision: Decision) -> ShareState | None:
        """What became of sharing this very decision (None: not shared, nor queued)."""
        rows = self.book._select(
            "SELECT state FROM shares WHERE candidate_id = ? AND job_id = ? AND "
            "decision_row = ?", (decision.candidate_id, decision.job_id, decision.row))
        return ShareState(rows[0]["state"]) if rows else None

    def count(self, state: ShareState) -> int:
        return len(self.book._select("SELECT 1 FROM shares WHERE state = ?", (state,)))

    def settle(self, candidate_id: str, job_id: str, state: ShareState, *, row: int,
               reason: str = "") -> None:
        """Record what became of the pair's queued share: `row` is the decision it was
        about (sent, refused, kept theirs, or waiting for an answer)."""
        with self.book._writing() as connection:
            connection.execute(
                "UPDATE shares SET state = ?, decision_row = ?, reason = ? "
                "WHERE candidate_id = ? AND job_id = ?",
                (state, row, reason, candidate_id, job_id))
