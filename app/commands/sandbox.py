"""`interview-desk sandbox`: serve the sandbox API on 127.0.0.1 for other clients and tests."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.sandbox.settings import ALL_SCOPES, DEMO_KEY, PLANS, SandboxSettings


def _rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("a rate is a number from 0 to 1")
    return value


def _key(text: str) -> tuple[str, frozenset[str] | str]:
    key, _, scopes = text.partition("=")
    if not key or not scopes:
        raise argparse.ArgumentTypeError("write KEY=SCOPES, e.g. sk_test=read:jobs,read:agents")
    if scopes == "*":
        return key, "*"
    chosen = frozenset(scope.strip() for scope in scopes.split(",") if scope.strip())
    unknown = chosen - ALL_SCOPES
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown scopes: {', '.join(sorted(unknown))}")
    return key, chosen


def add_sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", type=_key, action="append", metavar="KEY=SCOPES",
                        help="an API key and its scopes ('*' for all); repeatable")
    parser.add_argument("--plan", choices=sorted(PLANS), default="starter")
    parser.add_argument("--dialect", choices=("wrapped", "bare"), default="wrapped")
    parser.add_argument("--time-scale", type=float, default=30.0,
                        help="how many times faster than real time the sandbox clock runs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reset", action="store_true", help="reseed the demo company")
    parser.add_argument("--empty", action="store_true", help="only agents and jobs")
    parser.add_argument("--no-candidate-filter", action="store_true",
                        help="let GET /interviews list without candidateId")
    parser.add_argument("--latency", type=int, default=0, metavar="MS")
    parser.add_argument("--error-rate", type=_rate, default=0.0)
    parser.add_argument("--throttle-rate", type=_rate, default=0.0)
    parser.add_argument("--drop-rate", type=_rate, default=0.0)


def settings_from(args: argparse.Namespace, data_dir: Path) -> SandboxSettings:
    return SandboxSettings(
        db_path=data_dir / "sandbox-server.sqlite3", seed=args.seed, dialect=args.dialect,
        keys=dict(args.key) if args.key else {DEMO_KEY: "*"}, plan=args.plan,
        require_candidate_filter=not args.no_candidate_filter, time_scale=args.time_scale,
        latency_ms=args.latency, error_rate=args.error_rate, throttle_rate=args.throttle_rate,
        drop_rate=args.drop_rate, empty=args.empty, reset=args.reset,
    )


def run_sandbox_command(args: argparse.Namespace, *, data_dir: Path) -> int:
    import uvicorn

    from app.sandbox.clock import SandboxClock
    from app.sandbox.routes import create_sandbox_app

    settings = settings_from(args, data_dir)
    app = create_sandbox_app(settings, SandboxClock(scale=settings.time_scale))
    print(f"Sandbox API on http://127.0.0.1:{args.port} (plan {settings.plan}, "
          f"dialect {settings.dialect}, clock x{settings.time_scale:g})")
    for key, scopes in settings.keys.items():
        print(f"  key {key}: {'all scopes' if scopes == '*' else ', '.join(sorted(scopes))}")
    print("Ctrl-C stops it.", flush=True)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0
