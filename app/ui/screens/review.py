"""To review: completed analyses the recruiter has not decided on yet, newest first.

The queue is read from the cache and the verdict file only, so a recruiter on a train works
through it with no network. Enter opens the analysis viewer on the queue: a verdict there
(a advance, h hold, x reject) moves on to the next analysis still undecided, and this list
loses the decided ones when the recruiter comes back.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select, Static

from app.domain.enums import InterviewType, label
from app.paths import VIEWER_STYLES
from app.store.review import review_queue
from app.ui.base import ListScreen, PaletteAction
from app.ui.browse import BrowseEntry, BrowseList
from app.ui.focus import focus_now, into_text
from widgets.numbers import number
from widgets.rating import rating_text
from widgets.text import line_text
from widgets.virtual_table import Column, ListRowSource, VirtualTable


def _when(value: Any) -> Text:
    return Text("—" if value is None else f"{value.astimezone():%Y-%m-%d %H:%M}")


def _type(value: Any) -> Text:
    return line_text(label(value)) if value else Text("—")  # an unknown type is server text


# Newest first is the queue's order: the columns do not sort it.
REVIEW_COLUMNS = (
    Column("candidate_name", "Candidate", width=None, formatter=line_text, sortable=False),
    Column("job_title", "Job", width=22, formatter=line_text, sortable=False, priority=2),
    Column("focus", "Type", width=13, formatter=_type, sortable=False, priority=3),
    Column("rating", "Rating", width=10, align="right", formatter=rating_text,
           sortable=False),
    Column("finished_at", "Finished", width=16, formatter=_when, sortable=False, priority=1),
)


class ReviewScreen(ListScreen):
    CSS_PATH = VIEWER_STYLES
    HELP_TITLE = "To review"
    AUTO_FOCUS = "#review-table"
    BINDINGS = [
        Binding("escape", "focus_list", "List", show=False, id="review.list"),
        into_text("slash", "focus_filters", "Filter", id="review.filter"),
    ]

    PALETTE = (
        PaletteAction("Review this analysis", "Open it; a, h, x record the verdict", "open"),
        PaletteAction("Filter the review queue by job or type", "The two fields on top",
                      "focus_filters"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.job_id: str | None = None
        self.focus_type: str | None = None
        self._job_ids: list[str] | None = None  # the jobs the job filter offers

    def compose_body(self) -> ComposeResult:
        yield Static(id="review-title")
        with Horizontal(id="review-filters"):
            yield Select([], prompt="any job", id="review-job", compact=True)
            yield Select([(label(kind), kind.value) for kind in InterviewType],
                         prompt="any type", id="review-type", compact=True)
        yield VirtualTable(
            REVIEW_COLUMNS, ListRowSource(), markable=False, id="review-table",
            empty_message="Nothing to review: every completed analysis has a verdict.",
        )

    def on_mount(self) -> None:
        self.on_cache_changed()

    def on_cache_changed(self) -> None:
        choices = [(line_text(job.title), job.id) for job in self.context.store.jobs()]
        if [job_id for _, job_id in choices] != self._job_ids:
            self._job_ids = [job_id for _, job_id in choices]
            jobs = self.query_one("#review-job", Select)
            with jobs.prevent(Select.Changed):
                jobs.set_options(choices)
                if self.job_id in self._job_ids:
                    jobs.value = self.job_id
        self._reload()

    def _reload(self) -> None:
        queue = review_queue(self.context.store, job_id=self.job_id, focus=self.focus_type)
        rows = [{"id": row.interview_id, **row.__dict__} for row in queue]
        self.query_one(VirtualTable).source = ListRowSource(rows)
        title = Text(f"{number(len(rows))} to review", style="bold")
        title.append(" · analyses without a verdict, newest first · Enter reviews",
                     style="dim")
        self.query_one("#review-title", Static).update(title)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        if event.select.id == "review-job":
            self.job_id = value
        elif event.select.id == "review-type":
            self.focus_type = value
        self._reload()

    def action_focus_filters(self) -> None:
        focus_now(self.query_one("#review-job", Select))

    def action_focus_list(self) -> None:
        self.query_one(VirtualTable).focus()

    def on_virtual_table_row_chosen(self, event: VirtualTable.RowChosen) -> None:
        table = self.query_one(VirtualTable)
        interview_id = table.cursor_row_id
        if interview_id is None:
            return
        source = table.source
        ids = [row["id"] for row in source.rows(0, source.count())]
        browse = BrowseList("to review", "interview",
                            lambda: [BrowseEntry(i, i) for i in ids])
        self.desk.open_analysis(str(interview_id), browse=browse)
