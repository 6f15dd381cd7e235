"""Gunicorn's settings for Newsdesk's web process: `gunicorn -c newsdesk/gunicorn.conf.py`.

Sync workers: a page is Python rendering between short PostgreSQL queries, so a process per
request in flight, plus one, keeps every core busy while others wait on the database. By default
`NEWSDESK_WORKERS_PER_CORE` (2) times the cores this process may run on, plus one;
`WEB_CONCURRENCY` sets the number outright. Each worker holds one database connection
(`CONN_MAX_AGE`), so workers times web machines must stay under PostgreSQL's `max_connections`.
"""

import os

wsgi_app = "newsdesk.wsgi:application"
bind = [os.environ.get("NEWSDESK_BIND", "127.0.0.1:8000")]


def default_workers() -> int:
    # The cores this process is allowed on (a container or taskset may grant fewer than exist).
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    per_core = float(os.environ.get("NEWSDESK_WORKERS_PER_CORE", 2))
    return max(1, round(per_core * (cores or 1)) + 1)


workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers())
# A request slower than this is killed and its worker replaced; pages take well under a second.
timeout = int(os.environ.get("NEWSDESK_WORKER_TIMEOUT", 30))
# Workers are renewed now and then (staggered), so slow growth of memory in a long-lived process
# never builds up.
max_requests = 2000
max_requests_jitter = 200
# One line per request on standard output; NEWSDESK_ACCESS_LOG= (empty) turns it off.
accesslog = os.environ.get("NEWSDESK_ACCESS_LOG", "-") or None
errorlog = "-"
# The app is not preloaded in the master process: with the embedded PostgreSQL each worker joins
# the server itself, and a fork never inherits a database connection.
preload_app = False
