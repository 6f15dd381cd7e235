"""Who stores annotated articles while spaCy annotates the next ones.

spaCy's work holds one core. Storing an article (linking its names, writing its rows, moving the
read models' counters) is Python work of its own, about a quarter of spaCy's time: in a thread it
takes turns with spaCy for the interpreter. So a bulk ingest from the command line
(`manage.py ingest`, the throughput benchmark) stores in a process of its own, on the machine's
other core: a fork of this one, which opens its own database connection and receives each
article's annotation in order. Everywhere else (a task worker, a web process, a caller's
transaction, whose uncommitted rows another connection could not see) the writer is a thread;
with overlap turned off, every article is stored at once in the caller's thread.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, connections

PR_SET_PDEATHSIG = 1  # Linux prctl: a signal for this process when its parent dies
INHERITED: list[object] = []  # the parent's connections, in the writer: kept, never closed


@contextmanager
def writer_for(
    *, overlap: bool, in_process: bool, pieces: int, batch_size: int
) -> Iterator[Executor]:
    """The writer of an ingest whose first read gave `pieces` pieces (at most `batch_size`): a
    process when asked for, allowed, and worth a fork; else a thread, or none without overlap.
    On the way out the writer has stored everything submitted; after an error, a process drops
    what it had not begun."""
    if not overlap:
        yield InlineExecutor()
        return
    forked = (
        in_process
        and settings.NEWSDESK_INGEST_WRITER_PROCESS
        and pieces >= batch_size
        and not connection.in_atomic_block
        and (os.cpu_count() or 1) > 1
    )
    writer: Executor = process_writer() if forked else ThreadPoolExecutor(1, "ingest-writer")
    try:
        yield writer
    except BaseException:
        if forked:  # a thread finishes what it was given, then closes its connection below
            writer.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        if not forked:
            writer.submit(close_connection)  # the thread's own connection
        writer.shutdown(wait=True)


def process_writer() -> ProcessPoolExecutor:
    """One forked process storing articles in the order they are submitted. The fork happens
    here, before the executor starts a thread of its own."""
    with warnings.catch_warnings():
        # "This process is multi-threaded, use of fork() may lead to deadlocks": the command's
        # other threads (numpy's, the progress bar's) hold no lock the writer takes.
        warnings.simplefilter("ignore", DeprecationWarning)
        writer = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("fork"), initializer=become_writer
        )
        writer.submit(int).result()  # forks now
    return writer


def become_writer() -> None:
    """In the forked writer: leave the parent's connections alone (closing one would end the
    parent's session on the server; they are kept unclosed until the writer exits), let the
    parent alone answer Ctrl-C, stop on a plain SIGTERM, and die with the parent."""
    for alias in connections:
        wrapper = connections[alias]
        if wrapper.connection is not None:
            INHERITED.append(wrapper.connection)
            wrapper.connection = None
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def close_connection() -> None:
    """Close the calling thread's connection (`connection.close` would be the caller's)."""
    connection.close()


class InlineExecutor(Executor):
    """Runs each call at once in the calling thread: ingest without a writer thread."""

    def submit[T](self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future
