"""Quotes and their speakers.

`find_quotes(doc, mentions, entity_of)` returns the quotes in a parsed body. A quote's span covers
the quoted words without the quote marks; its speaker is an entity index (into the article's
entities) or None, and `speaker_start`/`speaker_end` point at the words naming the speaker nearest
the quote (which may be a pronoun or a description such as "the general").

How it works, in three passes over one document:
1. Quote marks are paired paragraph by paragraph with one scan of the text (curly, straight and
   old-newswire ``...'' marks). An opening mark left open at the end of a paragraph runs to the
   paragraph's end and continues into the next paragraph when that one opens with a mark (the
   newswire convention for a quotation of several paragraphs); every paragraph's part is its own
   FoundQuote, so that each span holds only quoted words, and the parts share one speaker.
2. Each quote's speaker comes from a cue: a reporting verb ("said", "told", "added") or "according
   to" next to the quote in its sentence, and the cue's subject. A quote inside the writer's
   sentence takes the subject of the verb governing it ("X called the plan 'a disaster'"). A quote
   with no cue takes the speaker of the quote before it in the same or the previous paragraph.
3. Reported speech without quote marks ("X noted that ...") becomes an indirect quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from articles.nlp.entities import FoundMention
from articles.nlp.kinds import GROUP, ORG, PERSON

DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"


@dataclass(frozen=True)
class FoundQuote:
    start: int
    end: int
    text: str
    kind: str
    cue: str = ""
    speaker: int | None = None  # entity index
    speaker_start: int | None = None
    speaker_end: int | None = None


# Verbs (lemmas) that report speech or writing: the cue of a quote next to them.
SPEECH_VERBS = frozenset(
    """
    say tell add note ask warn write explain tweet continue declare reply respond state conclude
    recall argue insist claim acknowledge admit announce suggest promise pledge vow assure shout
    chant urge predict lament complain observe remark caution emphasize emphasise stress
    answer report quip joke mention testify confirm deny read post boast concede counter contend
    maintain recount reiterate repeat proclaim allege scream yell whisper exclaim inform agree
    wonder demand muse tout retort elaborate cry opine speculate affirm advise blast charge sing
    crack scoff snap gush fume plead rant grumble sneer thunder bark chuckle laugh sigh
    """.split()
)
# Verbs whose subject speaks the words of a partial quote governed by them, beyond the speech verbs:
# "X praised the 'bold' plan", "X called it 'a disaster'", "X expressed a wish that '...'".
VOICE_VERBS = SPEECH_VERBS | frozenset(
    """
    call describe label dub term brand characterize characterise refer praise criticize criticise
    accuse blame condemn congratulate express hail slam attack dismiss welcome defend thank mock
    cite decry denounce question applaud laud threaten seek
    """.split()
)
# Reporting verbs that take reported speech without quote marks ("X noted that ...").
INDIRECT_VERBS = frozenset(
    """
    say tell add note warn write explain declare state conclude argue insist claim acknowledge
    admit announce suggest predict complain observe remark caution emphasize emphasise stress
    report testify confirm deny maintain reiterate allege assert contend concede point
    """.split()
)
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
PLURAL_PRONOUNS = frozenset({"they", "we", "them", "us"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Title abbreviations written before names, so that "the general" finds "Gen. Bajwa".
TITLE_WORDS = {
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "adm": "admiral",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "pres": "president",
    "sec": "secretary",
    "dr": "doctor",
    "prof": "professor",
    "amb": "ambassador",
}
SENTENCE_END = frozenset({".", "!", "?"})
DASHES = frozenset({"-", "--", "—", "–"})

# Quote marks: openers, closers and the straight double mark that may be either.
MARKS = re.compile(r"``|''|[“”\"«»„]")
OPENERS = frozenset({"“", "``", "«", "„"})
CLOSERS = frozenset({"”", "»"})
OPEN, CLOSE, EITHER = "open", "close", "either"  # the straight "" and '' (NYT style) can be either


@dataclass
class Piece:
    """The quoted words between one pair of marks, within one paragraph."""

    start: int  # first quoted character (after the opening mark)
    end: int  # after the last quoted character (before the closing mark)
    open_start: int  # where the opening mark starts
    close_end: int  # where the closing mark ends (the paragraph end when left open)
    closed: bool
    group: int = 0  # pieces of one quotation running over paragraphs share a group
    continues: bool = False  # opens a paragraph that goes on with the previous one's quotation
    tokens: tuple[int, int] = (0, 0)  # token range of the quoted words
    root: Token | None = None  # the quoted token highest in the parse
    kind: str = DIRECT
    speaker: Speaker | None = None
    cue: str = ""
    has_cue: bool = False  # the speaker comes from a cue next to the quote, not a mere subject


@dataclass
class Speaker:
    start: int
    end: int
    entity: int | None
    kind: str = ""  # the kind of the entity when known, "" otherwise


@dataclass
class Context:
    """What the passes share about one document."""

    doc: Doc
    text: str
    mentions: list[FoundMention]
    entity_of: list[int]
    mention_at: dict[int, int] = field(default_factory=dict)  # token index -> mention index
    quote_of_token: list[int] = field(default_factory=list)  # token index -> piece index or -1
    pieces: list[Piece] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)


def find_quotes(doc: Doc, mentions: list[FoundMention], entity_of: list[int]) -> list[FoundQuote]:
    text = doc.text
    context = Context(doc, text, mentions, entity_of)
    context.pieces = pair_marks(text)
    index_tokens(context)
    for piece in context.pieces:
        piece.kind = kind_of_piece(context, piece)
        attribute(context, piece)
    context.pieces = [piece for piece in context.pieces if not is_name_in_marks(context, piece)]
    share_within_groups(context.pieces)
    carry_previous_speakers(context)
    quotes = [quote_of_piece(context, piece) for piece in context.pieces]
    quotes += find_indirect(context)
    quotes.sort(key=lambda q: q.start)
    return quotes


# --- pass 1: quote marks -------------------------------------------------------------------------


def paragraphs(text: str):
    """(start, end) of every non-empty line."""
    position = 0
    for line in text.split("\n"):
        if line.strip():
            yield position, position + len(line)
        position += len(line) + 1


def pair_marks(text: str) -> list[Piece]:
    marks_by_paragraph = []
    for start, end in paragraphs(text):
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


def pair_in_paragraph(text: str, start: int, end: int, marks: list) -> list[Piece]:
    pieces = []
    opened: tuple[int, int] | None = None
    for mark_start, mark_end, mark in marks:
        role = role_of_mark(text, mark_start, mark_end, mark)
        if opened is None:
            if role == CLOSE:
                continue  # a stray closing mark
            opened = (mark_start, mark_end)
        elif role == OPEN:
            continue  # a nested or doubled opening mark: the outer quotation goes on
        else:
            pieces.append(make_piece(text, opened[1], mark_start, opened[0], mark_end, True))
            opened = None
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
            piece.tokens = (0, 0)
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


# --- marks that do not quote anyone -------------------------------------------------------------

# Words before a title in marks: 'on "This Week"', 'the book "Primary Colors"'.
TITLE_LEADS = frozenset(
    "on in of show program programme book film movie song album series titled entitled".split()
)


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
        and (lead_word in TITLE_LEADS or lead_word.endswith(("'s", "’s")))
    )


# --- kinds ---------------------------------------------------------------------------------------


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


# --- pass 2: speakers ----------------------------------------------------------------------------


def attribute(context: Context, piece: Piece) -> None:
    """Find the cue and speaker of one piece."""
    if piece.kind == PARTIAL:
        # Quoted words inside reported speech are the reporter's ("X said the plan was 'bold'"),
        # else those of whoever the writer's clause makes utter them ("X praised the 'bold' plan").
        steps = (
            according_to,
            reporting_ancestor,
            named_governing_voice,
            cue_after_comma,
            named_voice,
            cue_next_to,
            voice_ancestor,
            clause_subject,
        )
    else:
        steps = (cue_next_to,)
    for step in steps:
        found = step(context, piece)
        if found is not None:
            piece.cue, piece.speaker = found
            piece.has_cue = step is not clause_subject
            return


def writer_ancestors(context: Context, piece: Piece, root: Token):
    """The verbs outside the quote that govern it, nearest first, and before the quote."""
    for ancestor in root.ancestors:
        if (
            context.quote_of_token[ancestor.i] < 0
            and ancestor.pos_ in ("VERB", "AUX")
            and ancestor.i < piece.tokens[0]
        ):
            yield ancestor


def reporting_ancestor(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The outermost reporting verb whose reported clause holds the quote ("X said that ...")."""
    root = piece.root
    if root is None:
        return None
    found = None
    for verb in writer_ancestors(context, piece, root):
        if verb.lemma_.lower() in SPEECH_VERBS and (subject := subject_of(context, verb)):
            found = cue_text(verb), subject
    return found


