"""Which focused widgets take typed letters: told by class name (importing Textual's form
controls to test isinstance slowed the desk's start), so each is checked against the classes
themselves, subclasses and a control inside a Select too."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)

from app.ui.focus import FORM_CLASS, takes_input
from widgets.quick_input import QuickInput


class Controls(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="input")
        yield QuickInput(id="quick")
        yield TextArea(id="area")
        with RadioSet(id="radios"):
            yield RadioButton("one", id="radio")
        yield Checkbox("tick", id="check")
        yield Select([("a", 1)], id="select")
        yield Button("Go", id="button")
        yield DataTable(id="table")
        yield Static("text", id="static")
        with Vertical(classes=FORM_CLASS):
            yield Button("In a form", id="form-button")


@pytest.mark.parametrize(("widget_id", "takes"), [
    ("input", True), ("quick", True), ("area", True), ("radios", True), ("radio", True),
    ("check", True), ("select", True), ("form-button", True),
    ("button", False), ("table", False), ("static", False)])
async def test_letters_belong_to_text_and_form_controls_only(widget_id: str,
                                                             takes: bool) -> None:
    app = Controls()
    async with app.run_test():
        widget = app.query_one(f"#{widget_id}")
        assert takes_input(widget) is takes
        assert takes_input(None) is False


async def test_the_list_inside_a_select_takes_letters() -> None:
    app = Controls()
    async with app.run_test():
        select = app.query_one(Select)
        inside = list(select.query("*"))
        assert inside and all(takes_input(widget) for widget in inside)
