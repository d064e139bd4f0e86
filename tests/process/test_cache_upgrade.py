"""Upgrading an older cache takes seconds for a large one, before the desk can paint: the
terminal says so meanwhile instead of staying blank. The real entry point in a real
pseudo-terminal, stopped where the desk would start drawing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.store.schema import SCHEMA_VERSION, V1
from tests.caches import cache_of
from tests.process.test_crash import environment, run_in_terminal

STOPS_BEFORE_DRAWING = '''
import sys
import app.ui.app

async def drawn(self, *args, **kwargs):
    print("WOULD DRAW NOW", flush=True)

app.ui.app.InterviewDeskApp.run_async = drawn
from app.cli import main
sys.exit(main(sys.argv[1:]))
'''


def old_cache(tmp_path: Path) -> Path:
    """A data dir holding a cache of the first version, which every step upgrades."""
    data = tmp_path / "data"
    data.mkdir()
    connection = sqlite3.connect(cache_of(data))
    connection.executescript(V1)
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    return data


def test_the_terminal_says_each_step_of_a_cache_upgrade_before_the_desk_draws(
        tmp_path: Path) -> None:
    data = old_cache(tmp_path)
    code, output = run_in_terminal(STOPS_BEFORE_DRAWING, ["--data-dir", str(data)],
                                   environment(tmp_path))
    assert code == 0, output
    steps = SCHEMA_VERSION - 1
    said = [f"Upgrading the cache to this version of Interview Desk: step {step} of {steps}…"
            for step in range(1, steps + 1)]
    lines = [line.strip() for line in output.splitlines()]
    assert [line for line in lines if line.startswith("Upgrading")] == said
    assert lines.index(said[-1]) < lines.index("WOULD DRAW NOW")


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["sync"], ["share"]])
def test_the_commands_say_each_step_of_a_cache_upgrade_too(
        tmp_path: Path, command: list[str], capfd: pytest.CaptureFixture[str]) -> None:
    """`sync`, `export` and `share` beside the desk open the cache too: on stderr, so an
    export's own output stays clean."""
    data = old_cache(tmp_path)
    assert main(["--data-dir", str(data), *command]) == 0
    out, err = capfd.readouterr()
    steps = SCHEMA_VERSION - 1
    said = [f"Upgrading the cache to this version of Interview Desk: step {step} of {steps}…"
            for step in range(1, steps + 1)]
    assert [line for line in err.splitlines() if line.startswith("Upgrading")] == said
    assert "Upgrading" not in out
