"""Products: a maker before its model number ("Boeing 787-800"), a name written like "iPod".

Also the names a small model takes for products and are not: an organisation ending in an event
noun ("Paris Air Show"), an airline before a flight number, a name joined by a hyphen to the word
after it ("Chicago-based"), and spans whose kind is settled elsewhere (a dateline, a team before
its score).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from articles.nlp.entities import CERTAIN_KINDS, FIXED_KINDS, is_marked


def product_spans(
    doc: Doc, spans: list[Span], *, model_number: re.Pattern[str], event_heads: frozenset[str]
) -> list[Span]:
    """The spans with products made whole and the names that only look like products repaired."""
    result = []
    skip: set[int] = set()
    for index, span in enumerate(spans):
        if index in skip:
            continue
        if is_marked(span, FIXED_KINDS) or is_marked(span, CERTAIN_KINDS):
            result.append(span)  # a dateline's place, a team before its score
            continue
        first = span[1].text if span[0].lower_ == "the" and len(span) > 1 else span[0].text
        if (
            span.label_ in ("ORG", "PERSON", "GPE", "NORP")
            and first[:1].islower()
            and any(ch.isupper() for ch in first[1:])
        ):
            result.append(Span(doc, span.start, span.end, label="PRODUCT"))  # "iPod Nano"
            continue
        if span.label_ == "ORG" and span[-1].text.casefold().rstrip(".") in event_heads:
            result.append(Span(doc, span.start, span.end, label="EVENT"))  # "Paris Air Show"
            continue
        flight = next((t.i for t in span if t.lower_ == "flight" and t.i > span.start), None)
        if flight is not None and span.label_ in ("ORG", "PRODUCT"):
            result.append(Span(doc, span.start, flight, label="ORG"))  # "Air France Flight 447"
            continue
        if is_hyphen_modifier(doc, span):
            continue  # "Chicago-based", "EADS-led": a name that only modifies a word
        if span.end < len(doc) and maker_before_model(span, doc[span.end]):
            end = span.end
            while end < len(doc) and (
                model_number.match(doc[end].text)
                or (doc[end].text == "-" and end + 1 < len(doc) and has_digit(doc[end + 1]))
                or (doc[end - 1].text == "-" and has_digit(doc[end]))
            ):
                end += 1
            if end > span.end:
                following = [i for i, s in enumerate(spans) if span.end <= s.start < end]
                skip.update(following)
                result.append(Span(doc, span.start, end, label="PRODUCT"))
                continue
        result.append(span)
    return result


def has_digit(token: Token) -> bool:
    """A part of a model number ("787-9"), not a word after a hyphen ("New York-based")."""
    return token.text.isalnum() and any(ch.isdigit() for ch in token.text)


def maker_before_model(span: Span, following: Token) -> bool:
    """Whether a name may be a maker before its model number. The model takes makers for people
    or places too ("Airbus A380" as a place); a person or place before a bare number is more
    often a player or team before a score ("Jayasuriya 50", "Russia 92-81")."""
    if span.label_ == "ORG":
        return True
    return span.label_ in ("PERSON", "GPE") and any(ch.isalpha() for ch in following.text)


def is_hyphen_modifier(doc: Doc, span: Span) -> bool:
    """A name joined by a hyphen to the word after it ("Chicago-based", "Macintosh - curious")."""
    end = span.end
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
    )
