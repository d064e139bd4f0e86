"""How each column of the candidate list reads."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from app.ui.verdicts import verdict_badge
from widgets.rating import rating_text
from widgets.status_badge import status_text
from widgets.text import line_text
from widgets.virtual_table import Column

GDPR_WARNING_DAYS = 14


def gdpr_days_text(days: Any) -> Text:
    """Days until the candidate's data must go; 14 or fewer stand out, the past says so."""
    if days is None:
        return Text("—")
    if days < 0:
        return Text("expired", style="bold red")
    if days <= GDPR_WARNING_DAYS:
        return Text(f"{days} d!", style="bold yellow")
    return Text(f"{days} d")


def name_text(value: Any) -> Text:
    """A purged candidate keeps a row (ids and dates) but no name."""
    if not value:
        return Text("(removed: GDPR)", style="italic")
    return line_text(str(value))


def count_text(value: Any) -> Text:
    return Text("0" if value is None else str(value))


# Narrow terminals drop the highest `priority` first: the interview count, the candidate's
# status, the email, the jobs, then the verdict (at 80 columns it takes the jobs' room: what
# the recruiter decided matters more in a review than the job titles, which the candidate's
# page and the job filter show); name, interview status, rating and GDPR days always stay.
CANDIDATE_COLUMNS = (
    Column("name", "Name", width=22, formatter=name_text),
    Column("email", "Email", width=None, priority=3),
    Column("job_titles", "Jobs", width=18, priority=2),  # fits beside the scrollbar at 80
    Column("status", "Status", width=12, priority=4),
    Column("latest_interview_status", "Interview", width=13, formatter=status_text),
    Column("latest_rating", "Rating", width=10, align="right", formatter=rating_text),
    Column("verdict", "Verdict", width=8, formatter=verdict_badge, sortable=False, priority=1),
    Column("interview_count", "Intvw", width=5, align="right", formatter=count_text,
           priority=5),
    Column("gdpr_days_left", "GDPR", width=8, align="right", formatter=gdpr_days_text),
)
