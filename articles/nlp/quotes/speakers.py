"""Choosing the speaker a cue's verb names, and the entity a pronoun or a description stands for.

The speaker is the verb's subject when it has one outside the quote, else a passive agent ("called
so by X"), a subject after the verb ('"...," said Ghafoor'), or the subject of the verb it hangs
on ("X attacked Y, saying"). "He" and "the general" are kept as the words naming the speaker, and
resolved to the most recent entity they fit only when the quote is built, once every cue is known.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Span, Token

from articles.nlp.entities import FoundMention
from articles.nlp.kinds import GROUP, ORG, PERSON
from articles.nlp.quotes.document import Context, Speaker
from articles.nlp.quotes.marks import depth, is_mark
from articles.nlp.quotes.words import quote_words

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me", "my"})
PLURAL_PRONOUNS = frozenset({"they", "we", "them", "us", "their", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
DASH_CHARACTERS = "-‐‑‒–—―"
WH_WORDS = frozenset({"what", "which", "whatever", "how", "why", "where", "when"})
# Links to climb from a verb with no subject of its own to one that has it: "X attacked Y, saying",
# "X followed that by saying", "X issued a statement saying".
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acl", "ccomp"})


def subject_of(context: Context, verb: Token) -> Speaker | None:
    """The speaker a verb's subject names; through conjoined and participle verbs to their head."""
    for _ in range(5):
        if (agent := passive_agent(context, verb)) is not None:
            # '"strategic ambiguity" has been called so by Joshua Hendrick': the agent speaks.
            return agent
        for child in verb.children:
            # A dash the tagger took for a noun ("made public ― Trump boasted") is no subject, nor
            # a line of its own before the verb's paragraph (a live blog's "12:15 p.m.").
            if (
                child.dep_ in SUBJECTS
                and context.quote_of_token[child.i] < 0
                and child.text.strip(DASH_CHARACTERS)
                and "\n" not in context.text[child.idx : verb.idx]
            ):
                if child.lower_ in WH_WORDS:
                    return None
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    # "Smith, who said ...": name the speaker by "who", the entity by Smith.
                    named = speaker_of_token(context, verb.head)
                    # "X released a statement that accused ...": the statement's author.
                    if (
                        named.entity is None
                        and child.lower_ == "that"
                        and (author := author_of(context, verb.head)) is not None
                    ):
                        return author
                    return Speaker(child.idx, child.idx + len(child), named.entity, named.kind)
                return speaker_of_token(context, child)
        if (inverted := inverted_subject(context, verb)) is not None:
            return inverted
        if verb.dep_ == "relcl":
            return speaker_of_token(context, verb.head)
        if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def author_of(context: Context, noun: Token) -> Speaker | None:
    """Who made a thing that speaks ("an ad", "a statement"): the subject of the verb whose
    object it is ("Sanders is releasing an ad"), when that subject names a person or a group."""
    if noun.pos_ != "NOUN":
        return None
    verb = noun.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb is noun:
        return None
    for child in verb.children:
        if child.dep_ in SUBJECTS and context.quote_of_token[child.i] < 0:
            author = speaker_of_token(context, child)
            words = context.text[author.start : author.end].lower()
            if author.kind in (PERSON, ORG, GROUP) or words in PERSONAL_PRONOUNS | PLURAL_PRONOUNS:
                return author
    return None


def passive_agent(context: Context, verb: Token) -> Speaker | None:
    for child in verb.children:
        if child.dep_ == "agent" and context.quote_of_token[child.i] < 0:
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.pos_ in ("PROPN", "NOUN", "PRON"):
                    return speaker_of_token(context, noun)
    return None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "dep", "nsubj"})


def inverted_subject(context: Context, verb: Token) -> Speaker | None:
    """'"...," said Ghafoor, the spokesman.': the parser may not call a subject after its verb
    nsubj. Only for a verb right after the quote's comma or mark, so that "asking Trump" is not
    taken for Trump asking."""
    doc = context.doc
    if verb.tag_ not in FINITE_TAGS:
        return None  # '"...," comparing him to X': a participle's object is no subject
    previous = doc[verb.i - 1] if verb.i >= 1 else None
    if not previous or not (
        is_mark(previous) or (previous.is_punct and verb.i >= 2 and is_mark(doc[verb.i - 2]))
    ):
        return None
    for child in verb.rights:
        if (
            child.dep_ in INVERTED_SUBJECT_DEPS
            and child.pos_ in ("PROPN", "NOUN", "PRON")
            and child.ent_type_ not in ("DATE", "TIME")
            and context.quote_of_token[child.i] < 0
            and child.i - verb.i <= 4
        ):
            return speaker_of_token(context, child)
    # '"...," said David Brock, a confidant who heads ...': the parser may hang the name on a
    # later verb; a person or organisation named right after the verb is still its subject.
    mention = context.mention_at.get(verb.i + 1)
    if mention is not None and context.mentions[mention].kind in (PERSON, ORG):
        return speaker_of_token(context, doc[verb.i + 1])
    return None


