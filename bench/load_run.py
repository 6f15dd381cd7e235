"""Requests/s and latency of the reading pages under load, as production serves them.

    .venv/bin/python bench/load_run.py --articles 20000 --users 10 --duration 60
    make bench-load LOAD_ARTICLES=20000 LOAD_USERS=10 LOAD_DURATION=60 [LOAD_RATE=200]

Makes (or reuses) a generated archive of N articles in a database of its own (bench/load/
archive.py), samples the pages to ask for from it (bench/load/urls.py), starts gunicorn with the
production settings and WhiteNoise (bench/load/server.py), then runs one headless Locust process
(bench/load/locustfile.py) from loopback for a fixed time and prints requests/s, p50, p95, p99 and
errors per kind of page, with the CPU time the server, Locust and everything else took: Locust
shares the machine's cores with gunicorn and PostgreSQL. gunicorn is stopped at the end, also
after an error. The exit status is 1 when any request failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import psutil
import psycopg

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.load.archive import add_archive_arguments, archive_database_url  # noqa: E402
from bench.load.report import AGGREGATED, read_failures, read_stats, stats_table  # noqa: E402
from bench.load.server import Server, check_static_files, serving  # noqa: E402

if TYPE_CHECKING:
    from bench.load.urls import ReadingUrls

WORK_DIR = PROJECT / ".data" / "bench-load"
LOCUSTFILE = PROJECT / "bench" / "load" / "locustfile.py"
WARM_UP_REQUESTS = 30


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_archive_arguments(parser)
    parser.add_argument("--users", type=int, default=10, help="Concurrent Locust users.")
    parser.add_argument("--spawn-rate", type=float, default=5, help="Users started per second.")
    parser.add_argument(
        "--duration", type=int, default=60, help="Seconds of load once all users run."
    )
    parser.add_argument(
        "--rate",
        type=float,
        help="Requests/s to offer in all (spread over the users); default: each user asks for "
        "the next page as soon as the last arrives.",
    )
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: newsdesk/gunicorn.conf.py's)."
    )
    options = parser.parse_args()
    # Ctrl-C and SIGTERM both unwind through the `finally` blocks that stop the processes.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    WORK_DIR.mkdir(parents=True, exist_ok=True)

    load_before = os.getloadavg()[0]
    database_url = archive_database_url(articles=options.articles, seed=options.seed)
    urls_file = WORK_DIR / f"urls-{options.articles}.json"
    urls_file.write_text(json.dumps(sampled_urls(database_url, seed=options.seed), indent=1))
    print(f"pages: sampled into {urls_file.relative_to(PROJECT)}")

    with serving(database_url=database_url, workers=options.workers, work_dir=WORK_DIR) as server:
        paths = json.loads(urls_file.read_text())
        print(f"static files: {check_static_files(server, page=paths['articles'][0])}")
        warm_up(server, paths)
        run = run_locust(server, options=options, urls_file=urls_file)

    rows = read_stats(run.prefix)
    failures = read_failures(run.prefix)
    pacing = f"{options.rate:g} requests/s offered" if options.rate else "no pause between pages"
    print(
        f"\n{options.users} users in 1 Locust process (FastHttpUser) from loopback, spawned at "
        f"{options.spawn_rate:g}/s, {pacing}; {options.duration} s measured after spawning"
    )
    print(
        f"gunicorn: {server.workers} sync workers, production settings, static files by "
        f"WhiteNoise; archive of {options.articles:,} articles"
    )
    cores = len(os.sched_getaffinity(0))
    print(
        f"machine: {cores} cores, load average {load_before:.1f} before the run "
        "(other work on the machine counts in it)\n"
    )
    print(stats_table(rows))
    print(cpu_summary(run, cores=cores))
    total = next(row for row in rows if row.name == AGGREGATED)
    if failures:
        print(f"\n{total.failures} failed requests; the most frequent:")
        for failure in failures[:5]:
            print(f"  {failure.occurrences:6d}  {failure.name}: {failure.error[:160]}")
    return 1 if total.failures else 0


def sampled_urls(database_url: str, *, seed: int) -> ReadingUrls:
    """The pages to ask for, read from the archive through the project's models."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    os.environ["DEBUG"] = "1"
    os.environ.pop("DATABASE_REPLICA_URL", None)
    import django

    django.setup()
    from django.db import connections

    from bench.load.urls import sample_reading_urls

    try:
        return sample_reading_urls(rng=random.Random(seed))
    finally:
        connections.close_all()


