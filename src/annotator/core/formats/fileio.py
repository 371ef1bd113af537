"""File plumbing for the formats: atomic writes, JSON lines with their numbers, problems for `validate`."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, Literal, cast

from annotator.core.errors import AnnotatorError, ReadError, WriteError
from annotator.core.limits import file_kind, line_too_long, max_line_bytes, open_input

Source = str | os.PathLike[str] | IO[str] | IO[bytes]
Target = str | os.PathLike[str] | IO[str]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"

    @classmethod
    def from_error(cls, exc: AnnotatorError, *, path: str, line: int | None) -> Problem:
        """A problem from a typed error, keeping its own line when it has one."""
        return cls(exc.path or path, exc.line or line, exc.reason + (f" ({exc.hint})" if exc.hint else ""))


def source_name(source: Source) -> str:
    """A name for messages: the path, or the file object's name."""
    if isinstance(source, str | os.PathLike):
        return str(source)
    return str(getattr(source, "name", "<stream>"))


@contextlib.contextmanager
def open_binary(source: Source) -> Iterator[IO[bytes]]:
    """A binary stream over a path or file object (text streams are re-encoded as UTF-8)."""
    if isinstance(source, str | os.PathLike):
        with open_input(source) as handle:
            yield handle
    elif isinstance(source, io.TextIOBase):
        yield io.BytesIO(source.read().encode("utf-8"))
    else:
        yield cast(IO[bytes], source)  # neither a path nor a text stream: a binary file


