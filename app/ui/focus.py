"""Which focused widgets take what the recruiter types, so letters there are text, not commands.

lazygit's and k9s's habit: a letter is a command only where nothing takes text. Text boxes take
letters, and so does every control of a form (radio sets, selects, check boxes, skill chips): a
recruiter typing into the form and missing a field must not be thrown to another section.
"""

from __future__ import annotations

from functools import cache

from textual.binding import Binding
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.widget import Widget

FORM_CLASS = "desk-form"  # a container whose every control takes input
# Textual's controls that take typed keys, by class name: importing them to test `isinstance`
# cost the desk's cold start 8 ms (TextArea above all), and the candidate list shows none of
# them. A widget is one of them when a class of its MRO is one, defined in textual.widgets.
INPUT_CONTROLS = frozenset({"Input", "TextArea", "RadioSet", "RadioButton", "Checkbox", "Select"})
SELECT = frozenset({"Select"})  # a Select's overlay list takes keys as the Select does


def is_a(widget: object, names: frozenset[str]) -> bool:
    """Whether `widget` is an instance of one of Textual's widgets named in `names`."""
    return any(cls.__name__ in names and cls.__module__.startswith("textual.widgets")
               for cls in type(widget).__mro__)


def takes_input(widget: Widget | None) -> bool:
    """Whether a key typed now belongs to `widget` rather than to the App's letter commands."""
    if widget is None:
        return False
    if is_a(widget, INPUT_CONTROLS):
        return True
    return any(node.has_class(FORM_CLASS) or is_a(node, SELECT)
               for node in widget.ancestors_with_self if isinstance(node, Widget))


def typed_key(key: str) -> bool:
    """Whether a binding's key is a character (`t`, `J`, `?`, `/`, `+`, space) that a box with
    the focus takes as text, rather than a chord or a named key (ctrl+p, Esc, Enter, f1).
    Textual names some punctuation without a character it knows (`slash`, `plus`)."""
    character = key_to_character(key)
    return ((character is not None and character.isprintable())
            or key in KEY_NAME_REPLACEMENTS.values())


@cache
def typed_actions(node_class: type) -> frozenset[str]:
    """The actions of `node_class`'s bindings (its own and inherited) that a typed character
    runs: while a box has the focus those characters are text."""
    bindings = [binding for klass in node_class.__mro__
                for binding in vars(klass).get("BINDINGS", ()) if isinstance(binding, Binding)]
    return frozenset(binding.action.partition("(")[0] for binding in bindings
                     if any(typed_key(key.strip()) for key in binding.key.split(",")))


def into_text(key: str, action: str, description: str, *, id: str,
              show: bool = True) -> Binding:
    """A key that takes the recruiter into something that takes text (a filter, a search, a
    note, a dialog of fields). Textual hands each key to the widget focused when the App reads
    it, and runs an ordinary binding only once the key has come back up from that widget: keys
    typed fast after it (a paste, tmux send-keys) were already handed to the list, where letters
    are commands (`/sam` scheduled the row under the cursor and opened the monitor). A priority
    binding runs as the App reads the key, before the next one is handed on; its action must
    move the focus at once (`focus_now`). While a box has focus, the key is text
    (`DeskScreen.check_action`)."""
    return Binding(key, action, description, show=show, id=id, priority=True)


def focus_now(widget: Widget) -> None:
    """Focus `widget` before the App hands on the next key (`Widget.focus` waits its turn in
    the App's queue, behind the keys already typed)."""
    widget.screen.set_focus(widget)
