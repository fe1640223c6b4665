-- quote_book: who said what, where: one row per quotation with its speaker,
-- the speaker's titles in that article, and the source.
-- Grain: (article_id, start_char).
CREATE OR REPLACE VIEW quote_book AS
WITH titles AS (
    SELECT r.article_id, r.person_entity_id, string_agg(DISTINCT r.title || ', ' || o.name, '; ') AS speaker_titles
    FROM roles AS r
    JOIN entities AS o ON o.entity_id = r.org_entity_id
    GROUP BY ALL
)
SELECT
    coalesce(e.name, q.speaker_name) AS speaker,
    t.speaker_titles,
    q.quote_text,
    a.title AS article_title,
    a.source_name,
    a.published_date,
    q.speaker_entity_id,
    q.article_id,
    q.start_char
FROM quotes AS q
JOIN articles AS a USING (article_id)
LEFT JOIN entities AS e ON e.entity_id = q.speaker_entity_id
LEFT JOIN titles AS t ON t.article_id = q.article_id AND t.person_entity_id = q.speaker_entity_id;
