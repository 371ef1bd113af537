"""The review window: the only package that imports PySide6 (entry point: `annotator.gui.app.run`)."""
