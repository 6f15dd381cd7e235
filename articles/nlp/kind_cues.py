"""Kinds from what the sentence says of a name, beyond what the model guessed from the name.

- "Woods, who turned professional": only people are "who"; the mention is a person, and since
  the kind is settled by the text, the article's other mentions of the name follow it (see
  `mark_certain` and the clusters' vote).
- A country's name is a place ("drew 0-0 with Benin") unless the text makes it a person's name:
  a "who" after it, or a person named in full with it as surname ("Michael Jordan").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from articles.nlp.entities import mark_certain
from articles.nlp.gazetteer import country_names, is_place_name

# Labels a "who" overrules. Not ORG: "AirTanker, who retains" and "a management expert at
# Stanford University, who stated" speak of people in or behind the organisation; not NORP:
# "Seven Iraqis who seized" are people, but no one person.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def followed_by_who(doc: Doc, span: Span) -> bool:
    """ "Washington, who" or "Washington who": a relative clause that only a person takes."""
    at = span.end
    if at < len(doc) and doc[at].text == ",":
        at += 1
    return at < len(doc) and doc[at].lower_ == "who"


def people_by_who(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name the model took for a place is a person when a "who" follows it, unless it is the
    name of a country or city: sports copy writes "Scotland, who thrashed Belarus" of a team."""
    result = []
    for span in spans:
        if (
            span.label_ in PLACE_LABELS
            and followed_by_who(doc, span)
            and span.text not in country_names()
            and not is_place_name(span.text)
        ):
            span = Span(doc, span.start, span.end, label="PERSON")
            mark_certain(doc, span)
        result.append(span)
    return result


def countries_as_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """A country's name the model took for a person is the country, unless the text says it is
    a person's name."""
    surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and len(s) >= 2}
    result = []
    for span in spans:
        if (
            span.label_ == "PERSON"
            and span.text in country_names()
            and span.text not in surnames
            and not followed_by_who(doc, span)
        ):
            span = Span(doc, span.start, span.end, label="GPE")
        result.append(span)
    return result
