"""A job's rating distribution and its candidates ranked, from the cache."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from app.paths import VIEWER_STYLES
from app.store.section_rows import RankedCandidate
from app.store.verdicts import UNDECIDED, Decision
from app.ui.base import ListScreen, PaletteAction
from app.ui.browse import BrowseList, interviews_browse
from app.ui.screens.compare import COMPARE_MAX, COMPARE_MIN, open_compare
from app.ui.verdicts import next_filter, verdict_badge, verdict_counts
from widgets.histogram import RatingHistogram
from widgets.numbers import number
from widgets.rating import rating_text
from widgets.text import plain_line
from widgets.virtual_table import Column, ListRowSource, VirtualTable


class JobScreen(ListScreen):
    CSS_PATH = VIEWER_STYLES
    HELP_TITLE = "Job"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="job.back"),
        Binding("v", "compare", "Compare marked", id="job.compare"),
        Binding("J", "other_job", "Other job", id="job.other"),
        Binding("d", "verdict_filter", "Verdict filter", id="job.verdict_filter"),
    ]

    PALETTE = (
        PaletteAction("Open this candidate's analysis", "Their rated interview for the job",
                      "open"),
        PaletteAction("Mark or unmark this candidate", "For comparison", "mark"),
        PaletteAction("Compare the marked candidates", "Side by side, 2 to 5", "compare"),
        PaletteAction("Filter by verdict", "Advance, hold, reject, undecided, then all",
                      "verdict_filter"),
    )

    def __init__(self, job_id: str, *, candidate_id: str | None = None) -> None:
        super().__init__()
        self.job_id = job_id
        self.candidate_id = candidate_id  # the candidate the recruiter came from: highlighted
        self.job_ids: list[str] = [job_id]  # the jobs J steps through: the candidate's
        self.verdict_filter: str | None = None  # only candidates with this verdict (d cycles)

    def compose_body(self) -> ComposeResult:
        yield Static(id="job-title")
        yield RatingHistogram([], id="job-histogram")
        yield VirtualTable(
            [Column("name", "Candidate", width=None),
             Column("verdict", "Verdict", width=9, formatter=verdict_badge, sortable=False),
             Column("rating", "Rating", width=10, align="right", formatter=rating_text,
                    sortable=False)],
            ListRowSource(),
            empty_message="No candidate of this job has a rated interview in the cache yet.",
            id="job-ranking",
        )

    def on_mount(self) -> None:
        candidate = (self.context.store.candidate(self.candidate_id)
                     if self.candidate_id else None)
        if candidate is not None and self.job_id in candidate.all_job_ids:
            self.job_ids = list(candidate.all_job_ids)
        self.on_cache_changed()
        table = self.query_one(VirtualTable)
        if self.candidate_id is not None:
            table.move_cursor_to_id(self.candidate_id)
        table.focus()

    def on_cache_changed(self) -> None:
        store = self.context.store
        job = store.job(self.job_id)
        ratings = store.job_ratings(self.job_id)
        decided = store.verdicts.by_candidate(self.job_id)
        rows = [_Ranked(entry, decided.get(entry.candidate_id)) for entry in ratings.ranked]
        title = Text(f"{plain_line(job.title) if job else 'Unknown job'} · "
                     f"{number(ratings.count)} rated",
                     style="bold")
        title.append_text(verdict_counts([row.verdict for row in rows], self.verdict_filter))
        if len(self.job_ids) > 1:
            title.append("\n").append_text(self._jobs_line())
        self.query_one("#job-title", Static).update(title)
        self.query_one(RatingHistogram).set_ratings(ratings.ratings)
        if self.verdict_filter is not None:
            rows = [row for row in rows if row.verdict == self.verdict_filter]
        self.query_one(VirtualTable).source = ListRowSource(rows)

    def _jobs_line(self) -> Text:
        """`job 1 of 2 of this candidate: Data Analyst · Data Engineer (J: next)`, the one
        shown in reverse: which job this is, and the candidate's others by name."""
        store = self.context.store
        position = self.job_ids.index(self.job_id) + 1
        line = Text(f"job {position} of {len(self.job_ids)} of this candidate: ", style="dim")
        for index, job_id in enumerate(self.job_ids):
            job = store.job(job_id)
            if index:
                line.append(" · ", style="dim")
            line.append(plain_line(job.title) if job else job_id,
                        style="bold reverse" if job_id == self.job_id else "")
        return line.append(" (J: next)", style="dim")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "other_job":
            return len(self.job_ids) > 1
        return super().check_action(action, parameters)

    def action_other_job(self) -> None:
        """The candidate's next job: a candidate with two jobs has two rankings."""
        position = self.job_ids.index(self.job_id)
        self.job_id = self.job_ids[(position + 1) % len(self.job_ids)]
        self.on_cache_changed()
        if self.candidate_id is not None:
            self.query_one(VirtualTable).move_cursor_to_id(self.candidate_id)

    def action_verdict_filter(self) -> None:
        self.verdict_filter = next_filter(self.verdict_filter)
        self.on_cache_changed()

    def offers(self, action: str, parameters: tuple[object, ...]) -> bool:
        table = self.query_one(VirtualTable)
        if action == "mark":
            return table.cursor_row_id is not None
        if action == "compare":
            return COMPARE_MIN <= table.mark_count <= COMPARE_MAX
        return super().offers(action, parameters)

    def action_mark(self) -> None:
        self.query_one(VirtualTable).action_toggle_mark()

    def on_virtual_table_row_chosen(self, event: VirtualTable.RowChosen) -> None:
        table = self.query_one(VirtualTable)
        row = table.cursor_row
        if row is not None:
            self.desk.open_analysis(row.interview_id, browse=self._browse())

    def _browse(self) -> BrowseList:
        """The ranking as [ and ] step through it in the analysis viewer."""
        job = self.context.store.job(self.job_id)
        rows = self.query_one(VirtualTable).source
        ranked = [row.interview_id for row in rows.rows(0, rows.count())]
        name = f"ranked for {job.title if job else 'the job'}"
        return interviews_browse(self.context.store, name, lambda: ranked)

    def action_compare(self) -> None:
        open_compare(self.app, sorted(str(i) for i in self.query_one(VirtualTable).marked))


class _Ranked:
    """A ranked candidate as a table row (the table keys rows by candidate id)."""

    def __init__(self, entry: RankedCandidate, decision: Decision | None) -> None:
        self.id = entry.candidate_id
        self.name = entry.name
        self.rating = entry.rating
        self.interview_id = entry.interview_id
        self.verdict = decision.label if decision else UNDECIDED
