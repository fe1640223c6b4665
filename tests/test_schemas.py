import subprocess
import sys

import duckdb

from conftest import ROOT
from schemas.ddl import warehouse_ddl
from schemas.docs import with_reference
from schemas.tables import TABLES


def test_readme_schema_reference_is_generated_from_the_models():
    readme = (ROOT / "README.md").read_text()
    assert with_reference(readme) == readme, "run `uv run python -m schemas.docs` to refresh the README"


def test_every_column_has_a_description_and_lands_as_a_comment():
    con = duckdb.connect()
    for statement in warehouse_ddl():
        con.execute(statement)
    comments = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() WHERE NOT internal").fetchall()
    assert {table for table, _, _ in comments} == set(TABLES)
    assert all(comment for _, _, comment in comments)


def test_building_the_schemas_does_not_import_dask_dataframe_which_still_imports_after():
    code = ("import sys; from schemas.ddl import warehouse_ddl; warehouse_ddl(); "
            "assert 'dask.dataframe' not in sys.modules, 'pandera imported dask.dataframe'; "
            "import dask.dataframe")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
