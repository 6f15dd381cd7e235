"""What PostgreSQL cannot store in text, found before anything is written."""

from __future__ import annotations

import re

# PostgreSQL's text holds neither NUL nor a lone surrogate (which only "\ud800"-style escapes in
# JSON can produce: no UTF-8 decodes to one).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(text: str) -> str | None:
    """What in the text PostgreSQL cannot store, said for a reader, or None."""
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return f"a NUL character (at character {found.start()})"
    return f"half of a surrogate pair, \\u{ord(found.group()):04x} (at character {found.start()})"


def unstorable_strings(value: object, path: str = "") -> str | None:
    """Where in a decoded JSON value a string (or a key) PostgreSQL cannot store is, and what."""
    if isinstance(value, str):
        return f"{path or 'the value'} holds {found}" if (found := unstorable(value)) else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        where = f"{path}.{key}" if path else f'"{key}"'
        if isinstance(key, str) and (found := unstorable(key)):
            return f"a key holds {found}"
        if problem := unstorable_strings(item, where):
            return problem
    return None
