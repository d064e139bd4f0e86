"""No screen holds the API client (README "How it is built"): the import contracts keep the
client's module out of app/ui, and this checks what an import cannot show, a screen reaching
the client through the context it is given. Screens ask app/services; the App gets the sync
and the live watcher from the AppContext."""

from __future__ import annotations

import ast
from pathlib import Path

import app.ui


def test_no_screen_reads_the_api_client() -> None:
    ui = Path(app.ui.__file__).parent
    reads = [f"{path.relative_to(ui)}:{node.lineno}"
             for path in sorted(ui.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(), str(path)))
             if isinstance(node, ast.Attribute) and node.attr == "client"]
    assert reads == []
