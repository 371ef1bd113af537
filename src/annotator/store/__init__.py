"""Storage: the only code that speaks SQL. One SQLite file per project, through sqlite-utils."""

import sys

if "sqlite_utils" not in sys.modules and "pandas" not in sys.modules:
    # sqlite-utils imports pandas (and with it pyarrow) whenever it is installed, only to accept
    # DataFrame values we never pass: ~110 MB of memory and half a second at every start of the app.
    sys.modules["pandas"] = None  # type: ignore[assignment]  # makes its `import pandas` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["pandas"]  # anyone else importing pandas later gets the real one

from annotator.store.database import ProjectStore, RowChange

__all__ = ["ProjectStore", "RowChange"]
