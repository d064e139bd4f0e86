"""The command line: version, help, and one clear line for user mistakes."""

from __future__ import annotations

import pytest

from app import __version__
from app.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("command", ["sync", "export", "sandbox"])
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([command, "--help"])
    assert raised.value.code == 0
    assert "--data-dir" in capsys.readouterr().out


def test_a_bad_setting_is_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "none.toml"))
    code = main(
        [
            "--api-key",
            "sk_abcdefgh12345",
            "--api-url",
            "http://api.example.com",
            "--data-dir",
            str(tmp_path),
            "export",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("interview-desk: ") and err.count("\n") == 1
    assert "https" in err and "Traceback" not in err
    assert "sk_abcdefgh12345" not in err
