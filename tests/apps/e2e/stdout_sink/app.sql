-- A bare SELECT with no sink configured prints JSON lines to stdout.
SELECT k, v, v IS NULL AS missing, COALESCE(v, -1) * 10 AS v10
FROM kv
WITH ('kv.type' = 'file_source', 'kv.path' = 'data/kv.csv', 'kv.format' = 'csv');
