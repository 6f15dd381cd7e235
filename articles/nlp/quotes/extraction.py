"""The quote stage: the passes of quote extraction in their order, over one parsed body."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from articles.nlp.entities import FoundMention
from articles.nlp.quotes.cues import (
    according_to,
    cue_after_comma,
    cue_next_to,
    transcript_turn,
)
from articles.nlp.quotes.document import PARTIAL, Context, FoundQuote, Piece, Speaker
from articles.nlp.quotes.marks import index_tokens, is_name_in_marks, kind_of_piece, pair_marks
from articles.nlp.quotes.paragraphs import carry_previous_speakers, share_within_groups
from articles.nlp.quotes.reported import find_indirect
from articles.nlp.quotes.speakers import resolve
from articles.nlp.quotes.voices import (
    clause_subject,
    named_governing_voice,
    named_voice,
    possessor_of_words,
    reporting_ancestor,
    voice_ancestor,
)

# A way of finding a piece's cue and speaker; the first that finds one wins.
type Step = Callable[[Context, Piece], tuple[str, Speaker] | None]


def find_quotes(doc: Doc, mentions: list[FoundMention], entity_of: list[int]) -> list[FoundQuote]:
    text = doc.text
    context = Context(doc, text, mentions, entity_of)
    context.pieces = pair_marks(text)
    index_tokens(context)
    for piece in context.pieces:
        piece.kind = kind_of_piece(context, piece)
        attribute(context, piece)
    context.pieces = [piece for piece in context.pieces if not is_name_in_marks(context, piece)]
    share_within_groups(context.pieces)
    carry_previous_speakers(context)
    quotes = [quote_of_piece(context, piece) for piece in context.pieces]
    quotes += find_indirect(context)
    quotes.sort(key=lambda q: q.start)
    return quotes


def attribute(context: Context, piece: Piece) -> None:
    """Find the cue and speaker of one piece."""
    if piece.kind == PARTIAL:
        # Quoted words inside reported speech are the reporter's ("X said the plan was 'bold'"),
        # else those of whoever the writer's clause makes utter them ("X praised the 'bold' plan").
        steps: tuple[Step, ...] = (
            according_to,
            possessor_of_words,
            reporting_ancestor,
            named_governing_voice,
            cue_after_comma,
            named_voice,
            cue_next_to,
            voice_ancestor,
            clause_subject,
        )
    else:
        steps = (transcript_turn, cue_next_to)
    for step in steps:
        found = step(context, piece)
        if found is not None:
            piece.cue, piece.speaker = found
            piece.has_cue = step is not clause_subject
            return


def quote_of_piece(context: Context, piece: Piece) -> FoundQuote:
    speaker = piece.speaker
    entity = speaker.entity if speaker else None
    if speaker is not None and entity is None:
        entity = resolve(context, speaker)
    return FoundQuote(
        piece.start,
        piece.end,
        context.text[piece.start : piece.end],
        piece.kind,
        piece.cue,
        entity,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
    )
