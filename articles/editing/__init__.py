"""Editors' corrections: every change recorded, undoable, and taught to the pipeline."""
