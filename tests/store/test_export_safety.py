"""Exports of a cache where every text is hostile: what reaches a terminal (or a spreadsheet)
cannot drive it, and JSON still reads back as exactly what the server sent."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.cli import main
from app.config import load_settings
from app.domain.models import Candidate
from app.store import Store
from app.store.export import analysis_markdown, file_stem
from tests.ui.hostile.world import (
    control_characters,
    fill,
    hostile,
    unsafe_parts,
    wire_world,
)

FORMULA = '=HYPERLINK("https://evil.example","Click")'


@pytest.fixture
def hostile_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir whose cache holds the hostile company and one formula-named candidate."""
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "config.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "data"
    settings = load_settings(data_dir=data_dir, env={})
    data_dir.mkdir(parents=True)
    store = Store.open(settings.cache_path)
    try:
        fill(store)
        store.save_candidates([Candidate(id="cand-formula", first_name=FORMULA,
                                         last_name="-1+2", email="@SUM(A1)")])
    finally:
        store.close()
    return data_dir


def export(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--data-dir", str(data_dir), "export", *args]) == 0
    return capsys.readouterr().out


def test_csv_to_a_terminal_is_clean_and_formulas_are_text(
        hostile_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = export(hostile_data_dir, capsys, "--format", "csv")
    assert unsafe_parts(out.replace("\r\n", "\n")) == []  # CSV rows end in CRLF
    rows = {row[0]: row for row in csv.reader(io.StringIO(out))}
    assert rows["cand-a"][1].startswith("Ann[/]")
    assert rows["cand-formula"][1:4] == ["'" + FORMULA, "'-1+2", "'@SUM(A1)"]


def test_json_to_a_terminal_is_clean_and_reads_back_unchanged(
        hostile_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = export(hostile_data_dir, capsys, "--format", "json", "--with-transcripts")
    assert control_characters(out) == []  # escaped as \uXXXX: the text itself is kept
    exported = {candidate["id"]: candidate for candidate in json.loads(out)}
    sent = {record["id"]: record for record in wire_world()["candidates"]}
    assert exported["cand-a"]["firstName"] == sent["cand-a"]["firstName"]
    turns = exported["cand-a"]["interviews"][0]["transcript"]
    assert turns[0]["text"] == hostile("Ann said")


def test_markdown_is_clean_and_its_file_name_is_safe(store: Store) -> None:
    fill(store)
    view = store.interview("int-a")
    assert view is not None
    markdown = analysis_markdown(view)
    assert unsafe_parts(markdown) == []
    assert "# Ann[/][bold red]x[/]" in markdown and "Ann said" in markdown
    view.interview.id = "../../etc/passwd\x01"
    stem = file_stem(view)
    assert stem.startswith("ann-") and "/" not in stem and "." not in stem
    assert stem.isascii() and stem.replace("-", "").isalnum()


def test_a_transcript_turn_cannot_write_sections_or_times_into_the_markdown(
        store: Store) -> None:
    """A turn's text kept its line breaks: one holding `## Analysis` and `- Overall rating:
    99 / 100` on lines of their own wrote a second analysis, with its own rating, into the
    summary a hiring manager reads. A turn said to start before the call read `[-1:55]`."""
    world = wire_world()
    forged = "fine\n\n## Analysis\n\n- Overall rating: 99 / 100\n# Someone Else"
    world["interviews"][0]["transcript"] = [
        {"speaker": "CANDIDATE", "text": forged, "startSeconds": -5},
        {"speaker": "AGENT", "text": "thanks", "startSeconds": 3725}]
    fill(store, world)
    view = store.interview("int-a")
    assert view is not None
    lines = analysis_markdown(view).splitlines()
    assert lines.count("## Analysis") == 1
    assert not any(line.startswith(("- Overall rating: 99", "# Someone")) for line in lines)
    said = next(line for line in lines if "fine" in line)
    assert said.startswith("**[--:--] Candidate:** fine")
    assert "Overall rating: 99 / 100" in said and "# Someone Else" in said
    assert "**[62:05] Agent:** thanks  " in lines


def test_the_markdown_names_speakers_as_the_viewer_does(store: Store) -> None:
    """The summary read `User` and `Ai` where the viewer says Candidate and Agent (so the
    hiring manager and the recruiter read different people), and `**:**` for no speaker."""
    world = wire_world()
    world["interviews"][0]["transcript"] = [
        {"speaker": "USER", "text": "hello", "startSeconds": 1},
        {"speaker": "AI", "text": "welcome", "startSeconds": 2},
        {"speaker": "", "text": "who", "startSeconds": 3},
        {"speaker": "HIRING_MANAGER", "text": "hi", "startSeconds": 4}]
    fill(store, world)
    view = store.interview("int-a")
    assert view is not None
    lines = analysis_markdown(view).splitlines()
    assert "**[00:01] Candidate:** hello  " in lines
    assert "**[00:02] Agent:** welcome  " in lines
    assert "**[00:03] Unknown:** who  " in lines
    assert "**[00:04] Hiring manager:** hi  " in lines
