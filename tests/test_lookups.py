"""The user cache of derived lookup tables: built once per key, read back after, rebuilt when broken."""

from __future__ import annotations

import pytest

from flows import lookups


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "newsfacts"


def counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_table_is_built_once_then_read_from_the_cache():
    build, calls = counting_builder(frozenset({"paris", "lyon"}))
    first = lookups.cached("places", build, packages=("pycountry",), modules=(__name__,))
    again = lookups.cached("places", build, packages=("pycountry",), modules=(__name__,))
    assert first == again == frozenset({"paris", "lyon"})
    assert len(calls) == 1


def test_another_key_builds_anew_and_replaces_the_old_file(cache_home, monkeypatch):
    build, calls = counting_builder({"a": 1})
    lookups.cached("table", build, packages=("pycountry",), modules=())
    monkeypatch.setattr(lookups, "FORMAT", lookups.FORMAT + 1)  # as a new package version or module source would
    lookups.cached("table", build, packages=("pycountry",), modules=())
    assert len(calls) == 2
    assert len(list(cache_home.glob("table-*.pickle"))) == 1


def test_the_key_follows_the_source_of_the_modules_that_build_the_table(tmp_path, monkeypatch):
    module = tmp_path / "rules_module.py"
    module.write_text("RULES = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("rules_module")
    before = lookups.cache_key("t", (), ("rules_module",))
    module.write_text("RULES = 2\n")
    assert lookups.cache_key("t", (), ("rules_module",)) != before


def test_a_broken_cache_file_is_rebuilt(cache_home):
    build, calls = counting_builder([1, 2, 3])
    lookups.cached("numbers", build, packages=(), modules=())
    for path in cache_home.glob("numbers-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert lookups.cached("numbers", build, packages=(), modules=()) == [1, 2, 3]
    assert len(calls) == 2


def test_an_unwritable_cache_still_returns_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the directory should be
    build, calls = counting_builder("value")
    assert lookups.cached("x", build, packages=(), modules=()) == "value"
    assert lookups.cached("x", build, packages=(), modules=()) == "value"
    assert len(calls) == 2
