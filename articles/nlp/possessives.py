"""Two names joined by a possessive: "Apple Computer's Mac OS", "the coach's England".

A small model may read a name, its possessive and the name after it as one entity. The text says
otherwise when the owner is named on its own elsewhere in the article, with the same kind: the
owner is then a mention of that name, and so is what follows the possessive when it too is named
on its own; words after the possessive named nowhere else (a product, a team nickname) are left
unmarked rather than guessed.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from articles.nlp.clusters import COMPANY_WORDS

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def split_at_possessives(doc: Doc, spans: list[Span]) -> list[Span]:
    labels: dict[str, str] = {}
    for span in spans:
        labels.setdefault(span.text, span.label_)
    result = []
    for span in spans:
        cut = next(
            (token.i for token in span[1:-1] if token.text in POSSESSIVES and token.tag_ == "POS"),
            None,
        )
        if (
            cut is None
            or labels.get(doc[span.start : cut].text) != span.label_
            or span[-1].text.strip(".,").casefold() in COMPANY_WORDS
        ):
            # The owner named nowhere else or as something else, or a company's name holding a
            # possessive ("Boatmen's Bancshares Inc."): one name.
            result.append(span)
            continue
        result.append(Span(doc, span.start, cut, label=span.label_))
        rest = doc[cut + 1 : span.end]
        if rest.text in labels:
            result.append(Span(doc, rest.start, rest.end, label=labels[rest.text]))
    return result
