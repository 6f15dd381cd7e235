"""Ingest throughput on the Wikinews demo articles, beside raw `nlp.pipe` on the same texts.

    make bench        (reads ../shared/corpus/demo; prints figures, stores nothing you keep)

The ingest runs into a throwaway database created for the run and dropped after it.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from articles.ingest.formats import Piece, input_files, pieces_from_files  # noqa: E402
from articles.ingest.service import ingest_pieces  # noqa: E402
from articles.nlp.pipeline import default_model_name, load_model, load_pipeline  # noqa: E402

DEMO = PROJECT.parent / "shared" / "corpus" / "demo"
RUNS = 5


def main() -> int:
    if not DEMO.is_dir():
        print(f"skipped: {DEMO} is not present")
        return 0
    pieces = [p for p in pieces_from_files(input_files([str(DEMO)])) if isinstance(p, Piece)]
    words = sum(len(piece.body.split()) for piece in pieces)
    nlp = load_model(default_model_name())  # the bare model: what "raw nlp.pipe" means
    batch_size = settings.NEWSDESK_NLP_BATCH_SIZE
    # Warm up both, so that neither pays for loading in its first timed run.
    list(nlp.pipe([piece.body for piece in pieces[:5]]))
    list(load_pipeline().pipe([piece.body for piece in pieces[:5]]))

    raw_times, ingest_times = [], []
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        for _ in range(RUNS):
            started = time.perf_counter()
            list(nlp.pipe((piece.body for piece in pieces), batch_size=batch_size))
            raw_times.append(time.perf_counter() - started)

            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE articles_article, articles_entity, articles_alias CASCADE")
            started = time.perf_counter()
            report = ingest_pieces(pieces, batch_size=batch_size, in_process=True)
            ingest_times.append(time.perf_counter() - started)
            assert report.counts["created"] == len(pieces), report.summary()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    raw, ingest = statistics.median(raw_times), statistics.median(ingest_times)
    print(f"model {settings.NEWSDESK_SPACY_MODEL}, batch size {batch_size}, median of {RUNS} runs")
    print(f"corpus: {len(pieces)} articles, {words} words ({DEMO.name})")
    print(
        f"raw nlp.pipe : {raw:6.2f} s  {len(pieces) / raw * 60:8.0f} articles/min  "
        f"{words / raw:8.0f} words/s"
    )
    print(
        f"ingest       : {ingest:6.2f} s  {len(pieces) / ingest * 60:8.0f} articles/min  "
        f"{words / ingest:8.0f} words/s"
    )
    ratios = sorted(i / r for i, r in zip(ingest_times, raw_times, strict=True))
    print(
        f"ingest / raw : {ingest / raw:6.2f}x the time of raw nlp.pipe "
        f"(run by run {ratios[0]:.2f} to {ratios[-1]:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
