import pytest

from flows.frames import frame_for
from conftest import lock_held_by_another_run
from flows.load import (
    WarehouseBusy, connect, discard, known_article_ids, open_staging, publish, staging_path, warehouse_lock,
    write_tables,
)


def error_rows(*paths):
    return frame_for("ingest_errors", [{"source_path": p, "reason": "empty file", "run_id": "r"} for p in paths])


def load_run(warehouse, run_id, *paths):
    con, staging = open_staging(warehouse, run_id)
    write_tables(con, {"ingest_errors": error_rows(*paths)})
    publish(con, staging, warehouse)


def count_errors(warehouse):
    with connect(warehouse, read_only=True) as con:
        return con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]


def test_runs_publish_atomically_in_a_format_duckdb_1_4_reads(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    load_run(warehouse, "r1", "a")
    load_run(warehouse, "r2", "b", "c")
    assert count_errors(warehouse) == 3
    assert not staging_path(warehouse, "r2").exists()
    with connect(warehouse, read_only=True) as con:
        tags = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'w'").fetchone()[0]
        comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'ingest_errors' AND column_name = 'reason'").fetchone()[0]
    assert tags["storage_version"].startswith("v1.4")
    assert comment == "What was wrong with it"


def test_a_reader_keeps_its_snapshot_until_it_reconnects(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    load_run(warehouse, "r1", "a")
    reader = connect(warehouse, read_only=True)
    load_run(warehouse, "r2", "b")
    assert reader.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 1
    reader.close()
    assert count_errors(warehouse) == 2


def test_a_failed_run_leaves_the_previous_state(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    load_run(warehouse, "r1", "a")
    con, staging = open_staging(warehouse, "r2")
    write_tables(con, {"ingest_errors": error_rows("b")})
    with pytest.raises(ValueError, match="non-nullable"):
        write_tables(con, {"ingest_errors": error_rows("c").assign(reason=None)})
    con.close()
    discard(staging)
    assert count_errors(warehouse) == 1
    assert not staging.exists()


def test_a_second_writer_waits_then_fails_with_a_clear_message(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with lock_held_by_another_run(warehouse):
        with pytest.raises(WarehouseBusy, match="being loaded by another newsfacts run"):
            with warehouse_lock(warehouse, wait_seconds=0.2):
                pass
    with warehouse_lock(warehouse, wait_seconds=0):
        pass


def test_known_articles_come_from_the_published_warehouse(tmp_path):
    con, _ = open_staging(tmp_path / "w.duckdb", "r1")
    assert known_article_ids(con) == set()


def test_an_entity_loaded_again_under_a_fuller_name_takes_it(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    for run_id, names in (("r1", ["Xiaomi"]), ("r2", ["Xiaomi Corporation"]), ("r3", ["Xiaomi"])):
        con, staging = open_staging(warehouse, run_id)
        rows = [{"entity_id": "e1", "name": name, "entity_type": "ORG"} for name in names]
        write_tables(con, {"entities": frame_for("entities", rows)})
        publish(con, staging, warehouse)
    with connect(warehouse, read_only=True) as con:
        assert con.execute("SELECT entity_id, name FROM entities").fetchall() == [("e1", "Xiaomi Corporation")]
