-- A keyed event-time job over a file: N parser actors parse the chunks in parallel, each row's
-- watermark counted within its chunk, and each partition adds the watermarks of the chunks
-- before it in file order, so lateness is that of a sequential read.
CREATE STREAM trades (symbol VARCHAR, qty BIGINT, ts BIGINT)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv',
      'watermark.max_out_of_orderness' = '1s');

CREATE STREAM per_minute AS
SELECT symbol, COUNT(*) AS n, SUM(qty) AS qty
FROM trades
GROUP BY symbol
WINDOW TUMBLING(ts, INTERVAL '1' MINUTE)
WITH ('per_minute.type' = 'file_sink', 'per_minute.path' = 'out/per_minute.jsonl');
