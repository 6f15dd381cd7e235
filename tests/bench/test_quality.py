"""The quality check's halves and floor: what decides whether a change to the pipeline lands."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def quality() -> ModuleType:
    # bench/quality.py sets Django up on import, which the test settings have already done.
    sys.modules.pop("bench.quality", None)
    return importlib.import_module("bench.quality")


def test_a_document_stays_in_its_half(quality: ModuleType) -> None:
    assert quality.half_of("conll-testa-000") == "A"


def test_documents_are_spread_over_both_halves(quality: ModuleType) -> None:
    halves = {quality.half_of(f"doc-{number}") for number in range(20)}
    assert halves == {"A", "B"}


def test_a_fall_of_more_than_half_a_point_fails(quality: ModuleType) -> None:
    fallen = quality.falls({"ent loose": 0.700}, {"ent loose": 0.706})
    assert fallen == ["ent loose 0.700 < 0.706"]


def test_a_fall_within_half_a_point_passes(quality: ModuleType) -> None:
    assert quality.falls({"ent overlap": 0.702}, {"ent overlap": 0.706}) == []


def test_exact_entity_figures_are_not_held(quality: ModuleType) -> None:
    assert quality.falls({"ent exact": 0.5}, {"ent exact": 0.7}) == []
