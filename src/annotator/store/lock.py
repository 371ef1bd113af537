"""The writer lock of a project: held by the kernel, so a crashed holder's lock frees itself.

Two locks, both on what the file *is*, not on the name it was given: a lock file beside the file's real
path (symbolic links resolved), which also says who holds it, and a lock on the project file's own inode,
which no other name (a hard link, a rename) gets past.
"""

from __future__ import annotations

import errno
import fcntl
import getpass
import json
import os
import socket
import struct
import time
from pathlib import Path

from annotator.core.errors import ProjectError, ProjectLockedError

# A byte far beyond anything SQLite locks (its lock bytes sit at 1 GiB), so the inode lock and SQLite's
# own POSIX locks never meet, even where a network file system turns every lock into a byte-range one.
_INODE_LOCK_BYTE = 1 << 62
# Inodes this process holds: a second open of one by this process is refused without opening the file,
# because closing any descriptor of a file drops the process's POSIX locks on it, SQLite's included.
_HELD: dict[tuple[int, int], str] = {}


def real_path(project: Path) -> Path:
    """The path that reaches the project's file with no symbolic link on the way."""
    return Path(os.path.realpath(project))


def lock_path(project: Path) -> Path:
    """Where the lock of `project` lives: beside its real path."""
    real = real_path(project)
    return real.with_name(real.name + ".lock")


class WriterLock:
    """Exclusive right to write one project, held for the life of this object."""

    def __init__(self, project: Path, *, user: str) -> None:
        self.path = lock_path(project)
        self._inode: tuple[int, int] | None = None
        self._file_fd = -1
        try:
            # O_NOFOLLOW: a lock name planted as a symlink in a shared folder must not make us truncate
            # the file it points to.
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            hint = ("free some disk space and try again; the project was not changed" if exc.errno == errno.ENOSPC
                    else "the folder must be writable to edit the project; list, info and export work read-only")
            raise ProjectError(f"cannot create the lock file: {exc.strerror}", path=str(self.path),
                               hint=hint) from exc
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
        try:
            self.hold_file(project)
            # A previous holder that was killed left its details behind; flock proves it is gone.
            info = {"user": user, "host": socket.gethostname(), "pid": os.getpid(),
                    "since": time.strftime("%Y-%m-%d %H:%M:%S")}
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, json.dumps(info).encode(), 0)
        except BaseException as exc:
            self._drop_file()
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = -1
            if isinstance(exc, OSError):
                raise ProjectError(f"cannot take the writer lock: {exc.strerror}", path=str(self.path),
                                   hint="free some disk space and try again; the project was not changed"
                                   if exc.errno == errno.ENOSPC else "the folder must be writable") from exc
            raise

    def hold_file(self, project: Path) -> None:
        """Lock the project file's inode too (once it exists), whatever name reaches it."""
        if self._file_fd >= 0:
            return
        try:
            st = os.stat(project)
        except FileNotFoundError:
            return  # being created: the lock file beside it guards the name until it exists
        inode = (st.st_dev, st.st_ino)
        if inode in _HELD:
            raise ProjectLockedError(f"the project is already open for writing in this process as {_HELD[inode]}",
                                     path=str(project), hint="use the window that has it open")
        fd = os.open(project, os.O_RDWR | os.O_CLOEXEC)
        try:
            _lock_byte(fd)
        except BlockingIOError:
            os.close(fd)
            raise ProjectLockedError(
                "the project is open for writing by another process, through another name of the same "
                "file (a hard link or a renamed file)", path=str(project),
                hint="close it there first; list, info and export still work read-only") from None
        except OSError as exc:
            os.close(fd)
            raise ProjectError(f"cannot lock the project for writing: {exc.strerror}", path=str(project),
                               hint="copy the project to a local disk to edit it") from exc
        self._file_fd, self._inode = fd, inode
        _HELD[inode] = str(project)

    def _drop_file(self) -> None:
        if self._file_fd >= 0:
            os.close(self._file_fd)  # only after SQLite closed the file: see _HELD
            self._file_fd = -1
        if self._inode is not None:
            _HELD.pop(self._inode, None)
            self._inode = None

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
        self._drop_file()
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


def _lock_byte(fd: int) -> None:
    """An exclusive lock on one far byte of the file, owned by this descriptor (BlockingIOError: held)."""
    ofd = getattr(fcntl, "F_OFD_SETLK", None)
    if ofd is None:  # no open-file-description locks (macOS): flock is separate from POSIX locks there
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    # struct flock: l_type, l_whence, l_start, l_len, l_pid (0 for OFD locks), padding
    request = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _INODE_LOCK_BYTE, 1, 0)
    try:
        fcntl.fcntl(fd, ofd, request)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise BlockingIOError(exc.errno, exc.strerror) from None
        raise
