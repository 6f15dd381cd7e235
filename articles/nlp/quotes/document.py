"""What the stages of quote extraction share about one article body.

A `Piece` is the quoted words between one pair of marks within one paragraph: pairing the marks
makes it, and the later stages fill in its kind, cue and speaker. A `Context` carries the parsed
body and its mentions through the stages, with the indexes from tokens to pieces and mentions
that several stages read, built once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from articles.nlp.entities import FoundMention

DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"


@dataclass(frozen=True)
class FoundQuote:
    start: int
    end: int
    text: str
    kind: str
    cue: str = ""
    speaker: int | None = None  # entity index
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass
class Piece:
    """The quoted words between one pair of marks, within one paragraph."""

    start: int  # first quoted character (after the opening mark)
    end: int  # after the last quoted character (before the closing mark)
    open_start: int  # where the opening mark starts
    close_end: int  # where the closing mark ends (the paragraph end when left open)
    closed: bool
    group: int = 0  # pieces of one quotation running over paragraphs share a group
    continues: bool = False  # opens a paragraph that goes on with the previous one's quotation
    tokens: tuple[int, int] = (0, 0)  # token range of the quoted words
    root: Token | None = None  # the quoted token highest in the parse
    kind: str = DIRECT
    speaker: Speaker | None = None
    cue: str = ""
    has_cue: bool = False  # the speaker comes from a cue next to the quote, not a mere subject


@dataclass
class Speaker:
    """The words naming a speaker nearest a quote (perhaps "he" or "the general"), kept apart from
    the entity they stand for, so that a reader sees both."""

    start: int
    end: int
    entity: int | None
    kind: str = ""  # the kind of the entity when known, "" otherwise


@dataclass
class Context:
    """What the stages share about one document."""

    doc: Doc
    text: str
    mentions: list[FoundMention]
    entity_of: list[int]
    mention_at: dict[int, int] = field(default_factory=dict)  # token index -> mention index
    quote_of_token: list[int] = field(default_factory=list)  # token index -> piece index or -1
    pieces: list[Piece] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-empty line."""
    position = 0
    for line in text.split("\n"):
        if line.strip():
            yield position, position + len(line)
        position += len(line) + 1
