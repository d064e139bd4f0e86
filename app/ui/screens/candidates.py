"""The candidate list: the first screen, and the one that must always feel instant.

The table reads only the visible window from a SQL query over the cache, so filtering and
sorting 50,000 candidates costs one indexed query per keystroke, run in the UI thread because
it takes milliseconds (a worker hop would cost more than the query).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from app.store import CandidateQuery, CandidateRow, CandidateSort, Store
from app.store.verdicts import UNDECIDED
from app.ui.base import ListScreen, PaletteAction
from app.ui.browse import BrowseList, candidates_browse
from app.ui.candidates.columns import CANDIDATE_COLUMNS
from app.ui.candidates.filters import EXPIRING_SOON_DAYS, CandidateFilters
from app.ui.focus import focus_now, into_text
from app.ui.verdicts import next_filter
from widgets.chips import FilterChips
from widgets.numbers import number
from widgets.quick_input import QuickInput
from widgets.text import plain_line
from widgets.virtual_table import CappedCounting, CappedRowSource, VirtualTable


class CandidateSource(CappedCounting):
    """The table's rows: one query over the cache for the current text, filters and sort.

    Its count stops at COUNTED_AT_MOST (a CappedRowSource): a broad filter's matches grow with
    the cache, and each keystroke's first screen needs only to know there are many; the list
    says "10,000+" and counts the rest when the recruiter goes near the end."""

    def __init__(self, store: Store, query: CandidateQuery, today: date, *,
                 count: int | None = None) -> None:
        self.query = query
        self._store = store
        self._today = today
        self._count = count  # known already (the unfiltered list's: counting is a scan)
        self._counted_all = count is not None

    def count_matches(self, at_most: int | None) -> int:
        return self._store.count_candidates(self.query, today=self._today, at_most=at_most)

    def rows(self, offset: int, limit: int) -> list[CandidateRow]:
        count = self.count()
        matches = count if self.query.text_only else None  # counted once per keystroke
        if offset > count // 2 and self.counted_all:  # the back half reads from the end
            end = min(offset + limit, count)
            rows = self._store.candidate_rows(self.query, offset=count - end,
                                              limit=end - offset, today=self._today,
                                              from_end=True, text_matches=matches)
        else:
            rows = self._store.candidate_rows(self.query, offset=offset, limit=limit,
                                              today=self._today, text_matches=matches)
        return self._with_verdicts(rows)

    def _with_verdicts(self, rows: list[CandidateRow]) -> list[CandidateRow]:
        """Each row with its verdict (for the filtered job, else the latest for any job):
        verdicts live in their own file, so they are read for the rows shown only."""
        decided = self._store.verdicts.by_candidate(
            self.query.job_id, candidate_ids=[row.id for row in rows])
        return [replace(row, verdict=decided[row.id].label) if row.id in decided else row
                for row in rows]


class CandidatesScreen(ListScreen):
    HELP_TITLE = "Candidates"
    AUTO_FOCUS = "#candidate-table"
    BINDINGS = [
        into_text("slash", "filter_text", "Filter", id="candidates.filter"),
        into_text("plus,t", "filters", "Filters", id="candidates.filters"),
        Binding("e", "expiring", "Expiring", show=False, id="candidates.expiring"),
        Binding("x", "remove_filter", "Drop filter", show=False, id="candidates.drop_filter"),
        Binding("d", "verdict_filter", "Verdict filter", show=False,
                id="candidates.verdict_filter"),
        Binding("escape", "clear", "Clear", id="candidates.clear"),
        Binding("v", "compare", "Compare", show=False, id="candidates.compare"),
        Binding("u", "unmark_all", "Unmark all", show=False, id="candidates.unmark_all"),
        Binding("J", "job", "Job view", show=False, id="candidates.job"),
    ]

    PALETTE = (
        PaletteAction("Open this candidate", "Personal data, jobs and interviews", "open"),
        PaletteAction("Filter by text", "Name, email or prefixes, as you type", "filter_text"),
        PaletteAction("Filter by job, status, interview type or rating", "Structured filters",
                      "filters"),
        PaletteAction("Filter by GDPR: expiring within 14 days", "Toggle the GDPR filter",
                      "expiring"),
        PaletteAction("Filter by verdict", "Advance, hold, reject, undecided, then all",
                      "verdict_filter"),
        PaletteAction("Drop the last filter", "Remove the last filter chip", "remove_filter"),
        PaletteAction("Mark or unmark this candidate", "For bulk scheduling or comparison",
                      "mark"),
        PaletteAction("Compare the marked candidates", "Side by side, 2 to 5", "compare"),
        PaletteAction("Unmark every candidate", "Marks hidden by the filter too", "unmark_all"),
        PaletteAction("Schedule an interview for this candidate",
                      "Or for every marked candidate", "schedule_chosen"),
        PaletteAction("Job view", "The rating distribution of this candidate's job", "job"),
        PaletteAction("Export the list as CSV", "The candidates as filtered, to exports/",
                      "export_list('csv')"),
        PaletteAction("Export the list as JSON", "With their interviews, to exports/",
                      "export_list('json')"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.filters = CandidateFilters()
        self.sort = CandidateSort.NAME
        self.descending = False
        self._shown_chips: list | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="candidate-toolbar"):
            yield QuickInput(placeholder="/ filter by name or email", id="candidate-filter")
            yield FilterChips(id="candidate-chips")
        self._count_all()
        yield VirtualTable(
            CANDIDATE_COLUMNS,
            CandidateSource(self.context.store, self._query(), self._today(),
                            count=self._total),
            sort_column=self.sort,
            id="candidate-table",
        )
        yield Static(id="candidate-summary")

    def on_mount(self) -> None:
        self.watch(self.query_one("#candidate-filter", Input), "value",
                   self._filter_typed, init=False)
        # The table read its first rows when it mounted (Textual mounts a screen's widgets
        # before the screen), from the query composed above: reading them again cost the
        # cold start a second query.
        self._show_list_state()
        self.desk.candidates_unmarked.subscribe(self, self._unmark)

    def _unmark(self, candidate_ids: list[str]) -> None:
        """Scheduled in bulk (or left out of the batch): no longer marked here."""
        table = self.query_one(VirtualTable)
        table.set_marks(row for row in table.marked if str(row) not in candidate_ids)

    # ── the query ────────────────────────────────────────────────────────────────────────

    def _today(self) -> date:
        return self.context.clock().date()

    def _query(self) -> CandidateQuery:
        text = self.query_one("#candidate-filter", Input).value if self.is_mounted else ""
        filters = self.filters
        return CandidateQuery(
            text=text.strip() or None,
            job_id=filters.job_id,
            statuses=(filters.status,) if filters.status else None,
            interview_status=filters.interview_status,
            interview_type=filters.interview_type,
            rating_min=filters.rating_min,
            rating_max=filters.rating_max,
            expiring_within_days=EXPIRING_SOON_DAYS if filters.expiring_soon else None,
            **self._verdict_ids(filters),
            sort=self.sort,
            descending=self.descending,
        )

    def _reload(self, *, from_top: bool = False) -> None:
        """Re-read the list; the cursor stays on its candidate unless the filter changed
        (`from_top`): a new filter starts at the top."""
        table = self.query_one(VirtualTable)
        query = self._query()
        unfiltered = replace(query, sort=CandidateSort.NAME, descending=False) == CandidateQuery()
        source = CandidateSource(self.context.store, query, self._today(),
                                 count=self._total if unfiltered else None)
        if from_top:
            table.start_over(source)
        else:
            table.source = source
        self._show_list_state()

    def _show_list_state(self) -> None:
        """The filter chips, the summary line and the empty list's message, for the list as
        the table shows it now."""
        table = self.query_one(VirtualTable)
        # Chips and the summary line have fixed sizes: re-laying out the screen on every
        # keystroke tripled the filter's keystroke-to-frame time (issue 9 benchmark).
        chips = self.filters.chips()
        if chips != self._shown_chips:
            self._shown_chips = chips
            self.query_one(FilterChips).set_chips(chips)
        self._update_summary()
        if table.row_count == 0:
            table.empty_message = self._empty_message()

    def _empty_message(self) -> str:
        connection = self.desk.connection
        if self.context.store.last_synced_at() is None:
            if connection is not None and connection.online is False:
                return ("Offline, and nothing is cached yet. Connect and press r to load "
                        "your candidates.")
            problem = self.desk.sync_problem
            if problem is not None and not (connection is not None and connection.syncing):
                return (f"Nothing is cached yet: the sync failed. {plain_line(problem)} "
                        "r tries again.")
            return "Loading candidates from the API… (the first sync fills the cache)"
        if self.filters.chips() or self.query_one("#candidate-filter", Input).value:
            return "No candidate matches. Esc clears the text, x drops the last filter."
        return "No candidates yet. Press s to schedule an interview with a new candidate."

    def _update_summary(self) -> None:
        table = self.query_one(VirtualTable)
        line = Text(f" {table.count_text} of {number(self._total)} candidates")
        if table.mark_count:
            line.append(f" · {number(table.mark_count)} marked", style="bold")
        direction = "descending" if self.descending else "ascending"
        title = next(c.title for c in table.columns if c.key == self.sort)
        line.append(f" · sorted by {title.lower()}, {direction} (< > change, o flips)")
        self.query_one("#candidate-summary", Static).update(line, layout=False)

    def on_virtual_table_count_changed(self, _event: VirtualTable.CountChanged) -> None:
        self._update_summary()

    def on_cache_changed(self) -> None:
        self._count_all()
        self._reload()

    def _count_all(self) -> None:
        """The unfiltered total changes only with the cache, not with each keystroke."""
        self._total = self.context.store.count_candidates(CandidateQuery(), today=self._today())

    # ── filtering ────────────────────────────────────────────────────────────────────────

    def action_filter_text(self) -> None:
        focus_now(self.query_one("#candidate-filter", Input))

    def _filter_typed(self, old: str, new: str) -> None:
        """Called as the filter's value changes, before Textual paints the typed letter: the
        letter and the list it filters then arrive in one frame, where reacting to the
        Input.Changed message drew the letter first and the list a frame later."""
        shown = self.query_one(VirtualTable).source
        if not isinstance(shown, CandidateSource) or shown.query != self._query():
            self._reload(from_top=True)
        if bool(old) != bool(new):
            self.refresh_bindings()  # Esc clears something now, or nothing any more

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "candidate-filter":
            self.query_one(VirtualTable).focus()

    def action_clear(self) -> None:
        search = self.query_one("#candidate-filter", Input)
        if search.value:
            search.value = ""
        self.query_one(VirtualTable).focus()

    def action_filters(self) -> None:
        store = self.context.store
        jobs = [(job.id, plain_line(job.title)) for job in store.jobs()]
        statuses = store.candidate_statuses()

        def apply(filters: CandidateFilters | None) -> None:
            if filters is not None:
                self.filters = filters
                self._reload(from_top=True)

        # Imported here: its form's controls (Select, Checkbox) cost the first frame 8 ms
        from app.ui.candidates.filter_screen import CandidateFilterScreen

        self.app.push_screen(CandidateFilterScreen(self.filters, jobs, statuses), apply)

    def _verdict_ids(self, filters: CandidateFilters) -> dict[str, tuple[str, ...]]:
        """The verdict filter as the query takes it: the ids with that verdict (for the job
        filter's job when one is chosen), or for "undecided" all but the decided."""
        if filters.verdict is None:
            return {}
        decided = self.context.store.verdicts.by_candidate(filters.job_id)
        if filters.verdict == UNDECIDED:
            return {"except_ids": tuple(decided)}
        return {"only_ids": tuple(i for i, d in decided.items() if d.label == filters.verdict)}

    def action_verdict_filter(self) -> None:
        self.filters = replace(self.filters, verdict=next_filter(self.filters.verdict))
        self._reload(from_top=True)

    def action_expiring(self) -> None:
        self.filters = replace(self.filters, expiring_soon=not self.filters.expiring_soon)
        self._reload(from_top=True)

    def action_remove_filter(self) -> None:
        chips = self.filters.chips()
        if chips:
            self.filters = self.filters.without(chips[-1][0])
            self._reload(from_top=True)

    def on_filter_chips_chip_removed(self, event: FilterChips.ChipRemoved) -> None:
        self.filters = self.filters.without(event.key)
        self._reload(from_top=True)

    # ── sorting, marking, opening ────────────────────────────────────────────────────────

    def on_virtual_table_sort_changed(self, event: VirtualTable.SortChanged) -> None:
        self.sort, self.descending = CandidateSort(event.column), event.descending
        self._reload()

    def on_virtual_table_marks_changed(self, _event: VirtualTable.MarksChanged) -> None:
        self._update_summary()

    def on_virtual_table_row_chosen(self, event: VirtualTable.RowChosen) -> None:
        self.desk.open_candidate(str(event.row_id), browse=self._browse())

    def _browse(self) -> BrowseList:
        """The list as it stands (filtered and sorted), for [ and ] in the analysis viewer;
        read only if the recruiter steps through it."""
        source = self.query_one(VirtualTable).source

        def candidate_ids() -> list[str]:
            count = source.count_all() if isinstance(source, CappedRowSource) else source.count()
            return [row.id for row in source.rows(0, count)]

        return candidates_browse(self.context.store, "candidates in the list", candidate_ids)

    def chosen_candidate_ids(self) -> list[str]:
        """The marked candidates, else the one under the cursor (for scheduling)."""
        table = self.query_one(VirtualTable)
        if table.mark_count:
            return sorted(str(row_id) for row_id in table.marked)
        return [str(table.cursor_row_id)] if table.cursor_row_id is not None else []

    def action_job(self) -> None:
        """The rating distribution of the job of the candidate under the cursor."""
        row_id = self.query_one(VirtualTable).cursor_row_id
        candidate = self.context.store.candidate(str(row_id)) if row_id is not None else None
        if candidate is None or not candidate.all_job_ids:
            self.notify("This candidate has no job yet.")
            return
        job_id = (self.filters.job_id if self.filters.job_id in candidate.all_job_ids
                  else candidate.all_job_ids[0])
        self.desk.open_job(job_id, candidate_id=candidate.id)

    def action_unmark_all(self) -> None:
        """Every mark goes, those the filter hides too (they still count for s and v)."""
        table = self.query_one(VirtualTable)
        if table.mark_count:
            self.notify(f"Unmarked {number(table.mark_count)} "
                        f"candidate{'s' if table.mark_count != 1 else ''}.")
            table.set_marks(())

    def action_compare(self) -> None:
        from app.ui.screens.compare import open_compare

        open_compare(self.app, sorted(str(i) for i in self.query_one(VirtualTable).marked))

    # ── the command palette's own actions ────────────────────────────────────────────────

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc is offered where it clears: in the filter box, or with text in it."""
        if action == "clear" and not self.query_one("#candidate-filter", Input).value:
            return self.focused is self.query_one("#candidate-filter")
        return super().check_action(action, parameters)

    def offers(self, action: str, parameters: tuple[object, ...]) -> bool:
        from app.ui.screens.compare import COMPARE_MAX, COMPARE_MIN

        table = self.query_one(VirtualTable)
        if action == "remove_filter":
            return bool(self.filters.chips())
        if action == "compare":
            return COMPARE_MIN <= table.mark_count <= COMPARE_MAX
        if action == "unmark_all":
            return table.mark_count > 0
        if action in ("mark", "schedule_chosen", "job", "export_list"):
            return table.cursor_row_id is not None
        return super().offers(action, parameters)

    def action_mark(self) -> None:
        self.query_one(VirtualTable).action_toggle_mark()

    async def action_schedule_chosen(self) -> None:
        await self.desk.action_schedule()

    def action_export_list(self, kind: str) -> None:
        self._export_list(kind, self._query())

    @work(thread=True, exclusive=True, group="export-list")
    def _export_list(self, kind: str, query: CandidateQuery) -> None:
        """Off the screen's thread: a list of thousands with their interviews takes seconds."""
        from app.store.export import candidates_csv, candidates_json, json_text

        store = self.context.store
        directory = self.context.settings.data_dir / "exports"
        directory.mkdir(parents=True, exist_ok=True)
        stamp = self.context.clock().strftime("%Y%m%d-%H%M")
        path = directory / f"candidates-{stamp}.{kind}"
        if kind == "csv":
            text = candidates_csv(store, query)
        else:
            text = json_text(list(candidates_json(store, query, with_transcripts=False)),
                             indent=2)
        partial_path = path.with_suffix(path.suffix + ".part")
        partial_path.write_text(text, encoding="utf-8")
        partial_path.replace(path)  # nothing half-written under the final name
        self.app.call_from_thread(self.notify, f"Saved {path}", title="Exported")
