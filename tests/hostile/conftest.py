"""Hostile inputs, built at test time in a temporary directory.

Each input comes with what must happen to it: `loaded` (an article row whose
raw text is exactly the intended text) or an `ingest_errors` row whose reason
matches a pattern. Running as root, `chmod 000` does not stop reads, so the
unreadable inputs are ones no user can read: a named pipe (reading it would
block forever), a dangling symlink and a symlink pointing at itself.
"""

from __future__ import annotations

import gzip
import os
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

SQL_INJECTION = "'); DROP TABLE articles; --"
HOSTILE_NAMES = (
    "it's \"quoted\".txt",
    "two  spaces and a tab\t.txt",
    "$(touch PWNED); `touch PWNED` | rm -rf ~ & echo *.txt",
    "Zürich café 新闻 Ελλάδα.txt",
    SQL_INJECTION + ".txt",
)
LEADING_DASH_NAME = "-rf --warehouse.txt"  # passed on the command line after `--`
WARC_PAGES = 3
INPUTS = "inputs"


@dataclass(frozen=True)
class Expected:
    path: str  # relative to the directory the run starts in
    outcome: str  # "loaded" | "error" | "ignored"
    text: str | None = None  # for loaded inputs: the raw text the article must hold
    reason: str | None = None  # for errors: regular expression the reason must match


def article_text(topic: str) -> str:
    """A short news story, distinct per topic, with money, dates, percentages, a quote and names."""
    return "\n\n".join([
        f"Acme Holdings agrees to buy Beta Systems ({topic})",
        "By Jane Doe, Business Reporter",
        f"LONDON, March 3, 2021 - Acme Holdings said on Tuesday it would buy Beta Systems for $1.2 billion, "
        f"a deal about {topic} that values the software maker at 14% more than its closing price.",
        "\"This is the right moment for both companies,\" said John Smith, the chief executive of Acme Holdings, "
        "in a statement. He added that 250 jobs would move to Manchester by the end of 2022.",
        f"Analysts at Northbridge Capital said the price of EUR 900 million for the software unit was fair. "
        f"Revenue rose 7.5% to £310 million in the fourth quarter, the company said. Note: {topic}.",
        "Shares of Beta Systems rose 9% in early trading in New York on Wednesday, while Acme fell 2%.",
    ]) + "\n"


