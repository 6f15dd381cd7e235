"""Entity mentions from a parsed document: spans, coarse kinds, and the name each one gives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from articles.nlp.kinds import PLACE, kind_for_label

LEADING_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


CERTAIN_KINDS = "newsdesk_certain_kinds"  # doc.user_data key: token ranges of settled kinds
FIXED_KINDS = "newsdesk_fixed_kinds"  # doc.user_data key: token ranges whose kind is their own


@dataclass(frozen=True)
class FoundMention:
    start: int
    end: int
    text: str
    label: str
    kind: str
    name: str
    role: str = ""
    certain: bool = False  # the kind comes from evidence (an editor, an apposition), not a guess
    fixed: bool = False  # the kind comes from the mention's place (a dateline): it neither votes
    # for the kind of other mentions of the name nor follows them


def mark_certain(doc: Doc, span: Span) -> None:
    """Say that this span's kind is settled: other mentions of the name follow it."""
    # A list of lists, which a Doc serialised for another process can carry (a set could not).
    doc.user_data.setdefault(CERTAIN_KINDS, []).append([span.start, span.end])


def mark_fixed(doc: Doc, span: Span) -> None:
    """Say that this span's kind is its own, whatever other mentions of the name are."""
    doc.user_data.setdefault(FIXED_KINDS, []).append([span.start, span.end])


def is_marked(span: Span, key: str) -> bool:
    return [span.start, span.end] in span.doc.user_data.get(key, ())


def trim_span(text: str, start: int, end: int, *, keep_article: bool = False) -> tuple[int, int]:
    """Offsets without a leading article (unless kept), a trailing possessive, or anything past a
    line break."""
    segment = text[start:end]
    if "\n" in segment:
        end = start + segment.index("\n")
        segment = text[start:end]
    if not keep_article and (match := LEADING_DETERMINER.match(segment)):
        start += match.end()
        segment = text[start:end]
    if match := TRAILING_POSSESSIVE.search(segment):
        end -= len(match.group())
        segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        start += len(segment) - len(segment.lstrip())
        end = start + len(stripped)
    return start, end


def canonical_name(surface: str) -> str:
    return LEADING_DETERMINER.sub("", " ".join(surface.split()))


def mention_from_span(text: str, span: Span) -> FoundMention | None:
    """The mention a model span gives, or None; `text` is the doc's text (costly to rebuild)."""
    kind = kind_for_label(span.label_)
    if kind is None:
        return None
    # "the United States" is the place's whole name as written; "the Taliban" is not the group's.
    start, end = trim_span(text, span.start_char, span.end_char, keep_article=kind == PLACE)
    if end <= start:
        return None
    surface = text[start:end]
    if not any(char.isalpha() for char in surface):
        return None
    role = span._.role if span.has_extension("role") else ""
    return FoundMention(
        start,
        end,
        surface,
        span.label_,
        kind,
        canonical_name(surface),
        role,
        certain=is_marked(span, CERTAIN_KINDS),
        fixed=is_marked(span, FIXED_KINDS),
    )


def find_mentions(doc: Doc) -> list[FoundMention]:
    text = doc.text
    found = (mention_from_span(text, span) for span in doc.ents)
    return [mention for mention in found if mention is not None]
