"""The bounds on one document (core.limits, what an import takes) on documents read from the project: counted by
SQLite before a row is read, so a document of millions of spans is refused at once, not after reading them."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.errors import ProjectError, ReadError
from annotator.core.limits import CHARS_VAR, check_document_size, max_document_chars
from annotator.store.guarded import Database

# Sound tokens (ordered, non-empty, inside the text: core.text.check_tokens) take at most 3 bytes a character
# (encode_tokens: two one-byte steps a token, a longer step only for a step of 128 or more); past that a tokens
# column is no document's, and decoding it would hold a tuple per two bytes.
TOKEN_BYTES_PER_CHAR = 3


def check_sizes(db: Database, ids: Sequence[int]) -> None:
    """Refuse the first of these documents past the bounds on one document, naming it, before reading its rows.

    A document of 2 million spans put in by other means was read whole (31 s in the window, 13 CPU-s and 1.7 GB
    in `prelabel --doc`) only to be refused after; the counts come from the indexes, the text's length from its
    row."""
    if not ids:
        return
    marks = ", ".join("?" for _ in ids)
    path = str(db.path)
    for doc_id, chars, token_bytes, n_annotations in db.execute(
            f"""SELECT d.id, coalesce(length(d.text), 0), coalesce(length(d.tokens), 0),
                       (SELECT count(*) FROM spans s WHERE s.doc_id = d.id)
                       + (SELECT count(*) FROM events e WHERE e.doc_id = d.id)
                       + (SELECT count(*) FROM arguments a WHERE a.doc_id = d.id)
                FROM documents d WHERE d.id IN ({marks})""", list(ids)).fetchall():
        try:
            check_document_size(chars, n_annotations, path=path)
            most = max_document_chars(path=path) * TOKEN_BYTES_PER_CHAR
        except ReadError as exc:
            raise ProjectError(f"document {doc_id}: {exc.reason}", path=path, hint=exc.hint) from exc
        if token_bytes > most:
            raise ProjectError(f"document {doc_id}: its tokens take {token_bytes:,} bytes; the tokens of a document "
                               f"take at most {most:,}", path=path,
                               hint=f"restore the file from a backup, or set {CHARS_VAR} to a larger number")
