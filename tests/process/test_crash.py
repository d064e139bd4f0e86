"""A crash prints no personal data and no key, logs its traceback, and exits non-zero (issue
17, point 3).

Each test starts a real process with `python -c`: it patches one function of the app to fail
with a candidate's email in a local variable (the way Rich's tracebacks leaked them) and the API
key in the error's text, then runs the real `interview-desk` entry point. The desk runs in a
real pseudo-terminal, as a recruiter would run it.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.store import Store
from tests.caches import cache_of

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "leaked.candidate@example.com"
KEY = "sk_crashtest000000000000000000000000000secretZZ42"
CRASHING = f'''
import sys
import {{module}}

def crash(*args, **kwargs):
    candidate_email = "{EMAIL}"
    raise RuntimeError("the request with Bearer {KEY} went wrong")

{{module}}.{{function}} = crash
from app.cli import main
sys.exit(main(sys.argv[1:]))
'''


def environment(tmp_path: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("INSTAVIEW_", "INTERVIEW_DESK_"))}
    return {**env, "INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm",
            "PYTHONPATH": str(ROOT)}


def run_in_terminal(code: str, argv: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `python -c code argv…` with a pseudo-terminal for stdin, stdout and stderr; return
    its exit status and everything it wrote."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-c", code, *argv], stdin=follower,
                               stdout=follower, stderr=follower, env=env, cwd=ROOT)
    os.close(follower)
    written = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process has gone
                break
            if not chunk:
                break
            written += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(10), written.decode("utf-8", errors="replace")


def assert_crash_reported(code: int, output: str, log: Path) -> None:
    assert code != 0
    assert EMAIL not in output and KEY not in output
    assert "Traceback" not in output and "candidate_email" not in output
    last_line = output.strip().splitlines()[-1]
    assert f"interview-desk: unexpected error (RuntimeError); the details are in {log}" in (
        last_line)
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "RuntimeError" in text
    assert EMAIL not in text and "candidate_email" not in text  # no locals
    assert KEY not in text and "sk_…ZZ42" in text


@pytest.mark.parametrize(("module", "function"), [
    ("app.ui.status_bar", "StatusBar.refresh_text"),  # a widget, while the screen mounts
    ("app.sync.replication", "Replicator.sync"),  # a worker: Textual wraps its error
])
def test_a_crashing_desk_prints_one_line_and_logs_the_traceback(
    tmp_path: Path, module: str, function: str
) -> None:
    data = tmp_path / "data"
    code = CRASHING.format(module=module, function=function)
    status, output = run_in_terminal(
        code, ["--data-dir", str(data), "--api-key", KEY, "--api-url", "http://127.0.0.1:9"],
        environment(tmp_path))
    assert_crash_reported(status, output, data / "interview-desk.log")


@pytest.mark.parametrize(("command", "module", "function"), [
    (["sync"], "app.sync.replication", "Replicator.sync"),
    (["export", "--format", "csv"], "app.commands.export", "candidates_csv"),
    (["sandbox", "--port", "0"], "app.sandbox.routes", "create_sandbox_app"),
])
def test_a_crashing_command_prints_one_line_and_logs_the_traceback(
    tmp_path: Path, command: list[str], module: str, function: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    Store.open(cache_of(data, "http://127.0.0.1:9", KEY)).close()
    env = environment(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", CRASHING.format(module=module, function=function),
         "--data-dir", str(data), "--api-key", KEY, "--api-url", "http://127.0.0.1:9",
         *command], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert_crash_reported(result.returncode, result.stderr, data / "interview-desk.log")