def voice_ancestor(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The subject of the nearest verb governing a partial quote that gives it a voice."""
    root = piece.root
    if root is None:
        return None
    # The quoted words' own verb, when its subject is outside them ("The general 'desires ...'").
    # (Any part of speech: the tagger may take an unusual verb for a noun, "The general 'desires'".)
    if (subject := outside_subject(context, root)) is not None:
        return root.text, subject
    return governing_voice(context, piece)


def governing_voice(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """The subject of the nearest writer's verb before the quote that gives it a voice
    ("Bajwa expressed a wish that '...'")."""
    if piece.root is None:
        return None
    for verb in writer_ancestors(context, piece, piece.root):
        if verb.lemma_.lower() in VOICE_VERBS and (subject := subject_of(context, verb)):
            return cue_text(verb), subject
    return None


def named_voice(context: Context, piece: Piece) -> tuple[str, Speaker] | None:
    """A governing verb's subject when it names a person: "Bajwa welcomed 'recent steps', the
    army said" quotes Bajwa's words; with a pronoun or a common noun, a cue next to the quote is
    the better guide ('They want to "...," Sanders said')."""
    found = voice_ancestor(context, piece)
    if found is not None and found[1].kind == PERSON:
        return found
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
        for verb in root.ancestors
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


def name_before_cue(context: Context, after: list[Token]) -> tuple[str, Speaker] | None:
    """'"...," Gene Sperling, a top adviser, said.' when the parser gave "said" no subject: the
    first person or organisation named between the quote and the speech verb."""
    for position, token in enumerate(after[:15]):
        if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
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


def region_after(context: Context, piece: Piece) -> list[Token]:
    """Tokens of the writer's words after the closing mark, to the end of the sentence."""
    doc = context.doc
    if not piece.closed or context.text[piece.end - 1 : piece.end] == ".":
        return []
    i = first_token_at(context, piece.close_end)
    tokens = []
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


def is_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "``", "''", "«", "»")


