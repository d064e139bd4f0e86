"""Settings resolution order, key hygiene and the HTTPS rule."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app.cli import main
from app.config import ApiKey, ConfigError, ensure_config_file, load_settings

KEY = "sk_live1234567890abcdefWXYZ"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml"),
        "INTERVIEW_DESK_DATA_DIR": str(tmp_path / "data"),
    }


def write_config(env: dict[str, str], text: str, mode: int = 0o600) -> Path:
    path = Path(env["INTERVIEW_DESK_CONFIG"])
    path.write_text(text)
    path.chmod(mode)
    return path


def test_no_key_anywhere_means_the_sandbox(env) -> None:
    settings = load_settings(env=env)
    assert settings.uses_sandbox and settings.backend_label == "SANDBOX"
    assert settings.data_dir == Path(env["INTERVIEW_DESK_DATA_DIR"])


def test_option_beats_environment_beats_file(env) -> None:
    write_config(env, 'api_key = "sk_fromfile0000"\napi_url = "https://file.example"\n')
    assert load_settings(env=env).api_key.reveal() == "sk_fromfile0000"
    env["INSTAVIEW_API_KEY"] = "sk_fromenv00000"
    env["INSTAVIEW_API_URL"] = "https://env.example"
    settings = load_settings(env=env)
    assert settings.api_key.reveal() == "sk_fromenv00000"
    assert settings.api_url == "https://env.example"
    settings = load_settings(api_key="sk_fromoption00", api_url="https://opt.example/", env=env)
    assert settings.api_key.reveal() == "sk_fromoption00"
    assert settings.api_url == "https://opt.example"
    assert settings.backend_label == "opt.example"


def test_data_dir_option_beats_environment(env, tmp_path: Path) -> None:
    assert load_settings(data_dir=tmp_path / "x", env=env).data_dir == tmp_path / "x"


def test_the_key_never_shows_in_full() -> None:
    key = ApiKey(KEY)
    assert KEY not in repr(key) and KEY not in str(key) and KEY not in f"{key}"
    assert key.hint == "sk_…WXYZ"


@pytest.mark.parametrize("url", ["http://api.example.com", "ftp://x", "not a url"])
def test_a_key_may_travel_only_over_https_or_loopback(env, url: str) -> None:
    with pytest.raises(ConfigError):
        load_settings(api_key=KEY, api_url=url, env=env)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://localhost:1", "http://[::1]:9"])
def test_plain_http_is_fine_on_this_machine(env, url: str) -> None:
    assert load_settings(api_key=KEY, api_url=url, env=env).api_url == url


def test_the_config_file_is_created_private(env) -> None:
    path = Path(env["INTERVIEW_DESK_CONFIG"])
    ensure_config_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings(env=env).warnings == ()


def test_a_readable_config_file_is_warned_about(env) -> None:
    write_config(env, "", mode=0o644)
    warnings = load_settings(env=env).warnings
    assert len(warnings) == 1 and "chmod 600" in warnings[0]


def test_a_broken_config_file_says_where(env) -> None:
    path = write_config(env, "api_key = [")
    with pytest.raises(ConfigError, match=str(path)):
        load_settings(env=env)


@pytest.mark.parametrize("url", ["https://api.example.com/v1/", "http://127.0.0.1:8765",
                                 "https://api.example.com:443"])
def test_a_plain_base_url_is_accepted(env, url: str) -> None:
    settings = load_settings(api_url=url, api_key=KEY, env=env)
    assert settings.api_url == url.rstrip("/")


DESK_WITHOUT_SCREEN = """
import sys
import app.ui.launch

def run_tui(settings):
    print("warnings:", list(settings.warnings))
    return 0

app.ui.launch.run_tui = run_tui
from app.cli import main
sys.exit(main([]))
"""


def start_desk(tmp_path: Path, config: Path, umask: int = 0o022) -> subprocess.CompletedProcess:
    """The real `interview-desk` entry point in its own process, the screen left out."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("INSTAVIEW_", "INTERVIEW_DESK_"))}
    env.update(INTERVIEW_DESK_CONFIG=str(config), INTERVIEW_DESK_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    return subprocess.run([sys.executable, "-c", DESK_WITHOUT_SCREEN], env=env, text=True,
                          capture_output=True, timeout=60, preexec_fn=lambda: os.umask(umask))


def test_the_first_start_creates_a_private_commented_config_file_without_a_key(
        tmp_path: Path) -> None:
    config = tmp_path / "config" / "interview-desk" / "config.toml"
    started = start_desk(tmp_path, config, umask=0)  # even a umask that hides nothing
    assert started.returncode == 0, started.stderr
    assert "warnings: []" in started.stdout
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    text = config.read_text()
    assert "api_key" in text  # the recruiter sees where the key goes…
    assert tomllib.loads(text) == {}  # …but every line is a comment: no key, no setting
    settings = load_settings(env={"INTERVIEW_DESK_CONFIG": str(config)})
    assert settings.api_key is None and settings.warnings == ()

    config.write_text(f'api_key = "{KEY}"\n')  # the recruiter's own file is never replaced
    assert start_desk(tmp_path, config).returncode == 0
    assert config.read_text() == f'api_key = "{KEY}"\n'


def test_sync_and_export_leave_the_config_dir_alone(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(config))
    main(["--data-dir", str(tmp_path / "data"), "export"])  # no cache yet: one line, no file
    assert not config.exists()


def test_a_config_file_that_cannot_be_made_is_a_warning_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    config = blocker / "config.toml"
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(config))
    seen = []
    monkeypatch.setattr("app.ui.launch.run_tui", lambda settings: seen.append(settings) or 0)
    assert main(["--data-dir", str(tmp_path / "data")]) == 0
    [warning] = seen[0].warnings
    assert f"Could not create the config file {config}" in warning
    assert not config.exists()
