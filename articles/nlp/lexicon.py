"""What editors taught the pipeline: names of a known kind, and strings that are no entity.

The `newsdesk_editors` stage runs last among the entity stages. A name editors confirmed gets
their kind wherever it appears (replacing what overlaps it); a string they rejected is dropped.
The entries come from the archive (`LexiconEntry`) through `update()`, so the stage itself needs
no database.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from articles.nlp.doubts import TAUGHT
from articles.nlp.entities import mark_certain
from articles.nlp.kinds import LABEL_OF_KIND

Entry = tuple[str, str, bool]  # (text, kind, rejected)


class EditorLexicon:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab)
        self.rejected: set[str] = set()
        self.entries: frozenset[Entry] = frozenset()

    def update(self, entries: Iterable[Entry]) -> None:
        """Replace what the stage knows; cheap when nothing changed."""
        entries = frozenset(entries)
        if entries == self.entries:
            return
        self.entries = entries
        self.matcher = PhraseMatcher(self.nlp.vocab)
        by_label: dict[str, list[Doc]] = {}
        for text, kind, rejected in entries:
            if not rejected and kind in LABEL_OF_KIND:
                by_label.setdefault(LABEL_OF_KIND[kind], []).append(self.nlp.make_doc(text))
        for label, patterns in by_label.items():
            self.matcher.add(label, patterns)
        self.rejected = {text for text, _kind, rejected in entries if rejected}

    def __call__(self, doc: Doc) -> Doc:
        if not self.entries:
            return doc
        taught = [
            Span(doc, start, end, label=self.nlp.vocab.strings[match_id])
            for match_id, start, end in self.matcher(doc)
        ]
        taught = filter_spans(taught)
        covered = {i for span in taught for i in range(span.start, span.end)}
        kept = [
            span
            for span in doc.ents
            if span.text not in self.rejected
            and not any(i in covered for i in range(span.start, span.end))
        ]
        dropped = [span for span in doc.ents if span.text in self.rejected]
        doc.ents = filter_spans(kept + taught)
        # What the lessons decided, for the review report (articles.nlp.doubts).
        applied = doc.user_data.setdefault(TAUGHT, [])
        for span in taught:
            mark_certain(doc, span)
            applied.append([span.start_char, span.end_char, span.text, False])
        applied += [[span.start_char, span.end_char, span.text, True] for span in dropped]
        return doc


@Language.factory("newsdesk_editors", assigns=["doc.ents"], requires=["doc.ents"])
def make_editor_lexicon(nlp: Language, name: str) -> EditorLexicon:
    return EditorLexicon(nlp, name)


def teach_pipeline(nlp: Language, entries: Iterable[Entry]) -> None:
    if "newsdesk_editors" in nlp.pipe_names:
        lexicon = nlp.get_pipe("newsdesk_editors")
        if isinstance(lexicon, EditorLexicon):
            lexicon.update(entries)