def text_lines(source: Source, *, lines: tuple[int, int | float] = (1, float("inf")), offset: int = 0,
               blank: Literal["all", "first", "none"] = "all") -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its ending) for a UTF-8 file (BOM allowed); CRLF and CR accepted.
    Only the lines in [first, after) of `lines`: the others are neither decoded nor checked. Given the byte
    `offset` at which line `first` starts, the lines before it are not even read. A line longer than the bound
    (core.limits.max_line_bytes) is refused before more of it is read. Lines of whitespace come all, only the
    first of each run of them (`blank="first"`: where one ends a sentence, as many do) or none; the others are
    passed over before anything else is done with them (a file of 50 million of them is read in seconds)."""
    path = source_name(source)
    first, after = lines
    limit = max_line_bytes(path)
    wide = False  # a line before held non-ASCII UTF-8: the file is UTF-8, a line that is not is damaged
    with open_binary(source) as handle:
        if offset:
            handle.seek(offset)
        number = first - 1 if offset else 0
        # A file no longer than the bound cannot hold a longer line: it is read line by line as it comes
        # (a fifth faster over 500,000 short lines than asking for at most `limit` bytes a line).
        lines_of = handle if _size(handle) <= limit else iter(partial(handle.readline, limit + 1), b"")
        skip_blank = blank != "all"
        after_blank = blank == "none"  # the line before was blank (with "none", as if every line followed one)
        for raw in lines_of:
            number += 1
            if number >= after:
                return
            if len(raw) > limit and not raw.endswith(b"\n"):
                raise line_too_long(limit, path=path, line=number)
            if number < first:
                continue
            if skip_blank:
                if raw.isspace():
                    if after_blank:
                        continue
                    after_blank = True
                elif blank == "first":
                    after_blank = False
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_utf8(raw if number == 1 else b"", exc, path=path, line=number, utf8=wide) from None
            wide = wide or not raw.isascii()
            line = line.rstrip("\r\n")
            if "\r" not in line:
                yield number, line
                continue
            # Line ends of CR alone (classic Mac OS): each is a line (`runs` does not cut such a file).
            for piece in line.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                yield number, piece
                number += 1
            number -= 1


def _size(handle: IO[bytes]) -> float:
    """The size of the file behind `handle`, or infinity when it has none (a stream)."""
    try:
        return os.fstat(handle.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        return float("inf")


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def _not_utf8(first: bytes, exc: UnicodeDecodeError, *, path: str, line: int, utf8: bool) -> ReadError:
    """Why a line is not UTF-8: a UTF-16/32 file is named as such (Windows tools write them), with the fix; a
    line after others in UTF-8 Chinese is damaged, not in another encoding (`utf8`)."""
    wide = next((name for bom, name in _WIDE_BOMS if first.startswith(bom)), None)
    if wide:
        return ReadError(f"the file is {wide} (it starts with a {wide} byte-order mark); JSON lines are UTF-8",
                         path=path, line=line, hint=f"convert it: iconv -f {wide} -t UTF-8 {shlex.quote(path)} > new.jsonl")
    if utf8:
        return ReadError(f"not UTF-8 (byte {exc.start}), though the lines before it are", path=path, line=line,
                         hint="the line is damaged (cut off, or pasted from another file): fix or remove it")
    return ReadError(f"not UTF-8 (byte {exc.start})", path=path, line=line,
                     hint=f"convert it, e.g. from GBK: iconv -f GBK -t UTF-8 {shlex.quote(path)} > new.jsonl")


NOT_JSON_LINES = "the file is not JSON lines: if it is in another format, give that --format, or none to have it recognised"


def json_lines(source: Source, *, lines: tuple[int, int | float] = (1, float("inf")), offset: int = 0
               ) -> Iterator[tuple[int, Any]]:
    """(line number, JSON object or the ReadError saying why the line is not one) for non-blank lines (of
    those in [first, after) of `lines`, line `first` starting at byte `offset` if given: a worker reading one
    part of a large file parses only its own)."""
    path = source_name(source)
    first = True
    for number, line in text_lines(source, lines=lines, offset=offset, blank="none"):
        if not line.strip():
            continue
        opens_array, first = first and line.lstrip().startswith("["), False
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            if opens_array:   # a JSON document spread over lines, as Label Studio, spaCy v2 and doccano's JSON write
                yield number, _json_array(path, number)
                return
            if number == 1 and line.strip() == "{":   # one object written over many lines (a cut-off record is not)
                yield number, ReadError("the file is one JSON object written over many lines, not JSON lines (one "
                                        "record a line)", path=path, line=number,
                                        hint=f"make it one line: jq -c . {shlex.quote(path)} > new.jsonl")
                return
            # A first line that does not even start a JSON object: another format given --format (a CoNLL file as
            # doccano) rather than one damaged line.
            other = number == 1 and not line.lstrip().startswith(("{", "["))
            yield number, ReadError(f"not valid JSON: {exc.msg} at column {exc.colno}", path=path, line=number,
                                    hint=NOT_JSON_LINES if other else None)
            continue
        except RecursionError:
            yield number, ReadError("not usable JSON: nested too deeply", path=path, line=number)
            continue
        except ValueError as exc:  # e.g. an integer of thousands of digits
            yield number, ReadError(f"not usable JSON: {exc}", path=path, line=number)
            continue
        if opens_array and isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            yield number, _json_array(path, number)
            return
        if not isinstance(value, dict):
            yield number, ReadError(f"a record must be a JSON object, not {type(value).__name__}",
                                    path=path, line=number)
            continue
        yield number, value


def _json_array(path: str, line: int) -> ReadError:
    return ReadError("the file is one JSON array, not JSON lines (one record, a JSON object, a line)", path=path,
                     line=line, hint=f"if its items are records of a format annotator reads, convert it: jq -c '.[]' "
                     f"{shlex.quote(path)} > new.jsonl (Label Studio's and spaCy v2's JSON are formats of their own, "
                     "not read); nothing was imported")


def dumps(record: dict[str, Any]) -> str:
    """One JSON line: UTF-8 characters as they are (offsets count code points, as the reader sees them)."""
    return json.dumps(record, ensure_ascii=False)


def output_target(target: str | os.PathLike[str], *, directory: bool = False) -> tuple[Path, int]:
    """Where an output really goes (a symbolic link's target) and the mode it gets; refuses what is not a
    regular file (or, with `directory`, a folder): a device, a FIFO or a socket is never replaced."""
    path = Path(target)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return path, creation_mode(directory=directory)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path=str(path)) from exc
    wanted = stat.S_ISDIR(status.st_mode) if directory else stat.S_ISREG(status.st_mode)
    if not wanted:
        kind = file_kind(status.st_mode)
        raise WriteError(f"is {kind}, not a {'folder' if directory else 'regular file'}; it was left as it is",
                         path=str(path), hint="choose another output name")
    return Path(os.path.realpath(path)), stat.S_IMODE(status.st_mode)


@contextlib.contextmanager
def atomic_text(target: Target, *, durable: bool = True) -> Iterator[IO[str]]:
    """A UTF-8 text stream (LF newlines) that replaces `target` only when the block completes.

    A file object is written to directly; the caller owns its atomicity. `durable=False` skips the sync
    to disk before the rename, for a file whose reader tells when a crash lost or emptied it.
    """
    if not isinstance(target, str | os.PathLike):
        yield target
        return
    path, mode = output_target(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.fchmod(fd, mode)  # mkstemp makes 0600: a new export gets the umask's mode, a replaced file keeps its own
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path=str(target)) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write: {exc.strerror}", path=str(path)) from exc
        raise


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], *, directory: bool = False) -> Iterator[Path]:
    """A temporary path next to `target` (a file, or a folder when asked) moved onto it when the block completes.

    An existing folder is moved aside first and removed only after the new one is in place.
    """
    import shutil

    path, mode = output_target(target, directory=directory)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path=str(path)) from exc
    inner = tmp if directory else tmp / path.name
    try:
        yield inner
        if inner.exists():
            os.chmod(inner, mode)  # mkdtemp makes 0700: as a new file or folder would be, or as the replaced one was
        if directory and path.is_dir():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            os.replace(path, old)
            os.replace(inner, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(inner, path)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path=str(path)) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def creation_mode(*, directory: bool = False) -> int:
    """The mode a new file (or folder) gets from the user's umask, as `open` and `mkdir` would give it."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask
