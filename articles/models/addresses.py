"""A row's address, worked out once per row and slug.

A reading page asks an article or an entity for its address dozens of times (the marks in the
body, permalinks, share links, structured data), and `reverse()` walks the URL patterns each time:
a tenth of the article page's time. The address is kept on the instance beside the slug it was
made from, so a changed slug gets a new one.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse


def address_of(row: models.Model, view: str, slug: str) -> str:
    kept: tuple[str, str, str] | None = row.__dict__.get("_address")
    if kept is None or kept[0] != view or kept[1] != slug:
        kept = (view, slug, reverse(view, kwargs={"slug": slug}))
        row.__dict__["_address"] = kept
    return kept[2]
