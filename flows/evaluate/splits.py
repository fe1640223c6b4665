"""The one rule that splits every development set into a tuning part and a report part.

Every development set (the cleaning corpora in tests/corpora/, the fact gold in
tests/gold/dev/, PolNeAR train) is split by this rule, fixed once: an item
whose id (the page or article file stem) has an odd sha256 is in the report
part. Rules and thresholds are tuned on the tuning part only; every figure the
project states comes from the report part or from a corpus it was not trained
on. Callers: the evaluation commands, the benchmarks and the quality tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

TUNE = "tune"
REPORT = "report"
PARTS = (TUNE, REPORT)


def part_of(item_id: str) -> str:
    """`REPORT` for ids whose sha256 is odd, else `TUNE`."""
    return REPORT if int(hashlib.sha256(item_id.encode("utf-8")).hexdigest(), 16) % 2 == 1 else TUNE


def in_part(item_ids: Iterable[str], part: str | None) -> list[str]:
    """The ids of `part` in sorted order; every id when `part` is None (the whole set)."""
    if part is not None and part not in PARTS:
        raise ValueError(f"unknown part {part!r}: expected one of {', '.join(PARTS)}")
    return sorted(i for i in item_ids if part is None or part_of(i) == part)
