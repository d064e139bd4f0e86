"""The installed `interview-desk` command in a real terminal (tmux), driven with keys."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.loopback import free_port

pytestmark = pytest.mark.e2e

COMMAND = Path(sys.executable).parent / "interview-desk"
LOOK_AGAIN_SECONDS = 0.02  # between two looks at the screen while waiting for something on it
TYPIST_GAP_SECONDS = 0.1  # the least time between two keys of a quick typist


@dataclass
class Terminal:
    """One desk in a tmux server of its own: no other session (the user's, another test's)
    shares the server, and closing it races no other test starting one (tmux answers "server
    exited unexpectedly" to a session started while the last one's server shuts down)."""

    session: str
    socket: Path  # the server's, alone in a folder that close() removes (tmux leaves it)

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-S", str(self.socket), "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=False)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def wait_for(self, pattern: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if re.search(pattern, shown):
                return shown
            time.sleep(LOOK_AGAIN_SECONDS)
        raise AssertionError(f"{pattern!r} did not appear within {seconds} s; the screen:\n{shown}")

    def wait_for_a_change(self, before: str, seconds: float) -> None:
        """Until the screen differs from `before` (the app has answered), or `seconds`."""
        deadline = time.monotonic() + seconds
        while self.screen() == before and time.monotonic() < deadline:
            time.sleep(LOOK_AGAIN_SECONDS)

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.session).returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")
        shutil.rmtree(self.socket.parent, ignore_errors=True)


def open_terminal(tmp_path: Path, **settings: str) -> Terminal:
    """The desk in a new 120x40 tmux session, with its own data dir and `settings` (environment
    variables) and none of the user's."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux); .ci/run installs it")
    if not COMMAND.exists():
        pytest.skip(f"the interview-desk command is not installed next to {sys.executable}")
    environment = {
        "INTERVIEW_DESK_DATA_DIR": str(tmp_path / "data"),
        "INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml"),
        "TERM": "xterm-256color",
        **settings,
    }
    exports = " ".join(f"{name}={shlex.quote(value)}" for name, value in environment.items())
    command = f"env -u INSTAVIEW_API_KEY -u INSTAVIEW_API_URL {exports} {shlex.quote(str(COMMAND))}"
    session = Terminal("desk", Path(tempfile.mkdtemp(prefix="desk-tmux-")) / "socket")
    started = session.tmux("new-session", "-d", "-s", session.session, "-x", "120", "-y", "40",
                           command)
    assert started.returncode == 0, started.stderr
    session.tmux("resize-window", "-t", session.session, "-x", "120", "-y", "40")
    return session


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    session = open_terminal(tmp_path)
    yield session
    session.close()


@pytest.fixture
def offline_terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A key for an API URL where nothing listens."""
    session = open_terminal(tmp_path, INSTAVIEW_API_URL=f"http://127.0.0.1:{free_port()}",
                            INSTAVIEW_API_KEY="sk_live" + "7" * 40)
    yield session
    session.close()


