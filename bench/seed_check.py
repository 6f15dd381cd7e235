"""Check `annotate` output for the seed article against its hand-made gold file, item by item.

The gold file (articles/samples/seed/*.gold.json) lists entities with kinds, roles and least mention
counts, dates with intervals, quotes with speakers, and strings that must not be entities.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from articles.nlp.interchange import Document

PROJECT = Path(__file__).resolve().parent.parent
SEED_DIR = PROJECT / "articles" / "samples" / "seed"
SEED_TEXT = SEED_DIR / "pakistan-military-backs-afghan-peace-talks.txt"
SEED_GOLD = SEED_DIR / "pakistan-military-backs-afghan-peace-talks.gold.json"


def annotate_seed() -> Document:
    from articles.ingest.annotating import annotate_pieces
    from articles.ingest.formats import Piece, pieces_from_bytes

    (piece,) = pieces_from_bytes(SEED_TEXT.name, SEED_TEXT.read_bytes())
    if not isinstance(piece, Piece):
        raise RuntimeError(f"{SEED_TEXT.name} no longer reads: {piece.reason}")
    (document,) = annotate_pieces([piece])
    return document


def check_seed(document: Document | None = None) -> tuple[list[str], list[str]]:
    """(passed, failed) descriptions of every gold item."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    document = document or annotate_seed()
    passed: list[str] = []
    failed: list[str] = []

    def check(ok: bool, description: str) -> None:
        (passed if ok else failed).append(description)

    article, body = gold["article"], document["body"]
    check(document["title"] == article["title"], f"title {article['title']!r}")
    check(document["byline"] == article["byline"], f"byline {article['byline']!r}")
    check(document["sources"] == article["sources"], f"sources {article['sources']}")
    check(body.startswith(article["body_starts_with"]), "body start")
    check(body.endswith(article["body_ends_with"]), "body end")
    for text in article["not_in_body"]:
        check(text not in body, f"{text!r} not in body")

    entities = {entity["id"]: entity for entity in document["entities"]}
    by_name = {(e["name"], e["kind"]): e for e in document["entities"]}
    for item in gold["entities"]:
        entity = by_name.get((item["name"], item["kind"]))
        label = f"{item['kind']} {item['name']}"
        check(entity is not None, f"entity {label}")
        if entity is None:
            continue
        if "role" in item:
            check(
                entity.get("role") == item["role"],
                f"role of {label}: {item['role']!r} (got {entity.get('role')!r})",
            )
        for surface, least in item["mentions"].items():
            count = sum(
                1
                for m in document["mentions"]
                if m["entity"] == entity["id"] and m["text"] == surface
            )
            check(
                count >= least, f"{label} mentioned as {surface!r} at least {least}x (got {count})"
            )

    for item in gold["must_not_be_entities"]:
        hits = [
            m
            for m in document["mentions"]
            if m["text"] == item["text"]
            and ("kind" not in item or entities[m["entity"]]["kind"] == item["kind"])
        ]
        check(not hits, f"{item['text']!r} is not {item.get('kind', 'an entity')} ({item['why']})")

    for item in gold["dates"]:
        found = [d for d in document["dates"] if d["text"] == item["text"]]
        label = f"date {item['text']!r} = {item['start']}..{item['end']} ({item['granularity']})"
        tolerance = dt.timedelta(days=item.get("tolerance_days", 0))
        ok = any(
            d["value_start"]
            and d["value_end"]
            and abs(dt.date.fromisoformat(d["value_start"]) - dt.date.fromisoformat(item["start"]))
            <= tolerance
            and abs(dt.date.fromisoformat(d["value_end"]) - dt.date.fromisoformat(item["end"]))
            <= tolerance
            and d["granularity"] == item["granularity"]
            for d in found
        )
        check(
            ok,
            label
            + (f" (got {[(d['value_start'], d['value_end']) for d in found]})" if not ok else ""),
        )

    for item in gold["quotes"] + gold.get("indirect_statements", []):
        found = [q for q in document["quotes"] if q["text"].startswith(item["starts_with"])]
        speaker = [entities[q["speaker"]]["name"] if q["speaker"] else None for q in found]
        kind = item.get("kind", "indirect")
        ok = any(
            entities.get(q["speaker"], {}).get("name") == item["speaker"] and q["kind"] == kind
            for q in found
        )
        check(
            ok,
            f"{kind} quote {item['starts_with'][:40]!r}... by {item['speaker']}"
            + (
                ""
                if ok
                else f" (got {list(zip([q['kind'] for q in found], speaker, strict=True))})"
            ),
        )
    return passed, failed
