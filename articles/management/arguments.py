"""Argument types and kinds of option the management commands share."""

import datetime as dt
from collections.abc import Callable

from django.core.management.base import CommandError, CommandParser


def iso_date(option: str) -> Callable[[str], dt.date]:
    """An argument type reading YYYY-MM-DD, whose error names `option` (e.g. "--since")."""

    def parse(value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"{option} takes a date, YYYY-MM-DD: {value!r}") from error

    return parse


def add_switch(parser: CommandParser, name: str, help: str) -> None:
    """An option off unless given, such as `--check` or `--queue`."""
    parser.add_argument(name, action="store_true", help=help)


def add_paths(parser: CommandParser) -> None:
    """The files a command reads articles from (`articles.ingest.formats.input_files`)."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="A file, a folder (read recursively), a glob, or '-' (standard input).",
    )
