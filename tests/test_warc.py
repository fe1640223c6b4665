"""flows.warc: HTML responses of a WARC file become (url, text) pages; damage raises after what was read."""

from __future__ import annotations

import gzip as gzip_module
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.warc import WarcReadError, read_warc_pages

FILLER = "Harbour news in long paragraphs. " * 80  # bodies of a few KB, so a cut lands inside one


def html_page(n: int) -> str:
    return f"<html><head><title>Story {n}</title></head><body><p>Café story {n}. {FILLER}</p></body></html>"


def write_warc(path: Path, gzip: bool, n_pages: int = 6) -> list[str]:
    """A WARC as a crawler writes it: requests, HTML responses, an image, a redirect and a PDF."""
    urls = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)

        def response(url: str, body: bytes, content_type: str | None, status: str = "200 OK") -> None:
            headers = [("Content-Type", content_type)] if content_type else []
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
        for n in range(n_pages):
            url = f"https://news.example.com/story/{n}"
            request = StatusAndHeaders(f"GET /story/{n} HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            response(url, html_page(n).encode("utf-8"), "text/html; charset=UTF-8")
            urls.append(url)
            if n == 1:
                response("https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
                response("https://news.example.com/old", b"", "text/html", status="301 Moved Permanently")
                response("https://news.example.com/report.pdf", b"%PDF-1.4 ...", "application/pdf")
        latin = "<html><body><p>Caf\xe9 cr\xe8me in latin-1.</p></body></html>".encode("latin-1")
        response("https://news.example.com/latin", latin, "text/html; charset=ISO-8859-1")
        sniffed = '<html><head><meta charset="windows-1252"></head><body><p>\x93Quoted\x94</p></body></html>'
        response("https://news.example.com/meta-charset", sniffed.encode("latin-1"), "text/html")
        response("https://news.example.com/no-type", b"<!DOCTYPE html><html><body><p>x</p></body></html>", None)
    return urls + [
        "https://news.example.com/latin",
        "https://news.example.com/meta-charset",
        "https://news.example.com/no-type",
    ]


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_pages_and_the_rest_is_skipped(tmp_path, name, gzip):
    path = tmp_path / name
    expected_urls = write_warc(path, gzip)
    pages = list(read_warc_pages(path))
    assert [url for url, _ in pages] == expected_urls
    texts = dict(pages)
    assert html_page(3) == texts["https://news.example.com/story/3"]
    assert "Café crème in latin-1." in texts["https://news.example.com/latin"]
    assert "\u201cQuoted\u201d" in texts["https://news.example.com/meta-charset"]


def test_http_compression_and_chunking_are_undone(tmp_path):
    path = tmp_path / "encoded.warc"
    page = html_page(7)
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")]
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        body = io.BytesIO(gzip_module.compress(page.encode("utf-8")))
        writer.write_record(writer.create_warc_record("https://news.example.com/gz", "response", payload=body, http_headers=http))
    assert list(read_warc_pages(path)) == [("https://news.example.com/gz", page)]


@pytest.mark.parametrize("name,gzip", [("cut.warc.gz", True), ("cut.warc", False)])
def test_truncated_file_yields_what_it_could_then_raises(tmp_path, name, gzip):
    whole = tmp_path / f"whole-{name}"
    write_warc(whole, gzip)
    data = whole.read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) // 2])

    pages = []
    with pytest.raises(WarcReadError) as raised:
        for page in read_warc_pages(cut):
            pages.append(page)
    assert 0 < len(pages) < 6
    assert pages == list(read_warc_pages(whole))[: len(pages)]
    assert raised.value.path == cut
    assert str(cut) in str(raised.value)
    assert "truncated" in raised.value.reason


def test_gzip_cut_inside_last_member_trailer_raises(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    n_pages = len(write_warc(whole, gzip=True))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-4])
    pages = []
    with pytest.raises(WarcReadError, match="gzip"):
        pages.extend(read_warc_pages(cut))
    assert len(pages) == n_pages


def test_garbage_raises_with_a_printable_message(tmp_path):
    path = tmp_path / "garbage.warc"
    path.write_bytes(b"\x00\xff not a warc \x01\x02" * 50)
    with pytest.raises(WarcReadError) as raised:
        list(read_warc_pages(path))
    assert str(path) in str(raised.value)
    assert str(raised.value).isprintable()


def test_missing_file_raises_warc_read_error(tmp_path):
    with pytest.raises(WarcReadError, match="cannot open"):
        list(read_warc_pages(tmp_path / "absent.warc.gz"))
