"""Annotation throughput through the database task queue: 200 articles, one worker then two.

    DEBUG=1 .venv/bin/python bench/queue_throughput.py        (or: make bench-queue)
    DEBUG=1 .venv/bin/python bench/queue_throughput.py --pieces-per-task 50 --only queued

The articles come from ../shared/corpus at run time: the Wikinews demo files, then the texts of the
development sets' input files. They go through the queue twice over: each as a file of its own, as
an admin would drop them on the upload page (one task each); then all in one JSON Lines feed
queued by `manage.py ingest --queue`, which cuts it into tasks of --pieces-per-task pieces so that
the workers share it. Everything happens in a throwaway database created for the run and dropped
after it; `manage.py db_worker` subprocesses annotate and are stopped at the end. Each worker
first annotates a warm-up file, so the figures leave out loading the spaCy model. The clock of a
queued ingest runs from the command's start (reading, checking, storing) to the last task's end.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["NEWSDESK_TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from articles.ingest import receiving, tasks  # noqa: E402
from articles.ingest.checks import problem_with  # noqa: E402
from articles.ingest.formats import Piece, pieces_from_bytes  # noqa: E402
from articles.ingest.service import content_hash  # noqa: E402
from articles.models import Article, UploadBatch, UploadOrigin, UploadStatus  # noqa: E402

CORPUS = PROJECT.parent / "shared" / "corpus"
DEMO = CORPUS / "demo"
DEV_INPUTS = [
    CORPUS / "dev" / "meantime-dev" / "meantime-dev.input.jsonl",
    CORPUS / "dev" / "polnear-dev" / "polnear-dev.input.jsonl",
    CORPUS / "dev" / "gum-dev" / "gum-dev.input.jsonl",
    CORPUS / "dev" / "tbaq" / "tbaq.input.jsonl",
    CORPUS / "dev" / "polnear-train" / "polnear-train.input.jsonl",
]
ARTICLES = 200
# Smaller than `ingest`'s default, so that 200 articles make enough tasks for two workers to share.
PIECES_PER_TASK = 25
WORKER_COUNTS = (1, 2)
BENCH_DATABASE = "newsdesk_bench_queue"
TIMEOUT = 30 * 60


type Files = list[tuple[str, bytes]]
type Worker = subprocess.Popen[bytes]


def candidate_files() -> Iterator[tuple[str, bytes]]:
    """(name, bytes) pairs: the demo files, then each dev-set text as a plain-text file."""
    if DEMO.is_dir():
        for path in sorted(DEMO.glob("*.txt")):
            yield path.name, path.read_bytes()
    for path in DEV_INPUTS:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                yield f"{record['id']}.txt", record["text"].strip().encode("utf-8")


def distinct_articles(count: int) -> list[tuple[str, bytes, Piece]]:
    """Files of one good piece each, no two the same piece (the archive stores a piece once)."""
    chosen: list[tuple[str, bytes, Piece]] = []
    seen: set[str] = set()
    for name, data in candidate_files():
        pieces = list(pieces_from_bytes(name, data))
        if len(pieces) != 1 or not isinstance(pieces[0], Piece) or problem_with(pieces[0]):
            continue
        digest = content_hash(pieces[0].headline, pieces[0].body)
        if digest not in seen:
            seen.add(digest)
            chosen.append((name, data, pieces[0]))
        if len(chosen) == count:
            break
    return chosen


def write_feed(path: Path, pieces: list[Piece]) -> None:
    """The pieces as one JSON Lines feed, as a wire service would deliver them."""
    with path.open("w", encoding="utf-8") as feed:
        for piece in pieces:
            record = {
                "title": piece.headline,
                "body": piece.body,
                "byline": piece.byline,
                "published": piece.published.isoformat() if piece.published else None,
                "url": piece.url,
                "sources": piece.sources,
            }
            feed.write(json.dumps(record) + "\n")


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or ""
    if host.startswith("/"):  # the embedded server listens on a socket in a folder
        port = f"&port={db['PORT']}" if db["PORT"] else ""
        return f"postgres://{credentials}@/{db['NAME']}?host={quote(host)}{port}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


def start_workers(count: int) -> list[Worker]:
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "1"}
    return [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
                "--worker-id",
                f"bench-{count}-{n}",
                "--verbosity",
                "0",
            ],
            cwd=PROJECT,
            env=environment,
        )
        for n in range(count)
    ]


def stop_workers(workers: list[Worker]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def upload(files: Files) -> UploadBatch:
    return receiving.receive_upload(
        files=[SimpleUploadedFile(name, data) for name, data in files], uploader=None
    )


def wait_for(batch: UploadBatch, workers: list[Worker]) -> None:
    deadline = time.monotonic() + TIMEOUT
    waiting = batch.files.exclude(
        status__in=[UploadStatus.DONE, UploadStatus.UNCHANGED, UploadStatus.FAILED]
    )
    while waiting.exists():
        if any(worker.poll() is not None for worker in workers):
            raise RuntimeError("a worker stopped early")
        if time.monotonic() > deadline:
            raise RuntimeError(f"not finished after {TIMEOUT} s")
        time.sleep(0.2)


def empty_archive() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE articles_article, articles_entity, articles_alias, articles_uploadbatch, "
            "django_tasks_database_dbtaskresult CASCADE"
        )


def warm(workers: list[Worker], warm_up: Files) -> None:
    """One warm-up file each: a worker loads the spaCy model on its first task (seconds), so
    while one loads the other claims the next file, and both are warm before the clock runs."""
    batch = upload(warm_up[: len(workers)])
    tasks.queue_batch(batch=batch)
    wait_for(batch, workers)


def run_uploads(workers_wanted: int, files: Files, warm_up: Files) -> float:
    empty_archive()
    workers = start_workers(workers_wanted)
    try:
        warm(workers, warm_up)
        batch = upload(files)
        started = time.perf_counter()
        tasks.queue_batch(batch=batch)
        wait_for(batch, workers)
        elapsed = time.perf_counter() - started
    finally:
        stop_workers(workers)
    statuses = list(batch.files.values_list("status", flat=True))
    if statuses.count(UploadStatus.DONE) != len(files):
        failed = batch.files.exclude(status=UploadStatus.DONE).values_list("name", "reason")[:5]
        raise RuntimeError(f"not every file was annotated: {list(failed)}")
    return elapsed


def run_queued(
    workers_wanted: int, feed: Path, articles: int, pieces_per_task: int, warm_up: Files
) -> tuple[float, collections.Counter[str]]:
    """Seconds from `ingest --queue FEED` to the last task's end, and how many tasks each worker
    ran."""
    empty_archive()
    workers = start_workers(workers_wanted)
    try:
        warm(workers, warm_up)
        stored = Article.objects.count()
        started = time.perf_counter()
        call_command("ingest", "--queue", str(feed), pieces_per_task=pieces_per_task, verbosity=0)
        batch = UploadBatch.objects.filter(origin=UploadOrigin.INGEST_COMMAND).first()
        if batch is None:
            raise RuntimeError("`ingest --queue` stored no batch")
        wait_for(batch, workers)
        elapsed = time.perf_counter() - started
    finally:
        stop_workers(workers)
    if Article.objects.count() - stored != articles:
        failed = batch.files.exclude(status=UploadStatus.DONE).values_list("first_line", "reason")
        raise RuntimeError(f"not every piece was stored: {list(failed[:5])}")
    task_ids = list(batch.files.values_list("task_id", flat=True))
    workers_of = DBTaskResult.objects.filter(pk__in=task_ids).values_list("worker_ids", flat=True)
    ran = collections.Counter(ids[-1] for ids in workers_of)
    return elapsed, ran


def print_figures(results: dict[int, float], articles: int, words: int) -> None:
    for count, elapsed in results.items():
        print(
            f"  {count} worker{'s' if count > 1 else ' '}: {elapsed:7.1f} s  "
            f"{articles / elapsed * 60:7.0f} articles/min  {words / elapsed:7.0f} words/s"
        )
    if len(results) > 1:
        one, two = results[WORKER_COUNTS[0]], results[WORKER_COUNTS[-1]]
        print(f"  speed-up with {WORKER_COUNTS[-1]} workers: {one / two:.2f}x")


def load_average() -> str:
    return ", ".join(f"{load:.1f}" for load in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--pieces-per-task",
        type=int,
        default=PIECES_PER_TASK,
        help=f"Tasks of the queued feed (default {PIECES_PER_TASK}).",
    )
    parser.add_argument(
        "--only",
        choices=["uploads", "queued"],
        help="Time only uploads (a task a file) or only the queued feed.",
    )
    arguments = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not present")
        return 0
    chosen = distinct_articles(ARTICLES + max(WORKER_COUNTS))
    files = [(name, data) for name, data, _ in chosen[:ARTICLES]]
    warm_up = [(name, data) for name, data, _ in chosen[ARTICLES:]]
    if len(warm_up) < max(WORKER_COUNTS):
        print(f"skipped: only {len(chosen)} distinct articles found in {CORPUS}")
        return 0
    words = sum(len(data.split()) for _, data in files)
    settings.NEWSDESK_UPLOAD_MAX_FILES = len(files)  # one upload of them all, in this process only

    print(
        f"model {settings.NEWSDESK_SPACY_MODEL}; {len(files)} articles, {words} words; "
        f"{os.cpu_count()} cores; load average {load_average()} (1, 5, 15 min) at the start; "
        "warm workers"
    )
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = BENCH_DATABASE
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as folder:
            feed = Path(folder) / "feed.jsonl"
            write_feed(feed, [piece for _, _, piece in chosen[:ARTICLES]])
            if arguments.only != "queued":
                uploads = {n: run_uploads(n, files, warm_up) for n in WORKER_COUNTS}
                print("uploads, one file (one task) each:")
                print_figures(uploads, len(files), words)
            if arguments.only != "uploads":
                queued: dict[int, float] = {}
                ran: collections.Counter[str] = collections.Counter()
                for count in WORKER_COUNTS:
                    queued[count], ran = run_queued(
                        count, feed, len(files), arguments.pieces_per_task, warm_up
                    )
                print(
                    f"ingest --queue, one JSON Lines feed of {feed.stat().st_size:,} bytes in "
                    f"{ran.total()} tasks of up to {arguments.pieces_per_task} pieces:"
                )
                print_figures(queued, len(files), words)
                shares = ", ".join(f"{worker} ran {tasks}" for worker, tasks in sorted(ran.items()))
                print(f"  tasks each of the {WORKER_COUNTS[-1]} workers ran: {shares}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"load average {load_average()} (1, 5, 15 min) at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
