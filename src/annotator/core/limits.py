"""Bounds on what one input may expand to, so a hostile file (a zip bomb, /dev/zero) is refused, not read."""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from typing import IO

from annotator.core.errors import ReadError

ENV_VAR = "ANNOTATOR_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 512
# One document: its text (jieba and the window hold a few copies of it: a 16M-character text made jieba ask
# for 800 MB at once) and its annotations (a million spans took ten seconds to parse before being stored).
CHARS_VAR = "ANNOTATOR_MAX_DOCUMENT_CHARS"
DEFAULT_MAX_DOCUMENT_CHARS = 1_000_000
ANNOTATIONS_VAR = "ANNOTATOR_MAX_ANNOTATIONS"
DEFAULT_MAX_ANNOTATIONS = 100_000
# One line of a line-based file (JSON lines, CoNLL): read no further than this before refusing it, so that a
# file of one huge line is never held whole (a native record of a million-character text with its tokens
# and annotations is about 60 MB).
LINE_VAR = "ANNOTATOR_MAX_LINE_MB"
DEFAULT_MAX_LINE_MB = 64


def max_input_bytes() -> int:
    """The most bytes one input file, or one archive member once inflated, may hold (env ANNOTATOR_MAX_INPUT_MB)."""
    return int(_env_number(ENV_VAR, DEFAULT_MAX_INPUT_MB, " of megabytes") * 1024 * 1024)


