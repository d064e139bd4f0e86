"""One candidate: personal data, jobs, GDPR expiry and every interview, from the cache."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from app.domain.enums import label
from app.ui.base import ListScreen, PaletteAction
from app.ui.browse import BrowseList
from widgets.numbers import number
from widgets.rating import rating_text
from widgets.status_badge import status_text
from widgets.text import line_text, plain_line
from widgets.virtual_table import Column, ListRowSource, VirtualTable


def when_text(moment: datetime | None) -> str:
    """A time in the recruiter's own zone."""
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _when_cell(moment: datetime | None) -> Text:
    return Text(when_text(moment))


def _label_cell(value: object) -> Text:
    return line_text(label(value) if value else "—")


# At 80 columns the agent goes first, then the job and the analysis state.
INTERVIEW_COLUMNS = (
    Column("scheduled_at", "When", width=16, formatter=_when_cell, sortable=False),
    Column("focus", "Type", width=13, formatter=_label_cell, sortable=False),
    Column("agent_name", "Agent", width=12, sortable=False, priority=3),
    Column("job_title", "Job", width=None, sortable=False, priority=1),
    Column("status", "Status", width=12, formatter=status_text, sortable=False),
    Column("analysis_status", "Analysis", width=11, formatter=status_text, sortable=False,
           priority=2),
    Column("rating", "Rating", width=10, align="right", formatter=rating_text, sortable=False),
)
NO_INTERVIEWS = "No interviews yet: press s to schedule one."


class CandidateDetailScreen(ListScreen):
    HELP_TITLE = "Candidate"
    AUTO_FOCUS = "#candidate-interviews"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="candidate.back"),
        Binding("s", "schedule", "Schedule", id="candidate.schedule"),
        Binding("J", "job", "Job view", id="candidate.job"),
    ]

    PALETTE = (
        PaletteAction("Open this interview's analysis", "The analysis and the transcript",
                      "open"),
        PaletteAction("Schedule an interview for this candidate", "The scheduling form",
                      "schedule"),
        PaletteAction("Job view", "The rating distribution of this candidate's job", "job"),
    )

    def __init__(self, candidate_id: str, *, browse: BrowseList | None = None) -> None:
        super().__init__()
        self.candidate_id = candidate_id
        self.browse = browse  # the list the recruiter came from, for [ and ] in the analysis

    def compose_body(self) -> ComposeResult:
        with Vertical(id="candidate-detail"):
            yield Static(id="candidate-card")
            yield Static("Interviews", classes="section-title", id="candidate-interviews-title")
            yield VirtualTable(INTERVIEW_COLUMNS, ListRowSource(), markable=False,
                               empty_message=NO_INTERVIEWS, id="candidate-interviews")

    def on_mount(self) -> None:
        self.on_cache_changed()
        self.query_one(VirtualTable).focus()

    def on_cache_changed(self) -> None:
        """Re-read the card and the interviews; the cursor stays on its interview."""
        store = self.context.store
        candidate = store.candidate(self.candidate_id)
        card = self.query_one("#candidate-card", Static)
        table = self.query_one(VirtualTable)
        interviews = store.interviews_of(self.candidate_id) if candidate is not None else []
        table.source = ListRowSource(interviews)
        self._say_what_is_to_come(len(interviews))
        if candidate is None:
            card.update(Text("This candidate is no longer in the cache (deleted, or their "
                             "data was purged under GDPR)."))
            return
        jobs = {job.id: job.title for job in store.jobs()}
        today = self.context.clock().date()
        text = Text()
        text.append(plain_line(candidate.full_name) + "\n", style="bold")
        text.append(f"Email   {plain_line(candidate.email or '—')}\n")
        text.append(f"Phone   {plain_line(candidate.phone_number or '—')}\n")
        text.append(f"Status  {plain_line(label(candidate.status))}\n")
        titles = [plain_line(jobs.get(job_id, job_id)) for job_id in candidate.all_job_ids]
        text.append(f"Jobs    {', '.join(titles) if titles else 'talent pool (no job)'}\n")
        expiry = candidate.gdpr_expiry_date
        if expiry is None:
            text.append("GDPR    no expiry date")
        else:
            days = (expiry - today).days
            style = "bold yellow" if days <= 14 else ""
            text.append(f"GDPR    data kept until {expiry.isoformat()} ({days} days)", style=style)
        card.update(text)

    def _say_what_is_to_come(self, cached: int) -> None:
        """While a sync has yet to bring some of the candidate's interviews, the page says so:
        "No interviews yet" for a candidate who has some invited a second, unwanted one."""
        to_come = self.context.store.interviews_to_come(self.candidate_id)
        title, empty = "Interviews", NO_INTERVIEWS
        if to_come:
            total = cached + to_come
            title = (f"Interviews · {number(cached)} of {number(total)} here so far; "
                     "the sync brings the rest")
            empty = (f"Not synced yet: the API counts {number(total)} "
                     f"interview{'s' if total != 1 else ''}; the sync brings them.")
        self.query_one("#candidate-interviews-title", Static).update(title)
        self.query_one(VirtualTable).empty_message = empty

    async def action_schedule(self) -> None:
        await self.desk.action_schedule([self.candidate_id])

    def on_virtual_table_row_chosen(self, event: VirtualTable.RowChosen) -> None:
        self.desk.open_analysis(str(event.row_id), browse=self.browse)

    def action_job(self) -> None:
        candidate = self.context.store.candidate(self.candidate_id)
        if candidate is None or not candidate.all_job_ids:
            self.notify("This candidate has no job yet.")
            return
        self.desk.open_job(candidate.all_job_ids[0], candidate_id=self.candidate_id)