def introducer_subject(context: Context, before: list[Token]) -> tuple[str, Speaker] | None:
    """'The spokesman was blunt: "..."': the subject of the main clause the colon or dash ends."""
    subjects = [t for t in before if t.dep_ in SUBJECTS and t.lower_ not in WH_WORDS]
    if subjects:
        return before[-1].text, speaker_of_token(context, min(subjects, key=depth))
    for token in reversed(before):
        if token.i in context.mention_at:
            mention = context.mentions[context.mention_at[token.i]]
            if mention.kind in (PERSON, ORG):
                return before[-1].text, speaker_of_token(context, token)
    return None


def speaker_of_token(context: Context, token: Token) -> Speaker:
    """The words naming a speaker around the subject token, and the entity they stand for."""
    mention = mention_near(context, token)
    if mention is not None:
        found = context.mentions[mention]
        return Speaker(found.start, found.end, context.entity_of[mention], found.kind)
    span = noun_phrase(token)
    return Speaker(span.start_char, span.end_char, None)


def mention_near(context: Context, token: Token) -> int | None:
    """The mention the token is part of, or one in its phrase (compound, apposition)."""
    if token.i in context.mention_at:
        return context.mention_at[token.i]
    for child in token.children:
        if child.dep_ in ("compound", "appos") and child.i in context.mention_at:
            return context.mention_at[child.i]
    return None


def noun_phrase(token: Token) -> Span:
    """The token with its left modifiers ("the Pakistani military", "a spokesman")."""
    return token.doc[token.left_edge.i : token.i + 1]


# --- pronouns and descriptions ------------------------------------------------------------------


def resolve(context: Context, speaker: Speaker) -> int | None:
    """The entity a pronoun or a description stands for: the most recent compatible one."""
    words = context.text[speaker.start : speaker.end].lower().split()
    if not words:
        return None
    head = words[-1]
    if head in PLURAL_PRONOUNS:
        return recent_entity(context, speaker.start, (ORG, GROUP))
    if head in PERSONAL_PRONOUNS:
        subject = recent_subject(context, speaker.start, (PERSON,))
        return subject if subject is not None else recent_entity(context, speaker.start, (PERSON,))
    if words[0] == "the":
        return recent_entity(context, speaker.start, (PERSON,), head)
    return None


def recent_subject(context: Context, before: int, kinds: tuple[str, ...]) -> int | None:
    """The entity of the latest mention that is a clause's subject, in the pronoun's sentence or
    the one before it: "He" after "Obama spoke after meeting Putin." is Obama (the subject is
    the likelier antecedent than a nearer object)."""
    doc = context.doc
    at = max(0, bisect.bisect_right(context.token_starts, before) - 1)
    sentence = doc[at].sent
    earliest = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    best = None
    for number, mention in earlier_mentions(context, before, kinds):
        first = bisect.bisect_left(context.token_starts, mention.start)
        last = bisect.bisect_left(context.token_starts, mention.end)
        if first < earliest or last <= first:
            continue
        root = doc[first:last].root
        while root.dep_ in ("compound", "appos", "flat") and root.head is not root:
            root = root.head  # "Secretary General Ban Ki-moon": the title may head the subject
        if root.dep_ in SUBJECTS:
            best = context.entity_of[number]
    return best


def recent_entity(
    context: Context, before: int, kinds: tuple[str, ...], title: str = ""
) -> int | None:
    best = None
    for number, mention in earlier_mentions(context, before, kinds):
        if not title or has_title(context, mention, title):
            best = context.entity_of[number]
    return best


def earlier_mentions(
    context: Context, before: int, kinds: tuple[str, ...]
) -> Iterator[tuple[int, FoundMention]]:
    """The mentions of these kinds that start before `before`, in order, with their numbers."""
    for number, mention in enumerate(context.mentions):
        if mention.start >= before:
            return
        if mention.kind in kinds:
            yield number, mention


def has_title(context: Context, mention: FoundMention, title: str) -> bool:
    """Whether the words before a mention, or its role, give it the title ("Gen." for general)."""
    before = context.text[max(0, mention.start - 40) : mention.start].lower()
    words = [w.strip(".,") for w in before.split()]
    words += mention.role.lower().split()
    abbreviations = quote_words().title_abbreviations
    return any(w == title or abbreviations.get(w) == title for w in words)
