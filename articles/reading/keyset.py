"""Pages of a long list read on an index from a cursor, so page 1,000 costs what page 1 does.

A list is ordered by a key (a date, a count, a name) then a unique id, both in the direction of
an index; a page is the rows after (or before) the cursor, the key and id of the row at its edge.
Page numbers with OFFSET would make PostgreSQL walk every row before the page. A nullable key
(an article without a publication date) sorts last: its rows are a second stretch of the list,
read by id alone, so every query stays a range on the index.

Cursors come from the query string: anything malformed reads as "the first page".
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import F, Field, Func, Model, OrderBy, QuerySet, Value
from django.db.models.lookups import GreaterThan, LessThan

Key = dt.date | int | str | None


@dataclass(frozen=True)
class Ordering:
    """A list's order: `key` then `id`, both descending (newest, biggest) or both ascending."""

    key: str
    id: str
    descending: bool = True
    nullable: bool = False
    key_type: type = dt.date


@dataclass
class Cursor:
    key: Key
    id: int
    forward: bool  # True: the rows after it; False: the rows before it

    def encode(self) -> str:
        key = self.key.isoformat() if isinstance(self.key, dt.date) else self.key
        raw = json.dumps([key, self.id, "after" if self.forward else "before"])
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(value: str | None, ordering: Ordering) -> Cursor | None:
    if not value or len(value) > 400:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        key, row_id, direction = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        return None
    if (
        not isinstance(row_id, int)
        or isinstance(row_id, bool)
        or direction not in {"after", "before"}
    ):
        return None
    if not 0 < row_id < 2**63:
        return None
    try:
        return Cursor(checked_key(key, ordering), row_id, direction == "after")
    except ValueError:
        return None


def checked_key(key: object, ordering: Ordering) -> Key:
    """A cursor's key as the ordering's type; ValueError when it cannot be one."""
    if key is None:
        if not ordering.nullable:
            raise ValueError("this ordering has no rows without a key")
        return None
    if ordering.key_type is dt.date:
        if not isinstance(key, str):
            raise ValueError("a date is written as a string")
        return dt.date.fromisoformat(key)
    if ordering.key_type is int:
        if not isinstance(key, int) or isinstance(key, bool) or abs(key) >= 2**31:
            raise ValueError("not a key of this ordering")
        return key
    if not isinstance(key, str) or "\x00" in key or len(key) > 300:
        raise ValueError("not a key of this ordering")
    return key


@dataclass
class KeysetPage[M]:
    """One page of rows, with cursors to the pages either side (None at an end)."""

    rows: list[M]
    next_cursor: str | None
    previous_cursor: str | None
    first: bool

    def __iter__(self) -> Iterator[M]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)

    def link(self, params: dict[str, str], cursor: str | None, name: str = "after") -> str:
        """The query string of the page at `cursor`, keeping the other parameters."""
        kept = {key: value for key, value in params.items() if key != name and value}
        if cursor:
            kept[name] = cursor
        return "?" + urlencode(kept)


def keyset_page[M: Model](
    rows: QuerySet[M], ordering: Ordering, *, cursor: str | None, size: int
) -> KeysetPage[M]:
    """The page of `rows` at `cursor` (the first page when there is none)."""
    at = decode_cursor(cursor, ordering)
    if at is None or at.forward:
        found = read_forward(rows, ordering, at, size + 1)
        more_after, more_before = len(found) > size, at is not None
        found = found[:size]
    else:
        found = read_backward(rows, ordering, at, size + 1)
        more_before, more_after = len(found) > size, True
        found = list(reversed(found[:size]))
    next_cursor = previous_cursor = None
    if found and more_after:
        next_cursor = edge(found[-1], ordering, forward=True)
    if found and more_before:
        previous_cursor = edge(found[0], ordering, forward=False)
    return KeysetPage(found, next_cursor, previous_cursor, first=not more_before)


def edge(row: Model, ordering: Ordering, *, forward: bool) -> str:
    key = getattr(row, ordering.key)
    return Cursor(key, getattr(row, ordering.id), forward).encode()


def order_fields(ordering: Ordering, *, reverse: bool) -> list[OrderBy]:
    """ORDER BY as the index has it: a nullable key's nulls last when reading newest first
    (the rows with a key are read apart from the others, but PostgreSQL only walks an index whose
    order matches the query's, nulls included)."""
    descending = ordering.descending != reverse
    key, row_id = F(ordering.key), F(ordering.id)
    if not ordering.nullable:  # PostgreSQL's defaults, as plain indexes have them
        return [key.desc(), row_id.desc()] if descending else [key.asc(), row_id.asc()]
    if descending:
        return [key.desc(nulls_last=True), row_id.desc()]
    return [key.asc(nulls_first=True), row_id.asc()]


def row(*parts: F | Value) -> Func:
    return Func(*parts, function="ROW", output_field=Field())


def beyond(ordering: Ordering, key: Key, row_id: int, *, forward: bool) -> LessThan | GreaterThan:
    """Rows past (key, id) in reading order (forward) or before it (not forward).

    Written as one comparison of rows, `(key, id) < (k, i)`, which PostgreSQL reads as a range
    of the index; the same test spelt with OR would scan the index from its start."""
    smaller_next = ordering.descending == forward
    comparison = LessThan if smaller_next else GreaterThan
    return comparison(row(F(ordering.key), F(ordering.id)), row(Value(key), Value(row_id)))


def read_forward[M: Model](
    rows: QuerySet[M], ordering: Ordering, at: Cursor | None, limit: int
) -> list[M]:
    keyed = rows.filter(**{f"{ordering.key}__isnull": False}) if ordering.nullable else rows
    found: list[M] = []
    if at is None or at.key is not None:
        if at is not None:
            keyed = keyed.filter(beyond(ordering, at.key, at.id, forward=True))
        found = list(keyed.order_by(*order_fields(ordering, reverse=False))[:limit])
    if ordering.nullable and len(found) < limit:
        unkeyed = rows.filter(**{f"{ordering.key}__isnull": True})
        if at is not None and at.key is None:
            unkeyed = unkeyed.filter(**{f"{ordering.id}__lt": at.id})
        found += list(unkeyed.order_by(f"-{ordering.id}")[: limit - len(found)])
    return found


def read_backward[M: Model](
    rows: QuerySet[M], ordering: Ordering, at: Cursor, limit: int
) -> list[M]:
    """The rows before the cursor, nearest first."""
    found: list[M] = []
    if at.key is None:
        unkeyed = rows.filter(**{f"{ordering.key}__isnull": True, f"{ordering.id}__gt": at.id})
        found = list(unkeyed.order_by(ordering.id)[:limit])
        if len(found) < limit:
            keyed = rows.filter(**{f"{ordering.key}__isnull": False})
            found += list(
                keyed.order_by(*order_fields(ordering, reverse=True))[: limit - len(found)]
            )
        return found
    keyed = rows.filter(beyond(ordering, at.key, at.id, forward=False))
    if ordering.nullable:
        keyed = keyed.filter(**{f"{ordering.key}__isnull": False})
    return list(keyed.order_by(*order_fields(ordering, reverse=True))[:limit])
