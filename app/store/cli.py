"""`interview-desk export`: cached candidates as JSON or CSV, without touching the network."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from app.config import Settings
from app.store.export import candidates_csv, candidates_json
from app.store.rows import CandidateQuery
from app.store.schema import StoreError
from app.store.store import Store


def run_export_command(
    settings: Settings, *, format: str, job_id: str | None, status: str | None,
    with_transcripts: bool, out: str | None,
) -> int:
    from app.cli import CommandError

    if not settings.cache_path.exists():
        raise CommandError(f"There is no cache in {settings.data_dir} yet: run `interview-desk "
                           "sync` (or open the app) first.")
    try:
        store = Store.open(settings.cache_path)
    except StoreError as error:
        raise CommandError(str(error)) from None
    try:
        query = CandidateQuery(job_id=job_id, statuses=(status,) if status else None)
        if format == "csv":
            text = candidates_csv(store, query)
        else:
            data = list(candidates_json(store, query, with_transcripts=with_transcripts))
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    finally:
        store.close()
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomically(Path(out), text)
        print(f"Wrote {out}", file=sys.stderr)
    return 0


def write_atomically(path: Path, text: str) -> None:
    """The whole file or the old one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
