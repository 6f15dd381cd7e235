"""Server time of the reading pages on a synthetic archive (20,000 articles unless told).

    DEBUG=1 .venv/bin/python bench/pages.py [--articles N] [--requests 40] [--seed 0]

Creates a throwaway database, migrates it, fills it with `articles.synthetic.generate_archive`,
then requests each page through Django's test client (DEBUG off) and prints the median and 95th
percentile of the server time and the SQL queries per request. For a page whose median is over
the budget, the slowest query of one request is printed with its EXPLAIN ANALYZE. The database is
dropped at the end, also after an error.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article, Entity, Mention  # noqa: E402
from articles.reading.periods import Period, months_with_articles  # noqa: E402
from bench.synthetic import generate_archive  # noqa: E402

WARM_UP = 3
BUDGET_MS = 300  # a median above this is reported with the plan of its slowest query
# Its own database name, so a test run using test_<name> on the same server is never clobbered.
BENCH_DATABASE = "newsdesk_bench_pages"
HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class Page:
    name: str
    urls: list[str]
    headers: dict = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    slowest_sql: tuple[float, str] = (0.0, "")

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.times_ms, n=20, method="inclusive")[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000, help="Articles to generate.")
    parser.add_argument("--requests", type=int, default=40, help="Measured requests per page.")
    parser.add_argument("--seed", type=int, default=0, help="Seed of the archive and the sample.")
    parser.add_argument(
        "--budget",
        type=float,
        default=BUDGET_MS,
        help=f"Median (ms) above which a page is over budget and explained (default {BUDGET_MS}).",
    )
    options = parser.parse_args()

    started = time.perf_counter()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"] = {**connection.settings_dict["TEST"], "NAME": BENCH_DATABASE}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(f"generating {options.articles} articles into {connection.settings_dict['NAME']}")
        archive = generate_archive(
            articles=options.articles,
            seed=options.seed,
            on_batch=lambda done, total: print(f"  {done}/{total}", end="\r", flush=True),
        )
        print(f"\ngenerated {archive.summary()}")
        analyse_started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # the statistics a settled database would have
        print(f"VACUUM ANALYZE in {time.perf_counter() - analyse_started:.1f} s")
        pages = pages_to_measure(rng=random.Random(options.seed), count=options.requests)
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            client = Client()
            for page in pages:
                measure(client, page, count=options.requests)
        print_table(pages, archive_seconds=archive.seconds, budget=options.budget)
        for page in pages:
            if page.median > options.budget:
                explain(page)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"\nbench/pages.py took {time.perf_counter() - started:.0f} s in all")
    return 0


def pages_to_measure(*, rng: random.Random, count: int) -> list[Page]:
    top = (
        Entity.objects.annotate(articles=Count("mentions__article", distinct=True))
        .order_by("-articles")
        .first()
    )
    print(
        f"most-mentioned entity: {top.name} ({top.get_kind_display()}), in {top.articles} articles"
    )
    article_ids = list(Article.objects.values_list("pk", flat=True))
    sample = Article.objects.filter(pk__in=rng.sample(article_ids, min(count, len(article_ids))))
    articles = [a.get_absolute_url() for a in sample.only("slug")]
    its_article_ids = list(
        Mention.objects.filter(entity=top).values_list("article_id", flat=True).distinct()
    )
    its_sample = Article.objects.filter(
        pk__in=rng.sample(its_article_ids, min(count, len(its_article_ids)))
    ).only("slug")
    entity_url = top.get_absolute_url()
    counts = months_with_articles()
    busiest = max(counts, key=counts.get)
    month = Period.of(busiest.year, busiest.month)
    print(f"month page: {month.label}, the busiest month ({counts[busiest]} articles)")
    searches = ["harbour", '"water authority"', "teachers pay", "flood defences -rail", top.name]
    search_url = reverse("articles:article-list")
    return [
        Page("article", articles),
        Page(
            "entity panel (HTMX)",
            [f"{entity_url}?{urlencode({'article': a.slug})}" for a in its_sample],
            HTMX,
        ),
        Page("entity page", [entity_url]),
        Page(
            "article + entity panel",
            [f"{a.get_absolute_url()}?entity={top.slug}" for a in its_sample],
        ),
        Page("search", [f"{search_url}?{urlencode({'q': q})}" for q in searches]),
        Page("timeline /dates/", [reverse("articles:timeline")]),
        Page(f"month {busiest:%Y-%m}", [month.url()]),
        Page("index /people/", [reverse("articles:people")]),
    ]


def measure(client: Client, page: Page, *, count: int) -> None:
    urls = page.urls * (count // len(page.urls) + 1)
    for url in urls[-WARM_UP:]:
        get(client, url, page.headers)
    for url in urls[:count]:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            get(client, url, page.headers)
            page.times_ms.append((time.perf_counter() - started) * 1000)
        page.queries.append(len(captured))
        for query in captured.captured_queries:
            seconds = float(query["time"])
            if seconds > page.slowest_sql[0]:
                page.slowest_sql = (seconds, query["sql"])


def get(client: Client, url: str, headers: dict) -> None:
    response = client.get(url, **headers)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")


def print_table(pages: list[Page], *, archive_seconds: float, budget: float) -> None:
    width = max(len(page.name) for page in pages)
    print(f"\narchive generated in {archive_seconds:.1f} s")
    header = f"{'median ms':>9}  {'p95 ms':>7}  {'queries':>7}  {'slowest SQL ms':>14}"
    print(f"{'page':<{width}}  {header}")
    for page in pages:
        low, high = min(page.queries), max(page.queries)
        queries = str(low) if low == high else f"{low}-{high}"
        flag = "  <- over budget" if page.median > budget else ""
        print(
            f"{page.name:<{width}}  {page.median:9.1f}  {page.p95:7.1f}  {queries:>7}  "
            f"{page.slowest_sql[0] * 1000:14.1f}{flag}"
        )
    print(f"({len(pages[0].times_ms)} requests per page after {WARM_UP} warm-up requests)")


def explain(page: Page) -> None:
    sql = page.slowest_sql[1]
    print(f"\n== {page.name}: slowest query ({page.slowest_sql[0] * 1000:.0f} ms)\n{sql}\n")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    sys.exit(main())
