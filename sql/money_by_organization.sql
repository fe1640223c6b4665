-- money_by_organization: one row per money amount x organisation named in the
-- same sentence, in US dollars, with the sentence and its source.
-- Grain: (article_id, start_char, entity_id).
CREATE OR REPLACE VIEW money_by_organization AS
SELECT
    entity_id AS organization_id,
    entity_name AS organization,
    amount_usd,
    value AS amount,
    replace(measure, 'money:', '') AS currency,
    mention_text,
    sentence,
    source_name,
    published_date,
    article_id,
    start_char
FROM entity_facts
WHERE fact_table = 'money_facts' AND entity_type = 'ORG';
