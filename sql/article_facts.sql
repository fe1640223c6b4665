-- article_facts: one row per article, with how many facts of each kind it holds.
-- Grain: article_id.
CREATE OR REPLACE VIEW article_facts AS
WITH counts_per_table AS (
    SELECT article_id, 'mentions' AS kind, count(*) AS n FROM entity_mentions GROUP BY ALL
    UNION ALL SELECT article_id, 'entities', count(DISTINCT entity_id) FROM entity_mentions GROUP BY ALL
    UNION ALL SELECT article_id, 'money', count(*) FROM money_facts GROUP BY ALL
    UNION ALL SELECT article_id, 'quantities', count(*) FROM quantity_facts GROUP BY ALL
    UNION ALL SELECT article_id, 'dates', count(*) FROM date_facts GROUP BY ALL
    UNION ALL SELECT article_id, 'quotes', count(*) FROM quotes GROUP BY ALL
    UNION ALL SELECT article_id, 'roles', count(*) FROM roles GROUP BY ALL
    UNION ALL SELECT article_id, 'boilerplate_blocks', count(*) FROM boilerplate_blocks GROUP BY ALL
)
SELECT
    a.article_id,
    a.source_name,
    a.title,
    a.published_date,
    a.authors,
    length(a.clean_text) AS clean_chars,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'entities'), 0)::BIGINT AS entities,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'mentions'), 0)::BIGINT AS entity_mentions,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'money'), 0)::BIGINT AS money_facts,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'quantities'), 0)::BIGINT AS quantity_facts,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'dates'), 0)::BIGINT AS date_facts,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'quotes'), 0)::BIGINT AS quotes,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'roles'), 0)::BIGINT AS roles,
    coalesce(sum(c.n) FILTER (WHERE c.kind = 'boilerplate_blocks'), 0)::BIGINT AS boilerplate_blocks
FROM articles AS a
LEFT JOIN counts_per_table AS c USING (article_id)
GROUP BY ALL;