def wait_until_gone(terminal: Terminal, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and terminal.alive():
        time.sleep(LOOK_AGAIN_SECONDS)
    return not terminal.alive()


def test_first_run_shows_sandbox_candidates_then_help_then_quits(terminal: Terminal) -> None:
    shown = terminal.wait_for("SANDBOX")
    assert "Interview Desk" in shown
    synced = r"[1-9]\d* of \d+ candidates"  # the sandbox's candidates are in the list
    shown = terminal.wait_for(synced)
    # a status at 120 columns; at 80 (tmux may keep its default width) the GDPR days stay
    assert re.search(r"INTERVIEWING|APPLIED|\d+ d\b", shown)
    terminal.keys("?")
    shown = terminal.wait_for("Keys — Candidates")
    assert "Filters" in shown and "Drop filter" in shown  # the screen's own keys come first
    terminal.keys("Escape")
    deadline = time.monotonic() + 10  # Textual holds a lone Escape a moment (ESCDELAY) first
    while "Keys —" in terminal.screen() and time.monotonic() < deadline:
        time.sleep(LOOK_AGAIN_SECONDS)
    assert "Keys —" not in terminal.screen(), "Esc did not close the help"
    terminal.keys("q")
    assert wait_until_gone(terminal), "q did not quit the app"


def test_an_offline_start_says_so_in_the_header_and_ctrl_c_quits(
    offline_terminal: Terminal,
) -> None:
    shown = offline_terminal.wait_for("Interview Desk")
    started = time.monotonic()
    shown = offline_terminal.wait_for(r"OFFLINE.*offline since \d\d:\d\d · nothing cached yet",
                                      seconds=20)
    # One refused connection, not seconds of retries (the app's start is in the 20 s above).
    assert time.monotonic() - started < 5, shown
    assert "synced just now" not in shown
    assert "Offline, and nothing is cached yet" in shown
    offline_terminal.keys("m")
    shown = offline_terminal.wait_for("Live monitor|OFFLINE.*the last known state")
    assert "LIVE" not in shown and "checks every" not in shown
    offline_terminal.keys("C-c")
    assert wait_until_gone(offline_terminal), "ctrl+c did not quit the app"


def press(terminal: Terminal, *keys: str) -> None:
    """Keys as a quick typist sends them: the next key (or word) a tenth of a second later
    once the screen has changed since this one (the app has answered it), else when 0.3 s
    have passed (a focus move changes no text). The tenth is a typist's: the screen may also
    change for other reasons (a toast leaving), and no one types faster. Only the text counts:
    a focused field's blinking cursor changes the colours twice a second, answered or not."""
    before = terminal.screen()
    terminal.keys(*keys)
    time.sleep(TYPIST_GAP_SECONDS)
    terminal.wait_for_a_change(before, seconds=0.3 - TYPIST_GAP_SECONDS)


def test_a_new_candidate_with_a_new_job_is_scheduled_by_keyboard_only(terminal: Terminal) -> None:
    """Issue 18: the whole form by keys in a real terminal, then the interview in the monitor."""
    terminal.wait_for(r"[1-9]\d* of \d+ candidates")
    press(terminal, "m")  # from the monitor, s opens an empty form (no candidate under a cursor)
    terminal.wait_for("Monitor|Live|interviews")
    press(terminal, "s")
    terminal.wait_for("type a name or email to find the candidate")
    press(terminal, "c", "m", "f")  # typed into the focused search: letters stay in the form
    shown = terminal.wait_for("cmf")
    assert "Candidate" in shown and "Agent" in shown
    press(terminal, "BSpace", "BSpace", "BSpace")
    press(terminal, "BTab")
    press(terminal, "Right")
    press(terminal, "Enter")  # New candidate
    terminal.wait_for("First name")
    for text in ("Erik", "Tester", "erik.tester@example.com", "+421915000111", "2027-06-30"):
        press(terminal, "Tab")
        press(terminal, "-l", text)
    press(terminal, "Tab")
    press(terminal, "Enter")  # the agent list opens
    terminal.wait_for("Tom — language test")  # open: keys sent sooner went to the closed select
    press(terminal, "End")  # the agents by name: Sofia, a screening agent, is last but one
    press(terminal, "Up")
    press(terminal, "Enter")
    terminal.wait_for("screening interview · online")
    press(terminal, "Tab")
    press(terminal, "Right")
    press(terminal, "Enter")  # New job
    terminal.wait_for("Job title")
    press(terminal, "Tab")
    press(terminal, "-l", "Night Shift Lead")
    for _ in range(3):  # past the description and the empty chips row
        press(terminal, "Tab")
    press(terminal, "-l", "Leadership,Rotas,")
    terminal.wait_for(r"Leadership ✕ Rotas ✕|Leadership.*Rotas")
    terminal.wait_for("Ready: ctrl")
    press(terminal, "C-r")
    terminal.wait_for("Schedule this interview")
    shown = terminal.wait_for(r"Erik Tester \(new\)[\s\S]*Night Shift Lead \(new, 2 skills")
    assert "Sofia" in shown
    press(terminal, "Enter")
    terminal.wait_for("Interview scheduled", seconds=30)
    # The monitor opens with the cursor on the new interview: Enter shows whose it is.
    terminal.wait_for("Open")
    press(terminal, "Enter")
    shown = terminal.wait_for("Erik Tester")
    assert "Night Shift Lead" in shown and "Sofia" in shown


def test_keys_sent_in_one_go_after_slash_reach_the_filter(terminal: Terminal) -> None:
    """tmux writes `/sam` to the terminal in one go: the letters are the filter's text, never
    `s` (schedule) or `m` (monitor) on the list that had focus."""
    terminal.wait_for(r"[1-9]\d* of \d+ candidates")
    terminal.keys("/sam")
    shown = terminal.wait_for(r"\bsam\b")
    time.sleep(1)  # any command the letters ran would have opened its screen by now
    shown = terminal.screen()
    assert "Live monitor" not in shown and "Review & send" not in shown, shown
    assert re.search(r"\b(\d+|no) (of \d+ )?candidates?\b|No candidate", shown), shown
