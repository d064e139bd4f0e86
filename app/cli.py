"""The `interview-desk` command: the TUI by default, and the sync, export, share and sandbox
tools.

User mistakes end with one clear line on stderr and a non-zero exit, never a traceback. So does
an unexpected error: its traceback goes to the log file in the data dir, and the line says so.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.commands import CommandError, UsageError
from app.config import ConfigError, Settings, ensure_config_file, load_settings
from app.store.schema import StoreError
from widgets.text import plain_line

EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_CRASHED = 70  # EX_SOFTWARE: the program's fault, not the person's


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-desk",
        description="Schedule, watch and review AI-conducted interviews from the terminal. "
        "Without an API key it runs on the built-in sandbox, a demo company.",
    )
    parser.add_argument("--version", action="version", version=f"interview-desk {__version__}")
    _add_connection_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sync = commands.add_parser("sync", help="bring the local cache up to date with the API")
    _add_connection_options(sync)
    sync.add_argument("--full", action="store_true", help="re-read everything, not only changes")

    export = commands.add_parser("export", help="write cached candidates and interviews (offline)")
    _add_connection_options(export)
    export.add_argument("--format", choices=("csv", "json", "shortlist"), default="json",
                        help="shortlist: Markdown of the advanced candidates for a hiring "
                             "manager")
    export.add_argument("--job", metavar="ID|TITLE", help="only candidates of this job")
    export.add_argument("--status", metavar="S",
                        help="only candidates with this status (one the cache holds)")
    export.add_argument("--verdict", choices=("advance", "hold", "reject", "undecided"),
                        help="only candidates with this verdict (for --job's job when given)")
    export.add_argument(
        "--with-transcripts", action="store_true", help="include transcript turns (JSON only)"
    )
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")

    share = commands.add_parser(
        "share", help="share your verdicts with the team (in each candidate's metadata)")
    _add_connection_options(share)

    sandbox = commands.add_parser("sandbox", help="serve the sandbox API on 127.0.0.1")
    _add_connection_options(sandbox)
    from app.commands.sandbox import add_sandbox_arguments

    add_sandbox_arguments(sandbox)
    return parser


def _add_connection_options(parser: argparse.ArgumentParser) -> None:
    """The same options before or after the sub-command, so `--data-dir` works in both places."""
    default = argparse.SUPPRESS if parser.prog != "interview-desk" else None
    parser.add_argument("--api-url", default=default, help="API base URL (env INSTAVIEW_API_URL)")
    parser.add_argument(
        "--api-key",
        default=default,
        help="API key (env INSTAVIEW_API_KEY; prefer the env or config file)",
    )
    parser.add_argument(
        "--data-dir",
        default=default,
        help="cache, sandbox, drafts and logs (env INTERVIEW_DESK_DATA_DIR)",
    )


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(api_url=args.api_url, api_key=args.api_key, data_dir=args.data_dir)


def _run_tui(args: argparse.Namespace, settings: Settings) -> int:
    """The desk; on its first start it also creates the config file (sync and export, run
    from scripts, leave the user's config dir alone)."""
    from app.ui.launch import run_tui

    problem = ensure_config_file(settings.config_file)
    if problem is not None:
        settings = dataclasses.replace(settings, warnings=(*settings.warnings, problem))
    return run_tui(settings)


def _run_sync(args: argparse.Namespace, settings: Settings) -> int:
    from app.commands.sync import run_sync_command

    return run_sync_command(settings, full=args.full)


def _run_export(args: argparse.Namespace, settings: Settings) -> int:
    from app.commands.export import run_export_command

    return run_export_command(
        settings,
        format=args.format,
        job_id=args.job,
        status=args.status,
        verdict=args.verdict,
        with_transcripts=args.with_transcripts,
        out=args.out,
    )


def _run_share(args: argparse.Namespace, settings: Settings) -> int:
    from app.commands.share import run_share_command

    return run_share_command(settings)


def _run_sandbox(args: argparse.Namespace, settings: Settings) -> int:
    from app.commands.sandbox import run_sandbox_command

    return run_sandbox_command(args, data_dir=settings.data_dir)


COMMANDS: dict[str | None, Callable[[argparse.Namespace, Settings], int]] = {
    None: _run_tui,
    "sync": _run_sync,
    "export": _run_export,
    "share": _run_share,
    "sandbox": _run_sandbox,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings: Settings | None = None
    try:
        settings = _settings(args)
        return COMMANDS[args.command](args, settings)
    except (ConfigError, CommandError, StoreError) as error:
        # The message may quote a server's words: cleaned, so they cannot drive the terminal.
        print(f"interview-desk: {plain_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ConfigError | UsageError) else EXIT_FAILED
    except KeyboardInterrupt:
        print("interview-desk: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the program's fault: log it, say where, never a traceback
        from app.logfile import record_crash

        print(f"interview-desk: {record_crash(settings, error)}", file=sys.stderr)
        return EXIT_CRASHED

if __name__ == "__main__":
    sys.exit(main())
