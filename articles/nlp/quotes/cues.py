"""Cues: the words next to a quote that say who speaks it, and the speaker they name.

A cue is a speech verb ("said", "told", "added"), "according to", a dash signature ("— Jane Doe"),
or the colon ending a clause whose subject speaks ("The spokesman was blunt: ..."). It is looked
for in the writer's words around the quote, within its sentence.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from articles.nlp.kinds import ORG, PERSON
from articles.nlp.quotes.document import Context, Piece, Speaker
from articles.nlp.quotes.marks import is_mark
from articles.nlp.quotes.speakers import introducer_subject, speaker_of_token, subject_of
from articles.nlp.quotes.words import quote_words

SENTENCE_END = frozenset({".", "!", "?"})
DASHES = frozenset({"-", "--", "—", "–"})


def cue_next_to(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """A reporting verb or "according to" in the writer's words around the piece."""
    if (signed := dash_signature(context, piece)) is not None:
        return signed
    after = region_after(context, piece)
    before = region_before(context, piece)
    # The newswire order is quote first, cue after ('..., Ghafoor said.'); a cue before the
    # quote ('Ghafoor said: "...') is taken nearest the quote.
    for tokens in (after, list(reversed(before))):
        for token in tokens:
            found = cue_at(context, token)
            if found is not None:
                return found
    if (named := name_before_cue(context, after)) is not None:
        return named
    if after and context.text[piece.end - 1] in ",?!-—–":
        # '"...," Trump barked.': any verb right after a quote that a comma leaves open.
        for token in after[:6]:
            if token.pos_ == "VERB" and (subject := subject_of(context, token)):
                return cue_text(token), subject
    if before and before[-1].text in (":", *DASHES):
        return introducer_subject(context, before)
    # 'Clinton cracked, "I am a progressive ..."': any verb the comma leaves open.
    if (
        len(before) >= 2
        and before[-1].text == ","
        and before[-2].pos_ == "VERB"
        and (subject := subject_of(context, before[-2])) is not None
    ):
        return cue_text(before[-2]), subject
    return None


# A transcript's turn: '"PENCE: Well, look, ..."' names its speaker in capitals before a colon.
TURN_LABEL = re.compile(r"(?:[A-Z][A-Z.'’-]*\s){0,3}[A-Z][A-Z'’-]+(?=:\s)")


def transcript_turn(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The speaker of a transcript's turn quoted whole: the label before its colon, when it is
    the name of a person the article names ("WALLACE" for Chris Wallace; "VIDEO:" is no one)."""
    label = TURN_LABEL.match(context.text, piece.start)
    if label is None:
        return None
    surname = label.group().split()[-1].strip(".")
    for number, mention in enumerate(context.mentions):
        if mention.kind == PERSON and surname in mention.text.upper().split():
            return ":", Speaker(label.start(), label.end(), context.entity_of[number], PERSON)
    return None


def name_before_cue(context: Context, after: list[Token]) -> tuple[str, Speaker] | None:
    """'"...," Gene Sperling, a top adviser, said.' when the parser gave "said" no subject: the
    first person or organisation named between the quote and the speech verb."""
    speech_verbs = quote_words().speech_verbs
    for position, token in enumerate(after[:15]):
        if token.pos_ == "VERB" and token.lemma_.lower() in speech_verbs:
            for named in after[:position]:
                mention = context.mention_at.get(named.i)
                if mention is not None and context.mentions[mention].kind in (PERSON, ORG):
                    return cue_text(token), speaker_of_token(context, named)
            return None
    return None


DASH_AFTER = re.compile(r"\s*[-—–―]+\s*")


def dash_signature(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """'“...” ― Jane Doe': a name signed after a dash right after the quote, or on the next line."""
    if not piece.closed:
        return None
    match = DASH_AFTER.match(context.text, piece.close_end)
    if match is None:
        return None
    i = first_token_at(context, match.end())
    doc = context.doc
    if i < len(doc) and (doc[i].pos_ == "PROPN" or i in context.mention_at):
        return "—", speaker_of_token(context, doc[i])
    return None


def cue_after_comma(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """'Clinton "is the only candidate ...," a retired general said.': quoted words that end on
    a comma and are followed by a cue are the cue's speaker's, whoever they are about."""
    if context.text[piece.end - 1 : piece.end] not in (",", "?", "!"):
        return None
    for token in region_after(context, piece)[:8]:
        if (found := cue_at(context, token)) is not None:
            return found
    return None


def according_to(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """ "According to ProPublica, Clinton praised her 'wonderful donors'": the source named at
    the head of the sentence."""
    before = region_before(context, piece)
    if len(before) >= 3 and before[0].lower_ == "according" and before[1].lower_ == "to":
        return cue_at(context, before[0])
    return None


def region_after(context: Context, piece: Piece) -> list[Token]:
    """Tokens of the writer's words after the closing mark, to the end of the sentence."""
    doc = context.doc
    if not piece.closed or context.text[piece.end - 1 : piece.end] == ".":
        return []
    i = first_token_at(context, piece.close_end)
    tokens: list[Token] = []
    while i < len(doc) and len(tokens) < 30:
        token = doc[i]
        if context.quote_of_token[i] >= 0 or "\n" in token.text or is_mark(token):
            break
        tokens.append(token)
        if token.text in SENTENCE_END:
            break
        i += 1
    return tokens


def region_before(context: Context, piece: Piece) -> list[Token]:
    """Tokens of the writer's words before the opening mark, back to the sentence start.

    A quote opening a paragraph after one that ends with a colon ("Ward stated:") looks back into
    that paragraph's last sentence.
    """
    doc = context.doc
    i = first_token_at(context, piece.open_start) - 1
    tokens: list[Token] = []
    while i >= 0 and len(tokens) < 40:
        token = doc[i]
        if "\n" in token.text and not tokens and i > 0 and doc[i - 1].text == ":":
            i -= 1
            continue
        if (
            context.quote_of_token[i] >= 0
            or "\n" in token.text
            or is_mark(token)
            or token.text in SENTENCE_END
        ):
            break
        tokens.append(token)
        i -= 1
    tokens.reverse()
    return tokens


def first_token_at(context: Context, char: int) -> int:
    """The index of the first token starting at or after `char`."""
    return bisect.bisect_left(context.token_starts, char)


def cue_at(context: Context, token: Token) -> tuple[str, Speaker] | None:
    lemma = token.lemma_.lower()
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        for child in token.nbor().children:
            if child.dep_ == "pobj":
                return "according to", speaker_of_token(context, child)
        return None
    puts_it = lemma == "put" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "it"
    if token.pos_ not in ("VERB", "AUX") or (
        lemma not in quote_words().speech_verbs and not puts_it
    ):
        return None  # "puts_it": 'As Milbank puts it, "..."'
    subject = subject_of(context, token)
    if subject is None:
        return None
    return cue_text(token), subject


def cue_text(verb: Token) -> str:
    particles = [c for c in verb.children if c.dep_ == "prt"]
    return verb.text + (" " + particles[0].text if particles else "")
