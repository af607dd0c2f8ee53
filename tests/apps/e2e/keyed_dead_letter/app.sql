-- A keyed job over a file with on.error = 'dead_letter' and small chunks: with two or more
-- partitions parser actors parse the chunks in parallel, yet the dead-letter file lists the bad
-- records in file order, as a sequential read writes it (partition 0 appends each chunk's).
CREATE STREAM trades (symbol VARCHAR, qty BIGINT)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv', 'chunk.size' = '16',
      'on.error' = 'dead_letter', 'dlq.path' = 'out/bad.jsonl');

CREATE STREAM totals AS
SELECT symbol, COUNT(*) AS n, SUM(qty) AS volume
FROM trades
GROUP BY symbol
EMIT FINAL
WITH ('totals.type' = 'file_sink', 'totals.path' = 'out/totals.jsonl');
