"""Long bodies annotated in chunks: cut at paragraph breaks, the annotations put back together.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters) and needs memory in proportion
to the text it parses, so a body longer than `CHUNK_CHARS` is cut into chunks at paragraph breaks
(at line breaks, sentence ends or spaces only when one paragraph is longer than a chunk). Each
chunk is annotated alone; its offsets are moved by where it starts in the body, so they index the
body exactly; the mentions of every chunk are then grouped into entities together, so that
"Bajwa" in the last chunk is still the "Qamar Javed Bajwa" of the first. What a stage reads from
elsewhere in the text is read within the chunk only (a bare surname the model missed is found by
the full name in the same chunk), a loss confined to the rare piece longer than a chunk.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any, ClassVar, Protocol

from articles.nlp.clusters import FoundEntity, cluster_mentions
from articles.nlp.entities import FoundMention

CHUNK_CHARS = 20_000
# Where to cut, best first: after a blank line, after a line break, after a sentence, after a space.
BREAKS = [re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]['\"”’)]*\s+")]
BREAKS.append(re.compile(r"\s+"))


def chunk_offsets(body: str, limit: int = CHUNK_CHARS) -> list[int]:
    """Where each chunk starts: 0, then after the last break that keeps a chunk within `limit`."""
    starts = [0]
    while len(body) - starts[-1] > limit:
        start = starts[-1]
        starts.append(cut_before(body, start, start + limit))
    return starts


def cut_before(body: str, start: int, end: int) -> int:
    """The end of the last break of the best kind within body[start:end] (or `end` itself when
    the text has no break at all), past its middle, so that chunks stay large."""
    middle = start + (end - start) // 2
    for pattern in BREAKS:
        ends = [match.end() for match in pattern.finditer(body, middle, end)]
        if ends:
            return ends[-1]
    return end


def chunks_of(body: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(where it starts in the body, its text) for every chunk, in order."""
    starts = chunk_offsets(body, limit)
    for start, end in zip(starts, [*starts[1:], len(body)], strict=True):
        yield start, body[start:end]


class FoundSpan(Protocol):
    """A mention, date or quote the pipeline found: a dataclass with offsets."""

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def moved[T: FoundSpan](span: T, by: int) -> T:
    """A found mention, date or quote with its offsets moved `by` characters."""
    changes = {"start": span.start + by, "end": span.end + by}
    for name in ("speaker_start", "speaker_end"):
        if getattr(span, name, None) is not None:
            changes[name] = getattr(span, name) + by
    return dataclasses.replace(span, **changes)


def regroup(
    body: str, parts: list[tuple[int, list[FoundMention], list[FoundEntity]]]
) -> tuple[list[FoundMention], list[FoundEntity], list[int], dict[tuple[int, int], int]]:
    """Every chunk's mentions (offsets in the body) grouped into entities across chunks.

    `parts` holds, for each chunk, where it starts, its mentions (offsets in the chunk) and the
    entities found in the chunk alone. Returns the mentions, entities and entity of each mention
    for the whole body, and the new entity of each (chunk number, entity in that chunk), so that
    a quote's speaker follows its entity."""
    mentions: list[FoundMention] = []
    first_of: dict[tuple[int, int], int] = {}  # (chunk, its entity) -> a mention of it, in all
    for number, (start, found, entities) in enumerate(parts):
        for local, entity in enumerate(entities):
            if entity.mentions:
                first_of[(number, local)] = len(mentions) + entity.mentions[0]
        mentions += [moved(mention, start) for mention in found]
    entities, entity_of = cluster_mentions(mentions, body)
    speakers = {key: entity_of[index] for key, index in first_of.items()}
    return mentions, entities, entity_of, speakers