def cue_at(context: Context, token: Token) -> tuple[str, Speaker] | None:
    lemma = token.lemma_.lower()
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        for child in token.nbor().children:
            if child.dep_ == "pobj":
                return "according to", speaker_of_token(context, child)
        return None
    puts_it = lemma == "put" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "it"
    if token.pos_ not in ("VERB", "AUX") or (lemma not in SPEECH_VERBS and not puts_it):
        return None  # "puts_it": 'As Milbank puts it, "..."'
    subject = subject_of(context, token)
    if subject is None:
        return None
    return cue_text(token), subject


def cue_text(verb: Token) -> str:
    particles = [c for c in verb.children if c.dep_ == "prt"]
    return verb.text + (" " + particles[0].text if particles else "")


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
            if child.dep_ in SUBJECTS and context.quote_of_token[child.i] < 0:
                if child.lower_ in WH_WORDS:
                    return None
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    # "Smith, who said ...": name the speaker by "who", the entity by Smith.
                    named = speaker_of_token(context, verb.head)
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


def passive_agent(context: Context, verb: Token) -> Speaker | None:
    for child in verb.children:
        if child.dep_ == "agent" and context.quote_of_token[child.i] < 0:
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.pos_ in ("PROPN", "NOUN", "PRON"):
                    return speaker_of_token(context, noun)
    return None


INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "dep", "nsubj"})


def inverted_subject(context: Context, verb: Token) -> Speaker | None:
    """'"...," said Ghafoor, the spokesman.': the parser may not call a subject after its verb
    nsubj. Only for a verb right after the quote's comma or mark, so that "asking Trump" is not
    taken for Trump asking."""
    doc = context.doc
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


# --- carrying speakers across pieces --------------------------------------------------------------


