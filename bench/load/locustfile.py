"""Readers of the archive, for Locust: the mix of reading pages a load run sends.

    locust -f bench/load/locustfile.py --headless --host http://127.0.0.1:8000 ...

bench/load_run.py starts it, with `NEWSDESK_LOAD_URLS` naming the JSON file of sampled paths
(bench/load/urls.py) and, to offer a fixed rate rather than as much as the users manage,
`NEWSDESK_LOAD_USER_RATE` (requests per second per user). Of every 100 requests: 50 articles,
20 entity panels (HTMX), 15 searches, 5 entity pages, 10 index and date pages. Requests are named
by kind of page, so Locust's statistics come out per kind.
"""

from __future__ import annotations

import json
import os
import random
from typing import TYPE_CHECKING

from locust import FastHttpUser, constant, constant_throughput, task

if TYPE_CHECKING:
    from bench.load.urls import HotAndTail, ReadingUrls

with open(os.environ["NEWSDESK_LOAD_URLS"], encoding="utf-8") as file:
    PATHS: ReadingUrls = json.load(file)

USER_RATE = float(os.environ.get("NEWSDESK_LOAD_USER_RATE") or 0)
HTMX = {"HX-Request": "true"}
# Index and date pages share their tenth of the load equally: each index, the timeline, a year,
# a month.
LISTINGS = [
    (name, paths)
    for name, paths in [
        *[(f"index {path}", [path]) for path in PATHS["indexes"]],
        ("dates: timeline", PATHS["dates"]["timeline"]),
        ("dates: a year", PATHS["dates"]["years"]),
        ("dates: a month", PATHS["dates"]["months"]),
    ]
    if paths
]


def hot_or_tail(group: HotAndTail) -> str:
    """Half the requests for the most-mentioned entities, half for the long tail."""
    hot = random.random() < 0.5 or not group["tail"]
    return random.choice(group["hot"] if hot else group["tail"])


class Reader(FastHttpUser):
    # No pause between pages unless a rate is asked for: a fixed number of readers, each asking
    # for the next page as soon as the last arrives, bounds the load.
    wait_time = constant_throughput(USER_RATE) if USER_RATE else constant(0)

    @task(50)
    def article(self) -> None:
        self.client.get(random.choice(PATHS["articles"]), name="article")

    @task(20)
    def entity_panel(self) -> None:
        self.client.get(hot_or_tail(PATHS["panels"]), headers=HTMX, name="entity panel (HTMX)")

    @task(15)
    def search(self) -> None:
        self.client.get(random.choice(PATHS["searches"]), name="search")

    @task(5)
    def entity_page(self) -> None:
        self.client.get(hot_or_tail(PATHS["entities"]), name="entity page")

    @task(10)
    def listing(self) -> None:
        name, paths = random.choice(LISTINGS)
        self.client.get(random.choice(paths), name=name)
