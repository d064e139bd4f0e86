"""Where the app finds its API, its key and its data.

Each setting comes from the first place that has it: command-line option, environment variable,
the TOML config file in the user's config dir, else a default. No key anywhere means the
sandbox, so a new user sees a working demo before configuring anything.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "interview-desk"
DEFAULT_API_URL = "https://api.instaview.sk"
SANDBOX_URL = "http://sandbox.invalid"
ENV_API_URL = "INSTAVIEW_API_URL"
ENV_API_KEY = "INSTAVIEW_API_KEY"
ENV_DATA_DIR = "INTERVIEW_DESK_DATA_DIR"
ENV_CONFIG_FILE = "INTERVIEW_DESK_CONFIG"
ENV_YOUR_NAME = "INTERVIEW_DESK_NAME"
YOUR_NAME_MAX = 100
LEGACY_CACHE_NAME = "cache.sqlite3"  # the one cache of a data dir before issue 17
CONFIG_TEMPLATE = """\
# Interview Desk settings. This file may hold your API key: keep it private (mode 0600).
# Without a key the app runs on its built-in sandbox, a demo company.
#
# api_key = "sk_..."
# api_url = "https://api.instaview.sk"
# plan_minutes = 1000     # your plan's interview minutes, when the API does not report them
# your_name = "Ana Novak" # signs the verdicts you share with the team (else your login name)
"""


class ConfigError(Exception):
    """A setting the user must fix; the message says which and how."""


class ApiKey:
    """An API key that never shows itself in full: not in repr, str, logs or error text."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        value = value.strip()
        if not value:
            raise ConfigError("The API key is empty: set INSTAVIEW_API_KEY or --api-key.")
        problem = _key_problem(value)
        if problem:
            # Never the key itself: the message lands on a terminal, maybe in a shared log.
            raise ConfigError(f"The API key {problem}: copy it again from the API's dashboard "
                              "(set INSTAVIEW_API_KEY, --api-key or api_key in config.toml).")
        self._value = value

    def reveal(self) -> str:
        """The key itself, for the Authorization header and nothing else."""
        return self._value

    @property
    def fingerprint(self) -> str:
        """A digest that tells keys apart without revealing them (a key is 46 random
        characters: its SHA-256 cannot be walked back), for naming the key's cache."""
        return hashlib.sha256(self._value.encode()).hexdigest()[:16]

    @property
    def hint(self) -> str:
        return f"sk_…{self._value[-4:]}" if len(self._value) > 8 else "sk_…"

    def __repr__(self) -> str:
        return f"ApiKey({self.hint})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def _key_problem(value: str) -> str | None:
    """What makes a key unusable in an Authorization header, in words that do not show it.

    A header carries printable ASCII only: a line break would split it (the client once printed
    such a key whole in an error), and other characters cannot be sent at all."""
    if any(char in "\r\n" for char in value):
        return "holds a line break"
    if not value.isascii():
        return "holds characters that are not plain ASCII (letters, digits, _ and -)"
    if any(not char.isprintable() or char.isspace() for char in value):
        return "holds a space or a control character"
    return None


@dataclass(frozen=True)
class Settings:
    """Resolved settings; `api_key` None means the embedded sandbox."""

    api_url: str
    api_key: ApiKey | None
    data_dir: Path
    config_file: Path
    plan_minutes: float | None = None
    your_name: str | None = None  # signs shared verdicts; None: the login name
    warnings: tuple[str, ...] = field(default=())

    @property
    def uses_sandbox(self) -> bool:
        return self.api_key is None

    @property
    def mirrors(self) -> str:
        """The API the cache is a copy of: its URL and, for a real API, the key's fingerprint,
        since a key belongs to one company (API.md has no call that names the company)."""
        if self.api_key is None:
            return "the built-in sandbox"
        return f"{self.api_url} (key {self.api_key.fingerprint})"

    @property
    def cache_path(self) -> Path:
        """One cache file per API, so two APIs' data never meet in one file: the sandbox's
        is `cache-sandbox.sqlite3`, another API's is named by its host and a short digest of
        what it mirrors (`cache-api.instaview.sk-1a2b3c4d5e6f.sqlite3`)."""
        if self.api_key is None:
            return self.data_dir / "cache-sandbox.sqlite3"
        host = re.sub(r"[^a-z0-9.-]+", "-", (urlsplit(self.api_url).hostname or "api").lower())
        digest = hashlib.sha256(self.mirrors.encode()).hexdigest()[:12]
        return self.data_dir / f"cache-{host}-{digest}.sqlite3"

    @property
    def legacy_cache_path(self) -> Path:
        """Where a data dir kept its one cache before there was one per API."""
        return self.data_dir / LEGACY_CACHE_NAME

    @property
    def sandbox_path(self) -> Path:
        return self.data_dir / "sandbox.sqlite3"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "interview-desk.log"

    @property
    def backend_label(self) -> str:
        """What the header says about where the data comes from."""
        return "SANDBOX" if self.uses_sandbox else (urlsplit(self.api_url).hostname or "API")