def share_within_groups(pieces: list[Piece]) -> None:
    """Parts of one quotation over several paragraphs share the speaker any part found."""
    by_group: dict[int, list[Piece]] = {}
    for piece in pieces:
        by_group.setdefault(piece.group, []).append(piece)
    for members in by_group.values():
        found = next((p for p in members if p.speaker is not None), None)
        if found is None:
            continue
        for piece in members:
            if piece.speaker is None:
                piece.speaker, piece.cue = found.speaker, found.cue


def carry_previous_speakers(context: Context) -> None:
    """A quote with no cue is the latest speaker's, named in the same or the previous paragraph:
    the previous quote's, or the subject of a reporting verb since ("Ross said the heat was a
    concern. 'Nobody fainted.'")."""
    par_starts = [start for start, _ in paragraphs(context.text)]
    events = reporting_events(context)
    latest: tuple[int, Speaker] | None = None
    next_event = 0
    for piece in context.pieces:
        while next_event < len(events) and events[next_event][0] < piece.start:
            latest = events[next_event]
            next_event += 1
        if piece.speaker is None and latest is not None:
            gap = bisect.bisect_right(par_starts, piece.start) - bisect.bisect_right(
                par_starts, latest[0]
            )
            if gap <= 1:
                piece.speaker = latest[1]
        if piece.speaker is not None:
            latest = (piece.start, piece.speaker)


def reporting_events(context: Context) -> list[tuple[int, Speaker]]:
    """(offset, speaker) of every reporting verb with a subject in the writer's words."""
    events = []
    for token in context.doc:
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in SPEECH_VERBS
            and context.quote_of_token[token.i] < 0
            and (subject := subject_of(context, token)) is not None
        ):
            events.append((token.idx, subject))
    return events


def quote_of_piece(context: Context, piece: Piece) -> FoundQuote:
    speaker = piece.speaker
    entity = speaker.entity if speaker else None
    if speaker is not None and entity is None:
        entity = resolve(context, speaker)
    return FoundQuote(
        piece.start,
        piece.end,
        context.text[piece.start : piece.end],
        piece.kind,
        piece.cue,
        entity,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
    )


def resolve(context: Context, speaker: Speaker) -> int | None:
    """The entity a pronoun or a description stands for: the most recent compatible one."""
    words = context.text[speaker.start : speaker.end].lower().split()
    if not words:
        return None
    head = words[-1]
    if head in PLURAL_PRONOUNS:
        return recent_entity(context, speaker.start, (ORG, GROUP))
    if head in PERSONAL_PRONOUNS or words[0] == "the":
        return recent_entity(context, speaker.start, (PERSON,), head if words[0] == "the" else "")
    return None


def recent_entity(
    context: Context, before: int, kinds: tuple[str, ...], title: str = ""
) -> int | None:
    best = None
    for number, mention in enumerate(context.mentions):
        if mention.start >= before:
            break
        if mention.kind not in kinds:
            continue
        if title and not has_title(context, mention, title):
            continue
        best = context.entity_of[number]
    return best


def has_title(context: Context, mention: FoundMention, title: str) -> bool:
    """Whether the words before a mention, or its role, give it the title ("Gen." for general)."""
    before = context.text[max(0, mention.start - 40) : mention.start].lower()
    words = [w.strip(".,") for w in before.split()]
    words += mention.role.lower().split()
    return any(w == title or TITLE_WORDS.get(w) == title for w in words)


# --- pass 3: reported speech ---------------------------------------------------------------------


def find_indirect(context: Context) -> list[FoundQuote]:
    """'X noted that peace talks were necessary': the clause a reporting verb takes."""
    found = []
    doc = context.doc
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in INDIRECT_VERBS:
            continue
        if context.quote_of_token[token.i] >= 0:
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None or clause.i < token.i:
            continue
        tokens = list(clause.subtree)
        if any(context.quote_of_token[t.i] >= 0 or is_mark(t) for t in tokens):
            continue
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if len(tokens) < 3:
            continue
        speaker = subject_of(context, token)
        if speaker is None:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        entity = speaker.entity if speaker.entity is not None else resolve(context, speaker)
        found.append(
            FoundQuote(
                start,
                end,
                context.text[start:end],
                INDIRECT,
                cue_text(token),
                entity,
                speaker.start,
                speaker.end,
            )
        )
    return found
