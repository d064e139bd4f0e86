"""The installed `interview-desk` command in a real terminal (tmux), driven with keys."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

COMMAND = Path(sys.executable).parent / "interview-desk"


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False)


@dataclass
class Terminal:
    session: str

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.session).stdout

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.session, *keys)

    def wait_for(self, pattern: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if re.search(pattern, shown):
                return shown
            time.sleep(0.25)
        raise AssertionError(f"{pattern!r} did not appear within {seconds} s; the screen:\n{shown}")

    def alive(self) -> bool:
        return tmux("has-session", "-t", self.session).returncode == 0


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux); .ci/run installs it")
    if not COMMAND.exists():
        pytest.skip(f"the interview-desk command is not installed next to {sys.executable}")
    environment = {
        "INTERVIEW_DESK_DATA_DIR": str(tmp_path / "data"),
        "INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml"),
        "TERM": "xterm-256color",
    }
    exports = " ".join(f"{name}={shlex.quote(value)}" for name, value in environment.items())
    command = f"env -u INSTAVIEW_API_KEY -u INSTAVIEW_API_URL {exports} {shlex.quote(str(COMMAND))}"
    session = Terminal(f"desk-{uuid.uuid4().hex[:8]}")
    started = tmux("new-session", "-d", "-s", session.session, "-x", "120", "-y", "40", command)
    assert started.returncode == 0, started.stderr
    tmux("resize-window", "-t", session.session, "-x", "120", "-y", "40")
    yield session
    tmux("kill-session", "-t", session.session)


def test_first_run_shows_sandbox_candidates_then_help_then_quits(terminal: Terminal) -> None:
    shown = terminal.wait_for("SANDBOX")
    assert "Interview Desk" in shown
    synced = r"[1-9]\d* of \d+ candidates"  # the sandbox's candidates are in the list
    shown = terminal.wait_for(synced)
    assert re.search(r"INTERVIEWING|APPLIED", shown)
    terminal.keys("?")
    shown = terminal.wait_for("Keys — Candidates")
    assert "Filters" in shown and "Drop filter" in shown  # the screen's own keys come first
    terminal.keys("Escape")
    deadline = time.monotonic() + 10  # tmux holds a lone Escape for its escape-time first
    while "Keys —" in terminal.screen() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "Keys —" not in terminal.screen(), "Esc did not close the help"
    terminal.keys("q")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and terminal.alive():
        time.sleep(0.2)
    assert not terminal.alive(), "q did not quit the app"
