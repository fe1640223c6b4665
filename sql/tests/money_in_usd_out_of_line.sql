-- Money rows whose USD value disagrees with its amount in dollars, or is not positive.
SELECT article_id, mention_text, amount, currency, amount_usd
FROM money_facts
WHERE amount_usd <= 0 OR (currency = 'USD' AND abs(amount_usd - amount) > 1e-6 * amount);
