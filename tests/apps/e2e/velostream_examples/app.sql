-- The examples of Velostream's COPY_PASTE_EXAMPLES.md (reference §2.2) that use stateful
-- features, with their query text unchanged and file connectors in place of Kafka.
CREATE STREAM market_data (symbol VARCHAR, price DOUBLE, quantity BIGINT, trade_time TIMESTAMP)
WITH ('type' = 'file_source', 'path' = 'data/market_data.csv', 'format' = 'csv',
      'event.time.field' = 'trade_time');
CREATE STREAM trades (symbol VARCHAR, price DOUBLE, quantity BIGINT, volume BIGINT,
                      trade_timestamp BIGINT, event_time TIMESTAMP)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv',
      'event.time.field' = 'event_time');
CREATE STREAM measurements (station VARCHAR, temperature DOUBLE)
WITH ('type' = 'file_source', 'path' = 'data/measurements.txt', 'format' = 'csv_no_header',
      'delimiter' = ';');

-- (2) Tumbling 1 minute (CTAS)
CREATE TABLE trade_stats AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as avg_price
FROM market_data
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '1' MINUTE)
EMIT CHANGES
WITH ('trade_stats.type' = 'file_sink', 'trade_stats.path' = 'out/02_trade_stats.jsonl');

-- (3) Sliding
CREATE TABLE moving_averages AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as moving_avg
FROM market_data
GROUP BY symbol
WINDOW SLIDING(INTERVAL '10' MINUTE, INTERVAL '2' MINUTE)
EMIT CHANGES
WITH ('moving_averages.type' = 'file_sink', 'moving_averages.path' = 'out/03_moving.jsonl');

-- (4) Explicit time column
CREATE TABLE trade_time_aggs AS
SELECT symbol,
       COUNT(*) as cnt,
       AVG(price) as avg_price
FROM market_data
GROUP BY symbol
WINDOW TUMBLING(market_data.trade_time, INTERVAL '5' MINUTE)
EMIT CHANGES
WITH ('trade_time_aggs.type' = 'file_sink', 'trade_time_aggs.path' = 'out/04_time_aggs.jsonl');

-- (5) LAG over ROWS WINDOW
CREATE STREAM price_changes AS
SELECT symbol,
       price,
       event_time,
       LAG(price, 1) OVER (
           ROWS WINDOW BUFFER 100 ROWS
           PARTITION BY symbol
           ORDER BY event_time
       ) as prev_price
FROM trades
WITH ('price_changes.type' = 'file_sink', 'price_changes.path' = 'out/05_price_changes.jsonl');

-- (6) ROWS WINDOW with frame
CREATE STREAM qty_last_50 AS
SELECT symbol,
       price,
       SUM(quantity) OVER (
           ROWS WINDOW BUFFER 100 ROWS
           PARTITION BY symbol
           ORDER BY event_time
           ROWS BETWEEN 50 PRECEDING AND CURRENT ROW
       ) as qty_last_50
FROM trades
WITH ('qty_last_50.type' = 'file_sink', 'qty_last_50.path' = 'out/06_qty_last_50.jsonl');

-- (7) 1BRC-style mmap file source
CREATE STREAM results AS
SELECT
    station,
    MIN(temperature) AS min_temp,
    AVG(temperature) AS avg_temp,
    MAX(temperature) AS max_temp
FROM measurements
GROUP BY station
EMIT CHANGES
WITH (
    'measurements.type' = 'file_source_mmap',
    'measurements.path' = './data/measurements.txt',
    'measurements.format' = 'csv_no_header',
    'measurements.delimiter' = ';',
    'results.type' = 'file_sink',
    'results.path' = './out/07_results.csv',
    'results.format' = 'csv'
);

-- (9) EMIT FINAL
CREATE TABLE hourly_stats AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as avg_price
FROM trades
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '5' MINUTE)
EMIT FINAL
WITH ('hourly_stats.type' = 'file_sink', 'hourly_stats.path' = 'out/09_hourly_stats.jsonl');

-- (12) Use MAX in aggregation
CREATE STREAM latest AS
SELECT symbol, SUM(volume), MAX(trade_timestamp) AS _EVENT_TIME
FROM trades GROUP BY symbol
WITH ('latest.type' = 'file_sink', 'latest.path' = 'out/12_latest.jsonl');

-- (14) Shorthand durations
CREATE STREAM shorthand AS
SELECT symbol, COUNT(*) AS n, _window_start AS ws
FROM trades GROUP BY symbol WINDOW SESSION(30s)
WITH ('shorthand.type' = 'file_sink', 'shorthand.path' = 'out/14_sessions.jsonl');

-- (15) Window bounds in output
CREATE TABLE windowed_trades AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as avg_price,
       _window_start as window_start,
       _window_end as window_end
FROM trades
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '1' MINUTE)
EMIT CHANGES
WITH ('windowed_trades.type' = 'file_sink', 'windowed_trades.path' = 'out/15_windowed.jsonl');
