"""Read input files into pieces: plain text, HTML pages and JSON Lines.

A piece is one article's fields before annotation. Reading never touches the database, so the
upload page, `ingest` and `annotate` share it. Bad input is reported as a `Failure` naming the file
(and line) and the reason; reading goes on with the next file or line.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from articles.ingest import restoring
from articles.ingest.storable import unstorable_strings
from articles.nlp.structure import URL, parse_date, parse_plain_text, split_sources

TEXT, HTML, JSONL = "text", "html", "jsonl"
SUFFIXES = {
    ".txt": TEXT,
    ".text": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".json": JSONL,
}
# A folder's .json files are more often metadata than articles; name them to ingest them.
FOLDER_SUFFIXES = {suffix for suffix in SUFFIXES if suffix != ".json"}
STDIN = "-"
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass
class Piece:
    name: str
    headline: str
    body: str
    byline: str = ""
    published: dt.date | None = None
    url: str = ""
    sources: list[str] = field(default_factory=list)
    external_id: str = ""
    # Annotations the input carried (an export): stored as they are, not annotated again.
    annotations: dict[str, Any] | None = None


@dataclass
class Failure:
    name: str
    reason: str


class BadInput(ValueError):
    """Input that cannot become an article; the message says why, for a newsroom reader."""


def input_files(paths: Iterable[str]) -> Iterator[tuple[str, Path | None] | Failure]:
    """Expand command-line paths: files, folders (recursively), globs, and `-` for stdin.

    Yields (display name, path) pairs, with path None for stdin, or a Failure for a path that
    matches nothing. Folders contribute only files with a known suffix, hidden files skipped.
    """
    for raw in paths:
        if raw == STDIN:
            yield (STDIN, None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and candidate.suffix.lower() in FOLDER_SUFFIXES
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            )
            if not found:
                yield Failure(raw, "the folder holds no .txt, .html or .jsonl files")
            yield from ((str(candidate), candidate) for candidate in found)
        elif path.is_file():
            yield (raw, path)
        elif matches := sorted(glob.glob(raw, recursive=True)):
            yield from input_files(matches)
        else:
            yield Failure(raw, "no such file or folder")


def pieces_from_files(
    items: Iterable[tuple[str, Path | None] | Failure],
    *,
    on_file_done: Callable[[], object] | None = None,
    refuse_whole: Callable[[str, list[Piece | Failure]], str | None] | None = None,
) -> Iterator[Piece | Failure]:
    """Every piece in the files `input_files` found, failures included, a file at a time.

    With `refuse_whole`, a file it finds fault with (given the file's name and pieces) is one
    Failure saying why, and none of its pieces goes on: a file is stored whole or not at all."""
    for item in items:
        if isinstance(item, Failure):
            yield item
        else:
            name, path = item
            try:
                data = read_input(name, path)
            except BadInput as error:
                yield Failure(name, str(error))
            else:
                pieces = list(pieces_from_bytes(name, data))
                refusal = refuse_whole(name, pieces) if refuse_whole else None
                yield from [Failure(name, refusal)] if refusal else pieces
        if on_file_done:
            on_file_done()


def read_input(name: str, path: Path | None) -> bytes:
    try:
        return sys.stdin.buffer.read() if path is None else path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read it: {error.strerror or error}") from error


def detect_format(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if head.startswith(b"{"):
        return JSONL
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p")):
        return HTML
    return TEXT


def decode(data: bytes, *, fmt: str) -> str:
    """Bytes as text, refusing empty, binary and undecodable input with a clear reason."""
    if not data.strip():
        raise BadInput("the file is empty")
    if (nul := data.find(b"\x00")) != -1:
        # Text never holds NUL, and PostgreSQL cannot store it: a file with one is refused
        # whole, wherever it is.
        if nul < 8192:
            raise BadInput("the file is binary, not text")
        raise BadInput(f"the file holds a NUL character (at byte {nul:,}), which cannot be stored")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        declared = CHARSET.search(data[:4096]) if fmt == HTML else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise BadInput(
            f"the file is not UTF-8 text (undecodable byte at position {error.start})"
        ) from error


def pieces_from_bytes(
    name: str, data: bytes, *, fmt: str | None = None, first_line: int = 1
) -> Iterator[Piece | Failure]:
    """Every piece in one input; a bad file or JSON line becomes a Failure, the rest go on.

    `first_line` numbers the lines of a part cut from a longer JSON Lines file as in that file.
    """
    fmt = fmt or detect_format(name, data)
    try:
        text = decode(data, fmt=fmt)
        if fmt == JSONL:
            yield from pieces_from_json_lines(name, text, first_line=first_line)
        elif fmt == HTML:
            yield piece_from_html(name, text)
        else:
            yield piece_from_plain_text(name, text)
    except BadInput as error:
        yield Failure(name, str(error))


def piece_from_plain_text(name: str, text: str) -> Piece:
    try:
        structure = parse_plain_text(text)
    except ValueError as error:
        raise BadInput(str(error)) from error
    return Piece(name=name, **asdict(structure))  # a plain-text piece is all structure


def piece_from_html(name: str, html: str) -> Piece:
    import trafilatura  # heavy import, only needed for HTML

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    # A dict comes back only when one is asked for (as_dict), which this call does not.
    assert not isinstance(document, dict)
    text = (document.text or "") if document is not None else ""
    if document is None or not text.strip():
        raise BadInput("no article text found in the HTML page")
    headline = (document.title or "").strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and headline and lines[0] == headline:
        lines = lines[1:]
    if not headline:
        raise BadInput("the HTML page has no title")
    # Run the page text through the plain-text rules too, for bylines and Sources lines in the body.
    structure = parse_plain_text("\n\n".join([headline, *lines]))
    published = None
    if document.date:
        try:
            published = dt.date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    return Piece(
        name=name,
        headline=headline,
        body=structure.body,
        byline=(document.author or structure.byline or "").strip(),
        published=published or structure.published,
        url=(document.url or structure.url or "").strip(),
        sources=structure.sources,
    )


def pieces_from_json_lines(
    name: str, text: str, *, first_line: int = 1
) -> Iterator[Piece | Failure]:
    """JSON Lines, one article a line; also a whole JSON document (an object or a list of them)."""
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=first_line)
        if line.strip()
    ]
    try:
        json.loads(lines[0][1])
    except json.JSONDecodeError:
        yield from pieces_from_json_document(name, text)
        return
    for number, line in lines:
        line_name = f"{name}:{number}"
        try:
            yield piece_from_record(line_name, parse_json(line))
        except BadInput as error:
            yield Failure(line_name, str(error))


def pieces_from_json_document(name: str, text: str) -> Iterator[Piece | Failure]:
    try:
        document = parse_json(text)
    except BadInput as error:
        raise BadInput(f"neither JSON Lines nor a JSON document: {error}") from error
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        record_name = f"{name}#{number}" if isinstance(document, list) else name
        try:
            yield piece_from_record(record_name, record)
        except BadInput as error:
            yield Failure(record_name, str(error))


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"malformed JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from error


def piece_from_record(name: str, record: object) -> Piece:
    if not isinstance(record, dict):
        raise BadInput("an article must be a JSON object")
    if problem := unstorable_strings(record):
        raise BadInput(f"{problem}, which cannot be stored")
    if restoring.is_annotated(record):
        return restoring.annotated_piece(name, record)
    body = record.get("body") or record.get("text") or ""
    headline = record.get("title") or record.get("headline") or ""
    if not isinstance(body, str) or not isinstance(headline, str):
        raise BadInput('"title" and "body" must be strings')
    body = "\n\n".join(part.strip() for part in re.split(r"\n\s*\n", body.strip()) if part.strip())
    if not body:
        raise BadInput('no "body" or "text"')
    sources = record.get("sources") or []
    url = str(record.get("url") or "").strip()
    if isinstance(sources, str):
        sources, found_url = split_sources(sources)
        url = url or found_url
    if not isinstance(sources, list) or not all(isinstance(item, str) for item in sources):
        raise BadInput('"sources" must be a list of names')
    if url and not URL.match(url):
        raise BadInput(f'"url" is not a web address: {url[:80]}')
    return Piece(
        name=name,
        headline=headline.strip(),
        body=body,
        byline=str(record.get("byline") or "").strip(),
        published=json_date(record.get("published")),
        url=url,
        sources=[item.strip() for item in sources if item.strip()],
        external_id=str(record.get("id") or ""),
    )


def json_date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            if date := parse_date(value):
                return date
    raise BadInput(f'"published" is not a date (YYYY-MM-DD): {str(value)[:40]}')


def pieces_for_annotation(
    name: str, data: bytes, *, plain: bool = False
) -> Iterator[Piece | Failure]:
    """Pieces as `annotate` reads them: offsets must refer to the input's own text.

    JSON Lines give `text` verbatim as the body (`id`, `published`, `title` optional); with
    `plain`, a whole file is the body verbatim; otherwise files are read as `ingest` reads them.
    """
    fmt = detect_format(name, data)
    if fmt != JSONL and not plain:
        yield from pieces_from_bytes(name, data, fmt=fmt)
        return
    try:
        text = decode(data, fmt=fmt)
    except BadInput as error:
        yield Failure(name, str(error))
        return
    if fmt != JSONL:
        yield Piece(name=name, headline="", body=text, external_id=Path(name).name)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_name = f"{name}:{number}"
        try:
            record = parse_json(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise BadInput('each line needs a "text" string')
            yield Piece(
                name=line_name,
                headline=str(record.get("title") or ""),
                body=record["text"],
                byline=str(record.get("byline") or ""),
                published=json_date(record.get("published")),
                url=str(record.get("url") or ""),
                external_id=str(record.get("id") or line_name),
            )
        except BadInput as error:
            yield Failure(line_name, str(error))