def warm_up(server: Server, paths: ReadingUrls) -> None:
    """A few requests of each kind first, so the run does not measure the workers' first pages
    (templates compiled, connections opened)."""
    kinds = [
        paths["articles"],
        paths["panels"]["hot"],
        paths["panels"]["tail"],
        paths["entities"]["tail"],
        paths["searches"],
        paths["indexes"],
        paths["dates"]["timeline"],
        paths["dates"]["months"],
    ]
    rng = random.Random(1)
    for number in range(WARM_UP_REQUESTS):
        kind = [path for path in kinds[number % len(kinds)] if path] or paths["articles"]
        with urllib.request.urlopen(f"{server.url}{rng.choice(kind)}", timeout=60) as response:
            response.read()


@dataclass(frozen=True)
class Run:
    """Where Locust wrote its figures, and the seconds and CPU seconds the run took."""

    prefix: Path
    seconds: float
    server_cpu: float
    locust_cpu: float
    database_cpu: float
    machine_cpu: float


def run_locust(server: Server, *, options: argparse.Namespace, urls_file: Path) -> Run:
    prefix = WORK_DIR / f"locust-{options.articles}"
    for old in WORK_DIR.glob(f"{prefix.name}_*.csv"):
        old.unlink()
    environment = {**os.environ, "NEWSDESK_LOAD_URLS": str(urls_file)}
    if options.rate:
        environment["NEWSDESK_LOAD_USER_RATE"] = str(options.rate / options.users)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        server.url,
        "--users",
        str(options.users),
        "--spawn-rate",
        str(options.spawn_rate),
        # The measured time comes after spawning: the statistics are reset once all users run.
        "--run-time",
        f"{options.duration + options.users / options.spawn_rate:.0f}s",
        "--reset-stats",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
    ]
    print(f"load: {options.users} users for {options.duration} s against {server.url}")
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = server.cpu_seconds()
    database_before = database_cpu_seconds(server.database_url)
    machine_before = busy_cpu_seconds()
    started = time.perf_counter()
    with open(WORK_DIR / "locust.log", "w") as log:
        process = subprocess.Popen(command, cwd=PROJECT, env=environment, stdout=log, stderr=log)
        try:
            status = process.wait()
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait()
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # 1: some requests failed, which the report shows; anything else is Locust's own failure.
    if status not in (0, 1) or not Path(f"{prefix}_stats.csv").exists():
        log_tail = (WORK_DIR / "locust.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"Locust failed (status {status}):\n{log_tail}")
    return Run(
        prefix=prefix,
        seconds=time.perf_counter() - started,
        server_cpu=server.cpu_seconds() - server_before,
        locust_cpu=(children_after.ru_utime + children_after.ru_stime)
        - (children_before.ru_utime + children_before.ru_stime),
        database_cpu=sum(
            seconds - database_before.get(pid, 0.0)
            for pid, seconds in database_cpu_seconds(server.database_url).items()
        ),
        machine_cpu=busy_cpu_seconds() - machine_before,
    )


def database_cpu_seconds(database_url: str) -> dict[int, float]:
    """CPU time of each PostgreSQL backend connected to the archive's database, by process id
    (when the server runs on this machine; else nothing)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        pids = [
            pid
            for (pid,) in conn.execute(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ]
    seconds = {}
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            times = psutil.Process(pid).cpu_times()
            seconds[pid] = times.user + times.system
    return seconds


def busy_cpu_seconds() -> float:
    times = psutil.cpu_times()
    # guest time is counted in user time already; iowait and steal are not this machine's work.
    return times.user + times.nice + times.system + times.irq + times.softirq


def cpu_summary(run: Run, *, cores: int) -> str:
    ours = run.server_cpu + run.locust_cpu + run.database_cpu
    available = cores * run.seconds
    return (
        f"\nCPU seconds over the {run.seconds:.0f} s of the run, of {available:.0f} available: "
        f"gunicorn {run.server_cpu:.0f}, Locust {run.locust_cpu:.0f}, PostgreSQL for the "
        f"site {run.database_cpu:.0f}, other work on the machine "
        f"{max(run.machine_cpu - ours, 0):.0f}"
    )


if __name__ == "__main__":
    sys.exit(main())
