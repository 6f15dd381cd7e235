"""A name, its possessive and another name read as one entity are split when the article names
the owner on its own (sentences written for these tests)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from articles.nlp.possessives import split_at_possessives


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def parsed(nlp, text: str) -> Doc:
    doc = nlp(text)
    for token in doc:
        if token.text in ("'s", "’s"):
            token.tag_ = "POS"
    return doc


def span_of(doc: Doc, words: str, label: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(words, start + 1)
    span = doc.char_span(start, start + len(words), label=label)
    assert span is not None
    return span


def texts(spans: list[Span]) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in spans]


def test_the_owner_named_alone_elsewhere_is_split_off(nlp):
    doc = parsed(nlp, "Acme Motors grew. Acme Motors's Roadster sold well.")
    spans = [span_of(doc, "Acme Motors", "ORG"), span_of(doc, "Acme Motors's Roadster", "ORG")]
    assert texts(split_at_possessives(doc, spans)) == [("Acme Motors", "ORG")] * 2


def test_an_owner_named_nowhere_else_keeps_the_name_whole(nlp):
    doc = parsed(nlp, "The Sailor's Rest opened on the quay.")
    spans = [span_of(doc, "Sailor's Rest", "ORG")]
    assert texts(split_at_possessives(doc, spans)) == [("Sailor's Rest", "ORG")]


def test_an_owner_named_elsewhere_as_another_kind_keeps_the_name_whole(nlp):
    doc = parsed(nlp, "Lindqvist spoke. Lindqvist's Bakery Guild met.")
    spans = [span_of(doc, "Lindqvist", "PERSON"), span_of(doc, "Lindqvist's Bakery Guild", "ORG")]
    assert texts(split_at_possessives(doc, spans))[1] == ("Lindqvist's Bakery Guild", "ORG")


def test_a_company_name_holding_a_possessive_stays_whole(nlp):
    doc = parsed(nlp, "Miller bought Miller's Mills Inc. in May.")
    spans = [span_of(doc, "Miller", "ORG"), span_of(doc, "Miller's Mills Inc.", "ORG")]
    assert texts(split_at_possessives(doc, spans))[1] == ("Miller's Mills Inc.", "ORG")


def test_the_name_after_the_possessive_is_kept_when_named_alone(nlp):
    doc = parsed(nlp, "Ruiz coached Ebro United. Ruiz's Ebro United won.")
    spans = [
        span_of(doc, "Ruiz", "PERSON"),
        span_of(doc, "Ebro United", "ORG"),
        span_of(doc, "Ruiz's Ebro United", "PERSON"),
    ]
    assert texts(split_at_possessives(doc, spans))[2:] == [
        ("Ruiz", "PERSON"),
        ("Ebro United", "ORG"),
    ]
