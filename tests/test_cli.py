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


SECRET_TAIL = "sk_live_0123456789abcdefSECRET"


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("--api-url", "http://127.0.0.1:99999", "impossible host or port"),
        ("--api-url", "https://api.example.com:0", "port 0"),
        ("--api-url", f"https://api.example.com/?key={SECRET_TAIL}", "a query (?)"),
        ("--api-url", f"https://me:{SECRET_TAIL}@api.example.com", "user name or password"),
        ("--api-url", "https://api.example.com/v1#part", "a fragment (#)"),
        ("--api-key", f"{SECRET_TAIL}\nsecond line", "line break"),
        ("--api-key", f"{SECRET_TAIL}é", "not plain ASCII"),
        ("--api-key", f"{SECRET_TAIL}\x1b[2J", "control character"),
        ("--api-key", "sk_live two words here", "a space"),
    ],
)
@pytest.mark.parametrize("command", [[], ["sync"], ["export"]])
def test_a_malformed_url_or_key_is_a_usage_error_that_never_shows_the_key(
    option: str, value: str, problem: str, command: list[str],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path,
) -> None:
    """Issue 20, point 3: one line, exit 2, naming the problem; the key never echoed."""
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "none.toml"))
    settings = {"--api-url": "https://api.example.com", "--api-key": SECRET_TAIL, option: value}
    code = main([*(part for pair in settings.items() for part in pair), "--data-dir",
                 str(tmp_path), *command])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == "" and err.startswith("interview-desk: ") and err.count("\n") == 1
    assert problem in err and "Traceback" not in err
    assert "SECRET" not in err and "second line" not in err and "two words" not in err
