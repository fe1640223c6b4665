"""Read the HTML pages out of a WARC file, as Common Crawl's news crawl ships them.

Called by the ingest stage (`flows.ingest.read_warc_documents`), which makes one
`RawDocument` per page and records a `WarcReadError` as an ingest error.

warcio parses the records and undoes the HTTP chunking and compression; the
hand-written parts are what it leaves to the caller: deciding which responses
are HTML pages, decoding their bytes to text, and telling a damaged file apart
from a complete one (warcio stops quietly at a truncated gzip member and
returns a short body rather than raising).
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
# How far into a body to look for a <meta charset> or an <html> start tag (the
# HTML standard's prescan reads 1024 bytes; pages with long comments put it later).
SNIFF_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
# What browsers use for an HTML page that declares no charset and is not UTF-8.
FALLBACK_ENCODING = "windows-1252"
ERROR_MESSAGE_CHARS = 160


class CheckedArchiveIterator(ArchiveIterator):
    """warcio's iterator, remembering whether the file ended inside a gzip member.

    warcio treats the end of the bytes as the end of the archive even when the
    last gzip member is cut short (lost trailer, or a few header bytes only);
    zlib knows, so its state is read just before warcio drops it.
    """

    ended_inside_gzip_member = False

    def close(self) -> bool:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.ended_inside_gzip_member = True
        return super().close()


class WarcReadError(Exception):
    """A WARC file that could not be read to its end."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def read_warc_pages(path: Path) -> Iterator[tuple[str, str]]:
    """Yield (target URL, decoded HTML) for every successful HTML response of a .warc or .warc.gz.

    Request, metadata and other records, non-HTML responses and non-2xx
    responses (redirects and error pages carry no article) are skipped. A
    truncated or corrupt file yields the pages read before the damage, then
    raises WarcReadError naming the file and the problem.
    """
    path = Path(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise WarcReadError(path, f"cannot open: {error.strerror or error}") from error
    with stream:
        records = CheckedArchiveIterator(stream)
        n_records = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                if records.ended_inside_gzip_member:
                    raise WarcReadError(path, f"truncated: the gzip stream ends early, after {n_records} records") from None
                break
            except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as error:
                raise WarcReadError(path, f"corrupt after {n_records} records: {describe(error)}") from error
            n_records += 1
            if record.format != "warc":
                # warcio reads any line of five words as an old ARC header: garbage gets that far
                raise WarcReadError(path, f"record {n_records} is not a WARC record (read as {record.format!r})")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            try:
                body = record.content_stream().read()
            except (EOFError, zlib.error, OSError, ValueError) as error:
                raise WarcReadError(path, f"record {n_records} ({url}) unreadable: {describe(error)}") from error
            if record.raw_stream.limit > 0:
                raise WarcReadError(path, f"truncated in record {n_records} ({url}): {record.raw_stream.limit} bytes missing")
            if not is_html_response(record, body):
                continue
            yield url, decode_body(body, record.http_headers.get_header("Content-Type") or "")


def describe(error: Exception) -> str:
    """The error in one short printable line: warcio quotes the bad bytes it met, binary included."""
    message = "".join(c if c.isprintable() else "?" for c in str(error))[:ERROR_MESSAGE_CHARS]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def is_html_response(record, body: bytes) -> bool:
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type:
        return content_type in HTML_MEDIA_TYPES
    identified = (record.rec_headers.get_header("WARC-Identified-Payload-Type") or "").lower()
    if identified:
        return identified in HTML_MEDIA_TYPES
    return bool(HTML_START.match(body[:SNIFF_BYTES]))


def decode_body(body: bytes, content_type: str) -> str:
    """Decode with the HTTP charset, else the page's <meta charset>, else UTF-8, else windows-1252."""
    for declared in (charset_of(content_type.encode("latin-1", "replace")), meta_charset(body)):
        encoding = known_encoding(declared)
        if encoding:
            return body.decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode(FALLBACK_ENCODING, errors="replace")


def charset_of(content_type: bytes) -> str | None:
    match = re.search(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", content_type, re.IGNORECASE)
    return match[1].decode("ascii") if match else None


def meta_charset(body: bytes) -> str | None:
    match = META_CHARSET.search(body[:SNIFF_BYTES])
    return match[1].decode("ascii") if match else None


def known_encoding(name: str | None) -> str | None:
    """Python's codec for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    # as browsers do: a page declared latin-1 is decoded as its superset windows-1252
    return FALLBACK_ENCODING if encoding in ("latin-1", "iso8859-1", "ascii") else encoding
