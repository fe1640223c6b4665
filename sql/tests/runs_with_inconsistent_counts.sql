-- Pipeline runs whose counts do not add up.
SELECT run_id, inputs_read, articles_new, articles_skipped
FROM pipeline_runs
WHERE inputs_read <> articles_new + articles_skipped OR finished_at < started_at;
