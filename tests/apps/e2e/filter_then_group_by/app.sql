-- A WHERE before a GROUP BY: hash routing hands the filter a shared batch and a selection,
-- and arrival order per key (STRING_AGG) must survive any number of partitions.
CREATE STREAM totals AS
SELECT k, COUNT(*) AS n, SUM(v) AS total, MAX(v) AS hi, STRING_AGG(CAST(v AS VARCHAR), '|') AS seq
FROM events
WHERE v > 0
GROUP BY k
EMIT FINAL
WITH ('events.type' = 'file_source', 'events.path' = 'data/events.csv', 'events.format' = 'csv',
      'totals.type' = 'file_sink', 'totals.path' = 'out/totals.jsonl');
