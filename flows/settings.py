"""The defaults a user can change without a flag, read from the environment once.

Every path is a command-line option too; these are only the defaults behind the
options. Both live in the user's data directory (`$XDG_DATA_HOME/newsfacts/`,
else `~/.local/share/newsfacts/` on Linux, as platformdirs defines it per
platform), so an installed `newsfacts` run from any directory writes, and
`eval`/`export` read, the same files:
- `NEWSFACTS_WAREHOUSE`: the DuckDB file (default `newsfacts.duckdb` there);
- `PREFECT_HOME`: where the shared Prefect server keeps its database and state
  (default `prefect/` there; not Prefect's own ~/.prefect, whose SQLite file a
  server the user runs would lock).
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
    prefect_home: Path

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        data = Path(environ["XDG_DATA_HOME"]) / APP_NAME if environ.get("XDG_DATA_HOME") else Path(
            platformdirs.user_data_dir(APP_NAME, appauthor=False))
        return cls(
            warehouse=_path(environ.get("NEWSFACTS_WAREHOUSE")) or data / f"{APP_NAME}.duckdb",
            prefect_home=_path(environ.get("PREFECT_HOME")) or data / "prefect",
        )


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None
