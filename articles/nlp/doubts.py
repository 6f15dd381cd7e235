"""Where the pipeline's stages disagreed, kept as plain data on its output (no Django here): the
ingest service stores them beside the spans, and the review queue shows them first among the
checks' findings, so editors read the likely errors rather than every mention.

- The model said one kind, a rule (or the article's other mentions of the name) another:
  `newsdesk_model_kinds` notes the model's spans right after `ner`, before any rule runs.
- A quote's speaker was chosen over a nearer person or organisation.
- An editors' lesson (`newsdesk_editors`) gave a name its kind or dropped it: not a doubt, but
  what the review report counts as a lesson applied.

A name matching two archive entities is decided by the ingest service (`linking`), which
records that doubt itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from articles.nlp.clusters import FoundEntity
from articles.nlp.entities import FoundMention
from articles.nlp.kinds import PERSON, kind_for_label
from articles.nlp.quotes import FoundQuote

MODEL_KINDS = "newsdesk_model_kinds"  # doc.user_data key: [start_char, end_char, label]
TAUGHT = "newsdesk_taught"  # doc.user_data key: [start_char, end_char, text, rejected]

DOUBT_KIND = "doubt-kind"
DOUBT_SPEAKER = "doubt-speaker"


@dataclass(frozen=True)
class FoundDoubt:
    """A disagreement on one mention or quote (indexes into the annotation's lists)."""

    topic: str
    mention: int | None = None
    quote: int | None = None
    detail: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FoundLesson:
    """An editors' lesson applied: `mention` (an index) got its kind, or `text` was dropped."""

    text: str
    mention: int | None = None
    rejected: bool = False


class ModelKinds:
    """Notes the model's own entity spans, before the rules change them."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[MODEL_KINDS] = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
        return doc


@Language.factory("newsdesk_model_kinds", requires=["doc.ents"])
def make_model_kinds(nlp: Language, name: str) -> ModelKinds:
    return ModelKinds(nlp, name)


def kind_doubts(
    doc: Doc, mentions: list[FoundMention], entities: list[FoundEntity], entity_of: list[int]
) -> list[FoundDoubt]:
    """Mentions whose kind, as stored (their entity's in the article), is not the one the model
    gave the span covering them; editors' lessons and datelines settle a kind, so are no doubt."""
    taught = [(start, end) for start, end, _text, _rejected in doc.user_data.get(TAUGHT, ())]
    said = [
        (start, end, kind_for_label(label))
        for start, end, label in doc.user_data.get(MODEL_KINDS, ())
    ]
    doubts = []
    for index, mention in enumerate(mentions):
        if mention.fixed or within(mention, taught):
            continue
        kind = entities[entity_of[index]].kind
        model = next(
            (k for start, end, k in said if start <= mention.start and mention.end <= end),
            None,
        )
        if model is not None and model != kind:
            detail: dict[str, object] = {"model": model, "kind": kind}
            doubts.append(FoundDoubt(DOUBT_KIND, mention=index, detail=detail))
    return doubts


def within(mention: FoundMention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= mention.start and mention.end <= end for start, end in spans)


def distance(start: int, end: int, quote: FoundQuote) -> int:
    return max(quote.start - end, start - quote.end, 0)


def speaker_doubts(
    mentions: list[FoundMention],
    entities: list[FoundEntity],
    entity_of: list[int],
    quotes: list[FoundQuote],
    text: str = "",
) -> list[FoundDoubt]:
    """Quotes given a speaker while a person of another entity stands nearer to the quoted words
    (outside them), in the quote's paragraph (`text`, the article's, shows where it ends)."""
    doubts = []
    for index, quote in enumerate(quotes):
        if quote.speaker is None or quote.speaker_start is None or quote.speaker_end is None:
            continue
        chosen = distance(quote.speaker_start, quote.speaker_end, quote)
        nearer = [
            (distance(m.start, m.end, quote), number)
            for number, m in enumerate(mentions)
            if entity_of[number] != quote.speaker
            and entities[entity_of[number]].kind == PERSON
            and not (quote.start <= m.start and m.end <= quote.end)  # named in the quote itself
            and distance(m.start, m.end, quote) < chosen
            and "\n" not in text[min(m.end, quote.end) : max(m.start, quote.start)]
        ]
        if nearer:
            _, number = min(nearer)
            other = entities[entity_of[number]]
            doubts.append(
                FoundDoubt(
                    DOUBT_SPEAKER,
                    quote=index,
                    detail={"nearer_name": other.name, "nearer_entity": entity_of[number]},
                )
            )
    return doubts


def lessons_applied(doc: Doc, mentions: list[FoundMention]) -> list[FoundLesson]:
    lessons = []
    for start, end, text, rejected in doc.user_data.get(TAUGHT, ()):
        mention = next(
            (i for i, m in enumerate(mentions) if within(m, [(start, end)])),
            None,
        )
        if rejected or mention is not None:
            lessons.append(FoundLesson(text=text, mention=mention, rejected=rejected))
    return lessons
