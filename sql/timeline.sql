-- timeline: dated events in order: one row per date mention with the sentence
-- that states what happened then.
-- Grain: (article_id, start_char).
CREATE OR REPLACE VIEW timeline AS
SELECT
    d.date_start,
    d.date_end,
    d.granularity,
    d.mention_text,
    sentence_of(a.clean_text, d.start_char, d.end_char) AS sentence,
    a.title AS article_title,
    a.source_name,
    a.published_date,
    d.article_id,
    d.start_char
FROM date_facts AS d
JOIN articles AS a USING (article_id)
ORDER BY d.date_start, d.date_end, a.source_name, d.start_char;
