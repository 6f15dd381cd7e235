"""A bulk ingest from the command line, outside a transaction, stores its articles in a process
of its own: the same articles, entities and outcomes, in the order the pieces came, as when stored
in the caller; the caller's own connection goes on working meanwhile."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from articles.ingest.formats import Piece
from articles.ingest.service import CREATED, UNCHANGED, UPDATED, ingest_pieces
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


def writer_chosen(*, in_process: bool, pieces: int = 2) -> type:
    with writer_for(overlap=True, in_process=in_process, pieces=pieces, batch_size=2) as writer:
        return type(writer)


@pytest.mark.django_db(transaction=True)
def test_a_bulk_ingest_outside_a_transaction_stores_in_a_process():
    assert writer_chosen(in_process=True) is ProcessPoolExecutor


@pytest.mark.django_db(transaction=True)
def test_an_ingest_not_asked_to_fork_stores_in_a_thread():
    assert writer_chosen(in_process=False) is ThreadPoolExecutor


@pytest.mark.django_db(transaction=True)
def test_fewer_pieces_than_a_batch_are_stored_in_a_thread():
    assert writer_chosen(in_process=True, pieces=1) is ThreadPoolExecutor


@pytest.mark.django_db
def test_inside_a_transaction_the_writer_is_a_thread():
    assert writer_chosen(in_process=True) is ThreadPoolExecutor


@pytest.fixture
def stored_by_a_process(transactional_db):
    return ingest_pieces([*pieces, pieces[0]], overlap=True, in_process=True, batch_size=2)


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


def test_pieces_read_from_the_database_meanwhile_are_all_stored_again(stored_by_a_process):
    # Read on the caller's connection (a server-side cursor) while the writer process stores.
    again = (
        Piece(name=article.slug, headline=article.headline, body=article.body)
        for article in Article.objects.order_by("pk").iterator(chunk_size=1)
    )
    report = ingest_pieces(again, reannotate=True, overlap=True, in_process=True, batch_size=2)

    assert [outcome.status for outcome in report.outcomes] == [UPDATED, UPDATED, UPDATED]
