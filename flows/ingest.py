"""Ingest stage: find input files and read them into `RawDocument`s.

Called by the pipeline's ingest task, one batch of paths at a time. Plain text
is decoded as UTF-8 (a BOM decides UTF-16/32), then by charset-normalizer's
guess; .html/.htm files are kept as HTML for the clean stage; every HTML
response in a .warc/.warc.gz file becomes one document with its URL as source.
An input that cannot be read becomes an `IngestError` naming the file and the
problem; the other inputs go on.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from charset_normalizer import from_bytes

from flows.records import RawDocument
from flows.warc import WarcReadError, read_warc_pages

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
# A news article is well under a megabyte of text; 10 MB leaves room for bloated
# HTML while keeping one hostile file from holding the whole batch in memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024
MAX_WARC_BYTES = 2 * 1024 * 1024 * 1024
# Page text, not HTML: the longest page text of the l3s-gn1 dev set is 122 k characters;
# 4x that leaves room for long reads, and spaCy refuses texts over 1 M characters.
MAX_TEXT_CHARS = 500_000
FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text may hold tabs, newlines and form feeds; more other control characters than
# this share means the bytes are not text (tuned by eye on PNG, ZIP and random bytes).
MAX_CONTROL_CHAR_SHARE = 0.01


class IngestFailure(Exception):
    """An input that cannot be read as an article; the message says why."""


@dataclass(frozen=True)
class IngestError:
    source_path: str
    reason: str


@dataclass
class IngestResult:
    documents: list[RawDocument] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def discover_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[IngestError]]:
    """Every file under the given files and directories, sorted; hidden files are skipped.

    Symlinked directories are not followed, so a symlink loop cannot trap the walk.
    """
    found: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_dir():
            found += sorted(walk_files(path, errors))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            errors.append(IngestError(str(path), "no such file or directory"))
    return found, errors


def walk_files(directory: Path, errors: list[IngestError]) -> Iterator[Path]:
    def report(error: OSError) -> None:
        errors.append(IngestError(str(error.filename), f"cannot list directory: {error.strerror}"))

    for root, dirs, files in os.walk(directory, onerror=report):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        yield from (Path(root) / name for name in files if not name.startswith("."))


def article_id_for(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8", "surrogatepass")).hexdigest()


def decode_text(data: bytes) -> str:
    """Decode bytes that should be text, or raise IngestFailure saying why they are not."""
    if not data.strip():
        raise IngestFailure("empty file" if not data else "file holds only white space")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise IngestFailure(f"invalid {encoding} text after its byte-order mark: {error.reason}") from error
    if b"\x00" in data:
        raise IngestFailure("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        guess = from_bytes(data).best()
        if guess is None:
            raise IngestFailure("undecodable: not UTF-8 and no other text encoding fits") from None
        text = str(guess)
    if control_char_share(text) > MAX_CONTROL_CHAR_SHARE:
        raise IngestFailure("binary file (too many control characters for text)")
    return text


def control_char_share(text: str) -> float:
    sample = text[:100_000]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f\v")
    return controls / len(sample)


def input_format_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return "html" if name.endswith(HTML_SUFFIXES) else "text"


def check_regular_file(path: Path, limit: int) -> None:
    """Raise IngestFailure unless the path is a regular file within the size limit.

    Reading a named pipe or a device would block or never end, so only regular
    files are read (a dangling or looping symlink fails here too).
    """
    try:
        info = path.stat()
    except OSError as error:
        raise IngestFailure(f"cannot read file: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for is_kind, name in FILE_KINDS if is_kind(info.st_mode)), "not a file")
        raise IngestFailure(f"not a regular file: {kind}")
    if info.st_size > limit:
        raise IngestFailure(f"file is {info.st_size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for one input")


def read_bytes(path: Path, limit: int) -> bytes:
    check_regular_file(path, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # a file growing since the check is still cut at the limit
    except OSError as error:
        raise IngestFailure(f"cannot read file: {error.strerror or error}") from None
    if len(data) > limit:
        raise IngestFailure(f"file grew over the {limit / 1e6:.0f} MB limit for one input while being read")
    return data


def url_host(url: str) -> str:
    return urlsplit(url).hostname or url


def read_file_documents(path: Path) -> list[RawDocument]:
    """The documents in one text or HTML file."""
    raw_text = decode_text(read_bytes(path, MAX_INPUT_BYTES))
    input_format = input_format_of(path)
    if input_format == "text" and len(raw_text) > MAX_TEXT_CHARS:
        raise IngestFailure(
            f"text of {len(raw_text) / 1e6:.1f} M characters, over the {MAX_TEXT_CHARS / 1e6:.1f} M one page may hold"
        )
    return [
        RawDocument(
            article_id=article_id_for(raw_text),
            source_name=path.name,
            source_path=str(path),
            raw_text=raw_text,
            input_format=input_format,
            source_key=path.parent.name,
        )
    ]


def read_warc_documents(path: Path, errors: list[IngestError]) -> list[RawDocument]:
    """One document per HTML response; a damaged file keeps the records read before the damage."""
    check_regular_file(path, MAX_WARC_BYTES)
    documents = []
    try:
        for url, html in read_warc_pages(path):
            documents.append(
                RawDocument(article_id_for(html), url, str(path), html, "html", source_url=url, source_key=url_host(url))
            )
    except WarcReadError as error:
        errors.append(IngestError(str(path), str(error)))
    return documents


def ingest_paths(paths: Sequence[Path], known_ids: set[str]) -> tuple[IngestResult, int]:
    """Read a batch of input files; returns new documents, errors and how many were already known.

    `known_ids` (articles already in the warehouse or earlier in this run) is
    updated, so the same text met twice in a run is loaded once.
    """
    result = IngestResult()
    already_loaded = 0
    for path in paths:
        try:
            if input_format_of(path) == "warc":
                documents = read_warc_documents(path, result.errors)
            else:
                documents = read_file_documents(path)
        except IngestFailure as failure:
            result.errors.append(IngestError(str(path), str(failure)))
            continue
        except Exception as error:  # noqa: BLE001 - one unreadable input must not stop the others
            result.errors.append(IngestError(str(path), f"cannot read file: {type(error).__name__}: {error}"))
            continue
        for document in documents:
            if document.article_id in known_ids:
                already_loaded += 1
                continue
            known_ids.add(document.article_id)
            result.documents.append(document)
    return result, already_loaded
