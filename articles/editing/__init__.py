"""Editors' corrections, one module per thing corrected: mentions, quotes, entities, dates.

Every correction is made inside `recording.correcting` (undo and redo inside
`recording.revisiting`): it locks and captures the rows it changes and records one undoable
Correction with their states before and after (`snapshots`). What editors confirm or reject is
also taught to the lexicon (`lessons`), which the pipeline reads on later ingests.
"""
