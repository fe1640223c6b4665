"""Scale-out: clean and extract on a local Dask cluster load exactly what one process loads."""

import shutil

import pytest

from flows.cli import main
from flows.load import connect
from schemas.tables import TABLES
from conftest import DEV_SET, SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]

DEV_PAGES = 3  # with the 5 seeds, 4 batches of 2: later batches clean against earlier ones' blocks
BATCH_SIZE = "2"


def warehouse_contents(warehouse) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that name the run or its time."""
    contents = {}
    with connect(warehouse, read_only=True) as con:
        for table in TABLES:
            if table == "pipeline_runs":
                continue
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            kept = [c for c in columns if c != "run_id" and not c.endswith("_at")]
            rows = con.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
            contents[table] = sorted(rows, key=repr)
    return contents


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "pages").mkdir()
    for page in sorted(p for p in DEV_SET.glob("*.txt") if not p.name.endswith(".gold.txt"))[:DEV_PAGES]:
        shutil.copy(page, root / "pages" / page.name)
    return root


def test_two_dask_workers_load_the_same_warehouse_as_one_process(inputs, tmp_path):
    single, dask = tmp_path / "single.duckdb", tmp_path / "dask.duckdb"
    assert main(["run", str(inputs), "--warehouse", str(single), "--batch-size", BATCH_SIZE]) == 0
    assert main(["run", str(inputs), "--warehouse", str(dask), "--batch-size", BATCH_SIZE, "--workers", "2"]) == 0
    expected, got = warehouse_contents(single), warehouse_contents(dask)
    assert len(expected["articles"]) == 8 and expected["entity_mentions"]
    assert {table: len(rows) for table, rows in got.items()} == {t: len(rows) for t, rows in expected.items()}
    assert got == expected
