"""Storage: the only code that speaks SQL. One SQLite file per project, through sqlite-utils."""

import sys

if "sqlite_utils" not in sys.modules:
    # sqlite-utils imports pandas (and with it pyarrow) and numpy whenever they are installed, only to
    # accept DataFrame and numpy values we never pass (every insert here is plain SQL): ~110 MB of memory
    # and half a second at every start of the app, and numpy alone most of a command's start-up.
    _unused = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for _name in _unused:
        sys.modules[_name] = None  # type: ignore[assignment]  # makes its `import pandas` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for _name in _unused:
            del sys.modules[_name]  # anyone else importing them later gets the real ones

from annotator.store.database import ProjectStore, RowChange

__all__ = ["ProjectStore", "RowChange"]
