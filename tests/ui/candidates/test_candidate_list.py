"""The candidate list with Pilot: filter, structured filters, sort, mark, open the detail."""

from __future__ import annotations

import pytest

from app.domain.models import Candidate
from app.store import CandidateSort
from app.ui.app import InterviewDeskApp
from app.ui.candidates.filter_screen import CandidateFilterScreen
from app.ui.screens.candidate_detail import CandidateDetailScreen
from tests.ui.candidates.world import fill
from widgets.footer import KeyFooter
from widgets.virtual_table import VirtualTable

SIZE = (120, 36)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


def names(app: InterviewDeskApp) -> list[str]:
    table = app.screen.query_one(VirtualTable)
    return [table.row_at(i).name for i in range(table.row_count)]


async def test_the_list_shows_every_cached_candidate_sorted_by_name(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert names(desk) == [
            "[red]Mark[/red] Up", "Ada Lovelace", "Ben Okafor", "Cleo Marsh", "Dan Novak",
            "Eva Král",
        ]
        assert "6 of 6 candidates" in str(desk.screen.query_one("#candidate-summary").render())


async def test_typing_filters_by_name_prefix_and_esc_clears(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "c", "l")
        await pilot.pause()
        assert names(desk) == ["Cleo Marsh"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(names(desk)) == 6
        assert desk.screen.query_one(VirtualTable).has_focus


async def test_a_broad_filter_says_how_many_it_counted_and_counts_the_rest_near_the_end(
        desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """The filter counts its matches only so far ("100+ of 206": a broad prefix's matches
    grow with the cache); near the end of those, G counts the rest and the summary is exact."""
    monkeypatch.setattr("app.ui.screens.candidates.CandidateSource.COUNTED_AT_MOST", 100)
    store = desk.context.store
    with store.transaction():
        store.save_candidates([Candidate(id=f"cand-x{n:03}", first_name="Xena", last_name=f"X{n}",
                                         email=f"x{n}@example.com") for n in range(200)])
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "x")
        await pilot.pause()
        summary = desk.screen.query_one("#candidate-summary")
        assert "100+ of 206 candidates" in str(summary.render())
        table = desk.screen.query_one(VirtualTable)
        assert table.row_count == 101 and not table.counted_all
        table.focus()
        await pilot.press("G")
        await pilot.pause()
        assert "200 of 206 candidates" in str(summary.render())
        assert table.cursor_index == 199 and table.cursor_row.name == "Xena X99"


async def test_a_sync_keeps_the_cursor_on_its_candidate_past_the_first_count(
        desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the end of a broad filter's list (counted whole by G), a sync re-reads the list from
    a count that stops early again: the cursor stays on its candidate and the count stays
    exact, instead of the cursor landing on whoever sits at the first count's end."""
    monkeypatch.setattr("app.ui.screens.candidates.CandidateSource.COUNTED_AT_MOST", 100)
    store = desk.context.store
    with store.transaction():
        store.save_candidates([Candidate(id=f"cand-x{n:03}", first_name="Xena",
                                         last_name=f"X{n:03}", email=f"x{n}@example.com")
                               for n in range(200)])
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "x")
        await pilot.pause()
        table = desk.screen.query_one(VirtualTable)
        table.focus()
        await pilot.press("G", "k")
        await pilot.pause()
        assert table.cursor_row.name == "Xena X198"
        desk.cache_written()  # what a sync, a poll or a verdict does
        await pilot.pause()
        assert table.cursor_index == 198 and table.cursor_row.name == "Xena X198"
        summary = desk.screen.query_one("#candidate-summary")
        assert "200 of 206 candidates" in str(summary.render())


async def test_the_footer_in_the_filter_box_offers_no_key_that_would_be_typed(desk) -> None:
    """In the filter box `/` and `+` are text (`+/q` filters by "+/q"): a footer offering
    "/ Filter  + Filters" there named keys that do nothing; Esc, which clears, is offered."""
    async with desk.run_test(size=SIZE) as pilot:
        footer = desk.screen.query_one(KeyFooter)
        assert {"slash", "plus"} <= {item.key for item in footer._fitting()}
        assert "escape" not in {item.key for item in footer._fitting()}  # nothing to clear
        await pilot.press("slash")
        await pilot.pause()
        keys = {item.key for item in footer._fitting()}
        assert not keys & {"slash", "plus", "s", "question_mark", "space", "enter"}
        assert "escape" in keys
        await pilot.press("f1")
        await pilot.pause()
        listed = str(desk.screen.query_one("#help-keys").render())
        assert "Clear" in listed and "Filters" not in listed
        await pilot.press("escape")
        await pilot.pause()
        # Only the offer: by name, the palette still opens the filters from the box.
        await desk.screen.run_action("filters")
        await pilot.pause()
        assert isinstance(desk.screen, CandidateFilterScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*"ad", "enter")
        await pilot.pause()
        keys = {item.key for item in footer._fitting()}
        assert {"slash", "plus", "escape"} <= keys  # on the list, with text to clear
        await pilot.press("escape")
        await pilot.pause()
        assert "escape" not in {item.key for item in footer._fitting()}  # cleared


async def test_filter_matches_email_too(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"eva@")
        await pilot.pause()
        assert names(desk) == ["Eva Král"]


async def test_expiring_soon_takes_day_14_and_leaves_day_15(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert names(desk) == ["Ben Okafor", "Eva Král"]
        chips = desk.screen.query_one("#candidate-chips")
        assert [chip.label for chip in chips.chips] == ["GDPR ≤ 14 days"]
        await pilot.press("x")
        await pilot.pause()
        assert len(names(desk)) == 6


async def test_structured_filters_combine_job_and_rating_range(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = desk.screen
        await pilot.press("t")
        await pilot.pause()
        modal = desk.screen
        modal.query_one("#filter-job").value = "job-backend"
        modal.query_one("#filter-rating-min").value = "60"
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert desk.screen is screen
        assert names(desk) == ["Ada Lovelace", "Cleo Marsh"]
        labels = [chip.label for chip in screen.query_one("#candidate-chips").chips]
        assert labels == ["job: Backend Engineer", "rating 60–100"]


async def test_the_gdpr_check_box_shows_whether_it_is_ticked_without_colour(desk) -> None:
    """Textual draws its check box's `X` ticked or not, told apart by colour alone: on a
    terminal without colour the GDPR filter looked on when it was off."""
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        box = desk.screen.query_one("#filter-expiring")
        assert "X" not in str(box.render()) and "✔" not in str(box.render())
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and "✔" in str(box.render())


async def test_enter_in_a_rating_box_applies_the_filters(desk) -> None:
    """Enter in the dialog's rating box did nothing, and ctrl+a, written on the Apply button,
    sits below the fold at 120x40 and 80x24: the dialog says its keys under its title."""
    async with desk.run_test(size=SIZE) as pilot:
        screen = desk.screen
        await pilot.press("t")
        await pilot.pause()
        assert "Enter or ctrl+a applies" in str(desk.screen.query_one(".dialog-hint").render())
        desk.screen.query_one("#filter-rating-min").focus()
        await pilot.press(*"60", "enter")
        await pilot.pause()
        assert desk.screen is screen
        assert [chip.label for chip in screen.query_one("#candidate-chips").chips] == [
            "rating 60–100"]


async def test_a_bad_rating_range_is_explained_not_applied(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        modal = desk.screen
        modal.query_one("#filter-rating-min").value = "80"
        modal.query_one("#filter-rating-max").value = "20"
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert desk.screen is modal
        assert "must not exceed" in str(modal.query_one("#filter-error").render())


async def test_sorting_by_rating_descending_puts_unrated_last(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        table = desk.screen.query_one(VirtualTable)
        table.set_sort("latest_rating", descending=True)
        await pilot.pause()
        assert names(desk)[:2] == ["Ada Lovelace", "Cleo Marsh"]
        assert names(desk)[-1] == "Dan Novak"
        summary = str(desk.screen.query_one("#candidate-summary").render())
        assert "sorted by rating, descending" in summary


async def test_every_sortable_column_sorts_the_list(desk) -> None:
    """> steps through the columns: each one is a sort the store knows (CandidateSort)."""
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = desk.screen.query_one(VirtualTable)
        everyone = sorted(names(desk))
        sortable = [column for column in table.columns if column.sortable]
        for column in sortable[1:]:
            await pilot.press("greater_than_sign")
            await pilot.pause()
            assert table.sort_column == column.key
            assert sorted(names(desk)) == everyone
            summary = str(desk.screen.query_one("#candidate-summary").render())
            assert f"sorted by {column.title.lower()}, ascending" in summary
        assert len(sortable) == len(CandidateSort)


async def test_space_marks_rows_and_the_count_shows(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space")
        await pilot.pause()
        assert desk.screen.chosen_candidate_ids() == ["cand-ada", "cand-mark"]
        assert "2 marked" in str(desk.screen.query_one("#candidate-summary").render())


async def test_u_unmarks_every_candidate_even_those_the_filter_hides(desk) -> None:
    """Marks outside the filter still count for `s` and compare, and a recruiter who marked
    hundreds (space held down) could only unmark them one by one, finding each first."""
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "space", "slash", *"eva", "enter")
        await pilot.pause()
        summary = desk.screen.query_one("#candidate-summary")
        assert "3 marked" in str(summary.render())
        await pilot.press("u")
        await pilot.pause()
        assert desk.screen.query_one(VirtualTable).mark_count == 0
        assert "marked" not in str(summary.render())
        assert desk.screen.chosen_candidate_ids() == ["cand-eva"]  # s schedules the one shown


async def test_enter_opens_the_detail_with_interviews_and_esc_returns(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        detail = desk.screen
        assert isinstance(detail, CandidateDetailScreen)
        card = str(detail.query_one("#candidate-card").render())
        assert "Ben Okafor" in card and "ben@example.com" in card and "14 days" in card
        assert detail.query_one("#candidate-interviews").row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(desk.screen, CandidateDetailScreen)


async def test_markup_in_a_name_is_shown_literally(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = desk.screen.query_one(VirtualTable)
        assert any("[red]Mark[/red]" in strip.text for strip in
                   (table.render_line(y) for y in range(8)))


async def test_help_lists_every_key_of_the_screen(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(desk.screen.query_one("#help-keys").render())
        for description in ("Filter", "Filters", "Compare", "Schedule", "Monitor", "Quit"):
            assert description in text
