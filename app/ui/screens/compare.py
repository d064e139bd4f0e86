"""Two to five candidates side by side: each one's latest analysed interview."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from app.domain.enums import label
from app.paths import VIEWER_STYLES
from app.store import InterviewView
from app.ui.base import DeskScreen
from widgets.rating import rating_text
from widgets.text import plain_line

COMPARE_MIN, COMPARE_MAX = 2, 5


def open_compare(app: App, candidate_ids: list[str]) -> None:
    """Push the comparison, or say why not (the recruiter marks 2 to 5 with space)."""
    if not COMPARE_MIN <= len(candidate_ids) <= COMPARE_MAX:
        app.notify(f"Mark {COMPARE_MIN} to {COMPARE_MAX} candidates with space to compare them "
                   f"(now {len(candidate_ids)}).", severity="warning")
        return
    app.push_screen(CompareScreen(candidate_ids))


class CompareScreen(DeskScreen):
    CSS_PATH = VIEWER_STYLES
    HELP_TITLE = "Compare"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare.back")]

    def __init__(self, candidate_ids: list[str]) -> None:
        super().__init__()
        self.candidate_ids = candidate_ids

    def compose_body(self) -> ComposeResult:
        yield Static(id="compare-title")
        yield Horizontal(id="compare-columns")

    def on_mount(self) -> None:
        super().on_mount()
        self.on_cache_changed()

    def on_cache_changed(self) -> None:
        store = self.context.store
        views: list[tuple[str, InterviewView | None]] = []
        for candidate_id in self.candidate_ids:
            interview_id = store.latest_interview_id(candidate_id, analysed=True)
            candidate = store.candidate(candidate_id)
            name = candidate.full_name if candidate else "(removed)"
            views.append((name, store.interview(interview_id) if interview_id else None))
        ratings = [self._rating(view) for _, view in views]
        best = max((r for r in ratings if r is not None), default=None)
        columns = self.query_one("#compare-columns", Horizontal)
        columns.remove_children()
        columns.mount_all(
            VerticalScroll(Static(self._column(name, view, rating is not None and rating == best)),
                           classes="compare-column")
            for (name, view), rating in zip(views, ratings, strict=True)
        )
        self.query_one("#compare-title", Static).update(Text(
            f"{len(views)} candidates, each on their latest analysed interview · "
            "★ the best rating", style="bold"))

    @staticmethod
    def _rating(view: InterviewView | None) -> float | None:
        general = view.interview.analysis.general if view and view.interview.analysis else None
        return general.overall_rating if general else None

    @staticmethod
    def _column(name: str, view: InterviewView | None, best: bool) -> Text:
        text = Text()
        text.append(("★ " if best else "") + plain_line(name) + "\n", style="bold")
        general = view.interview.analysis.general if view and view.interview.analysis else None
        if view is None or general is None:
            return text.append("No analysed interview in the cache.\n", style="italic")
        if view.job:
            text.append(f"{plain_line(view.job.title)}\n", style="dim")
        text.append("Rating: ").append_text(rating_text(general.overall_rating)).append("\n")
        for title, value in (("Fit", general.company_fit_rating),
                             ("Education", general.education),
                             ("Experience", general.experience)):
            text.append(f"{title}: {plain_line(label(value))}\n")
        for title, points, style in (("Strong", general.strong_points, "green"),
                                     ("Weak", general.weak_points, "red")):
            text.append(f"\n{title}\n", style=f"bold {style}")
            for point in points or ["—"]:
                text.append(f"• {plain_line(point)}\n")
        return text
