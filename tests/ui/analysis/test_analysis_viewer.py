"""The analysis viewer, compare, job view and search with Pilot, all from the cache."""

from __future__ import annotations

import json

import pytest

from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.compare import CompareScreen, open_compare
from app.ui.screens.job import JobScreen
from app.ui.screens.search import SearchScreen
from tests.ui.analysis.world import JOB, fill, interview
from tests.ui.toasts import toasts
from widgets.footer import KeyFooter
from widgets.transcript_view import TranscriptView
from widgets.virtual_table import VirtualTable

SIZE = (140, 45)


@pytest.fixture
def desk(make_context) -> InterviewDeskApp:
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(w.render()) for w in screen.query(selector))


async def open_analysis(app: InterviewDeskApp, pilot, key: str, **kwargs) -> AnalysisScreen:  # type: ignore[no-untyped-def]
    await app.push_screen(AnalysisScreen(f"int-{key}", **kwargs))
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, AnalysisScreen)
    return app.screen


async def open_the_hit(app: InterviewDeskApp, pilot) -> tuple[AnalysisScreen, TranscriptView]:  # type: ignore[no-untyped-def]
    """Enter on the search hit under the cursor: the viewer it opens, and its transcript."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    viewer = app.screen
    assert isinstance(viewer, AnalysisScreen)
    return viewer, viewer.query_one(TranscriptView)


async def test_a_screening_analysis_reads_whole(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, "ada")
        body = text_of(screen, "#analysis-body Static")
        assert "Precise with SQL" in body and "Little Python" in body
        assert "Recommended for the next round." in body
        assert "Company fit: high" in body and "Education: master level" in body
        assert "91 strong" in str(screen.query_one("#analysis-rating").render())
        assert "Ada Lovelace" in str(screen.query_one("#analysis-header").render())
        assert screen.query_one(TranscriptView).turn_count == 5


@pytest.mark.parametrize(("key", "expected"), [
    ("ben", ["Interest: high", "Salary expectation: 55k EUR a year", "Follow up: yes"]),
    ("cleo", ["Talked about career goals", "Topics: career goals, remote work"]),
    ("dan", ["Language level (CEFR): B2"]),
])
async def test_type_specific_parts(desk, key: str, expected: list[str]) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, key)
        specific = text_of(screen, "#analysis-specific Static")
        for phrase in expected:
            assert phrase in specific


async def test_language_scores_are_bars(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, "dan")
        bars = [str(w.render()) for w in screen.query("#analysis-specific ScoreBar")]
        assert len(bars) == 6
        assert any("fluency" in bar and "74" in bar for bar in bars)


async def test_unknown_specific_data_is_a_readable_tree(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, "odd")
        tree = text_of(screen, "#analysis-specific Static")
        assert "stressTest:" in tree and "score: 7" in tree and "- calm" in tree


async def test_a_pending_analysis_says_so(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, "eva")
        assert "being written" in text_of(screen, ".analysis-waiting")
        assert not screen.query("#analysis-rating")


async def test_a_transcript_never_synced_is_explained(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, "finn")
        view = screen.query_one(TranscriptView)
        assert view.turn_count == 0
        assert "never synced" in view.empty_message


async def test_markup_in_server_text_is_shown_literally(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, "mark")
        assert "[red]bold claim[/red] and [link=x]y" in text_of(screen, "#analysis-strong")


async def test_transcript_search_counts_hits_and_steps_with_n(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_analysis(desk, pilot, "ada")
        await pilot.press("slash", *"sql", "enter")
        await pilot.pause()
        view = screen.query_one(TranscriptView)
        assert view.hit_count == 4  # PostgreSQL counts too: the search matches inside words
        assert "hit 1 of 4" in str(screen.query_one("#transcript-hits").render())
        await pilot.press("n")
        await pilot.pause()
        assert view.current_hit == 1


async def test_brackets_move_between_candidates_of_the_job(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await open_analysis(desk, pilot, "ada")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert desk.screen.interview_id == "int-ben"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert desk.screen.interview_id == "int-ada"


async def test_markdown_and_json_exports_from_the_cache(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await open_analysis(desk, pilot, "ada")
        await pilot.press("e", "E")
        await pilot.pause()
        exports = desk.context.settings.data_dir / "exports"
        markdown = next(exports.glob("*.md")).read_text()
        assert "# Ada Lovelace" in markdown and "- Precise with SQL" in markdown
        assert "PostgreSQL" in markdown
        data = json.loads(next(exports.glob("*.json")).read_text())
        assert data["analysis"]["general"]["overallRating"] == 91
        assert len(data["transcript"]) == 5


async def test_the_pdf_export_says_what_is_wrong_when_the_api_has_none(desk) -> None:
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        await open_analysis(desk, pilot, "ada")
        await pilot.press("p")
        await desk.workers.wait_for_complete()
        await pilot.pause()
        assert not list((desk.context.settings.data_dir / "exports").glob("*.pdf"))
        assert any("not found" in text.partition("\n")[2].lower() for text in toasts(desk))


async def test_compare_three_marks_the_best(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        open_compare(desk, ["cand-ada", "cand-ben", "cand-cleo"])
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, CompareScreen)
        columns = [str(w.render()) for w in screen.query(".compare-column Static")]
        assert len(columns) == 3
        assert columns[0].startswith("★ Ada Lovelace")
        # Ben's is an outreach interview: its own figures are shown (issue 19: like with like)
        assert not columns[1].startswith("★") and "Interest: high" in columns[1]
        assert "91 strong" in columns[0] and "Little Python" in columns[2]


async def test_compare_refuses_one_or_six(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        open_compare(desk, ["cand-ada"])
        await pilot.pause()
        assert not isinstance(desk.screen, CompareScreen)


async def test_job_view_ranks_and_summarises(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await desk.push_screen(JobScreen(JOB.id))
        await pilot.pause()
        screen = desk.screen
        histogram = str(screen.query_one("#job-histogram").render())
        assert "7" in str(screen.query_one("#job-title").render())
        assert "median" in histogram.lower()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(desk.screen, AnalysisScreen) and desk.screen.interview_id == "int-ada"


async def test_search_jumps_into_the_transcript_at_the_hit(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(desk.screen, SearchScreen)
        await pilot.press(*"ledger", "enter")
        await pilot.pause()
        results = desk.screen.query_one("#search-results", VirtualTable)
        assert results.row_count == 7  # the same transcript line in every synced interview
        first = results.row_at(0)["hit"]
        assert "[[ledger]]" in first.snippet
        _, view = await open_the_hit(desk, pilot)
        assert view.search_term == "ledger" and view.hit_count == 1
        assert view.hits[view.current_hit].turn == 3


async def test_a_new_search_starts_at_its_first_hit(desk) -> None:
    """After G at the end of one search's hits, the next search shows its own hits from the
    first (analyses first, newest first), not from where the last one's cursor stood."""
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"ledger", "enter")
        await pilot.pause()
        results = desk.screen.query_one("#search-results", VirtualTable)
        await pilot.press("G")
        await pilot.pause()
        assert results.cursor_index == results.row_count - 1 > 0
        await pilot.press("slash", "ctrl+u", *"postgresql", "enter")
        await pilot.pause()
        assert results.row_count > 1 and results.cursor_index == 0


