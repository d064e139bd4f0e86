"""One candidate: personal data, jobs, GDPR expiry and every interview, from the cache."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from app.domain.enums import label
from app.ui.base import DeskScreen
from widgets.rating import rating_text
from widgets.status_badge import status_text


def when_text(moment: datetime | None) -> str:
    """A time in the recruiter's own zone."""
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


class CandidateDetailScreen(DeskScreen):
    HELP_TITLE = "Candidate"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="candidate.back"),
        Binding("s", "schedule", "Schedule", id="candidate.schedule"),
        Binding("enter", "open_interview", "Analysis", id="candidate.open"),
        Binding("J", "job", "Job view", id="candidate.job"),
    ]

    def __init__(self, candidate_id: str) -> None:
        super().__init__()
        self.candidate_id = candidate_id

    def compose_body(self) -> ComposeResult:
        with Vertical(id="candidate-detail"):
            yield Static(id="candidate-card")
            yield Static("Interviews", classes="section-title")
            yield DataTable(id="candidate-interviews", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one(DataTable)
        table.add_columns("When", "Type", "Agent", "Job", "Status", "Analysis", "Rating")
        self.on_cache_changed()
        table.focus()

    def on_cache_changed(self) -> None:
        store = self.context.store
        candidate = store.candidate(self.candidate_id)
        card = self.query_one("#candidate-card", Static)
        table = self.query_one(DataTable)
        table.clear()
        if candidate is None:
            card.update(Text("This candidate is no longer in the cache (deleted, or their "
                             "data was purged under GDPR)."))
            return
        jobs = {job.id: job.title for job in store.jobs()}
        today = self.context.clock().date()
        text = Text()
        text.append(candidate.full_name + "\n", style="bold")
        text.append(f"Email   {candidate.email or '—'}\n")
        text.append(f"Phone   {candidate.phone_number or '—'}\n")
        text.append(f"Status  {label(candidate.status)}\n")
        titles = [jobs.get(job_id, job_id) for job_id in candidate.all_job_ids]
        text.append(f"Jobs    {', '.join(titles) if titles else 'talent pool (no job)'}\n")
        expiry = candidate.gdpr_expiry_date
        if expiry is None:
            text.append("GDPR    no expiry date")
        else:
            days = (expiry - today).days
            style = "bold yellow" if days <= 14 else ""
            text.append(f"GDPR    data kept until {expiry.isoformat()} ({days} days)", style=style)
        card.update(text)
        for row in store.interviews_of(self.candidate_id):
            table.add_row(
                when_text(row.scheduled_at),
                label(row.focus),
                Text(row.agent_name or "—"),
                Text(row.job_title or "—"),
                status_text(row.status),
                status_text(row.analysis_status),
                rating_text(row.rating),
                key=row.id,
            )
        if table.row_count == 0:
            card.update(text + Text("\n\nNo interviews yet: press s to schedule one."))

    async def action_schedule(self) -> None:
        await self.desk.action_schedule([self.candidate_id])

    def action_open_interview(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        from app.ui.screens.analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen(str(key)))

    def action_job(self) -> None:
        from app.ui.screens.job import JobScreen

        candidate = self.context.store.candidate(self.candidate_id)
        if candidate is None or not candidate.all_job_ids:
            self.notify("This candidate has no job yet.")
            return
        self.app.push_screen(JobScreen(candidate.all_job_ids[0]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_interview()