def png_bytes() -> bytes:
    """A valid 8x8 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = b"".join(b"\x00" + bytes(range(0, 256, 32)) for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


def nested_html(depth: int) -> str:
    body = "<p>Deeply nested: Acme Holdings said revenue rose 5% to $40 million in 2020.</p>"
    return "<html><head><title>Nested</title></head><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"


# Misnested and unclosed tags, stray end tags, bogus entities, a script with a stray
# end tag, an unclosed table; an unclosed comment last, as it swallows the rest.
def big_text_html(characters: int) -> str:
    """One paragraph of more visible text than spaCy takes in one call (1 M characters)."""
    story = " ".join(article_text("a very long page").split())
    body = (story + " ") * (characters // (len(story) + 1) + 1)
    return f"<html><head><title>Long page</title></head><body><article><p>{body}</p></article></body></html>"


MALFORMED_HTML = (
    "<html><head><title>Beta Systems cuts jobs</title><body><div class=story><h1>Beta Systems cuts jobs</h2>"
    "<p>Beta Systems said on Monday it would cut 120 jobs <b>in <i>Leeds</b></i> and Bradford by the end of "
    "the year, as orders from carmakers fell for a third quarter.</div></span></td>"
    "<p>The company lost $3 million in 2020, its chief executive Mary Major said on a call with analysts, "
    "and expects to return to profit in 2022 &amp; to hire again &bogus; &#xD800; &#0; once demand recovers."
    "<script>var s = '</script>'; if (a < b) {}</script><table><tr><td>A cell<tr><p>Shares fell 4% in London "
    "on Monday afternoon, extending their losses this year to 23%, traders said."
    "<!-- an unclosed comment <p>hidden"
)


def warc_response(url: str, html: str) -> bytes:
    payload = html.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + str(len(payload)).encode() + b"\r\n\r\n" + payload)
    header = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2021-03-03T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{random.Random(url).getrandbits(128):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    # One gzip member per record, as crawlers write them.
    return gzip.compress(header + http + b"\r\n\r\n")


def truncated_warc() -> bytes:
    """WARC_PAGES HTML responses, cut in the middle of the last record's gzip member."""
    records = [
        warc_response(f"https://news.example.com/story-{k}", "<html><head><title>Story</title></head><body><article>"
                      + "".join(f"<p>{line}</p>" for line in article_text(f"warc page {k}").split("\n\n")) + "</article></body></html>")
        for k in range(WARC_PAGES)
    ]
    whole = b"".join(records)
    return whole[: len(whole) - len(records[-1]) // 2]


def write_inputs(root: Path) -> list[Expected]:
    """Create every hostile input under root/inputs (the leading-dash file in root); returns what must happen to each."""
    rng = random.Random(20261121)
    expected: list[Expected] = []
    directory = root / INPUTS

    def add(name: str, data: bytes, outcome: str, text: str | None = None, reason: str | None = None) -> None:
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(data)
        expected.append(Expected(f"{INPUTS}/{name}", outcome, text, reason))

    directory.mkdir(parents=True, exist_ok=True)
    add("empty.txt", b"", "error", reason="^empty file$")
    add("image.png", png_bytes(), "error", reason="^binary file")
    add("random.bin", rng.randbytes(64 * 1024), "error", reason="^binary file|^undecodable")
    for name, encoding, extra in (
        ("utf16.txt", "utf-16", "Zürich – “quoted” 新闻 ±€"),
        ("latin1.txt", "latin-1", "Zürich café, señor, £5 and 20°C, ½ price"),
        ("cp1252.txt", "cp1252", "“Curly quotes” – en dash — em dash, €5 … ‘single’"),
    ):
        text = article_text(f"{encoding} {extra}")
        add(name, text.encode(encoding), "loaded", text=text)
    paragraph = article_text("fifty megabytes").encode()
    add("huge.txt", paragraph * (50 * 1024 * 1024 // len(paragraph) + 1), "error", reason=r"^file is 5\d\.\d MB, over the")
    add("single_line.txt", " ".join(rng.choice(("revenue", "rose", "5%", "Acme", "said", "$3")) for _ in range(420_000)).encode(),
        "error", reason=r"^text of 2\.\d M characters, over the")
    add("nested.html", nested_html(10_000).encode(), "loaded", text=nested_html(10_000))
    page = big_text_html(1_050_000)
    add("big_text.html", page.encode(), "loaded", text=page)
    add("malformed.html", MALFORMED_HTML.encode(), "loaded", text=MALFORMED_HTML)
    add("truncated.warc.gz", truncated_warc(), "error", reason=".")
    for name in HOSTILE_NAMES:
        text = article_text(f"file {name} {SQL_INJECTION}")
        add(f"names/{name}", text.encode(), "loaded", text=text)

    loop = directory / "loop"
    loop.mkdir()
    (loop / "again").symlink_to("..", target_is_directory=True)  # a walk that followed it would never end
    expected.append(Expected(f"{INPUTS}/loop/again", "ignored"))
    (loop / "self.txt").symlink_to("self.txt")
    expected.append(Expected(f"{INPUTS}/loop/self.txt", "error", reason="^cannot read file: Too many levels of symbolic links"))
    (directory / "dangling.txt").symlink_to("no-such-target.txt")
    expected.append(Expected(f"{INPUTS}/dangling.txt", "error", reason="^cannot read file: No such file or directory"))
    os.mkfifo(directory / "pipe.txt")
    expected.append(Expected(f"{INPUTS}/pipe.txt", "error", reason="^not a regular file: a named pipe$"))
    text = article_text("leading dash")
    (root / LEADING_DASH_NAME).write_text(text)
    expected.append(Expected(LEADING_DASH_NAME, "loaded", text=text))
    return expected


@pytest.fixture(scope="module")
def hostile_inputs(tmp_path_factory) -> tuple[Path, list[Expected]]:
    """The directory the run starts in, and what must happen to each input in it."""
    root = tmp_path_factory.mktemp("hostile")
    return root, write_inputs(root)
