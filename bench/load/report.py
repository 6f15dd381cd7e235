"""Locust's CSV statistics as a table: requests/s and latency percentiles per kind of page."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

AGGREGATED = "Aggregated"
# The latency percentiles shown, as Locust names their columns.
PERCENTILES = ("50%", "95%", "99%")


@dataclass(frozen=True)
class PageStats:
    name: str
    requests: int
    failures: int
    per_second: float
    latencies_ms: tuple[float, ...]  # at each of PERCENTILES


@dataclass(frozen=True)
class Failure:
    name: str
    error: str
    occurrences: int


def read_stats(prefix: Path) -> list[PageStats]:
    """The rows of `<prefix>_stats.csv`, the aggregate last. Locust rounds percentiles to two
    significant figures above 100 ms."""
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as file:
        rows = [page_stats(row) for row in csv.DictReader(file)]
    return sorted(rows, key=lambda row: (row.name == AGGREGATED, -row.requests))


def page_stats(row: dict[str, str]) -> PageStats:
    return PageStats(
        name=row["Name"],
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        per_second=float(row["Requests/s"]),
        latencies_ms=tuple(percentile(row[column]) for column in PERCENTILES),
    )


def percentile(value: str) -> float:
    # A kind of page never requested has "N/A".
    return float(value) if value not in ("", "N/A") else float("nan")


def read_failures(prefix: Path) -> list[Failure]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as file:
        failures = [
            Failure(name=row["Name"], error=row["Error"], occurrences=int(row["Occurrences"]))
            for row in csv.DictReader(file)
        ]
    return sorted(failures, key=lambda failure: -failure.occurrences)


def stats_table(rows: list[PageStats]) -> str:
    width = max(len(row.name) for row in rows)
    heads = "".join(f"{'p' + column.rstrip('%') + ' ms':>7}  " for column in PERCENTILES)
    lines = [f"{'page':<{width}}  {'requests':>8}  {'req/s':>7}  {heads}{'errors':>6}"]
    for row in rows:
        name = "all pages" if row.name == AGGREGATED else row.name
        latencies = "".join(f"{ms:7.0f}  " for ms in row.latencies_ms)
        lines.append(
            f"{name:<{width}}  {row.requests:8d}  {row.per_second:7.1f}  {latencies}"
            f"{row.failures:6d}"
        )
    return "\n".join(lines)