def _env_number(var: str, default: float, unit: str = "") -> float:
    """A positive number (of `unit`) from the environment variable `var` (its default when unset); ValueError
    if wrong."""
    raw = os.environ.get(var, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{var}={raw!r} is not a number{unit}") from None
    if value <= 0:
        raise ValueError(f"{var}={raw!r} must be more than 0")
    return value


def _bound(var: str, default: float, path: str, line: int | None = None) -> float:
    try:
        return _env_number(var, default)
    except ValueError as exc:
        raise ReadError(str(exc), path=path, line=line, hint=f"give {var} a positive number") from None


def check_document_size(chars: int, annotations: int = 0, *, path: str, line: int | None = None) -> None:
    """Refuse a document whose text, or whose count of annotations (spans, events, arguments), passes the bound.

    Readers call it on a record's lists before parsing them, so a record of a million spans is refused
    before a span is made."""
    most = max_document_chars(path=path, line=line)
    if chars > most:
        raise ReadError(f"the text is {chars:,} characters long; a document may hold at most {most:,}", path=path,
                        line=line, hint=f"split it into several documents, or set {CHARS_VAR} to a larger number")
    check_annotations(annotations, path=path, line=line)


def max_document_chars(*, path: str, line: int | None = None) -> int:
    """The most characters one document's text may hold (env ANNOTATOR_MAX_DOCUMENT_CHARS), as a ReadError naming
    `path` when it is set wrongly."""
    return int(_bound(CHARS_VAR, DEFAULT_MAX_DOCUMENT_CHARS, path, line))


def max_annotations(*, path: str, line: int | None = None) -> int:
    """The most annotations (spans, events, arguments) a document may hold (env ANNOTATOR_MAX_ANNOTATIONS)."""
    return int(_bound(ANNOTATIONS_VAR, DEFAULT_MAX_ANNOTATIONS, path, line))


def check_annotations(count: int, *, path: str, line: int | None = None) -> None:
    """Refuse a document carrying more annotations (spans, events, arguments) than the bound."""
    most = max_annotations(path=path, line=line)
    if count > most:
        raise ReadError(f"the record holds {count:,} annotations; a document may hold at most {most:,}", path=path,
                        line=line, hint=f"set {ANNOTATIONS_VAR} to a larger number if they are all meant")


def max_line_bytes(path: str) -> int:
    """The most bytes one line of a JSON-lines or CoNLL file may hold (env ANNOTATOR_MAX_LINE_MB)."""
    return int(_bound(LINE_VAR, DEFAULT_MAX_LINE_MB, path) * 1024 * 1024)


def line_too_long(limit: int, *, path: str, line: int) -> ReadError:
    """The error for a line longer than `limit` bytes (read no further)."""
    return ReadError(f"the line is longer than {limit / 1048576:.1f} MB; a line may hold at most that", path=path,
                     line=line, hint=f"is it one record? set {LINE_VAR} to a larger number of megabytes to read it")


def input_limit(path: str) -> int:
    """The bound on one input's bytes (core.limits), as a ReadError naming `path` when it is set wrongly."""
    try:
        return max_input_bytes()
    except ValueError as exc:
        raise ReadError(str(exc), path=path, hint="give a number of megabytes, e.g. 1024") from None


def too_big(size: int | str, limit: int, *, path: str) -> ReadError:
    """The error for an input (or an archive member) larger than the bound."""
    return ReadError(f"is larger ({_megabytes(size)}) than an input may be ({_megabytes(limit)})", path=path,
                     hint=f"set {ENV_VAR} to a larger number of megabytes to read it")


def _megabytes(size: int | str) -> str:
    return size if isinstance(size, str) else f"{size / 1048576:.1f} MB"


def open_input(path: str | os.PathLike[str]) -> IO[bytes]:
    """Open an input file for reading, refusing what is not a regular file (a FIFO, a device) and what is
    larger than the bound, before reading a byte of it."""
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", path=name) from exc
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise ReadError(f"is {file_kind(status.st_mode)}, not a regular file; only files and folders are read",
                            path=name)
        limit = input_limit(name)
        if status.st_size > limit:
            raise too_big(status.st_size, limit, path=name)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: str | os.PathLike[str]) -> bytes:
    """All bytes of an input file, in bounded memory (see open_input); a file growing past the bound is refused."""
    limit = input_limit(str(path))
    with open_input(path) as handle:
        try:
            # read(n) sets aside n bytes before it reads one: read(limit + 1) took 512 MB of address space for a
            # 15-byte file (a MemoryError under `ulimit -v 500000`). The file's size, then what it grew by.
            chunks: list[bytes] = []
            want, total = min(limit, os.fstat(handle.fileno()).st_size) + 1, 0
            while total <= limit and (chunk := handle.read(min(want, limit + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
                want = 1 << 20
            data = b"".join(chunks)
        except OSError as exc:
            raise ReadError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    if len(data) > limit:
        raise too_big(f"more than {limit / 1048576:.1f} MB", limit, path=str(path))
    return data


# A zip member that says it inflates past BOMB_FLOOR to more than BOMB_RATIO times its stored bytes is a zip bomb,
# refused before it is inflated: a 1 MB zip of two 500 MB members of zeros (each under the input bound) took 15 s
# and 1.6 GB to refuse, and ran out of memory under `ulimit -v 1000000`. Text deflates 3-7 times, the shipped
# models' members 1-7 times (measured); zeros a thousand times.
BOMB_RATIO = 100
BOMB_FLOOR = 16 << 20


def read_member(archive: zipfile.ZipFile, name: str, *, where: str) -> bytes:
    """One member of a zip, refused (before inflating it) when it would expand past the bound, or damaged."""
    limit = input_limit(where)
    try:
        info = archive.getinfo(name)
        if info.file_size > limit:
            raise too_big(info.file_size, limit, path=where)
        if info.file_size > BOMB_FLOOR and info.file_size > BOMB_RATIO * max(1, info.compress_size):
            raise ReadError(f"would inflate {info.compress_size} stored bytes to {_megabytes(info.file_size)}, "
                            f"more than {BOMB_RATIO} times: a zip bomb", path=where)
        with archive.open(info) as member:  # reads no more than the declared size, which is checked
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        raise ReadError(f"the zip file is damaged or unreadable ({exc})", path=where) from exc
    if len(data) > limit:
        raise too_big(f"more than {limit / 1048576:.1f} MB", limit, path=where)
    return data


def file_kind(mode: int) -> str:
    """What a file of this mode is, in words ("a FIFO (named pipe)")."""
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISREG, "a regular file")):
        if test(mode):
            return name
    return "not a file"
