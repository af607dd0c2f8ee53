-- A keyed job over a file: N parser actors parse the chunks in parallel, and each partition
-- takes its keys' rows from them in file order, also with on.error = 'fail' (the run then stops
-- at the file's first bad record, after exactly the rows before it).
CREATE STREAM trades (symbol VARCHAR, price DECIMAL(10,2), qty BIGINT, ts BIGINT)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv');

CREATE STREAM strict_trades (symbol VARCHAR, price DECIMAL(10,2), qty BIGINT, ts BIGINT)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv', 'on.error' = 'fail');

CREATE STREAM qtys AS
SELECT symbol, STRING_AGG(CAST(qty AS VARCHAR), '+') AS qtys
FROM trades
GROUP BY symbol
EMIT FINAL
WITH ('qtys.type' = 'file_sink', 'qtys.path' = 'out/qtys.jsonl');

CREATE STREAM strict_qtys AS
SELECT symbol, STRING_AGG(CAST(qty AS VARCHAR), '+') AS qtys
FROM strict_trades
GROUP BY symbol
EMIT FINAL
WITH ('strict_qtys.type' = 'file_sink', 'strict_qtys.path' = 'out/strict_qtys.jsonl');
