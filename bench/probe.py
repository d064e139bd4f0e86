"""One cold start, in its own process: `python -m bench.probe bare|desk DATA_DIR|first-rows
DATA_DIR URL KEY`.

`bare` is a Textual app rendering one Static; `desk` is Interview Desk on the cache in DATA_DIR
(no sync); `first-rows` is the desk on an empty DATA_DIR syncing from the API at URL, as a new
user's first start. Each exits right after its first refresh with the content on screen (for
the desk: the candidate list holding rows), so the parent times process start to exit; the last
line the probe prints is its own peak RSS in KiB.

The peak is read from /proc/self/status (VmHWM, which starts afresh at exec) and not from the
parent's `wait4`: Linux carries the forking parent's high-water mark into the child's
`ru_maxrss`, so a bench that had just generated a cache measured its own size in both probes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

SIZE = (120, 36)
GIVE_UP_SECONDS = 60.0


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Bare().run(headless=True, size=SIZE)


def run_desk(data_dir: Path, api: tuple[str, str] | None = None) -> None:
    """The desk on DATA_DIR's cache; with `api` (URL, key), on an empty cache that its first
    sync fills."""
    from app.factory import build_context
    from app.sandbox import SandboxClock, SandboxSettings
    from app.ui.app import InterviewDeskApp
    from app.ui.screens.candidates import CandidatesScreen
    from bench.setting import NOW, settings_for
    from widgets.virtual_table import VirtualTable

    if api is not None:
        context = build_context(settings_for(data_dir, api_url=api[0], api_key=api[1]))
    else:
        settings = settings_for(data_dir)
        clock = SandboxClock(start=NOW, scale=0.0)
        context = build_context(settings, sandbox_clock=clock, sandbox_settings=SandboxSettings(
            db_path=settings.sandbox_path, empty=True, plan="unlimited", time_scale=0.0))

    class Desk(InterviewDeskApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(self._check)

        def _check(self) -> None:
            screen = self.screen
            if isinstance(screen, CandidatesScreen) and screen.is_mounted:
                tables = screen.query(VirtualTable)
                if tables and tables.first().row_count > 0:
                    tables.first().refresh()
                    self.call_after_refresh(self.exit)
                    return
            if time.monotonic() - started > GIVE_UP_SECONDS:
                self.exit(return_code=3, message="the candidate list never showed a row")
                return
            self.call_after_refresh(self._check)

    started = time.monotonic()
    desk = Desk(context, sync_on_start=api is not None)
    desk.run(headless=True, size=SIZE)
    context.store.close()
    sys.exit(desk.return_code or 0)


def peak_rss_kib() -> float:
    """This process's peak resident set since exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    import resource  # no /proc: the best the platform offers

    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main(argv: list[str]) -> None:
    try:
        if argv[0] == "bare":
            run_bare()
        elif argv[0] == "first-rows":
            run_desk(Path(argv[1]), api=(argv[2], argv[3]))
        else:
            run_desk(Path(argv[1]))
    finally:
        print(peak_rss_kib(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
