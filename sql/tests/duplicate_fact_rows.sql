-- Fact rows loaded twice (a re-run or a crash must never duplicate facts).
SELECT 'money_facts' AS fact_table, article_id, start_char, currency AS detail, count(*) AS copies
FROM money_facts GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'quantity_facts', article_id, start_char, kind, count(*) FROM quantity_facts GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'date_facts', article_id, start_char, granularity, count(*) FROM date_facts GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'entity_mentions', article_id, start_char, entity_id, count(*) FROM entity_mentions GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'quotes', article_id, start_char, NULL, count(*) FROM quotes GROUP BY ALL HAVING count(*) > 1;
