-- A keyed changelog over a file with on.error = 'fail' and small chunks: with two or more
-- partitions parser actors parse the chunks in parallel, yet the run stops at the file's first
-- bad record (line 8), after exactly the rows before it went through, as a sequential read does.
CREATE STREAM trades (symbol VARCHAR, qty BIGINT)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv', 'batch.size' = '1',
      'chunk.size' = '16', 'on.error' = 'fail');

CREATE STREAM running AS
SELECT symbol, COUNT(*) AS n, SUM(qty) AS volume
FROM trades
GROUP BY symbol
WITH ('running.type' = 'file_sink', 'running.path' = 'out/running.jsonl');
