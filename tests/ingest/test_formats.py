import datetime as dt
import io
import json

import pytest

from articles.ingest.formats import (
    Failure,
    Piece,
    detect_format,
    input_files,
    pieces_from_bytes,
    pieces_from_files,
)

HTML_PAGE = """<!doctype html><html><head><title>Border crossing reopens at Torkham</title>
<meta name="author" content="Sana Malik">
<meta property="article:published_time" content="2020-06-12">
<link rel="canonical" href="https://news.example.org/torkham"></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Border crossing reopens at Torkham</h1>
<p>Trucks loaded with fruit crossed from Pakistan into Afghanistan on Friday after the Torkham
crossing reopened for trade, officials in Peshawar said.</p>
<p>Traders had waited for weeks while the crossing stayed closed, and many said their produce
had spoiled in the summer heat before it could reach markets in Kabul.</p>
</article><footer>Comments are closed. Copyright 2020 Example News</footer></body></html>"""


def only(pieces):
    (piece,) = list(pieces)
    return piece


def test_plain_text_piece():
    piece = only(pieces_from_bytes("a.txt", b"Headline here\n\nBy Jo Bloggs\n\nBody text.\n"))
    assert isinstance(piece, Piece)
    assert (piece.headline, piece.byline, piece.body) == (
        "Headline here",
        "Jo Bloggs",
        "Body text.",
    )


def test_html_page_main_text_and_metadata():
    piece = only(pieces_from_bytes("page.html", HTML_PAGE.encode()))
    assert isinstance(piece, Piece), piece
    assert piece.headline == "Border crossing reopens at Torkham"
    assert piece.byline == "Sana Malik"
    assert piece.published == dt.date(2020, 6, 12)
    assert piece.url == "https://news.example.org/torkham"
    assert piece.body.startswith("Trucks loaded with fruit")
    assert "Comments are closed" not in piece.body
    assert "Home | World" not in piece.body
    assert "Border crossing reopens" not in piece.body  # the title is not repeated in the body


def test_json_lines_each_line_is_a_piece_and_bad_lines_fail_alone():
    lines = [
        json.dumps(
            {
                "title": "One",
                "body": "First body.",
                "byline": "A",
                "published": "2020-06-01",
                "url": "https://example.org/1",
                "sources": ["Reuters", "AP"],
            }
        ),
        "{not json",
        json.dumps({"title": "Two", "text": "Second body."}),
        json.dumps({"title": "Three"}),
        json.dumps({"title": "Four", "body": "x", "published": "last Tuesday"}),
    ]
    first, malformed, second, bodiless, undated = pieces_from_bytes(
        "feed.jsonl", "\n".join(lines).encode()
    )
    assert isinstance(first, Piece)
    assert isinstance(malformed, Failure)
    assert isinstance(second, Piece)
    assert isinstance(bodiless, Failure)
    assert isinstance(undated, Failure)
    assert first.published == dt.date(2020, 6, 1)
    assert first.sources == ["Reuters", "AP"]
    assert first.url == "https://example.org/1"
    assert malformed.name == "feed.jsonl:2"
    assert "malformed JSON" in malformed.reason
    assert second.body == "Second body."
    assert bodiless.reason == 'no "body" or "text"'
    assert "published" in undated.reason


def test_a_json_document_holding_a_list_of_articles():
    data = json.dumps([{"title": "A", "body": "a"}, {"title": "B", "body": "b"}], indent=2)
    pieces = list(pieces_from_bytes("two.json", data.encode()))
    assert [p.headline if isinstance(p, Piece) else p for p in pieces] == ["A", "B"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is binary, not text"),
        ("Caf\u00e9 news\n\nLe caf\u00e9 est ouvert.".encode("latin-1"), "not UTF-8"),
        (b"Just a headline", "no body text"),
    ],
)
def test_bad_files_are_failures_with_a_reason(data, reason):
    failure = only(pieces_from_bytes("bad.txt", data))
    assert isinstance(failure, Failure)
    assert failure.name == "bad.txt"
    assert reason in failure.reason


def test_html_in_a_declared_charset_is_decoded():
    page = HTML_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace(
        "Sana Malik", "Zoë Malik"
    )
    piece = only(pieces_from_bytes("page.htm", page.encode("latin-1")))
    assert piece.byline == "Zoë Malik"


def test_format_is_sniffed_when_the_name_says_nothing():
    assert detect_format("-", b'{"title": "x"}') == "jsonl"
    assert detect_format("-", b"<!DOCTYPE html><html>") == "html"
    assert detect_format("-", b"Headline\n\nBody") == "text"
    assert detect_format("notes.TXT", b"{") == "text"


def test_input_files_walks_folders_globs_and_reports_missing(tmp_path, write_file):
    write_file("batch/a.txt", "A\n\nbody")
    write_file("batch/deeper/b.html", HTML_PAGE)
    write_file("batch/deeper/c.jsonl", "{}")
    write_file("batch/README.md", "not an article")
    write_file("batch/meta.json", "{}")
    write_file("batch/.hidden/d.txt", "D\n\nbody")
    found = input_files([str(tmp_path / "batch")])
    names = [item if isinstance(item, Failure) else item[0].rsplit("/", 1)[-1] for item in found]
    assert names == ["a.txt", "b.html", "c.jsonl"]

    globbed = input_files([str(tmp_path / "batch" / "**" / "*.html")])
    names = [item if isinstance(item, Failure) else item[0].rsplit("/", 1)[-1] for item in globbed]
    assert names == ["b.html"]

    (missing,) = input_files([str(tmp_path / "nope.txt")])
    assert missing == Failure(str(tmp_path / "nope.txt"), "no such file or folder")


def test_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"From stdin\n\nBody.")))
    (piece,) = pieces_from_files(input_files(["-"]))
    assert isinstance(piece, Piece)
    assert (piece.name, piece.headline) == ("-", "From stdin")
