"""Settings resolution order, key hygiene and the HTTPS rule."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

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