async def test_a_hit_opens_on_the_words_searched_not_on_words_typed_since(desk) -> None:
    """Words typed into the search box but not searched (no Enter) are not the hits shown:
    the hit opened highlights, and [ ] step through, the words that found it."""
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"ledger", "enter")
        await pilot.pause()
        results = desk.screen.query_one("#search-results", VirtualTable)
        assert results.row_count == 7
        await pilot.press("slash", *" hello", "tab")
        await pilot.pause()
        assert results.has_focus
        viewer, view = await open_the_hit(desk, pilot)
        assert view.search_term == "ledger" and view.hit_count == 1
        assert "1 of 6 interviews found" in text_of(viewer, "#analysis-header")


async def test_search_reads_hits_a_window_at_a_time_down_to_the_last(desk) -> None:
    store = desk.context.store
    with store.transaction():  # 200 more interviews whose transcripts mention the ledger
        store.save_interviews([interview(f"more{n}", "SCREENING") for n in range(200)])
    read: list[tuple[int, int]] = []
    search = store.search

    def counting_search(text: str, *, limit: int = 50, offset: int = 0) -> list:
        read.append((offset, limit))
        return search(text, limit=limit, offset=offset)

    store.search = counting_search  # type: ignore[method-assign]
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"ledger", "enter")
        await pilot.pause()
        results = desk.screen.query_one("#search-results", VirtualTable)
        assert results.row_count == 207
        assert "207 hits" in str(desk.screen.query_one("#search-summary").render())
        assert max(offset + limit for offset, limit in read) < 207  # one window, not all
        await pilot.press("G")
        await pilot.pause()
        last = results.cursor_row["hit"]
        assert last.interview_id == "int-ada" and last.turn == 3  # oldest transcript last
        seen = {(results.row_at(i)["hit"].interview_id, results.row_at(i)["hit"].turn)
                for i in range(207)}
        assert len(seen) == 207  # every hit once


