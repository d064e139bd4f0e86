"""Real refusals from the machine, for tests: a read-only bind mount and a tiny tmpfs.

Permissions alone do not stop root, which CI runs as; a read-only mount and a full file system
stop everyone. Both need the right to mount: where it is missing the test is skipped, saying so.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, check=False)


def _mount_or_skip(*command: str) -> None:
    done = _run(*command)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here ({done.stderr.strip() or done.returncode}): "
                    "the check needs root with the right to mount")


def _unmount(folder: Path) -> None:
    if _run("umount", str(folder)).returncode != 0:
        _run("umount", "-l", str(folder))  # something still holds it: detach it anyway


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """`folder` as a read-only mount of itself for the duration."""
    _mount_or_skip("mount", "--bind", str(folder), str(folder))
    try:
        _mount_or_skip("mount", "-o", "remount,bind,ro", str(folder))
        yield folder
    finally:
        _unmount(folder)


@contextmanager
def bound(folder: Path, at: Path) -> Iterator[Path]:
    """`folder` seen also at `at` for the duration: a writable way in to a folder that is
    then mounted read-only, for a test that changes its files under a desk."""
    at.mkdir(parents=True, exist_ok=True)
    _mount_or_skip("mount", "--bind", str(folder), str(at))
    try:
        yield at
    finally:
        _unmount(at)


@contextmanager
def tiny_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` mounted on `folder` for the duration."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount_or_skip("mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _unmount(folder)


def fill_up(folder: Path, leave_kib: int) -> None:
    """Take all but `leave_kib` of the file system holding `folder`."""
    status = os.statvfs(folder)
    free = status.f_bavail * status.f_frsize
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave_kib * 1024))
