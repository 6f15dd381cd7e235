"""The annotation pipeline: plain Python and spaCy, importable and testable without Django."""
