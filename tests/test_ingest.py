import os

import pytest

from flows.ingest import IngestFailure, article_id_for, decode_text, discover_inputs, ingest_paths


def test_utf8_text_is_read_as_is():
    assert decode_text("Xiaomi’s €2.3bn".encode()) == "Xiaomi’s €2.3bn"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_byte_order_mark_decides_the_encoding(encoding):
    assert decode_text("Café society, naïve reporting.".encode(encoding)) == "Café society, naïve reporting."


def test_legacy_encodings_fall_back_to_a_guess():
    text = "The café’s owner said prices rose – again – in “Zürich”. " * 5
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b" \n\t\n", "only white space"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_unreadable_bytes_say_why(data, reason):
    with pytest.raises(IngestFailure, match=reason):
        decode_text(data)


def test_random_bytes_are_rejected_as_binary():
    with pytest.raises(IngestFailure, match="binary|undecodable"):
        decode_text(os.urandom(4096).replace(b"\x00", b"\x01"))


def test_discovery_recurses_skips_hidden_files_and_survives_symlink_loops(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "story.txt").write_text("text")
    (tmp_path / ".hidden.txt").write_text("text")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    files, errors = discover_inputs([tmp_path, tmp_path / "missing.txt"])
    assert files == [tmp_path / "a" / "b" / "story.txt"]
    assert [(e.source_path, e.reason) for e in errors] == [(str(tmp_path / "missing.txt"), "no such file or directory")]


def test_ingest_keeps_raw_text_skips_known_articles_and_reports_bad_files(tmp_path):
    (tmp_path / "one.txt").write_text("First story.\n\nBody.")
    (tmp_path / "copy.txt").write_text("First story.\n\nBody.")
    (tmp_path / "empty.txt").write_bytes(b"")
    known = {article_id_for("already here")}
    (tmp_path / "old.txt").write_text("already here")
    result, skipped = ingest_paths(sorted(tmp_path.iterdir()), known)
    assert [d.source_name for d in result.documents] == ["copy.txt"]
    assert result.documents[0].raw_text == "First story.\n\nBody."
    assert result.documents[0].article_id == article_id_for("First story.\n\nBody.")
    assert skipped == 2  # one.txt repeats copy.txt's text, old.txt was loaded before
    assert [(os.path.basename(e.source_path), e.reason) for e in result.errors] == [("empty.txt", "empty file")]


def test_html_files_are_marked_for_the_html_cleaner(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hello</p></body></html>")
    result, _ = ingest_paths([page], set())
    assert result.documents[0].input_format == "html"
