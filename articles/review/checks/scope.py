"""What a run of the checks looks at: the whole archive, or the articles and entities an ingest
or a correction touched (a background task's run after each, bounded by what it touched)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """None: every article (or entity); a list: only those."""

    articles: list[int] | None = None
    entities: list[int] | None = None

    @property
    def whole(self) -> bool:
        return self.articles is None and self.entities is None

    def params(self) -> dict[str, list[int] | None]:
        return {"articles": self.articles, "entities": self.entities}

    def id_ranges(self, ids: list[int] | None, top: int, step: int) -> list[tuple[int, int]]:
        """The ranges of ids a chunked check reads: the whole range in steps, or the one range
        around the ids of the scope (each statement also filters on them)."""
        if ids is None:
            return [(low, low + step) for low in range(0, top + 1, step)]
        return [(min(ids), max(ids) + 1)] if ids else []


WHOLE = Scope()
