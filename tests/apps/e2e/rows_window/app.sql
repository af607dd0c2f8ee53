-- Analytic functions over the last rows of each symbol: one output row per input row.
CREATE STREAM moves AS
SELECT symbol, price,
       LAG(price) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol) AS prev,
       ROW_NUMBER() OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol) AS seq,
       AVG(price) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol
                        ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS avg2,
       SUM(qty) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol) AS cum_qty
FROM trades
WITH ('trades.type' = 'file_source', 'trades.path' = 'data/trades.csv', 'trades.format' = 'csv',
      'moves.type' = 'file_sink', 'moves.path' = 'out/moves.jsonl');
