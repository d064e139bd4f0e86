"""How a verdict reads in the analysis viewer and the comparison: the recruiter's own (who
decided, when, whether it was shared with the team) and the team's, from the server.

Apart from verdicts.py, which the candidate list uses: these need the share queue and the
team's verdicts, which the first screen does not."""

from __future__ import annotations

from rich.text import Text

from app.domain.shared_verdicts import TeamVerdict, job_key, team_verdicts
from app.store import Store
from app.store.shares import ShareState
from app.store.verdicts import UNDECIDED, Decision
from app.ui.verdicts import VERDICT_STYLES
from widgets.text import line_text

SHARE_WORDS = {ShareState.QUEUED: "waiting to be shared", ShareState.ASKING:
               "not shared: S asks about a newer one", ShareState.REFUSED:
               "not shared: the server refused it", ShareState.SHARED: "shared",
               ShareState.KEPT: "not shared: you kept the team's"}


def verdict_line(decision: Decision | None, shared: ShareState | None = None) -> Text:
    """`Verdict: advance · by ana at 2026-12-01 10:04 · shared` (the note sits in its own
    field); whether it went to the team is said once it was shared or queued."""
    text = Text("Verdict: ", style="bold")
    if decision is None or decision.verdict is None:
        return text.append("undecided", style="dim")  # the footer shows a, h and x
    text.append(decision.label, style=VERDICT_STYLES[decision.label])
    text.append(" · by ").append_text(line_text(decision.decided_by))
    text.append(f" at {decision.decided_at.astimezone():%Y-%m-%d %H:%M}", style="dim")
    if shared is not None:
        text.append(f" · {SHARE_WORDS[shared]}",
                    style="dim" if shared is ShareState.SHARED else "yellow")
    return text


def team_verdict(store: Store, candidate_id: str, job_id: str | None,
                 mine: Decision | None) -> TeamVerdict | None:
    """The verdict the team shared for the candidate on the job (from their metadata, as the
    last sync or share brought it), unless it is this desk's own as it stands."""
    candidate = store.candidate(candidate_id)
    shared = team_verdicts(candidate.metadata).get(job_key(job_id)) if candidate else None
    if shared is None or (mine is not None and shared.by == mine.decided_by
                          and shared.verdict == (mine.verdict.value if mine.verdict else None)):
        return None
    return shared


def team_line(shared: TeamVerdict) -> Text:
    """`Team: advance · by Dana at 2026-12-01 10:20 · "note"`: every part of it came from the
    server, so each goes through line_text (never markup)."""
    text = Text("Team: ", style="bold")
    word = shared.verdict or UNDECIDED
    text.append_text(line_text(word, style=VERDICT_STYLES.get(word, "")))
    text.append(" · by ").append_text(line_text(shared.by))
    if shared.at is not None:
        text.append(f" at {shared.at.astimezone():%Y-%m-%d %H:%M}", style="dim")
    if shared.note:
        text.append(" · ").append_text(line_text(shared.note, style="italic"))
    return text
