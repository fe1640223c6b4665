-- Fact rows naming an entity_id that the entities table does not hold.
SELECT 'entity_mentions' AS fact_table, article_id, entity_id FROM entity_mentions
WHERE entity_id NOT IN (SELECT entity_id FROM entities)
UNION ALL
SELECT 'quotes', article_id, speaker_entity_id FROM quotes
WHERE speaker_entity_id IS NOT NULL AND speaker_entity_id NOT IN (SELECT entity_id FROM entities)
UNION ALL
SELECT 'roles', article_id, person_entity_id FROM roles WHERE person_entity_id NOT IN (SELECT entity_id FROM entities)
UNION ALL
SELECT 'roles', article_id, org_entity_id FROM roles WHERE org_entity_id NOT IN (SELECT entity_id FROM entities);
