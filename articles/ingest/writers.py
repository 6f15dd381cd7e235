"""Who stores annotated articles while spaCy annotates the next ones.

spaCy's work holds one core. Storing an article (linking its names, writing its rows, moving the
read models' counters) is Python work of its own, about a quarter of spaCy's time: in a thread it
would take turns with spaCy for the interpreter. So a large ingest outside a transaction stores
in a process of its own, on the machine's other core: a fork of this one, which connects to the
database by itself and receives each article's annotation in order. Inside a transaction (a
test's, a caller's) the writer must see what the caller wrote and has not committed, so it is a
thread; with overlap turned off, every article is stored at once in the caller's thread.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import connection, connections


def writer_for(*, overlap: bool, pieces: int) -> Executor:
    """The writer of an ingest of at least `pieces` pieces (a first batch's worth)."""
    if not overlap:
        return InlineExecutor()
    if (
        settings.NEWSDESK_INGEST_WRITER_PROCESS
        and pieces >= settings.NEWSDESK_NLP_BATCH_SIZE
        and not connection.in_atomic_block
        and (os.cpu_count() or 1) > 1
    ):
        return process_writer()
    return ThreadPoolExecutor(1, "ingest-writer")


def process_writer() -> ProcessPoolExecutor:
    """One forked process storing articles in the order they are submitted.

    The connections are closed before the fork, so that the two processes never share one; each
    opens its own when next it asks. The fork happens here, before the executor starts a thread
    of its own (numpy's idle threads are the only others)."""
    connections.close_all()
    with warnings.catch_warnings():
        # "This process is multi-threaded, use of fork() may lead to deadlocks": numpy's idle
        # worker threads hold no lock the writer needs.
        warnings.simplefilter("ignore", DeprecationWarning)
        writer = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        writer.submit(int).result()  # forks now
    return writer


class InlineExecutor(Executor):
    """Runs each call at once in the calling thread: ingest without a writer thread."""

    def submit[T](self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future
