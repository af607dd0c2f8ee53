-- GROUP BY with exact DECIMAL sums, statistics and HAVING; each group once at the end.
CREATE STREAM trades (symbol VARCHAR, price DECIMAL(10,2), qty BIGINT, ts BIGINT)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv');

CREATE STREAM stats AS
SELECT symbol, COUNT(*) AS n, SUM(price * qty) AS notional, AVG(price) AS avg_price,
       MIN(price) AS lo, MAX(price) AS hi, DELTA(price) AS spread, MEDIAN(qty) AS med_qty,
       STRING_AGG(CAST(qty AS VARCHAR), '+') AS qtys
FROM trades
GROUP BY symbol
HAVING COUNT(*) > 1
EMIT FINAL
WITH ('stats.type' = 'file_sink', 'stats.path' = 'out/stats.jsonl');
