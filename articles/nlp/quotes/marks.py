"""Quote marks: pairing them into pieces of quoted words, and telling what each pair holds.

Marks are paired paragraph by paragraph with one scan of the text (curly, straight and
old-newswire ``...'' marks); an opening mark inside an open quotation is a nested or doubled one
and the outer quotation goes on, past the nested one's closing mark when another is still to
come. An opening mark left open at the end of a paragraph runs to the paragraph's end, and the
next paragraph continues the quotation when it opens with a mark.
A pair holds a sentence of its own (direct), words inside the writer's sentence (partial), or
something nobody says: a title, a nickname, a value in markup.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from articles.nlp.quotes.document import DIRECT, PARTIAL, Context, Piece, paragraph_spans
from articles.nlp.quotes.words import quote_words

# Quote marks: openers, closers and the straight double mark that may be either.
MARKS = re.compile(r"``|''|[“”\"«»„]")
OPENERS = frozenset({"“", "``", "«", "„"})
CLOSERS = frozenset({"”", "»"})
type Mark = tuple[int, int, str]  # start, end and glyph of a quote mark in the text
OPEN, CLOSE, EITHER = "open", "close", "either"  # the straight "" and '' (NYT style) can be either


def pair_marks(text: str) -> list[Piece]:
    marks_by_paragraph: list[tuple[int, int, list[Mark]]] = []
    for start, end in paragraph_spans(text):
        marks = [(m.start(), m.end(), m.group()) for m in MARKS.finditer(text, start, end)]
        marks_by_paragraph.append((start, end, marks))
    pieces: list[Piece] = []
    group = 0
    open_before = False  # the previous paragraph ended inside a quotation
    for start, end, marks in marks_by_paragraph:
        found = pair_in_paragraph(text, start, end, marks)
        for number, piece in enumerate(found):
            piece.continues = (
                number == 0 and open_before and piece.open_start == first_char(text, start)
            )
            if not piece.continues:
                group += 1
            piece.group = group
            pieces.append(piece)
        open_before = bool(found) and not found[-1].closed
    return [piece for piece in pieces if piece.end > piece.start]


def first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def pair_in_paragraph(text: str, start: int, end: int, marks: list[Mark]) -> list[Piece]:
    pieces = []
    opened: tuple[int, int] | None = None
    nested = 0  # opening marks met inside the open quotation
    roles = [role_of_mark(text, mark_start, mark_end, mark) for mark_start, mark_end, mark in marks]
    for number, (mark_start, mark_end, _) in enumerate(marks):
        role = roles[number]
        if opened is None:
            if role == CLOSE:
                continue  # a stray closing mark
            opened = (mark_start, mark_end)
        elif role == OPEN:
            # A nested opening mark, or one doubled right after the first ('"“You ...'): the
            # outer quotation goes on; only a nested one waits for a closing mark of its own.
            nested += bool(text[opened[1] : mark_start].strip())
        elif nested and any(later != OPEN for later in roles[number + 1 :]):
            # '“... what he calls “chaos” than ...”': the nested quotation closes, and the outer
            # one goes on to a closing mark still to come (a doubled opener has none left).
            nested -= 1
        else:
            pieces.append(make_piece(text, opened[1], mark_start, opened[0], mark_end, True))
            opened = None
            nested = 0
    if opened is not None:
        pieces.append(make_piece(text, opened[1], end, opened[0], end, False))
    return pieces


def role_of_mark(text: str, start: int, end: int, mark: str) -> str:
    """OPEN, CLOSE or EITHER: from the glyph, unless the spaces around it say otherwise.

    A mark glued to the word after it and preceded by a space opens, whatever its glyph; one glued
    to the word before it and followed by a space closes (typists' “...“ and straight marks).
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() and after.isalnum():
        return OPEN
    if not before.isspace() and after.isspace():
        return CLOSE
    if mark in OPENERS:
        return OPEN
    if mark in CLOSERS:
        return CLOSE
    return EITHER


def make_piece(
    text: str, start: int, end: int, open_start: int, close_end: int, closed: bool
) -> Piece:
    """The piece with its span trimmed of spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Piece(start, end, open_start, close_end, closed)


def index_tokens(context: Context) -> None:
    doc = context.doc
    context.quote_of_token = [-1] * len(doc)
    context.token_starts = [token.idx for token in doc]
    for number, piece in enumerate(context.pieces):
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is None:
            continue
        piece.tokens = (span.start, span.end)
        piece.root = highest_token(span)
        for i in range(span.start, span.end):
            context.quote_of_token[i] = number
    for number, mention in enumerate(context.mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                context.mention_at.setdefault(i, number)


def highest_token(span: Span) -> Token | None:
    """The token of the span nearest the root of its sentence's parse."""
    heads = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    # Punctuation hangs on whatever verb is near ('peace," the army said'): not the quote's root.
    words = [t for t in heads if not t.is_punct] or heads
    return min(words, key=depth) if words else None


def depth(token: Token) -> int:
    steps = 0
    while token.head.i != token.i and steps < 100:
        token = token.head
        steps += 1
    return steps


def is_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "``", "''", "«", "»")


# --- what a pair of marks holds ---------------------------------------------------------------


def kind_of_piece(context: Context, piece: Piece) -> str:
    """Direct when the quoted words stand as a sentence of their own, partial otherwise."""
    text = context.text
    first = text[piece.start]
    if not (first.isupper() or first.isdigit() or not first.isalpha()):
        return PARTIAL
    before = writer_words_before(context, piece)
    if not before or before[-1] in ":,-—–" or piece.continues:
        return DIRECT
    return PARTIAL


def writer_words_before(context: Context, piece: Piece) -> str:
    """The writer's words before the opening mark, back to the sentence or paragraph start."""
    text = context.text
    line_start = text.rfind("\n", 0, piece.open_start) + 1
    chunk = text[line_start : piece.open_start].rstrip()
    cut = max(chunk.rfind(". "), chunk.rfind("? "), chunk.rfind("! "), chunk.rfind('." '))
    cut = max(cut, chunk.rfind(".” "), chunk.rfind("?” "), chunk.rfind("!” "))
    if chunk.endswith((".", "?", "!", ".”", '."', "?”", "!”")):
        return ""
    return chunk[cut + 1 :].strip() if cut >= 0 else chunk.strip()


def is_name_in_marks(context: Context, piece: Piece) -> bool:
    """Marks around a title, a markup attribute or a scare-quoted word, not around speech.

    Dropped: a short partial quote with no cue of its own (a writer's scare quote, a nickname),
    a title-case one after a word that introduces titles, a short title-case "direct" one that
    nobody says (a title), or a value in markup.
    """
    text = context.text
    if text[piece.open_start - 1 : piece.open_start] == "=":
        return True  # <tweet author="...">
    words = text[piece.start : piece.end].split()
    title_case = sum(word[:1].isupper() for word in words) >= 0.6 * len(words)
    if piece.kind != PARTIAL:
        # A title standing alone ('"The Big Short" was nominated'), with nobody saying it.
        return not piece.has_cue and title_case and len(words) <= 3
    if not piece.has_cue and (len(words) == 1 or (title_case and len(words) <= 3)):
        return True
    lead = text[max(0, piece.open_start - 12) : piece.open_start].split()
    lead_word = lead[-1].lower().rstrip(",") if lead else ""
    return (
        title_case
        and len(words) <= 6
        and (lead_word in quote_words().work_title_leads or lead_word.endswith(("'s", "’s")))
    )
