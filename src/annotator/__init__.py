"""annotator: review and annotate Chinese news articles, export entity and event training data."""

__version__ = "0.1.0"
