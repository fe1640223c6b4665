"""The defaults a user can change without a flag, read from the environment once.

Every path is a command-line option too; these are only the defaults behind the
options. `NEWSFACTS_WAREHOUSE` names the DuckDB file; without it the warehouse is
`newsfacts.duckdb` in the user's data directory (`~/.local/share/newsfacts/` on
Linux, as platformdirs defines it per platform), so an installed `newsfacts` run
from any directory writes, and `eval`/`export` read, the same file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "newsfacts"


@dataclass(frozen=True)
class Settings:
    warehouse: Path

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        warehouse = environ.get("NEWSFACTS_WAREHOUSE")
        default = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / f"{APP_NAME}.duckdb"
        return cls(warehouse=Path(warehouse).expanduser() if warehouse else default)
