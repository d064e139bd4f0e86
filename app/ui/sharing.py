"""The desk's side of sharing verdicts (app/services/sharing.py): the question asked before a
newer verdict from someone else is replaced, and how the outcome is said."""

from __future__ import annotations

from rich.text import Text

from app.services.sharing import Conflict, ShareReport
from app.ui.modals import ConfirmScreen
from app.ui.verdict_lines import team_line
from widgets.text import line_text


def conflict_question(conflict: Conflict) -> ConfirmScreen:
    """Yes shares this desk's verdict over theirs; no (and Esc) keeps theirs."""
    mine = conflict.mine
    text = Text()
    text.append_text(line_text(conflict.candidate_name, style="bold"))
    text.append(" for ").append_text(line_text(conflict.job_title)).append("\n\n")
    text.append_text(team_line(conflict.theirs)).append("\n")
    text.append(f"Yours: {mine.label}, decided {mine.decided_at.astimezone():%Y-%m-%d %H:%M}")
    if mine.note:
        text.append(" · ").append_text(line_text(mine.note, style="italic"))
    text.append("\n\nSomeone else shared this verdict after you decided, or after your desk "
                "last saw the candidate. Share yours in its place?")
    return ConfirmScreen("A newer verdict from someone else", text,
                         confirm_label="Share mine", keep_label="Keep theirs")


def report_severity(report: ShareReport) -> str:
    return "warning" if report.refused or report.waiting or report.asking else "information"
