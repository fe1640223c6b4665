-- Fact rows loaded twice (a re-run or a crash must never duplicate facts). A range
-- ("RMB30,000–40,000") rightly gives two rows at one span, told apart by their values.
SELECT 'money_facts' AS fact_table, article_id, start_char, currency || ' ' || amount AS detail, count(*) AS copies
FROM money_facts GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'quantity_facts', article_id, start_char, kind || ' ' || value, count(*) FROM quantity_facts GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'date_facts', article_id, start_char, granularity || ' ' || date_start, count(*) FROM date_facts GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'entity_mentions', article_id, start_char, entity_id, count(*) FROM entity_mentions GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'quotes', article_id, start_char, NULL, count(*) FROM quotes GROUP BY ALL HAVING count(*) > 1;