def default_config_file(env: Mapping[str, str]) -> Path:
    if env.get(ENV_CONFIG_FILE):
        return Path(env[ENV_CONFIG_FILE]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def _read_config(path: Path) -> tuple[dict[str, object], list[str]]:
    if not path.exists():
        return {}, []
    warnings = []
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        warnings.append(
            f"{path} can be read by other users (mode {mode:o}); it may hold your API key. "
            f"Run: chmod 600 {path}"
        )
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), warnings
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(
            f"Cannot read the config file {path}: {error}. Fix or delete it."
        ) from error


def ensure_config_file(path: Path) -> str | None:
    """On the desk's first start, create a commented template (no key in it), private from the
    first byte (mode 0600), so the recruiter finds where their key goes and it is safe to put
    there. A file already there is left alone. When it cannot be made (a read-only home, a full
    disk) the desk runs without it: the returned warning says so, and nothing half-written
    stays behind."""
    if path.exists():
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        if path.exists():  # another desk made it a moment ago
            return None
        return f"Could not create the config file {path} ({error.strerror or error}); " \
               "the settings come from options and the environment."
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(CONFIG_TEMPLATE)
    except OSError as error:
        path.unlink(missing_ok=True)
        return f"Could not write the config file {path} ({error.strerror or error})."
    return None


def check_api_url(url: str) -> str:
    """A usable base URL; keys travel only over HTTPS unless the server is on this machine."""
    url = url.strip()
    example = f"e.g. {DEFAULT_API_URL}"
    # The first three are named without showing the URL: a key pasted into it would show too.
    if not url.isascii() or not url.isprintable() or " " in url:
        raise ConfigError("The API URL holds spaces, control characters or non-ASCII text; "
                          f"give the plain base URL, {example}.")
    if "@" in url:
        raise ConfigError("The API URL holds a user name or password (an @); the key goes in "
                          f"INSTAVIEW_API_KEY or --api-key, never in the URL, {example}.")
    if "?" in url or "#" in url:
        raise ConfigError("The API URL holds a query (?) or a fragment (#); give only the base "
                          f"URL, {example}.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ConfigError(f"The API URL {url} has an impossible host or port (ports go from 1 "
                          f"to 65535), {example}.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"The API URL {url} is not an http(s) URL, {example}.")
    if port == 0:
        raise ConfigError(f"The API URL {url} names port 0; ports go from 1 to 65535.")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigError(
            f"The API URL {url} is plain HTTP to another machine: your key would travel "
            "unencrypted. Use https://, or http:// only for localhost."
        )
    return url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_settings(
    *,
    api_url: str | None = None,
    api_key: str | None = None,
    data_dir: str | Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from options, then environment, then the config file, then defaults."""
    env = os.environ if env is None else env
    config_file = default_config_file(env)
    config, warnings = _read_config(config_file)
    key_text = api_key or env.get(ENV_API_KEY) or _text(config, "api_key", config_file)
    url_text = api_url or env.get(ENV_API_URL) or _text(config, "api_url", config_file)
    directory = data_dir or env.get(ENV_DATA_DIR) or platformdirs.user_data_dir(APP_NAME)
    plan_minutes = config.get("plan_minutes")
    if plan_minutes is not None and (
        isinstance(plan_minutes, bool) or not isinstance(plan_minutes, int | float)
    ):
        raise ConfigError(f"plan_minutes in {config_file} must be a number of minutes.")
    key = ApiKey(key_text) if key_text else None
    your_name = _your_name(env.get(ENV_YOUR_NAME) or _text(config, "your_name", config_file),
                           config_file)
    return Settings(
        api_url=check_api_url(url_text or DEFAULT_API_URL) if key else SANDBOX_URL,
        api_key=key,
        data_dir=Path(directory).expanduser(),
        config_file=config_file,
        plan_minutes=float(plan_minutes) if plan_minutes is not None else None,
        your_name=your_name,
        warnings=tuple(warnings),
    )


def _text(config: Mapping[str, object], name: str, path: Path) -> str | None:
    value = config.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{name} in {path} must be a quoted string.")
    return value


def _your_name(value: str | None, path: Path) -> str | None:
    """The name that signs shared verdicts: one line of printable text, at most 100 long."""
    if value is None or not value.strip():
        return None
    name = " ".join(value.split())
    if len(name) > YOUR_NAME_MAX or not name.isprintable():
        raise ConfigError(f"your_name in {path} (or {ENV_YOUR_NAME}) must be one line of at "
                          f"most {YOUR_NAME_MAX} printable characters.")
    return name
