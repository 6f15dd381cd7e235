"""Server time of every reading page on a synthetic archive (100,000 articles unless told).

    DEBUG=1 .venv/bin/python bench/pages.py [--articles N] [--requests 60] [--seed 0]

The archive lives in a database of its own, `newsdesk_bench_<N>` on the server DATABASE_URL names
(or the embedded one): created, migrated and filled by `generate_archive` on the first run, and
reused by later runs (`--fresh` starts it again, `--drop` removes it at the end). Each page is
requested through Django's test client with DEBUG off, after warm-up requests, and the median and
95th percentile of the server time are printed with the SQL queries per request and the page's
budget (the p95 a newsroom's archive must stay under). For a page over budget, the slowest query
of one request is printed with its EXPLAIN ANALYZE. The exit status is 1 when a page is over.
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article, Entity, EntityArticle, EntityStats, PeriodStats  # noqa: E402
from articles.reading.periods import Period  # noqa: E402
from bench.load.archive import add_archive_arguments  # noqa: E402
from bench.synthetic import SYNTHETIC_VERSION, generate_archive  # noqa: E402

WARM_UP = 5  # requests of each page before measuring, besides one of every URL
HTMX = {"HX-Request": "true"}
# p95 budgets in ms at 100,000 articles; a million may take twice as long.
BUDGETS = {
    "article": 30,
    "entity panel (HTMX), hottest entity": 25,
    "entity page, hottest entity": 40,
    "article + panel of the hottest entity": 40,
    "search": 60,
    "timeline /dates/": 30,
    "busiest month": 40,
    "index /people/": 40,
    "network of a year (HTMX), hottest entity": 40,
    "network of the busiest month": 40,
    # The API answers what the pages show: the same budgets.
    "API article": 30,
    "API entity, hottest entity": 40,
    "API search": 60,
    "API busiest month": 40,
    "API quotes of the hottest entity": 40,
    "API index of people": 40,
}


@dataclass
class Page:
    name: str
    urls: list[str]
    budget: float
    headers: dict[str, str] = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    slowest_sql: tuple[float, str] = (0.0, "")

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.times_ms, n=20, method="inclusive")[-1]

    @property
    def over(self) -> bool:
        return self.p95 > self.budget


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_archive_arguments(parser)
    parser.add_argument("--requests", type=int, default=60, help="Measured requests per page.")
    parser.add_argument("--scale", type=float, default=1.0, help="Budgets times this (2 at 1 M).")
    parser.add_argument("--fresh", action="store_true", help="Generate the archive again.")
    parser.add_argument("--drop", action="store_true", help="Drop the archive's database after.")
    parser.add_argument(
        "--kept",
        action="store_true",
        help="Serve readers' pages kept since the last write (by default every page is rendered "
        "afresh, as after a write; the article page is kept either way).",
    )
    options = parser.parse_args()

    started = time.perf_counter()
    name = f"newsdesk_bench_{options.articles}"
    use_archive(name, articles=options.articles, seed=options.seed, fresh=options.fresh)
    try:
        pages = pages_to_measure(
            rng=random.Random(options.seed), count=options.requests, scale=options.scale
        )
        # The API's rate limit would stop the measuring client after its first minute's worth.
        with override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            NEWSDESK_API_RATE_PER_MINUTE=10**9,
            NEWSDESK_KEEP_READER_PAGES=options.kept,
        ):
            client = Client()
            for page in pages:
                measure(client, page, count=options.requests)
        print_table(pages, articles=options.articles)
        for page in pages:
            if page.over:
                explain(page)
    finally:
        connection.close()
        if options.drop:
            drop_database(name)
    print(f"\nbench/pages.py took {time.perf_counter() - started:.0f} s in all")
    return 1 if any(page.over for page in pages) else 0


def use_archive(name: str, *, articles: int, seed: int, fresh: bool) -> None:
    """Point the connection at the archive's database, creating and filling it when needed."""
    exists = database_exists(name)
    if exists and fresh:
        drop_database(name)
        exists = False
    if not exists:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)
    stored = Article.objects.filter(pipeline_version=SYNTHETIC_VERSION).count()
    if stored >= articles:
        print(f"reusing {name}: {stored} synthetic articles")
        return
    print(f"generating {articles - stored} articles into {name}")
    archive = generate_archive(
        articles=articles - stored,
        seed=seed,
        on_batch=lambda done, total: print(f"  {done}/{total}", end="\r", flush=True),
    )
    print(f"\ngenerated {archive.summary()}")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # the statistics a settled database would have


