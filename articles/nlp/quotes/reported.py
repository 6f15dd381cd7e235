"""Reported speech without quote marks ("X noted that peace talks were necessary"): the clause a
reporting verb takes becomes an indirect quote.
"""

from __future__ import annotations

from articles.nlp.quotes.cues import cue_text
from articles.nlp.quotes.document import INDIRECT, Context, FoundQuote
from articles.nlp.quotes.marks import is_mark
from articles.nlp.quotes.speakers import resolve, subject_of
from articles.nlp.quotes.words import quote_words


def find_indirect(context: Context) -> list[FoundQuote]:
    """'X noted that peace talks were necessary': the clause a reporting verb takes."""
    reporting_verbs = quote_words().reported_speech_verbs
    found = []
    doc = context.doc
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in reporting_verbs:
            continue
        if context.quote_of_token[token.i] >= 0:
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None or clause.i < token.i:
            continue
        tokens = list(clause.subtree)
        if any(context.quote_of_token[t.i] >= 0 or is_mark(t) for t in tokens):
            continue
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if len(tokens) < 3:
            continue
        speaker = subject_of(context, token)
        if speaker is None:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        entity = speaker.entity if speaker.entity is not None else resolve(context, speaker)
        found.append(
            FoundQuote(
                start,
                end,
                context.text[start:end],
                INDIRECT,
                cue_text(token),
                entity,
                speaker.start,
                speaker.end,
            )
        )
    return found
