"""Long bodies annotated in chunks cut at paragraph breaks, with offsets into the whole body."""

import datetime as dt

import pytest

from articles.nlp.annotate import annotate_bodies
from articles.nlp.chunks import chunk_offsets
from articles.nlp.pipeline import load_pipeline

OPENING = (
    "Pakistan Army Chief of Staff Gen. Qamar Javed Bajwa met Afghan President Ashraf Ghani in "
    "Kabul on June 9, 2020."
)
FILLER = "Traders in Peshawar said the border crossings at Torkham stayed busy all week."
CLOSING = '"The talks must go on," said Gen. Bajwa, speaking in Islamabad on Friday.'


def long_body(paragraphs: int = 40) -> str:
    return "\n\n".join([OPENING, *[FILLER] * paragraphs, CLOSING])


def test_chunks_end_at_paragraph_breaks_within_the_limit():
    body = long_body()

    starts = chunk_offsets(body, 1000)

    ends = [*starts[1:], len(body)]
    assert len(starts) > 3
    assert all(end - start <= 1000 for start, end in zip(starts, ends, strict=True))
    assert all(body[start - 2 : start] == "\n\n" for start in starts[1:])


def test_a_paragraph_longer_than_a_chunk_is_cut_between_sentences():
    body = " ".join([FILLER] * 30)

    starts = chunk_offsets(body, 1000)

    assert len(starts) > 1
    assert all(body[start - 2 : start] == ". " for start in starts[1:])


def test_text_without_any_break_is_cut_at_the_limit():
    assert chunk_offsets("x" * 2500, 1000) == [0, 1000, 2000]


@pytest.fixture
def chunked():
    """The long body annotated in chunks of 1,000 characters, and whole."""
    body = long_body()
    nlp = load_pipeline()
    published = dt.date(2020, 6, 15)
    (in_chunks,) = annotate_bodies(nlp, [(body, published)], chunk_chars=1000)
    (whole,) = annotate_bodies(nlp, [(body, published)])
    return body, in_chunks, whole


def test_every_span_of_a_chunked_body_indexes_the_whole_body(chunked):
    body, annotation, _whole = chunked
    spans = [*annotation.mentions, *annotation.dates, *annotation.quotes]

    assert [body[span.start : span.end] for span in spans] == [span.text for span in spans]
    assert annotation.mentions[-1].start > 2000


def test_chunks_find_what_the_whole_body_gives(chunked):
    _body, annotation, whole = chunked

    def spans(found):
        return [(span.start, span.end) for span in found]

    assert spans(annotation.mentions) == spans(whole.mentions)
    assert spans(annotation.dates) == spans(whole.dates)
    assert spans(annotation.quotes) == spans(whole.quotes)


def test_a_surname_in_the_last_chunk_is_the_person_named_in_the_first(chunked):
    body, annotation, _whole = chunked
    last = next(m for m in reversed(annotation.mentions) if m.text == "Bajwa")
    entity = annotation.entities[annotation.entity_of[annotation.mentions.index(last)]]

    assert entity.name == "Qamar Javed Bajwa"
    assert last.start > len(body) - len(CLOSING)


def test_a_quote_in_a_later_chunk_keeps_its_speaker(chunked):
    _body, annotation, _whole = chunked
    (said,) = [quote for quote in annotation.quotes if quote.text == "The talks must go on,"]

    assert annotation.entities[said.speaker].name == "Qamar Javed Bajwa"
