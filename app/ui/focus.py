"""Which focused widgets take what the recruiter types, so letters there are text, not commands.

lazygit's and k9s's habit: a letter is a command only where nothing takes text. Text boxes take
letters, and so does every control of a form (radio sets, selects, check boxes, skill chips): a
recruiter typing into the form and missing a field must not be thrown to another section.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Select, TextArea

FORM_CLASS = "desk-form"  # a container whose every control takes input
INPUT_CONTROLS = (Input, TextArea, RadioSet, RadioButton, Checkbox, Select)


def takes_input(widget: Widget | None) -> bool:
    """Whether a key typed now belongs to `widget` rather than to the App's letter commands."""
    if widget is None:
        return False
    if isinstance(widget, INPUT_CONTROLS):
        return True
    return any(node.has_class(FORM_CLASS) or isinstance(node, Select)
               for node in widget.ancestors_with_self if isinstance(node, Widget))
