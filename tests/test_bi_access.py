"""What BI tools and old clients see: read-only access during runs, DuckDB 1.x, SQLAlchemy, Parquet."""

import os
import shutil
import subprocess
import sys
import textwrap

import pyarrow.parquet as pq
import pytest
import sqlalchemy

from conftest import SEEDS
from flows.cli import main
from flows.load import SQL_FILES, connect

VIEWS = [name for name in SQL_FILES if name != "sentence_bounds"]
OLD_DUCKDB_CLIENTS = ("1.4.4", "1.5.6")

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, prefect_server):
    path = tmp_path_factory.mktemp("bi") / "newsfacts.duckdb"
    assert main(["run", str(SEEDS / "000_b6009c4cd40f569b.txt"), "--warehouse", str(path)]) == 0
    return path


READER = textwrap.dedent("""
    import sys, duckdb
    path = sys.argv[1]
    con = duckdb.connect(path, read_only=True)
    count = lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(count(con), flush=True)
    sys.stdin.readline()                      # the test loads a run meanwhile
    print(count(con), flush=True)             # same connection: the snapshot it opened
    con.close()
    print(count(duckdb.connect(path, read_only=True)), flush=True)   # reconnected: the new run
""")


def test_a_reader_process_neither_blocks_a_run_nor_sees_it_until_it_reconnects(warehouse):
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        before = int(reader.stdout.readline())
        assert main(["run", str(SEEDS), "--warehouse", str(warehouse)]) == 0
        out, _ = reader.communicate("go\n", timeout=60)
    finally:
        reader.kill()
    assert before == 1
    assert [int(line) for line in out.split()] == [1, 5]


@pytest.fixture(scope="module", params=OLD_DUCKDB_CLIENTS)
def old_duckdb_python(request, tmp_path_factory):
    """A virtual environment with an old DuckDB release, as BI tools' bundled drivers lag behind."""
    uv = os.environ.get("UV") or shutil.which("uv")
    uv_command = [uv] if uv else [sys.executable, "-m", "uv"]
    venv = tmp_path_factory.mktemp(f"duckdb-{request.param}")
    subprocess.run(uv_command + ["venv", "--quiet", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(uv_command + ["pip", "install", "--quiet", "--python", str(python), f"duckdb=={request.param}"],
                   check=True)
    return request.param, python


def test_duckdb_1x_clients_open_the_warehouse_and_its_views(warehouse, old_duckdb_python):
    version, python = old_duckdb_python
    script = textwrap.dedent("""
        import sys, duckdb
        con = duckdb.connect(sys.argv[1], read_only=True)
        print(duckdb.__version__)
        for name in sys.argv[2:]:
            print(name, con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
    """)
    out = subprocess.run([str(python), "-c", script, str(warehouse), "articles", *VIEWS],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == version
    assert out[1] == "articles 5"
    assert [line.split()[0] for line in out[2:] if line] == VIEWS


def test_sqlalchemy_duckdb_engine_lists_and_queries_the_views_read_only(warehouse):
    engine = sqlalchemy.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
    with engine.connect() as con:
        views = sqlalchemy.inspect(con).get_view_names()
        assert set(VIEWS) <= set(views)
        assert con.execute(sqlalchemy.text("SELECT count(*) FROM article_facts")).scalar() == 5
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="read-only"):
            con.execute(sqlalchemy.text("DELETE FROM articles"))
    engine.dispose()


def test_export_writes_every_table_and_view_as_parquet(warehouse, tmp_path):
    assert main(["export", "--parquet", str(tmp_path), "--warehouse", str(warehouse)]) == 0
    names = {path.stem for path in tmp_path.glob("*.parquet")}
    assert {"articles", "money_facts", "rejected_rows", *VIEWS} <= names
    with connect(warehouse, read_only=True) as con:
        assert pq.read_table(tmp_path / "articles.parquet").num_rows == con.execute(
            "SELECT count(*) FROM articles").fetchone()[0]
