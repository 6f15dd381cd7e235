"""Reading request parameters that must never reach the database malformed."""

from __future__ import annotations

MAX_ID = 2**63 - 1


def row_id(value: str | None) -> int | None:
    """A database id from the query string, or None: ASCII digits only (str.isdigit() also
    accepts "²", which int() refuses), within PostgreSQL's bigint."""
    if not value or len(value) > 19 or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def text(value: str | None, *, limit: int) -> str:
    """Free text from the query string, trimmed, without the NUL PostgreSQL cannot store."""
    return (value or "").replace("\x00", "").strip()[:limit]


def year(value: str | None) -> int | None:
    """A calendar year from the query string (1 to 9999); None for anything else."""
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 4:
        return None
    number = int(value)
    return number if number >= 1 else None
