"""A large ingest outside a transaction stores its articles in a process of its own: the same
articles, entities and outcomes, in the order the pieces came, as when stored in the caller."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from articles.ingest.formats import Piece
from articles.ingest.service import CREATED, UNCHANGED, ingest_pieces
from articles.ingest.writers import writer_for
from articles.models import Article, Entity

pieces = [
    Piece(
        name=f"{number}.txt",
        headline=f"Harbour talks, day {number}",
        body=f"Ama Kariuki opened the harbour talks in Mombasa on day {number}.",
    )
    for number in range(1, 4)
]


@pytest.mark.django_db(transaction=True)
def test_a_large_ingest_outside_a_transaction_stores_in_a_process(settings):
    settings.NEWSDESK_NLP_BATCH_SIZE = 2
    with writer_for(overlap=True, pieces=2) as writer:
        chosen = type(writer)

    assert chosen is ProcessPoolExecutor


@pytest.mark.django_db
def test_inside_a_transaction_the_writer_is_a_thread(settings):
    settings.NEWSDESK_NLP_BATCH_SIZE = 2
    with writer_for(overlap=True, pieces=2) as writer:
        chosen = type(writer)

    assert chosen is ThreadPoolExecutor


@pytest.fixture
def stored_by_a_process(settings, transactional_db):
    settings.NEWSDESK_NLP_BATCH_SIZE = 2
    return ingest_pieces([*pieces, pieces[0]], overlap=True)


def test_the_process_reports_every_piece_in_order(stored_by_a_process):
    assert [(o.name, o.status) for o in stored_by_a_process.outcomes] == [
        ("1.txt", CREATED),
        ("2.txt", CREATED),
        ("3.txt", CREATED),
        ("1.txt", UNCHANGED),
    ]


def test_the_process_stores_each_article_once(stored_by_a_process):
    assert Article.objects.count() == 3


def test_the_process_links_a_name_to_one_entity(stored_by_a_process):
    assert Entity.objects.filter(name="Ama Kariuki").count() == 1


def test_the_outcomes_carry_the_stored_articles(stored_by_a_process):
    assert stored_by_a_process.outcomes[2].article.headline == "Harbour talks, day 3"
