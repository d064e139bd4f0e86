"""Full-text search over every cached transcript, analysis point and evaluation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from app.store import SearchHit
from app.ui.base import DeskScreen

PAGE_MIN = 10  # hits read at a time, or a screenful when the screen holds more
KIND_LABELS = {"transcript": "transcript", "strong": "strong point", "weak": "weak point",
               "evaluation": "evaluation"}


def snippet_text(snippet: str) -> Text:
    """The store marks matches with [[ ]]; show them highlighted, everything else literal."""
    text = Text()
    rest = snippet
    while "[[" in rest and "]]" in rest.split("[[", 1)[1]:
        before, after = rest.split("[[", 1)
        hit, rest = after.split("]]", 1)
        text.append(before).append(hit, style="bold reverse")
    return text.append(rest)


def hit_option(hit: SearchHit) -> Text:
    line = Text()
    line.append(hit.candidate_name or "(unknown)", style="bold")
    where = KIND_LABELS.get(hit.kind, hit.kind)
    if hit.turn is not None:
        where += f", turn {hit.turn + 1}"
    line.append(f"  {where}\n", style="dim")
    line.append_text(snippet_text(hit.snippet.replace("\n", " ")))
    return line


class SearchScreen(DeskScreen):
    HELP_TITLE = "Search"
    BINDINGS = [
        Binding("slash", "focus_query", "New search", id="search.query"),
        Binding("escape", "clear", "Clear", show=False, id="search.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        self._query = ""
        self._total = 0

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="search transcripts, strong and weak points, evaluations",
                    id="search-query")
        yield Static(id="search-summary")
        yield OptionList(id="search-results")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#search-query", Input).focus()
        self._summary("Type words and press Enter. Works offline, over everything cached.")

    def _summary(self, message: str) -> None:
        self.query_one("#search-summary", Static).update(Text(message))

    def action_focus_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    def action_clear(self) -> None:
        self.query_one("#search-query", Input).value = ""
        self.run_search("")
        self.action_focus_query()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        results = self.query_one(OptionList)
        results.clear_options()
        self.hits = []
        self._query = query.strip()
        if not self._query:
            self._total = 0
            self._summary("Type words and press Enter.")
            return
        self._total = self.context.store.count_search_hits(self._query)
        if not self._total:
            self._summary(f"Nothing cached matches “{self._query}”. Transcripts of "
                          "interviews never synced are not searchable.")
            return
        self._summary(f"{self._total:,} hits for “{self._query}”, analyses first, newest "
                      "first · Enter opens the interview at the hit")
        self._show_more()
        results.highlighted = 0
        results.focus()

    @property
    def page_size(self) -> int:
        """A screenful and a little (a hit takes two lines): the list lays out and wraps every
        hit it holds, so holding only what can be seen keeps a common word as quick as a rare
        one."""
        return max(PAGE_MIN, self.query_one(OptionList).size.height // 2 + 2)

    def _show_more(self) -> None:
        """The next page of hits, read when the cursor reaches the end of the list."""
        page = self.context.store.search(self._query, limit=self.page_size,
                                         offset=len(self.hits))
        first = len(self.hits)
        self.hits += page
        self.query_one(OptionList).add_options(
            Option(hit_option(hit), id=str(index)) for index, hit in enumerate(page, first))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index == len(self.hits) - 1 and len(self.hits) < self._total:
            self._show_more()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from app.ui.screens.analysis import AnalysisScreen

        hit = self.hits[int(event.option.id or 0)]
        term = self.query_one("#search-query", Input).value.strip()
        self.app.push_screen(AnalysisScreen(hit.interview_id, search=term, turn=hit.turn))
