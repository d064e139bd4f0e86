"""Keys typed fast never become commands (the brief: letters are commands only where nothing
takes text). A paste or tmux `send-keys '/sam'` puts every key in the App's queue before the
first is handled; Pilot's `press` waits for the App to be idle after each key, so these tests
post the whole burst at once, as a terminal delivers it."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select

from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.analysis.world import JOB, fill
from widgets.virtual_table import VirtualTable

SIZE = (120, 40)
KEY_NAMES = {"/": "slash", "+": "plus", " ": "space", "?": "question_mark", "\t": "tab"}


async def burst(app: InterviewDeskApp, pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Every key of `typed` in the App's queue before the first is handled, then settle."""
    for character in typed:
        app.post_message(events.Key(KEY_NAMES.get(character, character), character))
    for _ in range(6):
        await pilot.pause()


def desk(make_context) -> InterviewDeskApp:  # type: ignore[no-untyped-def]
    context = make_context()
    fill(context.store)
    return InterviewDeskApp(context, sync_on_start=False)


async def test_letters_after_slash_reach_the_filter_in_order_and_run_nothing(
        make_context) -> None:
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(VirtualTable)
        opened: list[str] = []
        app.mode_change_signal.subscribe(app, opened.append)
        # s schedules the row under the cursor, m opens the monitor, space marks.
        await burst(app, pilot, "/sam a")
        assert app.current_mode == "candidates"
        assert app.screen.query_one("#candidate-filter", Input).value == "sam a"
        assert app.focused is app.screen.query_one("#candidate-filter")
        assert table.mark_count == 0
        assert opened == []  # neither the scheduling form nor the monitor, even for a moment


async def test_a_slash_typed_in_the_filter_is_text(make_context) -> None:
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        await burst(app, pilot, "/a/b")
        assert app.screen.query_one("#candidate-filter", Input).value == "a/b"


async def test_the_review_filters_take_the_keys_after_slash(make_context) -> None:
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await burst(app, pilot, "/cm")
        assert app.current_mode == "review"
        assert app.focused is app.screen.query_one("#review-job", Select)


async def test_the_transcript_search_and_the_note_take_letters_that_are_verdicts(
        make_context) -> None:
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        app.open_analysis("int-ada")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        # a advances, h holds, x rejects: typed after / or t they are words.
        await burst(app, pilot, "/ahx")
        assert screen.query_one("#transcript-search", Input).value == "ahx"
        await pilot.press("escape")
        await burst(app, pilot, "that")
        assert screen.query_one("#verdict-note", Input).value == "hat"
        assert app.screen is screen
        assert app.context.store.verdicts.history("cand-ada", JOB.id) == []


async def test_keys_typed_after_s_never_run_on_the_form(make_context) -> None:
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        # c would leave the form for the candidates, m for the monitor, q would quit.
        await burst(app, pilot, "scmq")
        assert app.is_running
        assert app.current_mode == "schedule"
        assert isinstance(app.screen, ScheduleScreen)


async def a_new_candidate_from_the_first_name(
        app: InterviewDeskApp, pilot: Pilot[None]) -> tuple[ScheduleScreen, Input]:
    """The scheduling form, on a new candidate, with the focus in the first name."""
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ScheduleScreen)
    screen.query_one("#candidate-mode").focus()
    await pilot.press("right", "enter")  # New candidate
    first_name = screen.query_one("#f-first_name", Input)
    first_name.focus()
    await pilot.pause()
    return screen, first_name


async def test_words_typed_fast_after_tab_land_in_the_next_field(make_context) -> None:
    """Tab moves the focus as the App reads it: before, the letters after it were already
    handed to the field being left ("AdaLovelace" in the first name, nothing in the last)."""
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        screen, first_name = await a_new_candidate_from_the_first_name(app, pilot)
        await burst(app, pilot, "Ada\tLovelace\tada@example.com")
        assert [screen.query_one(f"#f-{name}", Input).value
                for name in ("first_name", "last_name", "email")] == [
            "Ada", "Lovelace", "ada@example.com"]
        app.post_message(events.Key("shift+tab", None))
        app.post_message(events.Key("shift+tab", None))
        await burst(app, pilot, "Eve")  # a field Tab enters has its text selected
        assert (first_name.value, screen.query_one("#f-last_name", Input).value) == (
            "Eve", "Lovelace")


def focus_marked(box: Input) -> bool:
    """Focus told without colour: a frame of double lines, or on a one-line box (the note,
    where a frame would draw over the text being typed) a bar at its left and no frame."""
    if box.has_class("-textual-compact"):
        return box.styles.border_left[0] == "outer" and box.styles.border_top[0] in ("", "none")
    return box.styles.border_top[0] == "double" and box.styles.border_bottom[0] == "double"


async def test_a_box_a_key_leads_into_shows_its_focus_without_colour(make_context) -> None:
    """Every focus stop is visible: Textual tells a focused box by its frame's colour alone,
    which a terminal without colour (or a recruiter who cannot tell the two) loses."""
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#candidate-filter", Input)
        assert not focus_marked(box)
        await pilot.press("slash")
        assert app.focused is box and focus_marked(box)
        app.open_analysis("int-ada")
        await pilot.pause()
        await pilot.pause()
        for key, box_id in (("slash", "#transcript-search"), ("t", "#verdict-note")):
            box = app.screen.query_one(box_id, Input)
            assert not focus_marked(box)
            await pilot.press(key)
            assert app.focused is box and focus_marked(box), box_id
            await pilot.press("escape")


async def test_end_typed_fast_after_shift_tab_keeps_the_text_and_appends(make_context) -> None:
    """Typed fast, keys act as typed slowly: shift+Tab selects the name, End collapses the
    selection to the end, the letters follow "Eve". Before, End acted only once it had come
    back up to the App, behind the letters, which replaced the selected name."""
    app = desk(make_context)
    async with app.run_test(size=SIZE) as pilot:
        screen, first_name = await a_new_candidate_from_the_first_name(app, pilot)
        await burst(app, pilot, "Eve\tLovelace\tada@example.com")
        for key in ("shift+tab", "shift+tab", "end"):
            app.post_message(events.Key(key, None))
        await burst(app, pilot, "lyn" * 40)
        assert app.focused is first_name
        assert first_name.value == "Eve" + "lyn" * 40
        assert first_name.cursor_position == len(first_name.value)
        app.post_message(events.Key("home", None))
        app.post_message(events.Key("delete", None))
        await burst(app, pilot, "A")  # Home and Delete act before the letter after them
        assert first_name.value == "Ave" + "lyn" * 40
        assert screen.query_one("#f-last_name", Input).value == "Lovelace"
