"""Annotation throughput through the database task queue: 200 articles, one worker then two.

    DEBUG=1 .venv/bin/python bench/queue_throughput.py        (or: make bench-queue)

The articles come from ../shared/corpus at run time: the Wikinews demo files, then the texts of the
development sets' input files, each a file of its own, as an admin would drop them on the upload
page (one task each). They are uploaded into a throwaway database created for the run and dropped
after it; `manage.py db_worker` subprocesses annotate them and are stopped at the end. Each worker
first annotates a warm-up file, so the figures leave out loading the spaCy model.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
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
from django.db import connection  # noqa: E402

from articles.ingest import receiving, tasks  # noqa: E402
from articles.ingest.formats import Piece, pieces_from_bytes  # noqa: E402
from articles.ingest.service import content_hash, problem_with  # noqa: E402
from articles.models import UploadBatch, UploadStatus  # noqa: E402

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
WORKER_COUNTS = (1, 2)
BENCH_DATABASE = "newsdesk_bench_queue"
TIMEOUT = 30 * 60


def candidate_files():
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


def distinct_articles(count: int) -> list[tuple[str, bytes]]:
    """Files of one good piece each, no two the same piece (the archive stores a piece once)."""
    chosen, seen = [], set()
    for name, data in candidate_files():
        pieces = list(pieces_from_bytes(name, data))
        if len(pieces) != 1 or not isinstance(pieces[0], Piece) or problem_with(pieces[0]):
            continue
        digest = content_hash(pieces[0].headline, pieces[0].body)
        if digest not in seen:
            seen.add(digest)
            chosen.append((name, data))
        if len(chosen) == count:
            break
    return chosen


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or ""
    if host.startswith("/"):  # the embedded server listens on a socket in a folder
        port = f"&port={db['PORT']}" if db["PORT"] else ""
        return f"postgres://{credentials}@/{db['NAME']}?host={quote(host)}{port}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


def start_workers(count: int) -> list[subprocess.Popen]:
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


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def upload(files: list[tuple[str, bytes]]) -> UploadBatch:
    return receiving.receive_upload(
        files=[SimpleUploadedFile(name, data) for name, data in files], uploader=None
    )


def wait_for(batch: UploadBatch, workers: list[subprocess.Popen]) -> None:
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


def run(workers_wanted: int, files, warm_up) -> float:
    empty_archive()
    workers = start_workers(workers_wanted)
    try:
        # One warm-up file each: a worker loads the spaCy model on its first task (seconds), so
        # while one loads the other claims the next file, and both are warm before the clock runs.
        warm = upload(warm_up[:workers_wanted])
        tasks.queue_batch(batch=warm)
        wait_for(warm, workers)
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


def main() -> int:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not present")
        return 0
    chosen = distinct_articles(ARTICLES + max(WORKER_COUNTS))
    files, warm_up = chosen[:ARTICLES], chosen[ARTICLES:]
    if len(warm_up) < max(WORKER_COUNTS):
        print(f"skipped: only {len(chosen)} distinct articles found in {CORPUS}")
        return 0
    words = sum(len(data.split()) for _, data in files)
    settings.NEWSDESK_UPLOAD_MAX_FILES = len(files)  # one upload of them all, in this process only

    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = BENCH_DATABASE
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    results = {}
    try:
        for count in WORKER_COUNTS:
            results[count] = run(count, files, warm_up)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"model {settings.NEWSDESK_SPACY_MODEL}; {len(files)} articles, {words} words, one file "
        f"(one task) each; {os.cpu_count()} cores; warm workers"
    )
    for count, elapsed in results.items():
        print(
            f"{count} worker{'s' if count > 1 else ' '}: {elapsed:7.1f} s  "
            f"{len(files) / elapsed * 60:7.0f} articles/min  {words / elapsed:7.0f} words/s"
        )
    if len(results) > 1:
        one, two = results[WORKER_COUNTS[0]], results[WORKER_COUNTS[-1]]
        print(f"speed-up with {WORKER_COUNTS[-1]} workers: {one / two:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