def database_exists(name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def drop_database(name: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sample[T](rng: random.Random, rows: list[T], count: int) -> list[T]:
    return rng.sample(rows, min(count, len(rows)))


def pages_to_measure(*, rng: random.Random, count: int, scale: float) -> list[Page]:
    hottest = EntityStats.objects.select_related("entity").order_by("-article_count").first()
    busiest = PeriodStats.objects.filter(granularity="month").order_by("-article_count").first()
    if hottest is None or busiest is None:
        raise RuntimeError("The archive is empty: no entity or month to measure.")
    top = hottest.entity
    print(f"hottest entity: {top.name} ({top.get_kind_display()}), in {hottest.article_count}")
    total = Article.objects.count()
    print(f"archive: {total} articles, {EntityArticle.objects.count()} entity-article rows")
    ids = list(Article.objects.values_list("pk", flat=True)[:50_000])
    articles = [
        a.get_absolute_url() for a in Article.objects.filter(pk__in=sample(rng, ids, count))
    ]
    its = list(
        EntityArticle.objects.filter(entity=top, mention_count__gt=0).values_list(
            "article__slug", flat=True
        )[:5000]
    )
    its_articles = [reverse("articles:article", args=[slug]) for slug in sample(rng, its, count)]
    month = Period.of(busiest.period_start.year, busiest.period_start.month)
    print(f"busiest month: {month.label} ({busiest.article_count} articles)")
    searches = [
        {"q": "harbour"},
        {"q": '"water authority"'},
        {"q": "teachers pay"},
        {"q": "flood defences -rail"},
        {"q": top.name},
        {"q": "the"},
        {"q": "minister", "sort": "date"},
        {"q": "council", "kind": "PERSON"},
        {"q": "budget", "from": "2010-01-01", "to": "2012-12-31"},
        {"entity": top.slug},
    ]

    sampled = Sample(articles, its_articles, top, month, searches)
    return [*reading_pages(sampled, scale), *api_pages(sampled, scale)]


@dataclass
class Sample:
    """What the pages are asked about: articles at random, some of the hottest entity's
    articles, the hottest entity itself, the busiest month, and searches."""

    articles: list[str]
    its_articles: list[str]
    top: Entity
    month: Period
    searches: list[dict[str, str]]


def budgeted(
    name: str, urls: list[str], scale: float, headers: dict[str, str] | None = None
) -> Page:
    """A page to measure, within its budget scaled to the archive."""
    return Page(name, urls, BUDGETS[name] * scale, headers or {})


def reading_pages(sample: Sample, scale: float) -> list[Page]:
    top, month = sample.top, sample.month
    listing = reverse("articles:article-list")
    panel_urls = [
        f"{top.get_absolute_url()}?{urlencode({'article': url.rstrip('/').split('/')[-1]})}"
        for url in sample.its_articles
    ]
    network_urls = [
        f"{top.get_absolute_url()}?year={month.start.year + shift}" for shift in (-1, 0, 1)
    ]
    people = reverse("articles:people")
    urls_of_page = {
        "article": sample.articles,
        "entity panel (HTMX), hottest entity": panel_urls,
        "entity page, hottest entity": [top.get_absolute_url()],
        "article + panel of the hottest entity": [
            f"{url}?entity={top.slug}" for url in sample.its_articles
        ],
        "search": [f"{listing}?{urlencode(query)}" for query in sample.searches],
        "timeline /dates/": [reverse("articles:timeline")],
        "busiest month": [month.url()],
        "index /people/": [people, f"{people}?order=alpha"],
        "network of a year (HTMX), hottest entity": network_urls,
        "network of the busiest month": [month.network_url()],
    }
    headers_of_page = {
        "entity panel (HTMX), hottest entity": HTMX,
        "network of a year (HTMX), hottest entity": {**HTMX, "HX-Target": "entity-network"},
    }
    return [
        budgeted(name, urls, scale, headers_of_page.get(name))
        for name, urls in urls_of_page.items()
    ]


def api_pages(sample: Sample, scale: float) -> list[Page]:
    """The API's answers to the same questions as the pages above."""
    top = sample.top
    slugs = [url.rstrip("/").rsplit("/", 1)[-1] for url in sample.articles]
    listing = reverse("api:articles-json")
    people = reverse("api:entities-json")
    urls_of_page = {
        "API article": [reverse("api:article-json", args=[slug]) for slug in slugs],
        "API entity, hottest entity": [reverse("api:entity-json", args=[top.slug])],
        "API search": [f"{listing}?{urlencode(query)}" for query in sample.searches],
        "API busiest month": [reverse("api:period-json", args=[f"{sample.month.start:%Y-%m}"])],
        "API quotes of the hottest entity": [
            f"{reverse('api:quotes-json')}?{urlencode({'speaker': top.slug})}"
        ],
        "API index of people": [f"{people}?kind=PERSON", f"{people}?kind=PERSON&order=alpha"],
    }
    return [budgeted(name, urls, scale) for name, urls in urls_of_page.items()]


def measure(client: Client, page: Page, *, count: int) -> None:
    """Every URL is requested once before the measured requests: what a page keeps once rendered
    (an article's marked body, the timeline's drawing) is rendered again only after a change."""
    urls = page.urls * (count // len(page.urls) + 1)
    for url in [*dict.fromkeys(urls[:count]), *urls[-WARM_UP:]]:
        get(client, url, page.headers)
    for url in urls[:count]:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            get(client, url, page.headers)
            page.times_ms.append((time.perf_counter() - started) * 1000)
        page.queries.append(len(captured))
        for query in captured.captured_queries:
            seconds = float(query["time"])
            if seconds > page.slowest_sql[0] and query["sql"].lstrip().startswith(
                ("SELECT", "WITH")
            ):
                page.slowest_sql = (seconds, query["sql"])


def get(client: Client, url: str, headers: dict[str, str]) -> None:
    response = client.get(url, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")


def print_table(pages: list[Page], *, articles: int) -> None:
    width = max(len(page.name) for page in pages)
    print(f"\n{articles:,} articles; server time per request (ms)")
    header = f"{'median':>8}  {'p95':>8}  {'budget':>7}  {'queries':>7}  {'slowest SQL':>11}"
    print(f"{'page':<{width}}  {header}")
    for page in pages:
        low, high = min(page.queries), max(page.queries)
        queries = str(low) if low == high else f"{low}-{high}"
        verdict = "  OVER" if page.over else ""
        print(
            f"{page.name:<{width}}  {page.median:8.1f}  {page.p95:8.1f}  {page.budget:7.0f}  "
            f"{queries:>7}  {page.slowest_sql[0] * 1000:11.1f}{verdict}"
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
