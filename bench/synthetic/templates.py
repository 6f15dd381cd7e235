"""The sentences synthetic articles are made of: templates with slots for names, dates and quoted
words, filler sentences, quotes and headlines, parsed once into pieces the body writer appends."""

from __future__ import annotations

import re
from typing import NamedTuple

# Slots: {P} a person, {L} a place, {O} an organisation, {D} a date with its preposition
# ("on March 3, 2014", "in June 2019"), {d} a bare date (after "since", "until", "by").
ENTITY_SENTENCES = """
{P} told reporters in {L} that talks with the {O} would resume {D}.
Officials from the {O} met {P} in {L} to discuss the delayed grain shipments.
{P}, who has worked with the {O} since {d}, said the budget would be published within weeks.
The {O} said repairs to the bridge outside {L} would not be finished until {d}.
Residents of {L} queued for water {D} after the main pipeline failed.
{P} and {P} signed the agreement in {L} on behalf of the {O}.
According to the {O}, freight volumes through {L} fell by a fifth {D}.
The dispute between the {O} and the {O} has delayed the new terminal at {L}.
{P} visited {L} to inspect the flood defences built by the {O}.
Critics of {P} say the {O} has ignored the needs of farmers around {L}.
The court in {L} adjourned the case brought by {P} against the {O}.
Turnout in {L} was higher than expected, the {O} reported.
{P} said the {O} had received more applications than at any time since {d}.
Teachers in {L} walked out {D}, demanding the pay rise promised by {P}.
The {O} opened a second clinic in {L}, where waiting lists have doubled.
Traders in {L} blamed the {O} for the rising price of bread.
{P} was appointed to lead the {O} {D}.
The ferry link between {L} and {L} was suspended after a storm damaged the pier.
A report commissioned by the {O} found that half of the roads in {L} need repair.
{P} rejected claims that the {O} had misused public funds.
Negotiators for the {O} and {P} agreed to meet again in {L}.
Rail services from {L} were cancelled for a second day, the {O} said.
{P} has promised to publish the findings of the inquiry by {d}.
Police in {L} said the protest outside the offices of the {O} had been peaceful.
Exports of timber from {L} have recovered, said {P}, an adviser to the {O}.
The {O} and the {O} announced a joint plan to rebuild the harbour at {L}.
Supporters of {P} gathered in the main square of {L} on election night.
Engineers from the {O} arrived in {L} to assess the damaged dam.
{P} stepped down from the board of the {O} {D}.
Prices at markets across {L} have risen steadily since {d}, the {O} said.
""".strip().splitlines()
FILLER_SENTENCES = """
The figures could not be independently verified.
Negotiations are expected to continue next week.
Local businesses say the uncertainty has made planning difficult.
Several hundred people attended the meeting, which lasted more than three hours.
The proposal must still be approved by parliament.
Analysts expect the decision to be challenged in court.
Many families have already left the area for the winter.
The cost of the project has nearly doubled since it was first announced.
No injuries were reported.
It was not immediately clear when the service would resume.
Farmers have warned that a second poor harvest would be hard to absorb.
The agreement runs for five years and can be extended.
Opposition members walked out before the vote.
Heavy rain continued throughout the afternoon, slowing the clean-up.
Officials declined to comment on the size of the settlement.
The new rules take effect at the start of the next financial year.
Shops in the town centre stayed closed for most of the day.
Observers said the count had been orderly.
The hospital has asked for volunteers to help with the backlog.
A full report is due to be published later this year.
""".strip().splitlines()
# (template, cue, the punctuation that ends the quoted words inside the marks)
QUOTE_SENTENCES = [
    ('"{Q}" {P} said.', "said", ","),
    ('"{Q}" said {P}.', "said", ","),
    ('{P} told reporters: "{Q}"', "told reporters", "."),
    ('"{Q}" {P} added.', "added", ","),
    ('{P} said in a statement: "{Q}"', "said in a statement", "."),
]
QUOTED_WORDS = [
    "We will not accept any further delays",
    "The people of this region deserve better than empty promises",
    "Our priority is to keep the schools open",
    "This agreement is a first step, not the last",
    "We have done everything the law requires of us",
    "Nobody expected the water to rise so quickly",
    "The money is there; what is missing is the will to spend it",
    "I have asked for a full and independent inquiry",
    "Farmers cannot wait another season",
    "We are confident the figures will improve next year",
    "These claims are false and we will say so in court",
    "The port has never been busier",
    "Every family affected will receive support",
    "It is too early to say what caused the failure",
    "We listened, and we changed the plan",
]
HEADLINES = [
    "{P} pledges new {topic} for {L}",
    "{O} under pressure over {topic} in {L}",
    "{L} braces for {topic} row as {P} digs in",
    "{P} and {O} clash over {topic}",
    "Inquiry into {topic} in {L} widens",
    "{O} unveils {topic} plan for {L}",
    "{L} votes on {topic} after months of delay",
]
TOPICS = """
grain storage|water rationing|harbour expansion|teachers' pay|flood defences|rail timetable|
hospital funding|bread prices|road repairs|fishing quotas|election count|timber exports|
power cuts|housing permits|ferry service
""".replace("\n", "").split("|")
SLOT = re.compile(r"\{([PLODdQ])\}")


class Piece(NamedTuple):
    """Literal text, the words it adds to the body, then the slot that follows it, if any."""

    literal: str
    words: int
    slot: str | None


def parsed(template: str) -> tuple[Piece, ...]:
    """A template as pieces: "{P} told reporters in {L}." is ("", 0, P),
    (" told reporters in ", 3, L), (".", 0, None).

    A piece's words are counted as they will be in the body, where punctuation that touches a
    name belongs to the name's word: "{P}, who" adds one word after the name, not two.
    """
    parts = SLOT.split(template)  # literal, slot, literal, ..., literal
    slots = [*parts[1::2], None]
    pieces = []
    for number, (literal, slot) in enumerate(zip(parts[::2], slots, strict=True)):
        words = len(literal.split())
        if literal and number > 0 and not literal[0].isspace():
            words -= 1  # joined to the slot before it
        if literal and slot is not None and not literal[-1].isspace():
            words -= 1  # joined to the slot after it
        pieces.append(Piece(literal, words, slot))
    return tuple(pieces)


def has_date(template: tuple[Piece, ...]) -> bool:
    return any(piece.slot in ("D", "d") for piece in template)


ENTITY_TEMPLATES = [parsed(t) for t in ENTITY_SENTENCES]
DATED_TEMPLATES = [t for t in ENTITY_TEMPLATES if has_date(t)]
UNDATED_TEMPLATES = [t for t in ENTITY_TEMPLATES if not has_date(t)]
FILLERS = [(sentence, len(sentence.split())) for sentence in FILLER_SENTENCES]
QUOTE_TEMPLATES = [(parsed(t), cue, stop) for t, cue, stop in QUOTE_SENTENCES]
