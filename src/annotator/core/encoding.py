"""Detecting a text file's encoding: UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK, Big5."""

from __future__ import annotations

import codecs
from functools import cache

from annotator.core.errors import ReadError

SQLITE = b"SQLite format 3\x00"  # the first bytes of every SQLite file, a project among them
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str = "auto") -> tuple[str, str]:
    """Decode file contents to text with LF line ends; return (text, encoding used).

    Refuses empty, binary (NUL bytes outside UTF-16) and undecodable input with a ReadError naming `path`.
    """
    if not data.strip():
        raise ReadError("the file is empty", path=path)
    if encoding != "auto":
        try:
            text = data.decode(encoding)
        except LookupError as exc:
            raise ReadError(f"unknown encoding {encoding!r}", path=path) from exc
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid {encoding} at byte {exc.start}", path=path,
                            hint="leave --encoding out to have the encoding detected: UTF-8, UTF-16, GB18030/GBK "
                                 "or Big5") from exc
        return _normalise(text.removeprefix("\ufeff"), path), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(name).removeprefix("\ufeff"), path), name
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {name} byte-order mark but is not valid {name} "
                                f"at byte {exc.start}", path=path) from exc
    if data.startswith(SQLITE):  # `import news.annot other.annot`: said as binary, the way to bring it in unsaid
        raise ReadError("this is an annotator project (an SQLite file), not a file to import", path=path,
                        hint="merge an annotator's project file with `annotator merge`, or export the project and "
                             "import the export")
    if b"\x00" in data:
        raise ReadError("this is a binary file (it contains NUL bytes), not text", path=path,
                        hint="save it as plain text (.txt) first")
    try:
        return _normalise(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as exc:
        not_utf8 = exc.start
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            candidates.append((_common_share(data.decode(name)), name))
        except UnicodeDecodeError:
            continue
    if not candidates:
        line = data.count(b"\n", 0, not_utf8) + 1
        if line > 1 and not data[:not_utf8].isascii():  # UTF-8 Chinese before it: one part is in another encoding
            raise ReadError(f"not UTF-8 (byte {not_utf8}), though the lines before it are, and the file is not "
                            "GB18030/GBK or Big5 either", path=path, line=line,
                            hint="the file mixes encodings (pasted from another file?): convert that part to UTF-8")
        raise ReadError("cannot decode the file as UTF-8, UTF-16, GB18030/GBK or Big5", path=path,
                        hint="convert it to UTF-8 or pass --encoding")
    best = max(candidates, key=lambda c: (c[0], c[1] == "gb18030"))[1]
    return _normalise(data.decode(best), path), best


def _normalise(text: str, path: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("the file is empty", path=path)
    if "\x00" in text:
        raise ReadError("this is a binary file (it contains NUL characters), not text", path=path)
    return text


@cache
def _common_chars() -> frozenset[str]:
    """The everyday hanzi of both scripts: GB2312 level 1 (simplified) and Big5 level 1 (traditional)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _common_share(text: str) -> float:
    """Share of non-ASCII characters that are everyday hanzi; a wrong decoding scores low."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 1.0
    common = _common_chars()
    return sum(c in common for c in wide) / len(wide)


def file_name(name: str) -> str:
    """A path or file name as text a project can store. A name whose bytes are not UTF-8 (GBK from a Windows disk
    or zip) comes from the file system as surrogate escapes, which UTF-8 cannot hold: it is decoded as GB18030
    when it reads as that, else its stray bytes become U+FFFD."""
    if not any("\udc80" <= ch <= "\udcff" for ch in name):  # the usual name; ASCII and UTF-8 names pass as they are
        return name
    raw = name.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
