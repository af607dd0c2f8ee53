-- GROUP BY without a window is a changelog: one row per changed key (batch size 1: per record).
CREATE STREAM running AS
SELECT symbol, COUNT(*) AS n, SUM(qty) AS volume
FROM trades
GROUP BY symbol
WITH ('trades.type' = 'file_source', 'trades.path' = 'data/trades.csv', 'trades.format' = 'csv',
      'trades.batch.size' = '1',
      'running.type' = 'file_sink', 'running.path' = 'out/running.jsonl');
