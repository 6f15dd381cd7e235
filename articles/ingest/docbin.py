"""Interchange documents as spaCy `Doc`s, for training a model on the corrected annotations.

Each article's body is tokenised by a blank English pipeline (no model is needed); its active
mentions become `doc.ents` with their finer labels (spaCy's, or the editor's), its dates and quotes
span groups (`dates` labelled by granularity, `quotes` by kind), and every span editors made or
corrected is also in the `corrected` group, labelled "mention", "date" or "quote". A span whose
offsets fall inside a token is widened to whole tokens; of overlapping mentions the longer is
kept, as `doc.ents` allows no overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

EDITOR = "editor"


def blank_pipeline() -> Language:
    return spacy.blank("en")


def span_of(doc: Doc, row: dict[str, Any], label: str) -> Span | None:
    span: Span | None = doc.char_span(
        row["start"], row["end"], label=label, alignment_mode="expand"
    )
    return span


def doc_of(nlp: Language, document: dict[str, Any]) -> Doc:
    doc = nlp.make_doc(document["body"])
    corrected: list[Span] = []

    def spans(rows: list[dict[str, Any]], label_of: str, kind: str) -> list[Span]:
        found = []
        for row in rows:
            span = span_of(doc, row, str(row.get(label_of) or kind.upper()))
            if span is None:
                continue
            found.append(span)
            if row.get("origin") == EDITOR:
                corrected.append(Span(doc, span.start, span.end, label=kind))
        return found

    doc.set_ents(filter_spans(spans(document["mentions"], "label", "mention")))
    doc.spans["dates"] = spans(document["dates"], "granularity", "date")
    doc.spans["quotes"] = spans(document["quotes"], "kind", "quote")
    doc.spans["corrected"] = corrected
    doc.user_data["id"] = document["id"]
    doc.user_data["title"] = document["title"]
    doc.user_data["published"] = document["published"]
    return doc


def docbin_of(documents: Iterable[dict[str, Any]]) -> DocBin:
    """Every document in one DocBin. A DocBin is one serialised blob, so the docs are held
    (compactly, as arrays) until it is written."""
    nlp = blank_pipeline()
    bin_ = DocBin(store_user_data=True)
    for document in documents:
        bin_.add(doc_of(nlp, document))
    return bin_


def write_docbin(documents: Iterable[dict[str, Any]], path: Path) -> int:
    """Every document into one DocBin file at `path`; how many were written."""
    bin_ = docbin_of(documents)
    bin_.to_disk(path)
    return len(bin_)
