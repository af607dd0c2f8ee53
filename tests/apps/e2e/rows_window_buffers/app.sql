-- OVER clauses with different buffers in one query: each call sees only its own last n rows.
CREATE STREAM sums AS
SELECT symbol, qty,
       SUM(qty) OVER (ROWS WINDOW BUFFER 2 ROWS PARTITION BY symbol) AS last2,
       MIN(qty) OVER (ROWS WINDOW BUFFER 3 ROWS PARTITION BY symbol) AS min3,
       FIRST_VALUE(qty) OVER (ROWS WINDOW BUFFER 3 ROWS PARTITION BY symbol) AS first3,
       COUNT(*) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY symbol) AS seen
FROM trades
WITH ('trades.type' = 'file_source', 'trades.path' = 'data/trades.csv', 'trades.format' = 'csv',
      'sums.type' = 'file_sink', 'sums.path' = 'out/sums.jsonl');
