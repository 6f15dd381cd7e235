"""A revised piece (same URL, other text) keeps what editors did: their rows follow their words.

Every annotation is an offset into the body, and the database checks each one against it, so a
revision is written in an order the check accepts: the pipeline's rows go first, while the old
body is still there (a quote losing its speaker's mention is updated, and checked, then); editors'
rows whose words are in the new text are moved to where those words now are, once the new body is
saved; the ones whose words are gone are dropped and reported.

Where the words went is read from the paragraphs the two texts share (a line-by-line diff): a row
in an unchanged stretch moves with it, exactly; a row in a changed stretch goes to the occurrence
of its words nearest where that stretch now is.
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass

from articles.models import Article, DateMention, Mention, Origin, Quote

type SpanRow = Quote | DateMention | Mention

# Quotes first: deleting a mention updates the quotes it speaks in (SET_NULL).
SPAN_MODELS: list[tuple[type[SpanRow], str]] = [
    (Quote, "quote"),
    (DateMention, "date"),
    (Mention, "mention"),
]


@dataclass
class Move:
    row: SpanRow
    start: int


def clear_model_rows(article: Article, *, editors_too: bool = False) -> None:
    """Delete the pipeline's rows of the article (editors' rows stay, unless `editors_too`),
    quotes first."""
    for model, _what in SPAN_MODELS:
        rows = model.all_objects.filter(article=article)
        (rows if editors_too else rows.exclude(origin=Origin.EDITOR)).delete()


def follow_editors_rows(*, article: Article, old: str, new: str) -> tuple[list[Move], list[str]]:
    """Where each editor's row of the article goes in the new body, and what could not be placed.

    Rows that cannot be placed are deleted here, before the new body is saved; the moves are made
    by `move_rows` after it."""
    placer = Placer(old, new)
    moves: list[Move] = []
    dropped: list[str] = []
    for model, what in SPAN_MODELS:
        taken: set[tuple[int, int]] = set()
        gone = []
        for row in model.all_objects.filter(article=article).order_by("start"):
            start = placer.place(row.start, row.end, row.text, taken)
            if start is None:
                gone.append(row.pk)
                dropped.append(f"{what} “{shortened(row.text)}”")
            else:
                taken.add((start, start + len(row.text)))
                if start != row.start:
                    moves.append(Move(row, start))
        model.all_objects.filter(pk__in=gone).delete()
    return moves, dropped


def move_rows(moves: list[Move]) -> list[str]:
    """Put the rows at their new offsets (the new body saved); what could not be moved.

    A row moves once no row still waiting holds its new offsets, so two rows never hold the same
    span on the way; rows left waiting on each other (never, when the texts share their order)
    are dropped."""
    waiting = list(moves)
    while waiting:
        held = {(type(m.row), m.row.start, m.row.end) for m in waiting}
        ready = [
            m for m in waiting if (type(m.row), m.start, m.start + len(m.row.text)) not in held
        ]
        if not ready:
            break
        for move in ready:
            move.row.start, move.row.end = move.start, move.start + len(move.row.text)
            move.row.save(update_fields=["start", "end"])
        waiting = [m for m in waiting if m not in ready]
    for move in waiting:
        move.row.delete()
    return [f"{type(m.row).__name__.lower()} “{shortened(m.row.text)}”" for m in waiting]


def shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Placer:
    """Maps offsets of the old body to the new one through the lines the two share."""

    def __init__(self, old: str, new: str):
        self.new = new
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        old_starts, new_starts = line_starts(old_lines), line_starts(new_lines)
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        # (old start, old end, shift) of every stretch of lines the two texts share, in order.
        self.same = [
            (
                old_starts[block.a],
                old_starts[block.a + block.size],
                new_starts[block.b] - old_starts[block.a],
            )
            for block in matcher.get_matching_blocks()
            if block.size
        ]
        self.same_starts = [start for start, _end, _shift in self.same]

    def place(self, start: int, end: int, text: str, taken: set[tuple[int, int]]) -> int | None:
        """The span's start in the new body, or None when its words are not there (or every
        place they are is taken by another row)."""
        index = bisect.bisect_right(self.same_starts, start) - 1
        shift = self.same[index][2] if index >= 0 else 0
        if index >= 0 and end <= self.same[index][1]:
            moved = start + shift
            if (
                self.new[moved : moved + len(text)] == text
                and (moved, moved + len(text)) not in taken
            ):
                return moved
        # In a changed stretch: the nearest place the words are now.
        expected = start + shift
        found = []
        position = self.new.find(text)
        while position != -1:
            found.append(position)
            position = self.new.find(text, position + 1)
        found.sort(key=lambda at: abs(at - expected))
        return next((at for at in found if (at, at + len(text)) not in taken), None)


def line_starts(lines: list[str]) -> list[int]:
    """Where each line starts, and the end of the text last."""
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts
