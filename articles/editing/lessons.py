"""What corrections teach the pipeline: the lexicon that later ingests read."""

from __future__ import annotations

from articles.editing.snapshots import Change
from articles.models import LexiconEntry


def teach(change: Change, *, text: str, kind: str = "", rejected: bool = False) -> None:
    """Remember that `text` is of `kind`, or is no entity, for later ingests. The entry is part of
    the correction's change, so undoing the correction forgets the lesson too."""
    text = text.strip()
    if not text:
        return
    entry = LexiconEntry.objects.select_for_update().filter(text=text).first()
    if entry is None:
        entry = LexiconEntry.objects.create(
            text=text, kind="" if rejected else kind, rejected=rejected
        )
        change.created(entry)
        return
    change.existing(entry)
    entry.kind, entry.rejected = ("" if rejected else kind), rejected
    entry.save(update_fields=["kind", "rejected"])
