"""run_stages: files through ingest -> clean -> extract, batch by batch, as the pipeline runs them."""

from __future__ import annotations

from datetime import date

from flows.evaluate.stages import run_stages


def test_every_file_is_named_and_its_facts_point_into_its_clean_text(tmp_path):
    paths = []
    for n, speaker in enumerate(("Mary Barra", "Tim Cook", "Lei Jun")):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"Headline {n}\n\n“We will build many more cars in the years ahead,” said {speaker}.\n",
                        encoding="utf-8")
        paths.append(path)
    docs, names, facts = run_stages(paths, date(2026, 1, 15), batch_size=2)
    assert sorted(names.values()) == ["0.txt", "1.txt", "2.txt"]
    texts = {d.article_id: d.clean_text for d in docs}
    assert sorted(q.speaker_name for q in facts.quotes) == ["Lei Jun", "Mary Barra", "Tim Cook"]
    for q in facts.quotes:
        assert texts[q.article_id][q.start_char:q.end_char] == q.quote_text
