-- Fact rows whose mention_text is not the slice of clean_text at their offsets.
WITH spans AS (
    SELECT 'entity_mentions' AS fact_table, article_id, start_char, end_char, mention_text FROM entity_mentions
    UNION ALL SELECT 'money_facts', article_id, start_char, end_char, mention_text FROM money_facts
    UNION ALL SELECT 'quantity_facts', article_id, start_char, end_char, mention_text FROM quantity_facts
    UNION ALL SELECT 'date_facts', article_id, start_char, end_char, mention_text FROM date_facts
    UNION ALL SELECT 'quotes', article_id, start_char, end_char, quote_text FROM quotes
    UNION ALL SELECT 'roles', article_id, start_char, end_char, mention_text FROM roles
)
SELECT s.*
FROM spans AS s
LEFT JOIN articles AS a USING (article_id)
WHERE a.article_id IS NULL
   OR substr(a.clean_text, s.start_char + 1, s.end_char - s.start_char) IS DISTINCT FROM s.mention_text;
