"""Whose words a partial quote is: the writer's verbs that govern the quoted phrase.

Quoted words inside reported speech are the reporter's ("X said the plan was 'bold'"), else those
of whoever the writer's clause makes utter them ("X praised the 'bold' plan", "X called it 'a
disaster'"); with no such verb, the subject of the clause the quote sits in.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from articles.nlp.kinds import ORG, PERSON
from articles.nlp.quotes.cues import cue_text
from articles.nlp.quotes.document import Context, Piece, Speaker
from articles.nlp.quotes.speakers import (
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    SUBJECTS,
    speaker_of_token,
    subject_of,
)
from articles.nlp.quotes.words import quote_words


def writer_ancestors(context: Context, piece: Piece, root: Token) -> Iterator[Token]:
    """The verbs outside the quote that govern it, nearest first, and before the quote; within
    its paragraph, since a parse run on across a paragraph break links unrelated sentences."""
    for ancestor in within_paragraph(context, root):
        if (
            context.quote_of_token[ancestor.i] < 0
            and ancestor.pos_ in ("VERB", "AUX")
            and ancestor.i < piece.tokens[0]
        ):
            yield ancestor


def within_paragraph(context: Context, token: Token) -> Iterator[Token]:
    """A token's ancestors, nearest first, up to the first one in an earlier paragraph."""
    start = context.text.rfind("\n", 0, token.idx) + 1
    for ancestor in token.ancestors:
        if ancestor.idx < start:
            return
        yield ancestor


def reporting_ancestor(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The outermost reporting verb whose reported clause holds the quote ("X said that ...")."""
    root = piece.root
    if root is None:
        return None
    speech_verbs = quote_words().speech_verbs
    found = None
    for verb in writer_ancestors(context, piece, root):
        if verb.lemma_.lower() in speech_verbs and (subject := subject_of(context, verb)):
            found = cue_text(verb), subject
            if verb.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in verb.children):
                break  # "X said ..., but he said that ...": the second clause reports its own
    return found


def voice_ancestor(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The subject of the nearest verb governing a partial quote that gives it a voice."""
    root = piece.root
    if root is None:
        return None
    # The quoted words' own verb, when its subject is outside them ("The general 'desires ...'").
    # (Any part of speech: the tagger may take an unusual verb for a noun, "The general 'desires'".)
    # A subject that cannot speak gives way to a writer's verb whose subject can: in "she called
    # for compensation to be 'clawed back'" the words are hers, not the compensation's.
    subject = outside_subject(context, root)
    if subject is not None and can_speak(context, subject):
        return root.text, subject
    governing = governing_voice(context, piece)
    if governing is not None and can_speak(context, governing[1]):
        return governing
    if subject is not None:
        return root.text, subject
    return governing


def governing_voice(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The subject of the nearest writer's verb before the quote that gives it a voice
    ("Bajwa expressed a wish that '...'")."""
    if piece.root is None:
        return None
    voice_verbs = quote_words().voice_verbs
    for verb in writer_ancestors(context, piece, piece.root):
        if verb.lemma_.lower() in voice_verbs and (subject := subject_of(context, verb)):
            return cue_text(verb), subject
    return None


# How what was said hangs on the noun naming it: "claim that ...", "promise to ...", "words:
# ...". A preposition ("remarks about", "comments as") leads to words about what was said.
WHAT_WAS_SAID = frozenset({"acl", "relcl", "ccomp", "appos"})


def possessor_of_words(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """ "Trump's claim that there were 'thousands of shootings'", "his promise to 'drain the
    swamp'": the quoted words belong to whoever a speech noun governing them is said to be of.
    A writer's verb that gives voice nearer the quote decides instead."""
    if piece.root is None:
        return None
    words = quote_words()
    below = piece.root  # the ancestor's child on the way down to the quote
    for ancestor in piece.root.ancestors:
        below, child_on_path = ancestor, below
        if context.quote_of_token[ancestor.i] >= 0:
            continue
        if ancestor.i > piece.tokens[0]:
            return None
        lemma = ancestor.lemma_.lower() or ancestor.lower_
        if ancestor.pos_ in ("VERB", "AUX") and lemma in words.voice_verbs:
            return None
        singular = lemma.removesuffix("s") if lemma not in words.speech_nouns else lemma
        if ancestor.pos_ == "NOUN" and singular in words.speech_nouns:
            if child_on_path.dep_ not in WHAT_WAS_SAID:
                return None  # "called Trump's remarks 'racist'": words about the remarks
            for child in ancestor.children:
                if child.dep_ == "poss" and context.quote_of_token[child.i] < 0:
                    speaker = speaker_of_token(context, child)
                    return (ancestor.text, speaker) if can_speak(context, speaker) else None
            return None
    return None


def named_voice(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """A governing verb's subject when it names a person: "Bajwa welcomed 'recent steps', the
    army said" quotes Bajwa's words; with a pronoun or a common noun, a cue next to the quote is
    the better guide ('They want to "...," Sanders said')."""
    found = voice_ancestor(context, piece)
    if found is not None and found[1].kind == PERSON:
        return found
    return None


def named_governing_voice(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    found = governing_voice(context, piece)
    if found is not None and found[1].kind == PERSON:
        return found
    return None


def clause_subject(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The subject of the nearest writer's verb governing the quote, whatever the verb; one
    that can speak (a person, an organisation, a pronoun) over a nearer one that cannot ("Sanders
    said that fact shows who is 'prepared ...'")."""
    root = piece.root
    if root is None:
        return None
    subjects = [
        subject
        for verb in within_paragraph(context, root)
        if context.quote_of_token[verb.i] < 0
        and verb.pos_ in ("VERB", "AUX")
        and (subject := subject_of(context, verb))
    ]
    speaking = (subject for subject in subjects if can_speak(context, subject))
    chosen = next(speaking, subjects[0] if subjects else None)
    return ("", chosen) if chosen is not None else None


def can_speak(context: Context, speaker: Speaker) -> bool:
    words = context.text[speaker.start : speaker.end].lower()
    return speaker.kind in (PERSON, ORG) or words in PERSONAL_PRONOUNS | PLURAL_PRONOUNS


def outside_subject(context: Context, verb: Token) -> Speaker | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS and context.quote_of_token[child.i] < 0:
            return speaker_of_token(context, child)
    return None
