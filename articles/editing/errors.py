"""Why a correction was refused. Views show the message to the editor as it is written here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articles.models import Mention


class Conflict(Exception):
    """Someone else changed the row since the editor loaded it."""


class Invalid(ValueError):
    """The correction asked for makes no sense; the message says why."""


class Overlap(Invalid):
    """Words selected to mark as a name run into names already marked: the editor may replace
    those marks with the new one, or extend the one mark to the selection."""

    def __init__(self, *, body: str, start: int, end: int, covered: list[Mention]) -> None:
        self.text, self.start, self.end, self.covered = body[start:end], start, end, covered
        # The selection stretched to take in every name it runs into.
        self.extent = (min(start, *(m.start for m in covered)), max(end, *(m.end for m in covered)))
        self.extent_text = body[self.extent[0] : self.extent[1]]
        names = " and ".join(f"“{mention.text}”" for mention in covered)
        offer = "replace it or extend it" if len(covered) == 1 else "replace them"
        super().__init__(f"“{self.text}” runs into {names}, already marked: {offer}.")
