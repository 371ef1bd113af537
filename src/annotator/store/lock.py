"""A writer lock beside the project file: held with flock, so a crashed holder's lock frees itself."""

from __future__ import annotations

import fcntl
import getpass
import json
import os
import socket
import time
from pathlib import Path

from annotator.core.errors import ProjectError, ProjectLockedError


def lock_path(project: Path) -> Path:
    """Where the lock of `project` lives."""
    return project.with_name(project.name + ".lock")


class WriterLock:
    """Exclusive right to write one project, held for the life of this object."""

    def __init__(self, project: Path, *, user: str) -> None:
        self.path = lock_path(project)
        try:
            # O_NOFOLLOW: a lock name planted as a symlink in a shared folder must not make us truncate
            # the file it points to.
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise ProjectError(f"cannot create the lock file: {exc.strerror}", path=str(self.path),
                               hint="the folder must be writable to edit the project; "
                                    "list, info and export work read-only") from exc
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._read_holder()
            os.close(self._fd)
            raise ProjectLockedError(
                f"the project is open for writing by {holder}", path=str(project),
                hint="close it there first; list, info and export still work read-only") from None
        except OSError as exc:  # e.g. a network file system without locks
            os.close(self._fd)
            raise ProjectError(f"cannot lock the project for writing: {exc.strerror}", path=str(project),
                               hint="copy the project to a local disk to edit it") from exc
        # A previous holder that was killed left its details behind; flock proves it is gone.
        info = {"user": user, "host": socket.gethostname(), "pid": os.getpid(),
                "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(info).encode(), 0)

    def _read_holder(self) -> str:
        try:
            info = json.loads(os.pread(self._fd, 4096, 0) or b"{}")
        except (OSError, ValueError):
            return "another process"
        if not info:
            return "another process"
        return f"{info.get('user', '?')} (process {info.get('pid', '?')} on {info.get('host', '?')}, " \
               f"since {info.get('since', '?')})"

    def release(self) -> None:
        """Give up the lock (the file stays; an unlocked file means nobody holds it)."""
        if self._fd >= 0:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = -1


def current_user() -> str:
    """The login name, for the change log and the lock."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
