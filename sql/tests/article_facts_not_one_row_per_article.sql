-- Articles that article_facts does not show exactly once.
SELECT a.article_id, count(f.article_id) AS rows_in_view
FROM articles AS a
LEFT JOIN article_facts AS f USING (article_id)
GROUP BY ALL
HAVING count(f.article_id) <> 1;
