"""Argument types the management commands share."""

import datetime as dt
from collections.abc import Callable

from django.core.management.base import CommandError


def iso_date(option: str) -> Callable[[str], dt.date]:
    """An argument type reading YYYY-MM-DD, whose error names `option` (e.g. "--since")."""

    def parse(value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"{option} takes a date, YYYY-MM-DD: {value!r}") from error

    return parse
