"""Annotation quality against gold, beside a raw-spaCy baseline measured in the same run.

    make bench-quality                      # seed article and every dev set
    .venv/bin/python bench/quality.py tbaq  # only the named sets (meantime-dev, gum-dev, ...)

Reads ../shared/corpus/seed and ../shared/corpus/dev at run time and scores with
../shared/tools/score.py. Predictions are written to bench/out/ (ignored) for inspection.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from articles.ingest.annotating import annotate_pieces  # noqa: E402
from articles.ingest.formats import Piece, pieces_for_annotation  # noqa: E402
from articles.nlp.interchange import Document  # noqa: E402
from articles.nlp.kinds import kind_for_label  # noqa: E402
from articles.nlp.pipeline import default_model_name, load_model  # noqa: E402
from bench.seed_check import check_seed  # noqa: E402

SHARED = PROJECT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
OUT = PROJECT / "bench" / "out"
SETS = ["meantime-dev", "gum-dev", "tbaq", "polnear-dev"]


def load_scorer() -> ModuleType:
    path = SHARED / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"{path} cannot be loaded as a module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_inputs(name: str) -> list[Piece]:
    path = DEV / name / f"{name}.input.jsonl"
    return [p for p in pieces_for_annotation(str(path), path.read_bytes()) if isinstance(p, Piece)]


def baseline_documents(pieces: list[Piece]) -> list[Document]:
    """Raw spaCy: entity spans as they are, one entity per text, DATE spans with no values."""
    nlp = load_model(default_model_name())
    documents = []
    for piece, doc in zip(pieces, nlp.pipe(p.body for p in pieces), strict=True):
        entities: dict[tuple[str, str], str] = {}
        mentions, dates = [], []
        for span in doc.ents:
            if span.label_ == "DATE":
                dates.append({"start": span.start_char, "end": span.end_char, "text": span.text})
            elif kind := kind_for_label(span.label_):
                entity = entities.setdefault((kind, span.text), f"e{len(entities) + 1}")
                mentions.append(
                    {
                        "entity": entity,
                        "start": span.start_char,
                        "end": span.end_char,
                        "text": span.text,
                        "label": span.label_,
                    }
                )
        documents.append(
            {
                "id": piece.external_id,
                "body": piece.body,
                "entities": [{"id": e, "name": n, "kind": k} for (k, n), e in entities.items()],
                "mentions": mentions,
                "dates": dates,
                "quotes": [],
            }
        )
    return documents


def write_jsonl(path: Path, documents: list[Document]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(document, ensure_ascii=False) + "\n")


def figures(result: Document) -> dict[str, str]:
    row = {}
    for mode in ("exact", "overlap"):
        if f"entities_{mode}" in result:
            scores = result[f"entities_{mode}"]
            row[f"ent {mode} micro F1"] = f"{scores['micro']['f1']:.3f}"
            for kind in ("PERSON", "PLACE", "ORG"):
                s = scores[kind]
                row[f"  {kind} {mode} P/R/F1"] = f"{s['p']:.2f}/{s['r']:.2f}/{s['f1']:.3f}"
    if "linking" in result:
        row["linking F1"] = f"{result['linking']['f1']:.3f}"
    if "dates" in result:
        row["date F1"] = f"{result['dates']['f1']:.3f}"
        row["date exact acc"] = f"{result['dates']['exact_acc']:.3f}"
        row["date lenient acc"] = f"{result['dates']['lenient_acc']:.3f}"
    if "quotes" in result:
        row["quote F1"] = f"{result['quotes']['f1']:.3f}"
        row["quote+speaker F1"] = f"{result['quotes_with_speaker']['f1']:.3f}"
        row["speaker acc"] = f"{result['quotes']['speaker_acc']:.3f}"
    if result.get("misaligned"):
        row["MISALIGNED"] = str(result["misaligned"])
    return row


def main(argv: list[str]) -> int:
    if not DEV.is_dir():
        print(f"skipped: {DEV} is not present")
        return 0
    scorer = load_scorer()
    chosen = [name for name in argv if not name.startswith("-")] or SETS
    if not argv or "seed" in argv:
        passed, failed = check_seed()
        print(f"seed article gold: {len(passed)} of {len(passed) + len(failed)} checks pass")
        for problem in failed:
            print(f"  FAIL {problem}")
    for name in chosen:
        if name == "seed":
            continue
        pieces = read_inputs(name)
        gold = scorer.load(DEV / name / f"{name}.gold.jsonl")
        started = time.perf_counter()
        ours = list(annotate_pieces(pieces))
        elapsed = time.perf_counter() - started
        base = baseline_documents(pieces)
        write_jsonl(OUT / f"{name}.pred.jsonl", ours)
        write_jsonl(OUT / f"{name}.baseline.jsonl", base)
        ours_row = figures(scorer.score(gold, {d["id"]: d for d in ours}))
        base_row = figures(scorer.score(gold, {d["id"]: d for d in base}))
        print(f"\n{name}: {len(pieces)} documents, annotated in {elapsed:.1f} s")
        print(f"  {'metric':28} {'raw spaCy':>16} {'newsdesk':>16}")
        for metric, value in ours_row.items():
            print(f"  {metric:28} {base_row.get(metric, '-'):>16} {value:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
