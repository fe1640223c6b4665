"""The real flow on the seeds into a temporary warehouse, under a Prefect test server."""

import pytest

from conftest import ROOT, SEEDS, lock_held_by_another_run
from flows.cli import main
from flows.load import connect

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]


def rows(warehouse, sql):
    with connect(warehouse, read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, prefect_server):
    warehouse = tmp_path_factory.mktemp("wh") / "newsfacts.duckdb"
    assert main(["run", str(SEEDS), "--warehouse", str(warehouse)]) == 0
    return warehouse


def test_every_seed_is_loaded_with_raw_and_clean_text(seeded):
    loaded = rows(seeded, "SELECT source_name, length(raw_text) > length(clean_text), run_id FROM articles ORDER BY 1")
    assert [name for name, _, _ in loaded] == sorted(path.name for path in SEEDS.glob("*.txt"))
    assert all(shorter for _, shorter, _ in loaded)
    assert rows(seeded, "SELECT status, articles_new, inputs_failed FROM pipeline_runs") == [("completed", 5, 0)]


def test_facts_are_extracted_and_every_span_points_into_clean_text(seeded):
    assert rows(seeded, "SELECT count(*) > 0 FROM money_facts")[0][0]
    bad = rows(seeded, """
        SELECT f.mention_text FROM entity_mentions f JOIN articles a USING (article_id)
        WHERE substr(a.clean_text, f.start_char + 1, f.end_char - f.start_char) <> f.mention_text""")
    assert bad == []


@pytest.mark.parametrize("data_test", sorted((ROOT / "sql" / "tests").glob("*.sql")), ids=lambda path: path.stem)
def test_sql_data_tests_find_no_offending_rows(seeded, data_test):
    assert rows(seeded, data_test.read_text()) == []


def test_the_analysis_views_answer_on_the_seeds(seeded):
    assert rows(seeded, "SELECT count(*) FROM article_facts")[0][0] == 5
    assert rows(seeded, "SELECT count(*) > 0 FROM money_by_organization WHERE amount_usd > 0")[0][0]
    assert rows(seeded, "SELECT count(*) > 0 FROM quote_book WHERE speaker IS NOT NULL")[0][0]
    dates = [row[0] for row in rows(seeded, "SELECT date_start FROM timeline")]
    assert dates and dates == sorted(dates)


def test_a_rerun_adds_nothing_and_says_so(seeded, capsys):
    before = rows(seeded, "SELECT count(*) FROM articles")[0][0]
    assert main(["run", str(SEEDS), "--warehouse", str(seeded)]) == 0
    assert "0 new, 5 already loaded, 0 failed" in capsys.readouterr().out
    assert rows(seeded, "SELECT count(*) FROM articles")[0][0] == before
    assert rows(seeded, "SELECT count(*), count(DISTINCT run_id) FROM pipeline_runs") == [(2, 2)]


def test_unreadable_files_land_in_ingest_errors_and_the_rest_loads(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inputs / "story.txt").write_text((SEEDS / "001_e3265c8724f74197.txt").read_text())
    warehouse = tmp_path / "w.duckdb"
    assert main(["run", str(inputs), "--warehouse", str(warehouse)]) == 1
    assert "FAILED" in capsys.readouterr().out
    assert rows(warehouse, "SELECT source_name FROM articles") == [("story.txt",)]
    errors = rows(warehouse, "SELECT source_path, reason FROM ingest_errors ORDER BY 1")
    assert [(path.rsplit("/", 1)[1], reason) for path, reason in errors] == [
        ("empty.txt", "empty file"), ("image.txt", "binary file (contains NUL bytes)")]
    assert rows(warehouse, "SELECT status, inputs_failed FROM pipeline_runs") == [("completed_with_errors", 2)]


def test_a_run_blocked_by_another_exits_75_with_a_clear_message(tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    with lock_held_by_another_run(warehouse):
        assert main(["run", str(SEEDS), "--warehouse", str(warehouse), "--lock-wait", "0.1"]) == 75
    assert "being loaded by another newsfacts run" in capsys.readouterr().err
    assert not warehouse.exists()


def test_an_article_in_another_language_is_loaded_without_facts_and_counted(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "de.txt").write_text((ROOT / "tests" / "fixtures" / "pages" / "de_article.txt").read_text(encoding="utf-8"))
    (inputs / "story.txt").write_text((SEEDS / "001_e3265c8724f74197.txt").read_text())
    warehouse = tmp_path / "w.duckdb"
    assert main(["run", str(inputs), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "new articles per language: de 1, en 1" in out
    assert "not extracted (no NER model for the language): de 1" in out
    loaded = rows(warehouse, "SELECT source_name, language, clean_text LIKE 'Der Stadtrat%' OR clean_text LIKE '%Der Stadtrat hat%' "
                             "FROM articles ORDER BY 1")
    assert loaded == [("de.txt", "de", True), ("story.txt", "en", False)]
    facts = rows(warehouse, "SELECT a.language, count(m.article_id) FROM articles a "
                            "LEFT JOIN entity_mentions m USING (article_id) GROUP BY 1 ORDER BY 1")
    assert facts[0] == ("de", 0) and facts[1][1] > 0
