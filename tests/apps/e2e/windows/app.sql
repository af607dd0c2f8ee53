-- Event-time windows closed by the watermark. Record 8 (ts 2500) arrives after ts 7000 with no
-- allowed disorder, so its window [0, 5000) has closed: it is late and dropped, although all
-- rows arrive in one batch (the source gives every row the watermark in force before it).
CREATE STREAM events (id BIGINT, user VARCHAR, amount BIGINT, ts TIMESTAMP)
WITH ('type' = 'file_source', 'path' = 'data/events.csv', 'format' = 'csv',
      'event.time.field' = 'ts', 'watermark.max_out_of_orderness' = '0s');

CREATE STREAM tumbling AS
SELECT user, _window_start AS ws, _window_end AS we, COUNT(*) AS n, SUM(amount) AS total
FROM events GROUP BY user WINDOW TUMBLING(5s)
WITH ('tumbling.type' = 'file_sink', 'tumbling.path' = 'out/tumbling.jsonl');

CREATE STREAM sliding AS
SELECT user, _window_start AS ws, COUNT(*) AS n, MAX(amount) AS top
FROM events GROUP BY user WINDOW SLIDING(INTERVAL '10' SECOND, INTERVAL '5' SECOND)
WITH ('sliding.type' = 'file_sink', 'sliding.path' = 'out/sliding.jsonl');

CREATE STREAM sessions AS
SELECT user, _window_start AS ws, _window_end AS we, COUNT(*) AS n
FROM events GROUP BY user WINDOW SESSION(4s)
WITH ('sessions.type' = 'file_sink', 'sessions.path' = 'out/sessions.jsonl');
