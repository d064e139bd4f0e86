"""Full-text search over every cached transcript, analysis point and evaluation."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from app.paths import VIEWER_STYLES
from app.store import Store
from app.store.section_rows import SearchHit
from app.ui.base import ListScreen, PaletteAction
from app.ui.browse import interviews_browse
from app.ui.focus import focus_now, into_text
from widgets.quick_input import QuickInput
from widgets.text import line_text, plain_line
from widgets.virtual_table import CappedCounting, Column, VirtualTable

KIND_LABELS = {"transcript": "transcript", "strong": "strong point", "weak": "weak point",
               "evaluation": "evaluation"}


def snippet_text(snippet: str) -> Text:
    """The store marks matches with [[ ]]; show them highlighted, everything else literal."""
    text = Text()
    rest = snippet
    while "[[" in rest and "]]" in rest.split("[[", 1)[1]:
        before, after = rest.split("[[", 1)
        hit, rest = after.split("]]", 1)
        text.append(plain_line(before)).append(plain_line(hit), style="bold reverse")
    return text.append(plain_line(rest))


def where_found(hit: SearchHit) -> str:
    where = KIND_LABELS.get(hit.kind, hit.kind)
    return where if hit.turn is None else f"{where}, turn {hit.turn + 1}"


def candidate_text(name: str) -> Text:
    return line_text(name or "(unknown)", style="bold")


def found_text(snippet: str) -> Text:
    return snippet_text(snippet)


HIT_COLUMNS = (
    Column("candidate", "Candidate", width=22, formatter=candidate_text, sortable=False),
    Column("where", "Where", width=20, sortable=False),
    Column("snippet", "Found", width=None, formatter=found_text, sortable=False),
)


class HitSource(CappedCounting):
    """A search's hits as the table reads them: the window on screen at a time, from the cache,
    so a word in 100,000 turns lists as quickly as a rare one. Its count stops at
    COUNTED_AT_MOST (a CappedRowSource): a common word's hits grow with the cache, and the
    summary says "10,000+" until the recruiter goes near the end, where the rest is counted."""

    def __init__(self, store: Store, text: str) -> None:
        self._store = store
        self._text = text

    def count_matches(self, at_most: int | None) -> int:
        return self._store.count_search_hits(self._text, at_most=at_most)

    def rows(self, offset: int, limit: int) -> list[dict[str, Any]]:
        hits = self._store.search(self._text, limit=limit, offset=offset)
        return [{"id": number, "candidate": hit.candidate_name, "where": where_found(hit),
                 "snippet": hit.snippet, "hit": hit}
                for number, hit in enumerate(hits, offset)]


class SearchScreen(ListScreen):
    CSS_PATH = VIEWER_STYLES
    HELP_TITLE = "Search"
    BINDINGS = [
        into_text("slash", "focus_query", "New search", id="search.query"),
        # One key, said as what it does now (check_action shows the one that applies).
        Binding("escape", "clear", "Clear", id="search.clear"),
        Binding("escape", "leave_query", "Leave the box", id="search.leave_query"),
    ]

    PALETTE = (
        PaletteAction("New search", "Words in every cached transcript and analysis",
                      "focus_query"),
        PaletteAction("Open the interview at this hit", "The analysis, transcript at the hit",
                      "open"),
    )

    _searched = ""  # the words of the hits shown

    def compose_body(self) -> ComposeResult:
        yield QuickInput(placeholder="search transcripts, strong and weak points, evaluations",
                         id="search-query")
        yield Static(id="search-summary")
        # One screenful at a time: each hit read costs its snippet.
        yield VirtualTable(HIT_COLUMNS, HitSource(self.context.store, ""), window=1,
                           markable=False, empty_message="", id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-query", Input).focus()
        self.watch(self.query_one("#search-query", Input), "value", self._typed, init=False)
        self._summary("Type words and press Enter. Works offline, over everything cached.")

    def _typed(self, old: str, new: str) -> None:
        if bool(old) != bool(new):
            self.refresh_bindings()  # Esc clears the words now, or leaves the box

    def _summary(self, message: str) -> None:
        self.query_one("#search-summary", Static).update(Text(message))

    def action_focus_query(self) -> None:
        focus_now(self.query_one("#search-query", Input))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc in the box clears its words, then leaves it (letters are commands again);
        from the hits it starts a new search."""
        box = self.query_one("#search-query", Input)
        if action == "leave_query":
            return box.has_focus and not box.value
        if action == "clear" and box.has_focus and not box.value:
            return False
        return super().check_action(action, parameters)

    def action_clear(self) -> None:
        self.query_one("#search-query", Input).value = ""
        self.run_search("")
        self.action_focus_query()

    def action_leave_query(self) -> None:
        self.query_one(VirtualTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        text = self._searched = query.strip()
        table = self.query_one(VirtualTable)
        # A new search shows its hits from the first: its rows are numbered as the last
        # one's were, so the cursor kept its place (past G, at the end of the new hits).
        table.start_over(HitSource(self.context.store, text))
        if not text:
            self._summary("Type words and press Enter.")
        elif not table.row_count:
            self._summary(f"Nothing cached matches “{text}”. Transcripts of interviews never "
                          "synced are not searchable.")
        else:
            self._summarise_hits(table, text)
            table.focus()

    def _summarise_hits(self, table: VirtualTable, text: str) -> None:
        self._summary(f"{table.count_text} hits for “{text}” (analyses first, newest first) · "
                      "Enter opens at the hit")

    def on_virtual_table_count_changed(self, event: VirtualTable.CountChanged) -> None:
        self._summarise_hits(event.table, self._searched)

    def on_virtual_table_row_chosen(self, _event: VirtualTable.RowChosen) -> None:
        row = self.query_one(VirtualTable).cursor_row
        if row is None:
            return
        hit: SearchHit = row["hit"]
        term = self._searched  # the words that found the hits, not words typed since
        browse = interviews_browse(self.context.store, "interviews found",
                                   lambda: self.context.store.search_interview_ids(term))
        self.desk.open_analysis(hit.interview_id, search=term, turn=hit.turn, browse=browse)
