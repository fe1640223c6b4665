-- corroborated_facts: one row per entity x measure x pair of sources x pair of
-- values: two different sources reporting a figure of the same measure (money
-- in one currency, or a quantity of one kind and unit) for the same entity, in
-- a sentence naming it. Values within 2 % of each other corroborate. Values
-- more than 2 % but at most 10 % apart are flagged as conflicting: close
-- enough to be the same figure reported differently. Further apart they are
-- taken to be different figures and left out, and so are durations ("10 years"
-- and "11 years" are different spans, not a disagreement).
-- Grain: (entity_id, measure, first_source, second_source, first_value, second_value).
CREATE OR REPLACE VIEW corroborated_facts AS
WITH figures AS (
    SELECT *
    FROM entity_facts
    WHERE measure NOT SIMILAR TO 'measure:(second|minute|hour|day|week|month|quarter|year)s?'
),
pairs AS (
    SELECT
        a.entity_id,
        a.entity_name,
        a.measure,
        a.value AS first_value,
        b.value AS second_value,
        abs(a.value - b.value) / greatest(abs(a.value), abs(b.value)) AS relative_difference,
        a.source_name AS first_source,
        b.source_name AS second_source,
        min(a.sentence) AS first_sentence,
        min(b.sentence) AS second_sentence
    FROM figures AS a
    JOIN figures AS b
        ON a.entity_id = b.entity_id
        AND a.measure = b.measure
        AND a.source_name < b.source_name
    WHERE greatest(abs(a.value), abs(b.value)) > 0
    GROUP BY ALL
)
SELECT
    *,
    relative_difference <= 0.02 AS is_corroborated,
    relative_difference > 0.02 AS is_conflicting
FROM pairs
WHERE relative_difference <= 0.10;
