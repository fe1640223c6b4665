"""Two `newsfacts run` processes on one warehouse: one waits for the other, nothing is lost or corrupted."""

from __future__ import annotations


import pytest

from conftest import DEV_SET, lock_held_by_another_run
from hostile.runner import (
    SEEDS, current_api_url, exact_duplicate_rows, opens_cleanly, rows, sql_data_test_failures,
    start_run,
)
from flows.load import WarehouseBusy

pytestmark = pytest.mark.slow

RUN_TIMEOUT_SECONDS = 420
EXTRA_PAGES = 2


def dev_pages(count: int) -> list[str]:
    return [str(p) for p in sorted(DEV_SET.glob("*.txt")) if not p.name.endswith(".gold.txt")][:count]


@pytest.fixture(scope="module")
def concurrent_runs(tmp_path_factory, prefect_server):
    """Run A loads the seeds; run B, started at the same moment, the seeds and two more pages."""
    root = tmp_path_factory.mktemp("concurrent")
    warehouse = root / "warehouse.duckdb"
    api_url = current_api_url()
    processes = [
        start_run(["--warehouse", str(warehouse), str(SEEDS)], api_url, root),
        start_run(["--warehouse", str(warehouse), str(SEEDS), *dev_pages(EXTRA_PAGES)], api_url, root),
    ]
    outputs = [(*process.communicate(timeout=RUN_TIMEOUT_SECONDS), process.returncode) for process in processes]
    return root, warehouse, outputs


def test_both_runs_end_cleanly(concurrent_runs):
    _, _, outputs = concurrent_runs
    for stdout, stderr, returncode in outputs:
        assert returncode == 0, stderr[-3000:]
        assert "Traceback" not in stderr


def test_the_second_run_loads_after_the_first_and_nothing_is_lost(concurrent_runs):
    _, warehouse, _ = concurrent_runs
    articles = rows(warehouse, "SELECT source_path FROM articles")
    assert sorted(path for (path,) in articles) == sorted([*map(str, SEEDS.glob("*.txt")), *dev_pages(EXTRA_PAGES)])
    runs = rows(warehouse, "SELECT articles_new, articles_skipped FROM pipeline_runs ORDER BY started_at")
    assert len(runs) == 2
    assert sum(new for new, _ in runs) == len(articles)  # each article loaded by exactly one run
    assert sum(skipped for _, skipped in runs) == len(list(SEEDS.glob("*.txt")))  # the later run skips the seeds


def test_the_warehouse_is_never_corrupted(concurrent_runs):
    root, warehouse, _ = concurrent_runs
    assert opens_cleanly(warehouse)
    assert sql_data_test_failures(warehouse) == {}
    assert exact_duplicate_rows(warehouse) == {}
    assert not list(root.glob(".*.staging*"))


def test_a_run_that_never_gets_the_lock_fails_with_a_clear_message_and_changes_nothing(concurrent_runs):
    from flows.pipeline import load_news_articles

    root, warehouse, _ = concurrent_runs
    before = rows(warehouse, "SELECT count(*) FROM pipeline_runs")
    with lock_held_by_another_run(warehouse):
        with pytest.raises(WarehouseBusy, match="being loaded by another newsfacts run"):
            load_news_articles([str(SEEDS)], str(warehouse), lock_wait_seconds=0.2)
    assert rows(warehouse, "SELECT count(*) FROM pipeline_runs") == before
    assert not list(root.glob(".*.staging*"))
