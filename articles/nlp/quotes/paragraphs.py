"""Speakers carried from one piece to another: over the paragraphs of one quotation, and from
the latest speaker to a quote that has no cue of its own.
"""

from __future__ import annotations

import bisect

from articles.nlp.quotes.document import Context, Piece, Speaker, paragraph_spans
from articles.nlp.quotes.speakers import subject_of
from articles.nlp.quotes.words import quote_words


def share_within_groups(pieces: list[Piece]) -> None:
    """Parts of one quotation over several paragraphs share the speaker any part found."""
    by_group: dict[int, list[Piece]] = {}
    for piece in pieces:
        by_group.setdefault(piece.group, []).append(piece)
    for members in by_group.values():
        found = next((p for p in members if p.speaker is not None), None)
        if found is None:
            continue
        for piece in members:
            if piece.speaker is None:
                piece.speaker, piece.cue = found.speaker, found.cue


def carry_previous_speakers(context: Context) -> None:
    """A quote with no cue is the latest speaker's, named in the same or the previous paragraph:
    the previous quote's, or the subject of a reporting verb since ("Ross said the heat was a
    concern. 'Nobody fainted.'")."""
    par_starts = [start for start, _ in paragraph_spans(context.text)]
    events = reporting_events(context)
    latest: tuple[int, Speaker] | None = None
    next_event = 0
    for piece in context.pieces:
        while next_event < len(events) and events[next_event][0] < piece.start:
            latest = events[next_event]
            next_event += 1
        if piece.speaker is None and latest is not None:
            gap = bisect.bisect_right(par_starts, piece.start) - bisect.bisect_right(
                par_starts, latest[0]
            )
            if gap <= 1:
                piece.speaker = latest[1]
        if piece.speaker is not None:
            latest = (piece.start, piece.speaker)


def reporting_events(context: Context) -> list[tuple[int, Speaker]]:
    """(offset, speaker) of every reporting verb with a subject in the writer's words."""
    speech_verbs = quote_words().speech_verbs
    events = []
    for token in context.doc:
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in speech_verbs
            and context.quote_of_token[token.i] < 0
            and (subject := subject_of(context, token)) is not None
        ):
            events.append((token.idx, subject))
    return events
