"""Read Word documents (.docx) into pieces through python-docx.

A document's paragraphs become plain text laid out as `formats.piece_from_plain_text` expects
(the headline first, paragraphs separated by blank lines), so the plain-text rules find the byline,
dateline and Sources line in a Word document exactly as in a .txt file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from articles.ingest.formats import BadInput, Failure, Piece, piece_from_plain_text


def text_from_docx(data: bytes) -> str:
    import docx  # only needed for Word documents
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    # A damaged package fails in the zip layer, the package layer or lxml (a SyntaxError).
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        raise BadInput("not a readable Word document (.docx)") from error
    paragraphs = [" ".join(paragraph.text.split()) for paragraph in document.paragraphs]
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if not text:
        raise BadInput("the Word document holds no text")
    return text


def pieces_from_docx(name: str, data: bytes) -> Iterator[Piece | Failure]:
    try:
        yield piece_from_plain_text(name, text_from_docx(data))
    except BadInput as error:
        yield Failure(name, str(error))
