-- A declared source schema (exact DECIMAL), JSONL in, CSV out with quoting.
CREATE STREAM trades (symbol VARCHAR, price DECIMAL(12,4), qty BIGINT, ts TIMESTAMP, note VARCHAR)
WITH ('type' = 'file_source', 'path' = 'data/trades.jsonl', 'format' = 'jsonl',
      'event.time.field' = 'ts');

CREATE STREAM notional AS
SELECT symbol, price, qty, price * qty AS notional, ABS(qty) AS size,
       COALESCE(note, '-') AS note, symbol || ':' || CAST(qty AS VARCHAR) AS tag
FROM trades
WHERE qty <> 0
WITH ('notional.type' = 'file_sink', 'notional.path' = 'out/notional.csv',
      'notional.format' = 'csv');
