"""`interview-desk export` with verdicts, through the real command line against a cache file:
the verdict, note and who decided in JSON and CSV, `--verdict`, and the shortlist."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.cli import main
from app.config import load_settings
from app.factory import open_cache
from app.store.verdicts import Verdict
from tests.ui.candidates.world import fill


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    settings = load_settings(data_dir=tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path)})
    store, _ = open_cache(settings)
    fill(store)
    store.verdicts.reviewer = "ana"
    store.verdicts.decide("cand-ada", "job-backend", Verdict.ADVANCE, interview_id="int-ada",
                          note="Meet the [b]team[/b]\x1b]0;x\x07")
    store.verdicts.decide("cand-ben", "job-nurse", Verdict.REJECT)
    store.close()
    return tmp_path


def export(data_dir: Path, capsys, *options: str) -> str:  # type: ignore[no-untyped-def]
    assert main(["export", "--data-dir", str(data_dir), *options]) == 0
    return capsys.readouterr().out


def test_json_carries_the_verdict_note_and_who_decided(data_dir: Path, capsys) -> None:
    rows = json.loads(export(data_dir, capsys, "--verdict", "advance"))
    assert [row["id"] for row in rows] == ["cand-ada"]
    (verdict,) = rows[0]["verdicts"]
    assert verdict["verdict"] == "advance" and verdict["decidedBy"] == "ana"
    assert verdict["jobTitle"] == "Backend Engineer" and verdict["note"].startswith("Meet")
    undecided = json.loads(export(data_dir, capsys, "--verdict", "undecided"))
    assert "cand-ada" not in {r["id"] for r in undecided}
    assert "cand-cleo" in {r["id"] for r in undecided}


def test_csv_has_the_verdict_columns(data_dir: Path, capsys) -> None:
    rows = list(csv.DictReader(io.StringIO(export(data_dir, capsys, "--format", "csv"))))
    by_id = {row["id"]: row for row in rows}
    assert by_id["cand-ben"]["verdict"] == "reject"
    assert by_id["cand-cleo"]["verdict"] == "undecided"
    assert by_id["cand-ada"]["decidedBy"] == "ana"
    rejected = list(csv.DictReader(io.StringIO(
        export(data_dir, capsys, "--format", "csv", "--verdict", "reject"))))
    assert [row["id"] for row in rejected] == ["cand-ben"]


def test_the_shortlist_lists_the_advanced_with_their_analysis_and_note(
        data_dir: Path, capsys) -> None:
    text = export(data_dir, capsys, "--format", "shortlist")
    assert "## Backend Engineer" in text and "### Ada Lovelace" in text
    assert "- Rating: 91 / 100" in text and "Ben" not in text
    assert "- Note: Meet the [b]team[/b]" in text and "\x1b" not in text
    assert "Advanced by ana" in text
