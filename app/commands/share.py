"""`interview-desk share`: queue every verdict changed since it was last shared, send the queue,
and say in one line what happened (app/services/sharing.py does the work).

A newer verdict from someone else is never replaced from here: the command says so and leaves
it for the desk, which asks (S). Offline, the verdicts stay queued in the verdict file and the
command exits 1; the next `share`, or the desk once online, sends them.
"""

from __future__ import annotations

import asyncio

from app.commands import CommandError
from app.config import Settings
from app.factory import build_context, say_upgrade
from app.services.sharing import ShareReport, queue_unshared, send_queued
from app.store import CacheUnwritable
from app.store.shares import ShareState
from widgets.text import plain_line


def run_share_command(settings: Settings) -> int:
    report, unanswered = asyncio.run(_share(settings))
    print(plain_line(report.line()))
    if unanswered > len(report.asking):
        print(f"{unanswered} verdict{'s' if unanswered != 1 else ''} wait for your answer: "
              "someone else shared a newer one; open the desk and press S.")
    for conflict in report.asking:
        theirs = conflict.theirs
        when = f" at {theirs.at:%Y-%m-%d %H:%M %Z}" if theirs.at else ""
        print(plain_line(f"  skipped {conflict.candidate_name} ({conflict.job_title}): "
                         f"{theirs.by} shared {theirs.verdict or 'undecided'}{when}, newer "
                         f"than your {conflict.mine.label}"))
    return 1 if report.waiting else 0


async def _share(settings: Settings) -> tuple[ShareReport, int]:
    """What was sent, and how many verdicts wait for the recruiter's answer in the desk."""
    context = build_context(settings, on_upgrade=say_upgrade)
    try:
        if context.store.unwritable is not None:
            raise CacheUnwritable(context.store.unwritable)
        queue_unshared(context)
        report = await send_queued(context, ask=None)
        return report, context.store.shares.count(ShareState.ASKING)
    except CacheUnwritable as error:
        raise CommandError(str(error)) from None
    finally:
        await context.aclose()
