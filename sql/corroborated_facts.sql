-- corroborated_facts: one row per pair of reports, from two different sources,
-- of the same measure (money in one currency, or a quantity of one kind and
-- unit) for the same entity. Values within 2 % of each other corroborate;
-- values within a factor of 1.5 but further apart than 2 % are flagged as
-- conflicting (likely the same figure reported differently); further apart,
-- they are taken to be different figures and left out.
-- Grain: (entity_id, measure, first article_id, first start_char, second article_id, second start_char).
CREATE OR REPLACE VIEW corroborated_facts AS
WITH pairs AS (
    SELECT
        a.entity_id,
        a.entity_name,
        a.measure,
        a.value AS first_value,
        b.value AS second_value,
        abs(a.value - b.value) / greatest(abs(a.value), abs(b.value)) AS relative_difference,
        a.source_name AS first_source,
        b.source_name AS second_source,
        a.sentence AS first_sentence,
        b.sentence AS second_sentence,
        a.article_id AS first_article_id,
        a.start_char AS first_start_char,
        b.article_id AS second_article_id,
        b.start_char AS second_start_char
    FROM entity_facts AS a
    JOIN entity_facts AS b
        ON a.entity_id = b.entity_id
        AND a.measure = b.measure
        AND a.source_name < b.source_name
    WHERE greatest(a.value, b.value) > 0
)
SELECT
    *,
    relative_difference <= 0.02 AS is_corroborated,
    relative_difference > 0.02 AS is_conflicting
FROM pairs
WHERE relative_difference <= 1 - 1 / 1.5;
