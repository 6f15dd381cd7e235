"""Annotation quality against gold on two fixed halves of every dev set, beside raw spaCy.

    make bench-quality                 # seed article and every dev set, beside the recorded figures
    make bench-quality-check           # fails when a headline figure fell below the recorded one
    make bench-quality-record          # renew bench/quality_figures.json, on purpose
    .venv/bin/python bench/quality.py conll-testa --detail   # named sets only, per-kind figures

Why halves: a rule tuned on the examples of one set lifts that set and nothing else. Each set is
split by a stable hash of its document ids into halves A and B; a change lands only when it helps
(or leaves alone) both halves of every set. The recorded figures are the floor the check holds.

Reads ../shared/corpus/seed and ../shared/corpus/dev at run time (skipped when absent) and scores
with ../shared/tools/score.py. Predictions are written to bench/out/ (ignored) for inspection; raw
spaCy's output is cached under .data/quality/, keyed by the input file and the model.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
import time
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

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
CACHE = PROJECT / ".data" / "quality"
RECORDED = PROJECT / "bench" / "quality_figures.json"
SETS = ["meantime-dev", "gum-dev", "tbaq", "polnear-dev", "conll-testa"]
HALVES = ("A", "B")
# A headline figure may fall this far below the recorded one before the check fails: the pipeline
# is deterministic, so anything larger is a change in what it finds, not noise.
TOLERANCE = 0.005
# Every figure but exact entity F1 is a headline figure: gold sets disagree on a leading "the",
# which loose matching forgives, and on noun-phrase extents, which overlap matching forgives.
NOT_HEADLINE = frozenset({"ent exact"})

type Figures = dict[str, float]


def half_of(document_id: str) -> str:
    """ "A" or "B", the same on every machine and run (unlike Python's salted `hash`)."""
    return HALVES[zlib.crc32(document_id.encode("utf-8")) % 2]


def load_scorer() -> ModuleType:
    path = SHARED / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"{path} cannot be loaded as a module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def input_path(name: str) -> Path:
    return DEV / name / f"{name}.input.jsonl"


def read_inputs(name: str) -> list[Piece]:
    path = input_path(name)
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


def cached_baseline(name: str, pieces: list[Piece]) -> list[Document]:
    """Raw spaCy's documents for a set, from the cache when the input and the model are unchanged:
    they only change when one of those does, and computing them is a third of a run."""
    nlp_meta = load_model_meta()
    key = hashlib.sha256(input_path(name).read_bytes() + nlp_meta.encode()).hexdigest()[:16]
    path = CACHE / f"{name}-{key}.jsonl"
    if path.exists():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    documents = baseline_documents(pieces)
    write_jsonl(path, documents)
    return documents


def load_model_meta() -> str:
    """The model and spaCy versions, read from the installed packages without loading them."""
    from spacy.util import get_package_version

    name = default_model_name()
    return f"{name}-{get_package_version(name)}-spacy-{get_package_version('spacy')}"


def write_jsonl(path: Path, documents: list[Document]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(document, ensure_ascii=False) + "\n")


def figures(result: dict[str, Any]) -> Figures:
    """The figures of one scorer result, by the names the table and the record use."""
    row: Figures = {}
    for mode in ("exact", "loose", "overlap"):
        if f"entities_{mode}" in result:
            row[f"ent {mode}"] = result[f"entities_{mode}"]["micro"]["f1"]
    if "linking" in result:
        row["linking"] = result["linking"]["f1"]
    if "dates" in result:
        row["date F1"] = result["dates"]["f1"]
        row["date exact"] = result["dates"]["exact_acc"]
    if "quotes" in result:
        row["quote F1"] = result["quotes"]["f1"]
        row["quote+speaker F1"] = result["quotes_with_speaker"]["f1"]
    return row


def kind_details(result: dict[str, Any]) -> dict[str, str]:
    row = {}
    for mode in ("loose", "overlap"):
        for kind in ("PERSON", "PLACE", "ORG"):
            if scores := result.get(f"entities_{mode}", {}).get(kind):
                row[f"  {kind} {mode} P/R/F1"] = (
                    f"{scores['p']:.2f}/{scores['r']:.2f}/{scores['f1']:.3f}"
                )
    return row


def halves(documents: dict[str, Document]) -> dict[str, dict[str, Document]]:
    split: dict[str, dict[str, Document]] = {half: {} for half in HALVES}
    for document_id, document in documents.items():
        split[half_of(document_id)][document_id] = document
    return split


def falls(now: Figures, recorded: Figures) -> list[str]:
    """The headline figures that fell more than TOLERANCE below the recorded ones."""
    return [
        f"{metric} {now.get(metric, 0.0):.3f} < {floor:.3f}"
        for metric, floor in recorded.items()
        if metric not in NOT_HEADLINE and now.get(metric, 0.0) < floor - TOLERANCE
    ]


def print_table(
    name: str, raw: dict[str, Figures], ours: dict[str, Figures], recorded: dict[str, Figures]
) -> None:
    print(f"  {'metric':20}" + "".join(f"{'raw ' + h:>9}" for h in HALVES), end="")
    print("".join(f"{'ours ' + h:>9}" for h in HALVES), end="")
    print("".join(f"{'rec. ' + h:>9}" for h in HALVES))
    for metric in ours[HALVES[0]]:
        cells = [raw[h].get(metric) for h in HALVES] + [ours[h].get(metric) for h in HALVES]
        cells += [recorded.get(h, {}).get(metric) for h in HALVES]
        text = "".join(f"{'-' if v is None else f'{v:.3f}':>9}" for v in cells)
        print(f"  {metric:20}{text}")


def score_set(name: str, scorer: ModuleType, *, detail: bool) -> dict[str, dict[str, Figures]]:
    """{"newsdesk": {half: figures}, "raw spaCy": {half: figures}} for one dev set."""
    pieces = read_inputs(name)
    gold = halves(scorer.load(DEV / name / f"{name}.gold.jsonl"))
    started = time.perf_counter()
    ours = list(annotate_pieces(pieces))
    elapsed = time.perf_counter() - started
    base = cached_baseline(name, pieces)
    write_jsonl(OUT / f"{name}.pred.jsonl", ours)
    write_jsonl(OUT / f"{name}.baseline.jsonl", base)
    sizes = ", ".join(f"{h} {len(gold[h])}" for h in HALVES)
    print(f"\n{name}: {len(pieces)} documents ({sizes}), annotated in {elapsed:.1f} s")
    scored: dict[str, dict[str, Figures]] = {"newsdesk": {}, "raw spaCy": {}}
    for who, documents in (("newsdesk", ours), ("raw spaCy", base)):
        by_id = {d["id"]: d for d in documents}
        for half in HALVES:
            result = scorer.score(gold[half], by_id)
            scored[who][half] = figures(result)
            if detail and who == "newsdesk":
                for metric, value in kind_details(result).items():
                    print(f"  {half} {metric:28} {value}")
    return scored


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help=f"dev sets to score (default: {', '.join(SETS)})")
    parser.add_argument("--check", action="store_true", help="fail when a figure fell")
    parser.add_argument("--record", action="store_true", help=f"write {RECORDED.name}")
    parser.add_argument("--detail", action="store_true", help="per-kind entity figures too")
    options = parser.parse_args(argv)
    if not DEV.is_dir():
        print(f"skipped: {DEV} is not present")
        return 0
    scorer = load_scorer()
    recorded = json.loads(RECORDED.read_text(encoding="utf-8")) if RECORDED.exists() else {}
    chosen = [name for name in options.sets if name != "seed"] or SETS
    if not options.sets or "seed" in options.sets:
        passed, failed = check_seed()
        print(f"seed article gold: {len(passed)} of {len(passed) + len(failed)} checks pass")
        for problem in failed:
            print(f"  FAIL {problem}")
    problems = []
    for name in chosen:
        if not input_path(name).exists():
            print(f"\n{name}: skipped, {input_path(name)} is not present")
            continue
        scored = score_set(name, scorer, detail=options.detail)
        floor = recorded.get(name, {}).get("newsdesk", {})
        print_table(name, scored["raw spaCy"], scored["newsdesk"], floor)
        for half in HALVES:
            problems += [
                f"{name} {half}: {p}" for p in falls(scored["newsdesk"][half], floor.get(half, {}))
            ]
        recorded[name] = scored
    if options.record:
        RECORDED.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nrecorded in {RECORDED.relative_to(PROJECT)}")
    for problem in problems:
        print(f"FELL {problem}")
    return 1 if options.check and problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
