-- entity_facts: one row per money amount or quantity x organisation or person
-- named in the same sentence, with that sentence. The building block of
-- money_by_organization and corroborated_facts.
-- Grain: (fact_table, article_id, start_char, entity_id).
CREATE OR REPLACE VIEW entity_facts AS
WITH figures AS (
    SELECT 'money_facts' AS fact_table, article_id, start_char, end_char, mention_text,
           'money:' || currency AS measure, amount AS value, amount_usd
    FROM money_facts
    UNION ALL
    SELECT 'quantity_facts', article_id, start_char, end_char, mention_text,
           kind || ':' || coalesce(lower(unit), ''), value, NULL
    FROM quantity_facts
),
figures_with_sentence AS (
    SELECT f.*, a.source_name, a.published_date, a.clean_text,
           sentence_start(a.clean_text, f.start_char) AS sentence_start,
           sentence_end(a.clean_text, f.end_char) AS sentence_end
    FROM figures AS f
    JOIN articles AS a USING (article_id)
)
SELECT DISTINCT
    f.fact_table,
    f.article_id,
    f.source_name,
    f.published_date,
    f.start_char,
    f.end_char,
    f.mention_text,
    f.measure,
    f.value,
    f.amount_usd,
    e.entity_id,
    e.name AS entity_name,
    e.entity_type,
    trim(substr(f.clean_text, f.sentence_start + 1, f.sentence_end - f.sentence_start)) AS sentence
FROM figures_with_sentence AS f
JOIN entity_mentions AS m
    ON m.article_id = f.article_id AND m.start_char >= f.sentence_start AND m.end_char <= f.sentence_end
JOIN entities AS e
    ON e.entity_id = m.entity_id AND e.entity_type IN ('ORG', 'PERSON');
