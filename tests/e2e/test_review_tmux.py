"""Review to a decision in a real terminal: three analyses of the To review queue decided by
keyboard (one with a note typed into the note field), then the shortlist exported and the
verdicts shared with the team by `interview-desk share`."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_tmux import COMMAND, Terminal, open_terminal, press, wait_until_gone

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    session = open_terminal(tmp_path)
    yield session
    session.close()


def test_three_analyses_reviewed_by_keyboard_then_the_shortlist(terminal: Terminal,
                                                                tmp_path: Path) -> None:
    terminal.wait_for(r"[1-9]\d* of \d+ candidates")  # the first sync has filled the cache
    press(terminal, "w")
    terminal.wait_for(r"[1-9]\d* to review")
    press(terminal, "Enter")
    # The queue as it was when opened (the first sync may still be adding to the list).
    # The header may wrap anywhere in "1 of 193 to review" (names are random).
    opened = terminal.wait_for(r"1\s+of\s+\d+\s+to\s+review")
    total = re.search(r"1\s+of\s+(\d+)", opened).group(1)
    press(terminal, "a")
    terminal.wait_for(rf"2\s+of\s+{total}\s+to\s+review")
    press(terminal, "t")
    press(terminal, "hire fast, ship it")  # letters in the note are text, not verdicts
    press(terminal, "Enter")
    terminal.wait_for("Note saved")
    press(terminal, "a")
    terminal.wait_for(rf"3\s+of\s+{total}\s+to\s+review")
    press(terminal, "x")
    terminal.wait_for(rf"4\s+of\s+{total}\s+to\s+review")
    press(terminal, "Escape")
    terminal.wait_for(r"\d+ to review · analyses without a verdict")
    press(terminal, "q")
    assert wait_until_gone(terminal), "q did not quit the app"

    exported = subprocess.run(
        [str(COMMAND), "export", "--format", "shortlist", "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, check=True, timeout=60,
        env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml"), "PATH": "/usr/bin:/bin"})
    shortlist = exported.stdout
    assert shortlist.startswith("# Shortlist") and "2 advanced candidates." in shortlist
    assert shortlist.count("\n### ") == 2
    assert "- Note: hire fast, ship it" in shortlist
    assert "- Rating: " in shortlist and "- Strong points: " in shortlist

    # Then shared with the team by the installed command, signed with the recruiter's name.
    environment = {"INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml"),
                   "INTERVIEW_DESK_NAME": "Ana Novak", "PATH": "/usr/bin:/bin"}
    share = [str(COMMAND), "share", "--data-dir", str(tmp_path / "data")]
    shared = subprocess.run(share, capture_output=True, text=True, timeout=60, env=environment)
    assert shared.returncode == 0, shared.stderr
    assert "Shared 3 verdicts with the team." in shared.stdout
    again = subprocess.run(share, capture_output=True, text=True, timeout=60, env=environment)
    assert again.returncode == 0 and "Nothing new to share." in again.stdout
