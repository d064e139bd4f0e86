"""`interview-desk export`: cached candidates as JSON or CSV, from the cache alone.

It opens the store directly and never builds an API client, so it works offline and can never
spend the rate limit. A file given with --out is written beside its final name and renamed into
place, so a reader never sees half an export, and it is private (0600): it holds personal data.
A symlink is followed, and a FIFO or device (`/dev/null`, a pipe to another program) is written
into, never replaced by a regular file; a directory is refused.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from app.commands import CommandError, UsageError
from app.config import Settings
from app.store import CandidateQuery, Store, StoreError
from app.store.export import candidates_csv, candidates_json, json_text, shortlist_markdown


def run_export_command(settings: Settings, *, format: str, job_id: str | None,
                       status: str | None, with_transcripts: bool, out: str | None,
                       verdict: str | None = None) -> int:
    if format != "json" and with_transcripts:
        raise CommandError("--with-transcripts works with --format json only "
                           "(CSV has one row per candidate).")
    if format == "shortlist" and verdict not in (None, "advance"):
        raise CommandError("the shortlist lists the advanced candidates only: leave out "
                           "--verdict, or use --format json or csv.")
    from app.factory import open_cache, say_upgrade, utc_now

    try:
        store, notices = open_cache(settings, existing_only=True, on_upgrade=say_upgrade)
    except StoreError as error:
        raise CommandError(str(error)) from None
    store.today = lambda: utc_now().date()  # past their GDPR date, nobody is exported
    for notice in notices:
        print(f"interview-desk: {notice.text}", file=sys.stderr)
    try:
        query = CandidateQuery(job_id=_job_id(store, job_id) if job_id else None,
                               statuses=(_status(store, status),) if status else None)
        if format == "shortlist":
            chunks = iter([shortlist_markdown(store, job_id=job_id)])
        elif format == "json":
            chunks = _json_chunks(store, query, with_transcripts, verdict)
        else:
            chunks = iter([candidates_csv(store, query, verdict=verdict)])
        if out is None:
            try:
                _write(chunks, sys.stdout)
            except BrokenPipeError:
                # `export | head`: the reader has what it wanted; leave without a traceback.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 1
        else:
            _write_to_file(chunks, Path(out), SUGGESTED_NAMES[format])
            print(f"Exported to {out}.", file=sys.stderr)
    finally:
        store.close()
    return 0


def _job_id(store: Store, wanted: str) -> str:
    """The job `--job` names: by id, else by its title (any case); more than one job with
    that title is a usage error that lists them, so the recruiter can give the id."""
    if store.job(wanted) is not None:
        return wanted
    titled = [job for job in store.jobs() if job.title.casefold() == wanted.strip().casefold()]
    if len(titled) == 1:
        return titled[0].id
    if titled:
        choices = "; ".join(f"{job.id} ({job.title})" for job in titled)
        raise UsageError(f"{len(titled)} jobs are titled {wanted!r}; give one id with --job: "
                         f"{choices}.")
    raise UsageError(f"no job with the id or title {wanted!r} in the cache (check it, or sync "
                     "first).")


def _status(store: Store, wanted: str) -> str:
    """The status `--status` names, in the cache's spelling; an unknown one is a usage error
    that lists those the cache holds (candidate statuses are the company's own words)."""
    known = store.candidate_statuses()
    for status in known:
        if status.casefold() == wanted.strip().casefold():
            return status
    listed = ", ".join(known) if known else "none yet (sync first)"
    raise UsageError(f"no candidate in the cache has the status {wanted!r}; the statuses "
                     f"are: {listed}.")


def _json_chunks(store: Store, query: CandidateQuery, with_transcripts: bool,
                 verdict: str | None) -> Iterator[str]:
    """A JSON list written a candidate at a time, so a large cache never sits in memory."""
    yield "["
    for index, candidate in enumerate(candidates_json(store, query, verdict=verdict,
                                                      with_transcripts=with_transcripts)):
        yield ("," if index else "") + "\n  " + json_text(candidate)
    yield "\n]\n"


def _write(chunks: Iterator[str], stream: TextIO) -> None:
    for chunk in chunks:
        stream.write(chunk)
    stream.flush()


# The file name an --out that names a folder is told to add: one that fits the format.
SUGGESTED_NAMES = {"json": "candidates.json", "csv": "candidates.csv",
                   "shortlist": "shortlist.md"}


def _write_to_file(chunks: Iterator[str], out: Path, suggested_name: str) -> None:
    """Write the export where --out points: through a symlink to what it names; into a FIFO or
    device as it is; a regular file (new or old) atomically. Failures are one clear line."""
    target = Path(os.path.realpath(out))
    try:
        kind = target.stat().st_mode
    except FileNotFoundError:
        kind = None
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror}.") from None
    if kind is not None and stat.S_ISDIR(kind):
        raise CommandError(f"--out {out} is a directory; give a file name, e.g. "
                           f"{out.joinpath(suggested_name)}.")
    try:
        if kind is None or stat.S_ISREG(kind):
            _write_atomically(chunks, target)
        else:
            with open(os.open(target, os.O_WRONLY), "w", encoding="utf-8",
                      newline="") as stream:
                _write(chunks, stream)
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}.") from None


def _write_atomically(chunks: Iterator[str], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            _write(chunks, stream)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
