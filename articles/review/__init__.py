"""Editorial review: readers' flags, the archive's checks, and the queue editors clear.

- `flags`: a reader says a mention or a quote is wrong; rate-limited, deduplicated, and never a
  change to the annotation itself.
- `checks`: set-based queries over the read models and indexed tables that find where the
  archive contradicts itself; run by `manage.py review_checks` or as a background task, their
  findings stored as items.
- `queue`: the open items, most readers and articles first, each with its evidence and fixes.
- `fixing`: a fix applied through the correction services, closing the item with the correction
  that answered it; `answering` keeps items in step when corrections are made or undone anywhere.
"""
