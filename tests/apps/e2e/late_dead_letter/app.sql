-- Late records go to the dead-letter file with the source's bad records. Record 8 (ts 2500)
-- arrives after ts 7000 with no allowed disorder: its window has closed. Record 11 is malformed.
CREATE STREAM events (id BIGINT, user VARCHAR, amount BIGINT, ts TIMESTAMP)
WITH ('type' = 'file_source', 'path' = 'data/events.csv', 'format' = 'csv',
      'event.time.field' = 'ts', 'on.error' = 'dead_letter',
      'dlq.path' = 'out/dead_letters.jsonl');

CREATE STREAM totals AS
SELECT user, _window_start AS ws, COUNT(*) AS n, SUM(amount) AS total
FROM events
GROUP BY user
WINDOW TUMBLING(5s)
WITH ('totals.type' = 'file_sink', 'totals.path' = 'out/totals.jsonl');