async def test_a_common_word_says_how_many_it_counted_and_counts_the_rest_near_the_end(
        desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search counts its hits only so far ("100+ hits": counting a common word's hits
    grows with the cache); near the end of those, the rest are counted and the summary says
    how many there are."""
    monkeypatch.setattr("app.ui.screens.search.HitSource.COUNTED_AT_MOST", 100)
    store = desk.context.store
    with store.transaction():  # 200 more interviews whose transcripts mention the ledger
        store.save_interviews([interview(f"more{n}", "SCREENING") for n in range(200)])
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"ledger", "enter")
        await pilot.pause()
        results = desk.screen.query_one("#search-results", VirtualTable)
        summary = desk.screen.query_one("#search-summary")
        assert "100+ hits for “ledger”" in str(summary.render())
        assert results.row_count == 101 and not results.counted_all
        await pilot.press("G")
        await pilot.pause()
        assert "207 hits for “ledger”" in str(summary.render())
        assert results.cursor_index == 206
        assert results.cursor_row["hit"].interview_id == "int-ada"  # the oldest transcript


@pytest.mark.parametrize(("key", "expected", "wire"), [
    ("ben", ["- Interest: high", "- Salary expectation: 55k EUR a year", "- Follow up: yes"],
     ["interestLevel", "HIGH", "followUpRecommended: True"]),
    ("dan", ["- Language level (CEFR): B2",
             "- Pronunciation: accuracy: 81; fluency: 74; completeness: 90; prosody: 66",
             "- Grammar: 72"], ["cefrLevel", "pronunciationScores"]),
    ("odd", ["- Stress test: score: 7; notes: calm, quick"], ["stressTest"]),
])
async def test_the_markdown_export_reads_in_words_and_the_json_keeps_wire_names(
        desk, key: str, expected: list[str], wire: list[str]) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await open_analysis(desk, pilot, key)
        await pilot.press("e", "E")
        await pilot.pause()
        exports = desk.context.settings.data_dir / "exports"
        markdown = next(exports.glob("*.md")).read_text()
        for line in expected:
            assert line in markdown.splitlines()
        for name in wire:
            assert name not in markdown
        specific = json.loads(next(exports.glob("*.json")).read_text())["analysis"]["specific"]
        assert all(name.split(":")[0] in json.dumps(specific) for name in wire
                   if name[0].islower())


async def test_esc_leaves_an_empty_search_box_so_letters_switch_sections_again(desk) -> None:
    """`f` opens the search with the box focused; there every letter is text. Esc cleared the
    box and stayed in it, so a recruiter who came to look and wanted the list back typed `c`
    into the box: only Tab or ctrl+p left it. Esc clears the words first, then leaves."""
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"led")
        await pilot.pause()
        screen = desk.screen
        box = screen.query_one("#search-query")
        assert "Clear" in [item.description for item in screen.query_one(KeyFooter)._fitting()]
        await pilot.press("escape")
        await pilot.pause()
        assert box.has_focus and box.value == ""
        footer = [item.description for item in screen.query_one(KeyFooter)._fitting()]
        assert "Leave the box" in footer
        await pilot.press("escape")
        await pilot.pause()
        assert not box.has_focus
        await pilot.press("c")
        await pilot.pause()
        assert desk.current_mode == "candidates" and not isinstance(desk.screen, SearchScreen)
