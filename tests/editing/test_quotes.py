"""Corrections to quotes: another speaker or kind, removal, and quotes the pipeline missed."""

from functools import partial

import pytest

from articles.editing import quotes
from articles.editing.errors import Invalid
from articles.editing.rejecting import reject
from articles.models import Quote
from articles.models.corrections import CorrectionAction
from tests.factories import ArticleFactory, MentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db

BODY = "“The Taliban must talk,” said Lisa Curtis, echoing Zalmay Khalilzad. Talks may resume."


@pytest.fixture
def article():
    return ArticleFactory.create(body=BODY)


@pytest.fixture
def curtis(article):
    return MentionFactory.create(
        article=article, entity__name="Lisa Curtis", entity__kind="PERSON"
    ).entity


@pytest.fixture
def quote(article):
    khalilzad = MentionFactory.create(
        article=article, entity__name="Zalmay Khalilzad", entity__kind="PERSON"
    ).entity
    return QuoteFactory.create(article=article, text="“The Taliban must talk,”", speaker=khalilzad)


def test_a_quote_gets_another_speaker_and_kind(editor, quote, curtis):
    def curtis_partly():
        return quotes.change_quote(
            quote_id=quote.pk,
            version=quote.version,
            speaker_id=curtis.pk,
            kind="partial",
            editor=editor,
        )

    correction = curtis_partly()
    quote.refresh_from_db()
    assert (quote.speaker, quote.kind, quote.origin) == (curtis, "partial", "editor")
    assert correction.action == CorrectionAction.CHANGE_QUOTE
    assert correction.after["summary"] == (
        "Quote ““The Taliban must talk,”…”: speaker Zalmay Khalilzad → Lisa Curtis, "
        "direct → partial"
    )
    with pytest.raises(Invalid, match="Nothing to change"):
        curtis_partly()  # again
    with pytest.raises(Invalid, match="Unknown quote kind"):
        quotes.change_quote(quote_id=quote.pk, version=quote.version, kind="sung", editor=editor)


def test_a_removed_quote_leaves_the_pages_but_stays_on_record(editor, quote):
    reject(Quote, pk=quote.pk, version=quote.version, editor=editor)
    assert not Quote.objects.filter(pk=quote.pk).exists()
    assert Quote.all_objects.get(pk=quote.pk).rejected


def test_a_quote_the_pipeline_missed_is_added_once(editor, article, curtis):
    add = partial(quotes.add_quote, article_id=article.pk, editor=editor)
    start = BODY.index("Talks may")
    end = len(BODY) - 1
    added = add(start=start, end=end, speaker_id=curtis.pk, kind="indirect")
    quote = Quote.objects.get(start=start)
    assert (quote.text, quote.speaker, quote.kind) == ("Talks may resume", curtis, "indirect")
    assert added.after["summary"] == "Added quote “Talks may resume…” by Lisa Curtis"
    with pytest.raises(Invalid, match="already marked"):
        add(start=start, end=end, speaker_id=None, kind="direct")
    with pytest.raises(Invalid, match="Select the quoted words"):
        add(start=start - 1, end=start, speaker_id=None, kind="direct")


def test_quoted_words_are_selected_without_the_spaces_around_them(editor, article):
    start = BODY.index("Talks may")
    with pytest.raises(Invalid, match="Select the quoted words alone, without spaces around"):
        quotes.add_quote(
            article_id=article.pk,
            start=start - 1,
            end=len(BODY) - 1,
            speaker_id=None,
            kind="indirect",
            editor=editor,
        )
    assert not Quote.all_objects.filter(article=article, start=start - 1).exists()


def test_a_removed_quote_marked_again_comes_back_as_marked_now(editor, quote, curtis):
    reject(Quote, pk=quote.pk, version=quote.version, editor=editor)
    quotes.add_quote(
        article_id=quote.article_id,
        start=quote.start,
        end=quote.end,
        speaker_id=curtis.pk,
        kind="partial",
        editor=editor,
    )
    back = Quote.objects.get(pk=quote.pk)
    assert (back.speaker, back.kind, back.origin) == (curtis, "partial", "editor")


def test_a_speaker_not_named_in_the_article_can_be_chosen(editor, quote):
    elsewhere = MentionFactory.create(
        article__body="Imran Khan spoke in Islamabad.",
        entity__name="Imran Khan",
        entity__kind="PERSON",
    ).entity
    quotes.change_quote(
        quote_id=quote.pk, version=quote.version, speaker_id=elsewhere.pk, editor=editor
    )
    assert Quote.objects.get(pk=quote.pk).speaker == elsewhere
