"""Export every warehouse table and view as Parquet, for tools that read files rather than DuckDB.

Called by `newsfacts export --parquet DIR`. Reads a read-only connection, so it
can run while a flow loads; paths go through DuckDB's API, never into SQL text.
"""

from __future__ import annotations

from pathlib import Path

from flows.load import connect


def relation_names(con) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' ORDER BY 1"
    ).fetchall()]


def export_parquet(warehouse: Path, directory: Path) -> list[Path]:
    """Write <directory>/<table or view>.parquet for every table and view; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with connect(warehouse, read_only=True) as con:
        for name in relation_names(con):
            path = directory / f"{name}.parquet"
            con.table(name).write_parquet(str(path))
            written.append(path)
    return written
