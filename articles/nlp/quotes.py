"""Quotes and their speakers.

`find_quotes(doc, mentions, entity_of)` returns the quotes in a parsed body. A quote's span covers
the quoted words without the quote marks; its speaker is an entity index (into the article's
entities) or None, and `speaker_start`/`speaker_end` point at the words naming the speaker nearest
the quote (which may be a pronoun or a description such as "the general").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

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


def find_quotes(doc: Doc, mentions: list[FoundMention], entity_of: list[int]) -> list[FoundQuote]:
    return []
