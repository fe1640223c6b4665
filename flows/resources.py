"""Where newsfacts finds the files it ships: SQL views, the sample articles and their gold facts.

In a checkout they sit at the top of the tree (`sql/`, `seeds/`, `tests/gold/seeds/`).
A built wheel carries copies of them under `flows/_data/` (pyproject.toml's
`force-include`), so an installed `newsfacts` finds them from any directory.
Callers: `flows.load` (views), `flows.cli` (`run --sample`), `flows.evaluate.seeds`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGED = Path(__file__).resolve().parent / "_data"
CHECKOUT = Path(__file__).resolve().parent.parent

# name inside flows/_data/ -> path in a checkout (the wheel's force-include maps the same pairs)
SHIPPED = {
    "sql": "sql",
    "seeds": "seeds",
    "seed-gold": "tests/gold/seeds",
}


def shipped(name: str) -> Path:
    """The folder `name` of SHIPPED: the installed copy when there is one, else the checkout's."""
    packaged = PACKAGED / name
    return packaged if packaged.is_dir() else CHECKOUT / SHIPPED[name]


SQL_DIR = shipped("sql")
SAMPLE_ARTICLES = shipped("seeds")
SAMPLE_GOLD = shipped("seed-gold")
